package dev.kiln.frontend.ast;

import dev.kiln.diag.Span;
import java.util.List;

/**
 * One primitive application: {@code r1, r2 = prim(arg, ...)} or {@code prim(arg, ...)}.
 * Arguments are expressions: names (axes, blocks, buffers), integers, strings.
 */
public record SchedStmt(List<Ident> results, Ident primitive, List<Expr> args, Span span) implements Node {
  public SchedStmt {
    results = List.copyOf(results);
    args = List.copyOf(args);
  }
}
