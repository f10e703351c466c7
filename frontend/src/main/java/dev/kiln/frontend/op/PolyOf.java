package dev.kiln.frontend.op;

import dev.kiln.ir.DType;
import java.util.Map;

/**
 * Converts an i32 index expression into a {@link Poly}: constants, index variables, dimensions,
 * int attributes (their value when known, else a size symbol), {@code + - *}, unary minus,
 * floor division by a positive constant or a size symbol, and {@code x % c} as
 * {@code x - c*floor(x / c)}. Anything else (reads, casts, selects, min/max) has no polynomial
 * form and gives null.
 */
final class PolyOf {
  private PolyOf() {}

  static Poly of(TExpr e, Map<String, Object> attrValues) {
    if (e.type() != DType.I32) return null;
    try {
      return convert(e, attrValues);
    } catch (ArithmeticException overflow) {
      return null;
    }
  }

  private static Poly convert(TExpr e, Map<String, Object> attrValues) {
    return switch (e) {
      case TExpr.IntConst c -> Poly.constant(c.value());
      case TExpr.Index i -> Poly.sym(i.name(), true);
      case TExpr.Dim d -> Poly.sym(d.name(), false);
      case TExpr.Attr a -> attrValues.get(a.name()) instanceof Long v ? Poly.constant(v) : Poly.sym(a.name(), false);
      case TExpr.Un u when u.op() == dev.kiln.ir.tir.UnOp.NEG -> {
        Poly p = convert(u.a(), attrValues);
        yield p == null ? null : p.neg();
      }
      case TExpr.Bin b -> {
        Poly x = convert(b.a(), attrValues);
        Poly y = convert(b.b(), attrValues);
        if (x == null || y == null) yield null;
        yield switch (b.op()) {
          case ADD -> x.add(y);
          case SUB -> x.sub(y);
          case MUL -> x.mul(y);
          case DIV -> Poly.floorDiv(x, y);
          case MOD -> {
            Poly q = Poly.floorDiv(x, y);
            yield q == null ? null : x.sub(y.mul(q));
          }
          default -> null;
        };
      }
      default -> null;
    };
  }
}
