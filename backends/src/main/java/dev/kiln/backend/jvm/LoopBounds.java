package dev.kiln.backend.jvm;

import dev.kiln.ir.DType;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.util.Substitute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits a block predicate into bounds on one loop variable and the rest, so a loop can run over
 * exactly the iterations the predicate admits instead of testing it on every iteration (which also
 * keeps the test out of the loop body, where it would stop the JIT from removing array bounds
 * checks).
 *
 * <p>Algorithm: split the predicate at {@code &&}; a conjunct {@code a op b} ({@code op} one of
 * {@code < <= > >=}, i32 operands, no possible exception) with {@code a - b = d0 + c*v} for
 * {@code c = ±1} is a bound: with c = 1, {@code a op b} is {@code v op -d0}; with c = -1 it is
 * {@code d0 op v}; each is turned into an inclusive lower or exclusive upper bound expression
 * (i32, wrapping like the index arithmetic it replaces). Constant-true conjuncts are dropped;
 * everything else is {@link Split#rest}.
 */
final class LoopBounds {
  private LoopBounds() {}

  /** Inclusive lower bounds, exclusive upper bounds, and the conjuncts that are neither. */
  record Split(List<Expr> lowers, List<Expr> uppers, List<Expr> rest) {
    boolean hasBounds() { return !lowers.isEmpty() || !uppers.isEmpty(); }

    /** The rest as one predicate ({@code true} when empty). */
    Expr restPredicate() {
      Expr p = null;
      for (Expr c : rest) p = p == null ? c : new Binary(BinOp.AND, p, c);
      return p == null ? new IntImm(DType.BOOL, 1) : p;
    }
  }

  static Split of(Expr pred, Var v) {
    List<Expr> lowers = new ArrayList<>(), uppers = new ArrayList<>(), rest = new ArrayList<>();
    for (Expr c : conjuncts(pred)) {
      if (c instanceof IntImm t && t.value() != 0) continue;
      if (!bound(c, v, lowers, uppers)) rest.add(c);
    }
    return new Split(lowers, uppers, rest);
  }

  static List<Expr> conjuncts(Expr e) {
    List<Expr> out = new ArrayList<>();
    if (e instanceof Binary b && b.op() == BinOp.AND) {
      out.addAll(conjuncts(b.a()));
      out.addAll(conjuncts(b.b()));
    } else {
      out.add(e);
    }
    return out;
  }

  private static boolean bound(Expr c, Var v, List<Expr> lowers, List<Expr> uppers) {
    if (!(c instanceof Binary b) || b.a().dtype() != DType.I32 || !Affine.safe(c) || !Affine.uses(c, v)) return false;
    BinOp op = b.op();
    if (op != BinOp.LT && op != BinOp.LE && op != BinOp.GT && op != BinOp.GE) return false;
    Expr d = new Binary(BinOp.SUB, b.a(), b.b());
    Long coef = Affine.coefficient(d, v);
    if (coef == null || Math.abs(coef) != 1) return false;
    Expr d0 = Substitute.expr(d, Map.of(v, Expr.i32(0)));
    Expr neg = new Binary(BinOp.SUB, Expr.i32(0), d0);
    Expr one = Expr.i32(1);
    boolean up = coef == 1;
    switch (op) {
      case LT -> { if (up) uppers.add(neg); else lowers.add(new Binary(BinOp.ADD, d0, one)); }
      case LE -> { if (up) uppers.add(new Binary(BinOp.ADD, neg, one)); else lowers.add(d0); }
      case GT -> { if (up) lowers.add(new Binary(BinOp.ADD, neg, one)); else uppers.add(d0); }
      default -> { if (up) lowers.add(neg); else uppers.add(new Binary(BinOp.ADD, d0, one)); }
    }
    return true;
  }
}
