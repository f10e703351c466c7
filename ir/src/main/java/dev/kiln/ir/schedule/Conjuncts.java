package dev.kiln.ir.schedule;

import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.text.TirPrinter;
import dev.kiln.ir.tir.util.Simplify;
import dev.kiln.ir.tir.util.Substitute;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Block predicates as lists of {@code &&}-ed conjuncts, and the monotonicity check rfactor needs. */
final class Conjuncts {
  private Conjuncts() {}

  /** The conjuncts of {@code e} (none for the constant true). */
  static List<Expr> of(Expr e) {
    List<Expr> out = new ArrayList<>();
    if (e instanceof Binary x && x.op() == BinOp.AND) {
      out.addAll(of(x.a()));
      out.addAll(of(x.b()));
    } else if (!(e instanceof IntImm t && t.value() == 1)) {
      out.add(e);
    }
    return out;
  }

  /**
   * Checks that whenever {@code conj} holds at some iteration of the reduction loops other than
   * {@code keep}, it holds at their first iteration: {@code conj} is {@code a < b} or
   * {@code a <= b}, {@code b} uses none of those loops, and {@code a - a[loops := their mins]} has a
   * provably non-negative lower bound over them ({@link RegionBound}).
   */
  static void requireSmallestAtFirst(Expr conj, List<For> reduceLoops, For keep, List<Var> sizes, String what) {
    Map<Var, For> others = new IdentityHashMap<>();
    Map<Var, Expr> firsts = new IdentityHashMap<>();
    for (For l : reduceLoops)
      if (l != keep) {
        others.put(l.var(), l);
        firsts.put(l.var(), l.min());
      }
    String why = what + "its predicate `" + TirPrinter.print(conj) + "` might hold at later iterations of the other "
        + "reduction loops but not at their first, where the rf block's init runs";
    if (!(conj instanceof Binary c) || (c.op() != BinOp.LT && c.op() != BinOp.LE)
        || LoopNest.usesAny(c.b(), List.copyOf(others.keySet())))
      throw new ScheduleException(why);
    Expr diff = Simplify.expr(new Binary(BinOp.SUB, c.a(), Substitute.expr(c.a(), firsts)));
    Expr low;
    try {
      low = RegionBound.of(diff, others, sizes, what).lo();
    } catch (ScheduleException e) {
      throw new ScheduleException(why);
    }
    if (!Simplify.isConst(Simplify.expr(new Binary(BinOp.LE, Expr.i32(0), low)), 1)) throw new ScheduleException(why);
  }
}
