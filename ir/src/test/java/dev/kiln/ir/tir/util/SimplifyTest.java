package dev.kiln.ir.tir.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.ir.DType;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.FloatImm;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.Select;
import dev.kiln.ir.tir.UnOp;
import dev.kiln.ir.tir.Unary;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.text.TirPrinter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SimplifyTest {
  private final Var x = Var.index("x"), y = Var.index("y"), z = Var.index("z");

  private static Expr c(long v) { return Expr.i32(v); }
  private static Expr b(BinOp op, Expr l, Expr r) { return new Binary(op, l, r); }
  private static Expr add(Expr l, Expr r) { return b(BinOp.ADD, l, r); }
  private static Expr mul(Expr l, Expr r) { return b(BinOp.MUL, l, r); }
  private static Expr div(Expr l, Expr r) { return b(BinOp.DIV, l, r); }
  private static Expr mod(Expr l, Expr r) { return b(BinOp.MOD, l, r); }

  private static void simplifiesTo(String want, Expr e) { simplifiesTo(want, e, Map.of()); }

  private static void simplifiesTo(String want, Expr e, Map<Var, Interval> bounds) {
    assertEquals(want, TirPrinter.print(Simplify.expr(e, bounds)));
  }

  @Test void identitiesAndConstantCoefficients() {
    simplifiesTo("x", add(mul(x, c(1)), c(0)));
    simplifiesTo("x * 8", mul(mul(x, c(4)), c(2)));
    simplifiesTo("y", b(BinOp.SUB, add(x, y), x));
    simplifiesTo("x * 3 + 5", add(add(x, c(2)), add(mul(x, c(2)), c(3))));
    simplifiesTo("x * x - y * y", mul(add(x, y), b(BinOp.SUB, x, y)));
    simplifiesTo("10 - x", b(BinOp.SUB, c(10), x));
    simplifiesTo("x * -1", new Unary(UnOp.NEG, x));
  }

  @Test void floorDivisionAndModuloOfConstants() {
    simplifiesTo("-4", div(c(7), c(-2)));
    simplifiesTo("-4", div(c(-7), c(2)));
    simplifiesTo("1", mod(c(-7), c(2)));
    simplifiesTo("-1", mod(c(7), c(-2)));
    simplifiesTo("7 / 0", div(c(7), c(0)));
  }

  @Test void divisionRulesThatHoldForFloorSemantics() {
    simplifiesTo("x + y / 4", div(add(mul(x, c(4)), y), c(4)));
    simplifiesTo("y % 4", mod(add(mul(x, c(4)), y), c(4)));
    simplifiesTo("x + (y + 1) / 4 - 1", div(add(mul(x, c(4)), add(y, c(-3))), c(4)));
    simplifiesTo("x / 32", div(div(x, c(4)), c(8)));
    simplifiesTo("x % 4", mod(mod(x, c(16)), c(4)));
    simplifiesTo("x % 16 % 3", mod(mod(x, c(16)), c(3)));
    simplifiesTo("x", div(x, c(1)));
    simplifiesTo("0", mod(x, c(1)));
    simplifiesTo("x / -2", div(x, c(-2)));
    simplifiesTo("x / y", div(x, y));
  }

  @Test void boundsResolveDivisionModuloAndComparisons() {
    Map<Var, Interval> bounds = Map.of(y, new Interval(0, 3), x, new Interval(0, 9));
    simplifiesTo("x", div(add(mul(x, c(4)), y), c(4)), bounds);
    simplifiesTo("y", mod(add(mul(x, c(4)), y), c(4)), bounds);
    simplifiesTo("x + 1", div(add(mul(x, c(4)), add(y, c(4))), c(4)), bounds);
    simplifiesTo("true", b(BinOp.LT, x, c(10)), bounds);
    simplifiesTo("x < 9", b(BinOp.LT, x, c(9)), bounds);
    simplifiesTo("false", b(BinOp.GT, y, c(3)), bounds);
    simplifiesTo("x", b(BinOp.MIN, x, add(x, c(1))));
    simplifiesTo("y", b(BinOp.MAX, y, c(0)), bounds);
  }

  @Test void logicSelectAndFloats() {
    Expr t = b(BinOp.EQ, x, x);
    simplifiesTo("x < y", b(BinOp.AND, t, b(BinOp.LT, x, y)));
    simplifiesTo("true", b(BinOp.OR, b(BinOp.LT, x, y), t));
    simplifiesTo("false", b(BinOp.EQ, add(mul(x, c(2)), c(1)), mul(x, c(2))));
    simplifiesTo("y", new Select(t, y, z));
    Expr f = b(BinOp.ADD, new FloatImm(DType.F32, 0.1), new FloatImm(DType.F32, 0.2));
    assertEquals(f, Simplify.expr(f));
    simplifiesTo("5i64", b(BinOp.ADD, new IntImm(DType.I64, 2), new IntImm(DType.I64, 3)));
    simplifiesTo("-128i8", b(BinOp.ADD, new IntImm(DType.I8, 127), new IntImm(DType.I8, 1)));
  }

  /** Random i32 expressions: the simplified form evaluates to the same value everywhere in the bounds. */
  @Test void randomExpressionsKeepTheirValue() {
    Random rnd = new Random(5);
    List<Var> vars = List.of(x, y, z);
    for (int trial = 0; trial < 3000; trial++) {
      Map<Var, Interval> bounds = new HashMap<>();
      for (Var v : vars) {
        if (rnd.nextInt(4) == 0) continue;
        long lo = rnd.nextInt(21) - 10;
        bounds.put(v, new Interval(lo, lo + rnd.nextInt(20)));
      }
      Expr e = random(rnd, vars, 4);
      Expr s = Simplify.expr(e, bounds);
      for (int k = 0; k < 10; k++) {
        Map<Var, Long> env = new HashMap<>();
        for (Var v : vars) {
          Interval r = bounds.get(v);
          env.put(v, r == null ? rnd.nextInt(61) - 30L : r.lo() + rnd.nextInt((int) (r.hi() - r.lo() + 1)));
        }
        Long want = eval(e, env);
        if (want == null) continue;
        assertEquals(want, eval(s, env), () -> TirPrinter.print(e) + "  =>  " + TirPrinter.print(s) + " at " + env);
      }
    }
  }

  private Expr random(Random rnd, List<Var> vars, int depth) {
    if (depth == 0 || rnd.nextInt(4) == 0)
      return rnd.nextBoolean() ? vars.get(rnd.nextInt(vars.size())) : c(rnd.nextInt(17) - 8);
    Expr l = random(rnd, vars, depth - 1), r = random(rnd, vars, depth - 1);
    return switch (rnd.nextInt(9)) {
      case 0 -> add(l, r);
      case 1 -> b(BinOp.SUB, l, r);
      case 2 -> mul(l, r);
      case 3 -> div(l, rnd.nextInt(3) == 0 ? r : c(rnd.nextInt(9) - 2));
      case 4 -> mod(l, rnd.nextInt(3) == 0 ? r : c(rnd.nextInt(9) - 2));
      case 5 -> b(rnd.nextBoolean() ? BinOp.MIN : BinOp.MAX, l, r);
      case 6 -> new Unary(UnOp.NEG, l);
      case 7 -> new Select(b(BinOp.values()[BinOp.EQ.ordinal() + rnd.nextInt(6)], l, r), l, r);
      default -> mul(l, c(rnd.nextInt(7) - 3));
    };
  }

  /** Reference semantics: i32 wrapping, floor division/modulo; null on division by zero. */
  private static Long eval(Expr e, Map<Var, Long> env) {
    return switch (e) {
      case IntImm i -> i.value();
      case Var v -> env.get(v);
      case Unary u -> { Long a = eval(u.a(), env); yield a == null ? null : (long) (int) -a; }
      case Select s -> {
        Long c = eval(s.cond(), env);
        yield c == null ? null : eval(c != 0 ? s.t() : s.f(), env);
      }
      case Binary bin -> {
        Long a = eval(bin.a(), env), v = eval(bin.b(), env);
        if (a == null || v == null) yield null;
        int p = (int) (long) a, q = (int) (long) v;
        yield switch (bin.op()) {
          case ADD -> (long) (p + q);
          case SUB -> (long) (p - q);
          case MUL -> (long) (p * q);
          case DIV -> q == 0 ? null : (long) Math.floorDiv(p, q);
          case MOD -> q == 0 ? null : (long) Math.floorMod(p, q);
          case MIN -> (long) Math.min(p, q);
          case MAX -> (long) Math.max(p, q);
          case EQ -> p == q ? 1L : 0L;
          case NE -> p != q ? 1L : 0L;
          case LT -> p < q ? 1L : 0L;
          case LE -> p <= q ? 1L : 0L;
          case GT -> p > q ? 1L : 0L;
          case GE -> p >= q ? 1L : 0L;
          default -> throw new AssertionError(bin.op());
        };
      }
      default -> throw new AssertionError(e);
    };
  }
}
