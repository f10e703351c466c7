package dev.kiln.frontend.ast;

import dev.kiln.diag.Span;
import java.util.List;

/**
 * One index-notation statement: {@code target[indices] op value [where v in lo .. hi, ...]}.
 * {@code op} is one of {@code = += *= max= min=}. Indices on the left are plain names.
 */
public record OpStmt(Ident target, List<Ident> indices, String op, Expr value, List<WhereRange> where,
    Span span) implements Node {
  public OpStmt {
    indices = List.copyOf(indices);
    where = List.copyOf(where);
  }

  public boolean isReduction() { return !op.equals("="); }
}
