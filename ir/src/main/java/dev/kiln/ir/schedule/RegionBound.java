package dev.kiln.ir.schedule;

import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.util.FreeVars;
import dev.kiln.ir.tir.util.Simplify;
import java.util.List;
import java.util.Map;

/**
 * Symbolic bounds of an index expression over a set of loops ({@code relaxed}): the inclusive
 * {@code [lo, hi]} as expressions of the other variables. Rules, exact for FLOOR division and
 * modulo: a relaxed loop variable spans {@code [min, min + extent - 1]} (its range may not use
 * another relaxed variable); {@code + -} combine ends; {@code *} and {@code /} by a constant
 * scale the ends (swapped for a negative factor; {@code /} only by a positive constant or a size
 * variable, which is monotone); {@code x % c} is {@code [0, c - 1]} unless x is a point (c a
 * positive constant or a size variable: sizes are positive wherever a division by them runs); {@code min}/{@code max}
 * combine ends; any other expression must not use a relaxed variable (it is a point). A failure
 * is a {@link ScheduleException}.
 */
final class RegionBound {
  private final Map<Var, For> relaxed;
  private final List<Var> sizes;
  private final String what;

  private RegionBound(Map<Var, For> relaxed, List<Var> sizes, String what) {
    this.relaxed = relaxed;
    this.sizes = sizes;
    this.what = what;
  }

  record Bound(Expr lo, Expr hi) {
    boolean isPoint() { return lo == hi; }
  }

  static Bound of(Expr e, Map<Var, For> relaxed, List<Var> sizes, String what) {
    Bound b = new RegionBound(relaxed, sizes, what).bound(Simplify.expr(e));
    return b.isPoint() ? b : new Bound(Simplify.expr(b.lo()), Simplify.expr(b.hi()));
  }

  private Bound bound(Expr e) {
    if (e instanceof Var v && relaxed.containsKey(v)) {
      For l = relaxed.get(v);
      if (usesRelaxed(l.min(), relaxed) || usesRelaxed(l.extent(), relaxed))
        throw new ScheduleException(what + "the range of loop `" + v.name() + "` depends on another loop inside the target loop");
      return new Bound(l.min(), new Binary(BinOp.SUB, new Binary(BinOp.ADD, l.min(), l.extent()), Expr.i32(1)));
    }
    if (!usesRelaxed(e, relaxed)) return new Bound(e, e);
    if (e instanceof Binary x) {
      Bound a = bound(x.a());
      Bound b = bound(x.b());
      switch (x.op()) {
        case ADD -> { return new Bound(add(BinOp.ADD, a.lo(), b.lo()), add(BinOp.ADD, a.hi(), b.hi())); }
        case SUB -> { return new Bound(add(BinOp.SUB, a.lo(), b.hi()), add(BinOp.SUB, a.hi(), b.lo())); }
        case MUL -> {
          Long c = constant(x.b());
          Bound v = a;
          if (c == null) {
            c = constant(x.a());
            v = b;
          }
          if (c != null)
            return c >= 0 ? new Bound(add(BinOp.MUL, v.lo(), Expr.i32(c)), add(BinOp.MUL, v.hi(), Expr.i32(c)))
                : new Bound(add(BinOp.MUL, v.hi(), Expr.i32(c)), add(BinOp.MUL, v.lo(), Expr.i32(c)));
        }
        case DIV -> {
          Long c = constant(x.b());
          if (c != null && c > 0 || isSize(x.b())) return new Bound(add(BinOp.DIV, a.lo(), x.b()), add(BinOp.DIV, a.hi(), x.b()));
        }
        case MOD -> {
          Long c = constant(x.b());
          if (c != null && c > 0) return new Bound(Expr.i32(0), Expr.i32(c - 1));
          if (isSize(x.b())) return new Bound(Expr.i32(0), add(BinOp.SUB, x.b(), Expr.i32(1)));
        }
        case MIN, MAX -> { return new Bound(add(x.op(), a.lo(), b.lo()), add(x.op(), a.hi(), b.hi())); }
        default -> { }
      }
    }
    throw new ScheduleException(what + "cannot bound the index expression " + dev.kiln.ir.tir.text.TirPrinter.print(e));
  }

  /** A size variable: a divisor that is positive wherever a division by it is evaluated. */
  private boolean isSize(Expr e) { return e instanceof Var v && sizes.contains(v); }

  private static Expr add(BinOp op, Expr a, Expr b) { return new Binary(op, a, b); }

  private static Long constant(Expr e) { return Simplify.expr(e) instanceof IntImm i ? i.value() : null; }

  private static boolean usesRelaxed(Expr e, Map<Var, For> relaxed) {
    for (Var v : FreeVars.of(e)) if (relaxed.containsKey(v)) return true;
    return false;
  }

  /** The union of two bounds: the min of the low ends and the max of the high ends. */
  static Bound union(Bound a, Bound b) {
    return new Bound(Simplify.expr(new Binary(BinOp.MIN, a.lo(), b.lo())), Simplify.expr(new Binary(BinOp.MAX, a.hi(), b.hi())));
  }

  static Bound union(List<Bound> all) {
    Bound u = all.get(0);
    for (int i = 1; i < all.size(); i++) u = union(u, all.get(i));
    return u;
  }
}
