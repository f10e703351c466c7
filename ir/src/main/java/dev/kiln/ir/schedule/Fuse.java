package dev.kiln.ir.schedule;

import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.ForKind;
import dev.kiln.ir.tir.IterKind;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.util.Interval;
import dev.kiln.ir.tir.util.Simplify;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code fuse(l0, ..., ln-1)}: replaces n perfectly nested loops (each the whole body of the
 * previous, given outer to inner) with extents E0..En-1 by one loop {@code f in [0, E0*...*En-1)}
 * and each use of lk by {@code mink + (f / Sk) % Ek} where Sk is the product of the extents of the
 * loops inside lk (the outermost needs no modulo, the innermost no division).
 *
 * <p>Preconditions: at least two loops, all serial, consecutive and perfectly nested in the given
 * order, no inner loop's min or extent depends on an outer fused loop, and no mix of a loop that
 * binds a spatial iter var with one that binds a reduction iter var. The last rule keeps the
 * block-init semantics sound: a loop that is purely spatial or purely reduction keeps "the first
 * executed iteration of a reduction is the one at its domain minimum" true under any later split
 * and reorder, while a mixed fused loop, once split and reordered, would run some reduction steps
 * before the init.
 */
final class Fuse {
  private Fuse() {}

  record Result(PrimFunc func, Var loop) {}

  static Result apply(PrimFunc f, List<LoopRef> refs, String name) {
    if (refs.size() < 2) throw new ScheduleException("cannot fuse: give at least two loops, got " + refs.size());
    List<For> loops = new ArrayList<>();
    for (LoopRef r : refs) loops.add(LoopNest.loop(f, r));
    List<Var> outerVars = new ArrayList<>();
    for (int k = 0; k < loops.size(); k++) {
      For l = loops.get(k);
      if (l.kind() != ForKind.SERIAL)
        throw new ScheduleException("cannot fuse loop " + refs.get(k) + ": it is " + l.kind().text() + "; fuse before annotating");
      if (k > 0 && loops.get(k - 1).body() != l)
        throw new ScheduleException("cannot fuse loops " + refs.get(k - 1) + " and " + refs.get(k)
            + ": " + refs.get(k) + " is not the whole body of " + refs.get(k - 1) + " (loops must be consecutive and perfectly nested, outer first)");
      if (LoopNest.usesAny(l.min(), outerVars) || LoopNest.usesAny(l.extent(), outerVars))
        throw new ScheduleException("cannot fuse loop " + refs.get(k) + ": its range depends on an outer loop being fused");
      outerVars.add(l.var());
    }
    checkNotMixed(loops, refs);
    String fusedName = name != null ? name
        : String.join("_", refs.stream().map(LoopRef::name).toList()) + "_fused";
    Var fv = new Var(fusedName, loops.get(0).var().dtype());
    Expr total = loops.get(0).extent();
    for (int k = 1; k < loops.size(); k++) total = new Binary(BinOp.MUL, total, loops.get(k).extent());
    total = Simplify.expr(total);
    Map<Var, Interval> bounds = LoopNest.constBounds(f.body());
    Interval fr = LoopNest.constRange(Expr.i32(0), total);
    if (fr != null) bounds.put(fv, fr);
    Map<Var, Expr> map = new IdentityHashMap<>();
    Expr stride = null;
    for (int k = loops.size() - 1; k >= 0; k--) {
      For l = loops.get(k);
      Expr v = stride == null ? fv : new Binary(BinOp.DIV, fv, stride);
      if (k > 0) v = new Binary(BinOp.MOD, v, l.extent());
      map.put(l.var(), Simplify.expr(new Binary(BinOp.ADD, l.min(), v), bounds));
      stride = stride == null ? l.extent() : new Binary(BinOp.MUL, l.extent(), stride);
    }
    Stmt body = LoopNest.substitute(loops.get(loops.size() - 1).body(), map, bounds);
    For fused = For.serial(fv, Expr.i32(0), total, body);
    return new Result(f.withBody(LoopNest.replace(f.body(), loops.get(0), fused)), fv);
  }

  private static void checkNotMixed(List<For> loops, List<LoopRef> refs) {
    for (int a = 0; a < loops.size(); a++) {
      String spatial = LoopNest.binding(loops.get(a).body(), loops.get(a).var(), IterKind.SPATIAL);
      if (spatial == null) continue;
      for (int b = 0; b < loops.size(); b++) {
        String red = LoopNest.reductionBinding(loops.get(b).body(), loops.get(b).var());
        if (red != null)
          throw new ScheduleException("cannot fuse " + (a == b ? "loop " + refs.get(a) + ": it binds both "
              + spatial + " and " + red : "loops " + refs.get(a) + " and " + refs.get(b) + ": " + refs.get(a)
              + " binds " + spatial + " but " + refs.get(b) + " binds " + red));
      }
    }
  }
}
