package dev.kiln.backend.jvm;

import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Call;
import dev.kiln.ir.tir.Cast;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.Load;
import dev.kiln.ir.tir.Select;
import dev.kiln.ir.tir.Unary;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.util.FreeVars;

/**
 * Small facts about expressions relative to one loop variable {@code v}, for the vectorizer.
 * {@link #coefficient}: the constant {@code c} with {@code e(v) = e(0) + c*v} in wrapping i32
 * arithmetic, found structurally (v itself: 1; {@code +}, {@code -}: sum and difference;
 * {@code *} by an integer constant: scaled; an expression without v: 0; anything else — floor
 * division, modulo, a load indexed by v, a product of two v-dependent terms — has none).
 * {@link #safe}: evaluating the expression can never throw (no integer division or modulo, no loads
 * except at constant indices inside a buffer of constant shape).
 */
final class Affine {
  private Affine() {}

  static boolean uses(Expr e, Var v) { return FreeVars.uses(e, v); }

  /** The coefficient of {@code v} in i32 expression {@code e}, or null when e is not affine in v. */
  static Long coefficient(Expr e, Var v) {
    if (!uses(e, v)) return 0L;
    if (e == v) return 1L;
    if (!(e instanceof Binary b) || b.dtype() != dev.kiln.ir.DType.I32) return null;
    Long ca = coefficient(b.a(), v), cb = coefficient(b.b(), v);
    if (ca == null || cb == null) return null;
    return switch (b.op()) {
      case ADD -> ca + cb;
      case SUB -> ca - cb;
      case MUL -> {
        if (ca == 0 && b.a() instanceof IntImm k) yield k.value() * cb;
        if (cb == 0 && b.b() instanceof IntImm k) yield k.value() * ca;
        yield null;
      }
      default -> null;
    };
  }

  /** A load at constant indices inside a buffer of constant shape. */
  private static boolean constantInBounds(Load ld) {
    for (int d = 0; d < ld.indices().size(); d++) {
      if (!(ld.indices().get(d) instanceof IntImm i) || !(ld.buffer().shape().get(d) instanceof IntImm n)) return false;
      if (i.value() < 0 || i.value() >= n.value()) return false;
    }
    return true;
  }

  /** Whether evaluating {@code e} can never throw. */
  static boolean safe(Expr e) {
    return switch (e) {
      case Load ld -> constantInBounds(ld);
      case Binary b -> !(b.dtype().isInt() && (b.op() == BinOp.DIV || b.op() == BinOp.MOD))
          && safe(b.a()) && safe(b.b());
      case Unary u -> safe(u.a());
      case Select s -> safe(s.cond()) && safe(s.t()) && safe(s.f());
      case Cast c -> safe(c.value());
      case Call c -> c.args().stream().allMatch(Affine::safe);
      default -> true;
    };
  }
}
