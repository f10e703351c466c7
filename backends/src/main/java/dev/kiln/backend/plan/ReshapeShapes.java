package dev.kiln.backend.plan;

import dev.kiln.diag.InternalCompilerError;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.Var;
import dev.kiln.runtime.plan.IntExpr;
import java.util.ArrayList;
import java.util.List;

/**
 * The target shape of a reshape as the runtime evaluates it: each dimension is an expression over
 * the source tensor's dimensions ({@code Size(k)} = source dim k), found by replacing every model
 * symbol with a source axis whose dimension is exactly that symbol. At most one dimension that
 * cannot be written so is left as {@code Const(-1)}, which the runtime infers from the element count.
 */
final class ReshapeShapes {
  private ReshapeShapes() {}

  static List<IntExpr> of(List<Expr> src, List<Expr> target) {
    List<IntExpr> out = new ArrayList<>();
    boolean inferred = false;
    for (Expr d : target) {
      try {
        out.add(SizePatterns.expr(d, v -> axisOf(src, v)));
      } catch (SizePatterns.Untranslatable e) {
        if (inferred) throw new InternalCompilerError("reshape to " + target + " has two dims not derivable from " + src);
        inferred = true;
        out.add(new IntExpr.Const(-1));
      }
    }
    return out;
  }

  private static int axisOf(List<Expr> src, Var v) {
    for (int k = 0; k < src.size(); k++) if (src.get(k) == v) return k;
    return -1;
  }
}
