package dev.kiln.ir.schedule;

import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.text.TirPrinter;
import dev.kiln.ir.tir.util.FreeVars;
import dev.kiln.ir.tir.util.Interval;
import dev.kiln.ir.tir.util.Simplify;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Divides one iteration binding into a part over the loops outside a loop and a part over the
 * loops from it inwards (TensorIR's subspace division, for the affine case blockize needs).
 *
 * <p>Algorithm: simplify the binding to a sum of terms; a term that uses both outer and inner loop
 * variables fails the division. The inner terms I are bounded over the inner loops
 * ({@link RegionBound}) to {@code [lo, hi]}; with {@code E = hi - lo + 1} and the outer terms O,
 * {@code O + lo} must be provably a multiple of E. Then
 * {@code binding = ((O + lo) / E) * E + (I - lo)} with {@code 0 <= I - lo < E}: the outer
 * iteration variable is bound to {@code (O + lo) / E} and the inner binding becomes
 * {@code vo * E + (I - lo)}. A binding over only one side needs no division: over outer loops only
 * it becomes an outer variable whole ({@code E = 1}); over inner loops (or none) only it stays.
 */
final class SubspaceDivide {
  private SubspaceDivide() {}

  /** {@code outer} is the outer variable's binding (null: no outer variable); the inner binding is {@code vo * factor + inner}. */
  record Part(Expr outer, Expr factor, Expr inner) {}

  static Part of(Expr binding, String ivName, Map<Var, For> innerLoops, Set<Var> outerVars, List<Var> sizes,
      Map<Var, Interval> bounds, String what) {
    Expr b = Simplify.expr(binding, bounds);
    Set<Var> used = FreeVars.of(b);
    boolean usesInner = used.stream().anyMatch(innerLoops::containsKey);
    boolean usesOuter = used.stream().anyMatch(outerVars::contains);
    if (!usesOuter) return new Part(null, null, b);
    if (!usesInner) return new Part(b, Expr.i32(1), Expr.i32(0));
    String why = what + "the binding `" + TirPrinter.print(b) + "` of iter var `" + ivName + "` is not affine-divisible into "
        + "loops outside and inside the loop";
    Expr outer = Expr.i32(0), inner = Expr.i32(0);
    for (Expr t : terms(b, false)) {
      Set<Var> tv = FreeVars.of(t);
      boolean ti = tv.stream().anyMatch(innerLoops::containsKey), to = tv.stream().anyMatch(outerVars::contains);
      if (ti && to)
        throw new ScheduleException(why + (Simplify.expr(t).equals(b) ? ": it is one term over both"
            : ": its term `" + TirPrinter.print(Simplify.expr(t)) + "` uses both"));
      if (ti) inner = new Binary(BinOp.ADD, inner, t);
      else outer = new Binary(BinOp.ADD, outer, t);
    }
    RegionBound.Bound r;
    try {
      r = RegionBound.of(inner, innerLoops, sizes, what);
    } catch (ScheduleException e) {
      throw new ScheduleException(why + ": " + e.getMessage().substring(what.length()));
    }
    Expr extent = Simplify.expr(new Binary(BinOp.ADD, new Binary(BinOp.SUB, r.hi(), r.lo()), Expr.i32(1)), bounds);
    Expr shifted = Simplify.expr(new Binary(BinOp.ADD, outer, r.lo()), bounds);
    if (!Simplify.isConst(Simplify.expr(new Binary(BinOp.MOD, shifted, extent), bounds), 0))
      throw new ScheduleException(why + ": its outer part `" + TirPrinter.print(shifted) + "` is not a multiple of the extent `"
          + TirPrinter.print(extent) + "` of its inner part");
    return new Part(Simplify.expr(new Binary(BinOp.DIV, shifted, extent), bounds), extent,
        Simplify.expr(new Binary(BinOp.SUB, inner, r.lo()), bounds));
  }

  /** The terms of a sum (negated ones as {@code t * -1}). */
  private static List<Expr> terms(Expr e, boolean negate) {
    if (e instanceof Binary x && (x.op() == BinOp.ADD || x.op() == BinOp.SUB)) {
      List<Expr> out = new java.util.ArrayList<>(terms(x.a(), negate));
      out.addAll(terms(x.b(), x.op() == BinOp.SUB != negate));
      return out;
    }
    return List.of(negate ? new Binary(BinOp.MUL, e, Expr.i32(-1)) : e);
  }
}
