package dev.kiln.frontend.ast;

import dev.kiln.diag.Span;
import java.util.List;

/** {@code for v in lo .. hi { body }}, half-open. */
public record ForStmt(Ident var, Expr lo, Expr hi, List<ModelStmt> body, Span span) implements ModelStmt {
  public ForStmt { body = List.copyOf(body); }
}
