package dev.kiln.frontend.ast;

import dev.kiln.diag.Span;
import java.util.List;

/** {@code return e1, e2, ...}. */
public record ReturnStmt(List<Expr> values, Span span) implements ModelStmt {
  public ReturnStmt { values = List.copyOf(values); }
}
