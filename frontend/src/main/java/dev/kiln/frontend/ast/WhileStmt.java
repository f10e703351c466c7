package dev.kiln.frontend.ast;

import dev.kiln.diag.Span;
import java.util.List;

/** {@code while cond { body }}. */
public record WhileStmt(Expr cond, List<ModelStmt> body, Span span) implements ModelStmt {
  public WhileStmt { body = List.copyOf(body); }
}
