package dev.kiln.frontend.ast;

import dev.kiln.diag.SourceFile;
import dev.kiln.diag.Span;
import java.util.List;

/** One parsed .kiln file: its imports and its top-level definitions in source order. */
public record Program(SourceFile file, List<Import> imports, List<Decl> decls, Span span) implements Node {
  public Program {
    imports = List.copyOf(imports);
    decls = List.copyOf(decls);
  }
}
