package dev.kiln.frontend.model;

import dev.kiln.diag.DiagnosticSink;
import dev.kiln.diag.KilnException;
import dev.kiln.diag.SourceFile;
import dev.kiln.frontend.ast.Import;
import dev.kiln.frontend.ast.Program;
import dev.kiln.frontend.parse.KilnParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses a main file and, depth first, everything it imports. {@code import "std/nn"} names a
 * library file shipped inside the compiler ({@code /std/nn.kiln} on the class path); any other path
 * resolves against the importing file's folder, with {@code .kiln} appended when it has no
 * extension. Every file implicitly imports {@code std/core}. Each file is read once, so import
 * cycles are harmless. A missing import is a diagnostic at the import's span.
 */
public final class SourceLoader {
  public static final String CORE = "std/core";

  private final List<Program> imported = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();
  private final DiagnosticSink sink = new DiagnosticSink();
  private Program core;

  private SourceLoader() {}

  /** Loads {@code main} and its imports; throws KilnException with every parse and import error. */
  public static Library load(SourceFile main) {
    SourceLoader loader = new SourceLoader();
    Program mainProgram = loader.parse(main);
    loader.seen.add(key(main.path()));
    if (mainProgram != null) {
      loader.loadStd(CORE, null);
      loader.loadImports(mainProgram, Path.of(main.path()).toAbsolutePath().getParent());
    }
    loader.sink.throwIfErrors();
    return new Library(mainProgram, loader.imported, loader.core);
  }

  /** Reads a std library file's text from the class path, or null when there is none. */
  public static String stdText(String name) {
    try (InputStream in = SourceLoader.class.getResourceAsStream("/" + name + ".kiln")) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }

  private static String key(String path) {
    try {
      return Path.of(path).toAbsolutePath().normalize().toString();
    } catch (RuntimeException e) {
      return path;
    }
  }

  private Program parse(SourceFile file) {
    try {
      return KilnParser.parse(file);
    } catch (KilnException e) {
      sink.addAll(e);
      return null;
    }
  }

  private void loadImports(Program p, Path dir) {
    for (Import imp : p.imports()) {
      String path = imp.path();
      if (path.startsWith("std/")) {
        if (!loadStd(path, imp)) continue;
      } else {
        Path file = (dir == null ? Path.of(path) : dir.resolve(path));
        if (!file.getFileName().toString().contains(".")) file = file.resolveSibling(file.getFileName() + ".kiln");
        String k = key(file.toString());
        if (seen.contains(k)) continue;
        if (!Files.isRegularFile(file)) {
          sink.error(imp.span(), "cannot find imported file \"" + path + "\" (looked for " + file + ")");
          continue;
        }
        seen.add(k);
        String text;
        try {
          text = Files.readString(file);
        } catch (IOException e) {
          sink.error(imp.span(), "cannot read imported file " + file + ": " + e.getMessage());
          continue;
        }
        Program q = parse(new SourceFile(file.toString(), text));
        if (q != null) {
          imported.add(q);
          loadImports(q, file.toAbsolutePath().getParent());
        }
      }
    }
  }

  private boolean loadStd(String name, Import at) {
    String k = "<std>/" + name;
    if (seen.contains(k)) return true;
    String text = stdText(name);
    if (text == null) {
      if (at != null) sink.error(at.span(), "unknown library \"" + name + "\" (the standard library has std/core and std/nn)");
      return false;
    }
    seen.add(k);
    Program q = parse(new SourceFile(name + ".kiln", text));
    if (q == null) return false;
    if (name.equals(CORE)) core = q;
    if (!name.equals(CORE)) loadStd(CORE, null);
    imported.add(q);
    loadImports(q, null);
    return true;
  }
}
