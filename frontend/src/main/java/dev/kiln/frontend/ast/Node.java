package dev.kiln.frontend.ast;

import dev.kiln.diag.Span;

/** Every AST node carries the source span it was parsed from. */
public interface Node {
  Span span();
}
