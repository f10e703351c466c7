package dev.kiln.ir.schedule;

import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.ForKind;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.util.Interval;
import dev.kiln.ir.tir.util.Simplify;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code split(loop, f0, ..., fn-1)}: replaces {@code for v in [min, min+E)} by n perfectly nested
 * loops {@code v0 in [0, F0) ... vn-1 in [0, Fn-1)} and every use of v by
 * {@code min + ((v0*F1 + v1)*F2 + ...)}. One factor may be -1: it is inferred as
 * {@code ceil(E / product of the others)} (a floor-division expression when E is symbolic). When
 * the product of the factors is not provably equal to E, the tail is guarded: every outermost
 * block realize under the loop gets the predicate {@code fused < E} and-ed in (TensorIR's
 * {@code T.where}), so the program is the same on every shape.
 *
 * <p>Preconditions: at least two factors; at most one -1; other factors positive; a serial loop;
 * without -1, E must be a constant not larger than the product.
 */
final class Split {
  private Split() {}

  record Result(PrimFunc func, List<Var> loops) {}

  static Result apply(PrimFunc f, LoopRef ref, int[] factors, List<String> names) {
    For loop = LoopNest.loop(f, ref);
    String what = "cannot split loop " + ref + ": ";
    if (factors.length < 2) throw new ScheduleException(what + "give at least two factors, got " + factors.length);
    if (names != null && names.size() != factors.length)
      throw new ScheduleException(what + factors.length + " factors but " + names.size() + " result names");
    int inferred = -1;
    long product = 1;
    for (int k = 0; k < factors.length; k++) {
      if (factors[k] == -1) {
        if (inferred >= 0) throw new ScheduleException(what + "at most one factor may be -1 (inferred)");
        inferred = k;
      } else if (factors[k] <= 0) {
        throw new ScheduleException(what + "factor " + factors[k] + " is not positive");
      } else {
        product *= factors[k];
        if (product > Integer.MAX_VALUE) throw new ScheduleException(what + "the product of the factors overflows i32");
      }
    }
    if (loop.kind() != ForKind.SERIAL)
      throw new ScheduleException(what + "it is " + loop.kind().text() + "; split before annotating");
    Expr extent = Simplify.expr(loop.extent());
    List<Expr> exts = new ArrayList<>();
    for (int factor : factors) exts.add(Expr.i32(factor));
    if (inferred >= 0) {
      Expr p = Expr.i32(product);
      exts.set(inferred, Simplify.expr(new Binary(BinOp.DIV,
          new Binary(BinOp.ADD, extent, new Binary(BinOp.SUB, p, Expr.i32(1))), p)));
    } else if (extent instanceof IntImm e) {
      if (product < e.value())
        throw new ScheduleException(what + "factors cover " + product + " iterations of its extent " + e.value());
    } else {
      throw new ScheduleException(what + "its extent is symbolic, so one factor must be -1 (inferred)");
    }
    List<Var> vars = new ArrayList<>();
    for (int k = 0; k < factors.length; k++)
      vars.add(new Var(names != null ? names.get(k) : loop.var().name() + "_" + k, loop.var().dtype()));
    Expr fused = vars.get(0);
    Expr total = exts.get(0);
    for (int k = 1; k < vars.size(); k++) {
      fused = new Binary(BinOp.ADD, new Binary(BinOp.MUL, fused, exts.get(k)), vars.get(k));
      total = new Binary(BinOp.MUL, total, exts.get(k));
    }
    Map<Var, Interval> bounds = LoopNest.constBounds(f.body());
    for (int k = 0; k < vars.size(); k++) {
      Interval r = LoopNest.constRange(Expr.i32(0), exts.get(k));
      if (r != null) bounds.put(vars.get(k), r);
    }
    Expr value = Simplify.expr(new Binary(BinOp.ADD, loop.min(), fused), bounds);
    Stmt body = LoopNest.substitute(loop.body(), Map.of(loop.var(), value), bounds);
    if (!Simplify.isConst(new Binary(BinOp.SUB, total, extent), 0))
      body = LoopNest.guard(body, Simplify.expr(new Binary(BinOp.LT, fused, extent), bounds));
    for (int k = vars.size() - 1; k >= 0; k--) body = For.serial(vars.get(k), Expr.i32(0), exts.get(k), body);
    return new Result(f.withBody(LoopNest.replace(f.body(), loop, body)), vars);
  }
}
