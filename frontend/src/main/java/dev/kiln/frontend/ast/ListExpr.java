package dev.kiln.frontend.ast;

import dev.kiln.diag.Span;
import java.util.List;

/** {@code [e1, e2, ...]}, e.g. the shape in {@code zeros([1, 64])}. */
public record ListExpr(List<Expr> elems, Span span) implements Expr {
  public ListExpr { elems = List.copyOf(elems); }
}
