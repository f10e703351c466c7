package dev.kiln.ir.tensorize;

import dev.kiln.ir.DType;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.util.FreeVars;
import dev.kiln.ir.tir.util.Simplify;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * An i32 expression written as {@code constant + sum_v coefficient(v) * v} over a chosen set of
 * variables, where the constant and the coefficients are expressions free of those variables
 * (symbolic strides such as {@code N * K} are allowed). Found structurally: a chosen variable is
 * {@code 1·v}; an expression without them is a constant; {@code +} and {@code -} combine; {@code *}
 * by a factor free of them scales; anything else that uses them (floor division, modulo, a product
 * of two such terms, a load indexed by them) has no linear form.
 */
record LinearForm(Expr constant, Map<Var, Expr> coefficients) {
  private static final IntImm ZERO = new IntImm(DType.I32, 0);
  private static final IntImm ONE = new IntImm(DType.I32, 1);

  /** The linear form of {@code e} over {@code vars}, or null when it has none. */
  static LinearForm of(Expr e, List<Var> vars) {
    if (vars.stream().noneMatch(v -> FreeVars.uses(e, v))) return new LinearForm(e, Map.of());
    if (e instanceof Var v) {
      Map<Var, Expr> m = new IdentityHashMap<>();
      m.put(v, ONE);
      return new LinearForm(ZERO, m);
    }
    if (!(e instanceof Binary b) || b.dtype() != DType.I32) return null;
    return switch (b.op()) {
      case ADD, SUB -> {
        LinearForm x = of(b.a(), vars), y = of(b.b(), vars);
        if (x == null || y == null) yield null;
        BinOp op = b.op();
        Map<Var, Expr> m = new IdentityHashMap<>(x.coefficients);
        for (Map.Entry<Var, Expr> t : y.coefficients.entrySet())
          m.merge(t.getKey(), op == BinOp.SUB ? new Binary(BinOp.SUB, ZERO, t.getValue()) : t.getValue(),
              (p, q) -> new Binary(op, p, q));
        yield new LinearForm(new Binary(op, x.constant, y.constant), m);
      }
      case MUL -> {
        boolean aFree = vars.stream().noneMatch(v -> FreeVars.uses(b.a(), v));
        boolean bFree = vars.stream().noneMatch(v -> FreeVars.uses(b.b(), v));
        if (!aFree && !bFree) yield null;
        Expr factor = aFree ? b.a() : b.b();
        LinearForm x = of(aFree ? b.b() : b.a(), vars);
        if (x == null) yield null;
        Map<Var, Expr> m = new IdentityHashMap<>();
        x.coefficients.forEach((v, c) -> m.put(v, new Binary(BinOp.MUL, c, factor)));
        yield new LinearForm(new Binary(BinOp.MUL, x.constant, factor), m);
      }
      default -> null;
    };
  }

  /** The simplified coefficient of {@code v} (0 when v does not occur). */
  Expr coefficient(Var v) { return Simplify.expr(coefficients.getOrDefault(v, ZERO)); }

  /** The simplified constant part. */
  Expr constantPart() { return Simplify.expr(constant); }

  /** Whether {@code v}'s coefficient is not provably zero. */
  boolean uses(Var v) { return !Simplify.isConst(coefficient(v), 0); }
}
