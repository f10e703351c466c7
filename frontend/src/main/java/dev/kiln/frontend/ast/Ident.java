package dev.kiln.frontend.ast;

import dev.kiln.diag.Span;

/** A name as written, with its span. */
public record Ident(String name, Span span) implements Node {
  @Override public String toString() { return name; }
}
