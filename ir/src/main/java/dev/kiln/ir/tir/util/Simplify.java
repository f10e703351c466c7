package dev.kiln.ir.tir.util;

import dev.kiln.ir.DType;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Call;
import dev.kiln.ir.tir.Cast;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.FloatImm;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.IterVar;
import dev.kiln.ir.tir.Load;
import dev.kiln.ir.tir.Select;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.UnOp;
import dev.kiln.ir.tir.Unary;
import dev.kiln.ir.tir.Var;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Constant folding and canonical simplification of index arithmetic.
 *
 * <p>Algorithm. An i32 expression built from {@code + - *}, unary minus, constants, variables and
 * other atoms is normalized to a {@link Poly}: a sum of monomials with constant coefficients plus
 * a constant, rebuilt in a canonical order ({@code x*1}, {@code x+0}, {@code (a*c1)*c2},
 * {@code a - a} all disappear). Floor division and modulo by a constant {@code c > 0} use only
 * rules that hold for FLOOR semantics on all integers:
 * <ul>
 *   <li>{@code (c*q + r) / c = q + r / c} and {@code (c*q + r) % c = r % c} for integer q;
 *   <li>{@code r / c = m} and {@code r % c = r - m*c} when r is proved to lie in
 *       {@code [m*c, (m+1)*c)} (bounds come from the caller's variable intervals);
 *   <li>{@code (x / c1) / c2 = x / (c1*c2)} for c1, c2 > 0; {@code (x % c1) % c2 = x % c2} when
 *       c2 divides c1; {@code x / 1 = x}, {@code x % 1 = 0}.
 * </ul>
 * Division by zero or by a negative or symbolic divisor is left alone except when both operands
 * are constants and the divisor is non-zero (folded with {@code Math.floorDiv/floorMod}).
 * Comparisons, {@code min} and {@code max} of i32 values fold when the difference of the operands
 * is constant or its interval decides them; {@code &&}, {@code ||}, {@code !} and {@code select}
 * fold on constant operands. Other integer dtypes get constant folding only (wrapping to the
 * dtype); floating-point arithmetic is never folded, so results are bit-exact.
 *
 * <p>Soundness assumption: index arithmetic does not overflow i32 (the canonical form is exact in
 * wrapping arithmetic for {@code + - *}, but the division rules assume no wrap-around).
 */
public final class Simplify {
  private final Map<Var, Interval> bounds;

  private Simplify(Map<Var, Interval> bounds) { this.bounds = bounds; }

  /** Simplifies with no knowledge of variable ranges. */
  public static Expr expr(Expr e) { return expr(e, Map.of()); }

  /** Simplifies using the given inclusive bounds of variables (e.g. loop variables). */
  public static Expr expr(Expr e, Map<Var, Interval> bounds) { return new Simplify(bounds).simplify(e); }

  /**
   * Simplifies every expression in a statement, knowing the bounds of each loop and block
   * iteration variable whose min and extent are constants.
   */
  public static Stmt stmt(Stmt s) {
    Map<Var, Interval> bounds = new IdentityHashMap<>();
    for (For f : IrQuery.loops(s)) addBound(bounds, f.var(), f.min(), f.extent());
    for (BlockRealize br : IrQuery.blocks(s))
      for (IterVar iv : br.block().iterVars()) addBound(bounds, iv.var(), iv.dom().min(), iv.dom().extent());
    Simplify simp = new Simplify(bounds);
    return new StmtRewriter() {
      @Override public Expr rewrite(Expr e) { return simp.simplify(e); }
    }.rewrite(s);
  }

  private static void addBound(Map<Var, Interval> bounds, Var v, Expr min, Expr extent) {
    Expr m = expr(min), e = expr(extent);
    if (m instanceof IntImm a && e instanceof IntImm b) {
      Interval r = Interval.ofRange(a.value(), b.value());
      if (r != null) bounds.put(v, r);
    }
  }

  /** Whether {@code e} simplifies to the integer constant {@code value}. */
  public static boolean isConst(Expr e, long value) {
    return expr(e) instanceof IntImm i && i.value() == value;
  }

  private Expr simplify(Expr e) {
    if (e.dtype() == DType.I32 && isArith(e)) return poly(e).toExpr();
    return generic(e);
  }

  private static boolean isArith(Expr e) {
    return switch (e) {
      case IntImm i -> true;
      case Var v -> true;
      case Unary u -> u.op() == UnOp.NEG;
      case Binary b -> switch (b.op()) {
        case ADD, SUB, MUL, DIV, MOD, MIN, MAX -> true;
        default -> false;
      };
      default -> false;
    };
  }

  private Poly poly(Expr e) {
    if (e.dtype() != DType.I32 || !isArith(e)) return Poly.atom(generic(e));
    return switch (e) {
      case IntImm i -> Poly.constant(i.value());
      case Var v -> Poly.atom(v);
      case Unary u -> poly(u.a()).scale(-1);
      case Binary b -> switch (b.op()) {
        case ADD -> poly(b.a()).add(poly(b.b()));
        case SUB -> poly(b.a()).sub(poly(b.b()));
        case MUL -> poly(b.a()).mul(poly(b.b()));
        case DIV, MOD -> divMod(b.op(), poly(b.a()), poly(b.b()));
        default -> minMax(b.op(), poly(b.a()), poly(b.b()));
      };
      default -> Poly.atom(generic(e));
    };
  }

  private Poly divMod(BinOp op, Poly n, Poly d) {
    if (!d.isConstant() || d.constantPart() <= 0) {
      if (n.isConstant() && d.isConstant() && d.constantPart() != 0) {
        int a = n.constantPart(), c = d.constantPart();
        return Poly.constant(op == BinOp.DIV ? Math.floorDiv(a, c) : Math.floorMod(a, c));
      }
      return Poly.atom(new Binary(op, n.toExpr(), d.toExpr()));
    }
    int c = d.constantPart();
    if (c == 1) return op == BinOp.DIV ? n : Poly.constant(0);
    Poly[] qr = n.divideOut(c);
    Poly q = qr[0], r = qr[1];
    Interval ri = r.interval(this::bound);
    if (ri.isKnown()) {
      long m = Math.floorDiv(ri.lo(), c);
      if (ri.within(m * c, m * c + c - 1))
        return op == BinOp.DIV ? q.add(Poly.constant(m)) : r.sub(Poly.constant(m * c));
    }
    Expr inner = r.singleAtom();
    if (inner instanceof Binary ib && ib.b() instanceof IntImm ic && ic.value() > 0) {
      if (op == BinOp.DIV && ib.op() == BinOp.DIV && ic.value() * c <= Integer.MAX_VALUE)
        return q.add(Poly.atom(new Binary(BinOp.DIV, ib.a(), Expr.i32(ic.value() * c))));
      if (op == BinOp.MOD && ib.op() == BinOp.MOD && ic.value() % c == 0)
        return Poly.atom(new Binary(BinOp.MOD, ib.a(), Expr.i32(c)));
    }
    Poly atom = Poly.atom(new Binary(op, r.toExpr(), Expr.i32(c)));
    return op == BinOp.DIV ? q.add(atom) : atom;
  }

  private Poly minMax(BinOp op, Poly a, Poly b) {
    Interval d = a.sub(b).interval(this::bound);
    if (d.isKnown() && d.hi() <= 0) return op == BinOp.MIN ? a : b;
    if (d.isKnown() && d.lo() >= 0) return op == BinOp.MIN ? b : a;
    return Poly.atom(new Binary(op, a.toExpr(), b.toExpr()));
  }

  /** Bounds of an atom or any i32 expression, from the variable bounds; UNKNOWN when not derivable. */
  private Interval bound(Expr e) {
    return switch (e) {
      case IntImm i -> Interval.point(i.value());
      case Var v -> bounds.getOrDefault(v, Interval.UNKNOWN);
      case Unary u when u.op() == UnOp.NEG -> bound(u.a()).mul(Interval.point(-1));
      case Binary b -> switch (b.op()) {
        case ADD -> bound(b.a()).add(bound(b.b()));
        case SUB -> bound(b.a()).add(bound(b.b()).mul(Interval.point(-1)));
        case MUL -> bound(b.a()).mul(bound(b.b()));
        case DIV -> b.b() instanceof IntImm c && c.value() > 0 ? bound(b.a()).floorDiv(c.value()) : Interval.UNKNOWN;
        case MOD -> {
          if (!(b.b() instanceof IntImm c) || c.value() <= 0) yield Interval.UNKNOWN;
          Interval a = bound(b.a());
          yield a.within(0, c.value() - 1) ? a : new Interval(0, c.value() - 1);
        }
        case MIN, MAX -> {
          Interval x = bound(b.a()), y = bound(b.b());
          if (!x.isKnown() || !y.isKnown()) yield Interval.UNKNOWN;
          yield b.op() == BinOp.MIN ? new Interval(Math.min(x.lo(), y.lo()), Math.min(x.hi(), y.hi()))
              : new Interval(Math.max(x.lo(), y.lo()), Math.max(x.hi(), y.hi()));
        }
        default -> Interval.UNKNOWN;
      };
      default -> Interval.UNKNOWN;
    };
  }

  /** Simplifies children, then folds the node itself where its operands are constants. */
  private Expr generic(Expr e) {
    return switch (e) {
      case IntImm i -> i;
      case FloatImm f -> f;
      case Var v -> v;
      case Load l -> new Load(l.buffer(), l.indices().stream().map(this::simplify).toList());
      case Unary u -> {
        Expr a = simplify(u.a());
        if (a instanceof IntImm i)
          yield u.op() == UnOp.NOT ? new IntImm(DType.BOOL, i.value() == 0 ? 1 : 0) : intConst(a.dtype(), -i.value());
        yield new Unary(u.op(), a);
      }
      case Binary b -> binary(b.op(), simplify(b.a()), simplify(b.b()));
      case Select s -> {
        Expr c = simplify(s.cond());
        if (c instanceof IntImm ci) yield simplify(ci.value() != 0 ? s.t() : s.f());
        yield new Select(c, simplify(s.t()), simplify(s.f()));
      }
      case Cast c -> {
        Expr v = simplify(c.value());
        if (v.dtype() == c.dtype()) yield v;
        if (v instanceof IntImm i && c.dtype().isInt()) yield intConst(c.dtype(), i.value());
        yield new Cast(c.dtype(), v);
      }
      case Call c -> new Call(c.function(), c.dtype(), c.args().stream().map(this::simplify).toList());
    };
  }

  private Expr binary(BinOp op, Expr a, Expr b) {
    if (op == BinOp.AND || op == BinOp.OR) {
      boolean and = op == BinOp.AND;
      if (a instanceof IntImm x) return (x.value() != 0) == and ? b : x;
      if (b instanceof IntImm y) return (y.value() != 0) == and ? a : y;
      return new Binary(op, a, b);
    }
    if (op.yieldsBool() && a.dtype() == DType.I32) {
      Interval d = poly(a).sub(poly(b)).interval(this::bound);
      Boolean r = decide(op, d);
      if (r != null) return new IntImm(DType.BOOL, r ? 1 : 0);
      return new Binary(op, a, b);
    }
    if (a instanceof IntImm x && b instanceof IntImm y && !a.dtype().isFloat()) {
      Long v = foldInt(op, x.value(), y.value());
      if (v != null) return op.yieldsBool() ? new IntImm(DType.BOOL, v) : intConst(a.dtype(), v);
    }
    return new Binary(op, a, b);
  }

  /** Decides {@code d op 0} for every d in the interval, or null when it depends. */
  private static Boolean decide(BinOp op, Interval d) {
    if (!d.isKnown()) return null;
    return switch (op) {
      case LT -> d.hi() < 0 ? Boolean.TRUE : d.lo() >= 0 ? Boolean.FALSE : null;
      case LE -> d.hi() <= 0 ? Boolean.TRUE : d.lo() > 0 ? Boolean.FALSE : null;
      case GT -> d.lo() > 0 ? Boolean.TRUE : d.hi() <= 0 ? Boolean.FALSE : null;
      case GE -> d.lo() >= 0 ? Boolean.TRUE : d.hi() < 0 ? Boolean.FALSE : null;
      case EQ -> d.lo() == 0 && d.hi() == 0 ? Boolean.TRUE : d.lo() > 0 || d.hi() < 0 ? Boolean.FALSE : null;
      case NE -> d.lo() == 0 && d.hi() == 0 ? Boolean.FALSE : d.lo() > 0 || d.hi() < 0 ? Boolean.TRUE : null;
      default -> null;
    };
  }

  private static Long foldInt(BinOp op, long a, long b) {
    return switch (op) {
      case ADD -> a + b;
      case SUB -> a - b;
      case MUL -> a * b;
      case DIV -> b == 0 ? null : Math.floorDiv(a, b);
      case MOD -> b == 0 ? null : Math.floorMod(a, b);
      case MIN -> Math.min(a, b);
      case MAX -> Math.max(a, b);
      case EQ -> a == b ? 1L : 0L;
      case NE -> a != b ? 1L : 0L;
      case LT -> a < b ? 1L : 0L;
      case LE -> a <= b ? 1L : 0L;
      case GT -> a > b ? 1L : 0L;
      case GE -> a >= b ? 1L : 0L;
      default -> null;
    };
  }

  /** A constant of an integer or bool dtype, wrapped the way the dtype stores it. */
  private static IntImm intConst(DType t, long v) {
    long w = switch (t) {
      case I8 -> (byte) v;
      case U8 -> v & 0xff;
      case I16 -> (short) v;
      case I32 -> (int) v;
      case BOOL -> v != 0 ? 1 : 0;
      default -> v;
    };
    return new IntImm(t, w);
  }

}
