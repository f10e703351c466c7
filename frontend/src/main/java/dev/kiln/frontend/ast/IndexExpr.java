package dev.kiln.frontend.ast;

import dev.kiln.diag.Span;
import java.util.List;

/** {@code base[s1, s2, ...]}: element access in ops, indexing and slicing in models. */
public record IndexExpr(Expr base, List<Subscript> subscripts, Span span) implements Expr {
  public IndexExpr { subscripts = List.copyOf(subscripts); }
}
