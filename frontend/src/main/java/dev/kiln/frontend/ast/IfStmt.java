package dev.kiln.frontend.ast;

import dev.kiln.diag.Span;
import java.util.List;

/**
 * {@code if cond { then } else { otherwise }}. {@code otherwise} is empty when there is no else;
 * {@code else if} is an else holding a single IfStmt.
 */
public record IfStmt(Expr cond, List<ModelStmt> then, List<ModelStmt> otherwise, Span span) implements ModelStmt {
  public IfStmt {
    then = List.copyOf(then);
    otherwise = List.copyOf(otherwise);
  }
}
