package dev.kiln.tests;

import dev.kiln.diag.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reading test programs and the directives in their header comments ({@code // key: value}). */
final class Sources {
  private static final Pattern DIRECTIVE = Pattern.compile("^//\\s*([a-z-]+):\\s*(.*)$");

  private Sources() {}

  static SourceFile read(Path p) {
    try {
      return new SourceFile(p.toString(), Files.readString(p));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The .kiln files of a folder, sorted by name. */
  static List<Path> kilnFiles(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".kiln")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Directives from the leading comment lines of a file. */
  static Map<String, String> directives(SourceFile f) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : f.text().split("\n")) {
      String t = line.trim();
      if (!t.startsWith("//")) break;
      Matcher m = DIRECTIVE.matcher(t);
      if (m.matches()) out.put(m.group(1), m.group(2).trim());
    }
    return out;
  }

  /** {@code "B=2 T=3"} → {B: 2, T: 3}. */
  static Map<String, Integer> dims(String spec) {
    Map<String, Integer> out = new LinkedHashMap<>();
    if (spec == null || spec.isBlank()) return out;
    for (String kv : spec.trim().split("\\s+")) {
      String[] p = kv.split("=");
      out.put(p[0], Integer.parseInt(p[1]));
    }
    return out;
  }
}
