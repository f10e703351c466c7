package dev.kiln.frontend.ast;

import dev.kiln.diag.Span;
import java.util.List;

/** {@code a = e} or {@code a, b = e} (for ops with several outputs). */
public record Assign(List<Ident> targets, Expr value, Span span) implements ModelStmt {
  public Assign { targets = List.copyOf(targets); }
}
