package dev.kiln.ir.tensorize;

import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * The orderings of an expression's commutative operands ({@code +} and {@code *}): the expression
 * itself first, then every combination of swapped operands, depth first, up to a limit. Tensorize
 * tries them in turn, since which load plays which operand of a description is decided by the
 * strides, not by the order the program happens to write them in.
 */
final class Commuted {
  private Commuted() {}

  static List<Expr> variants(Expr e, int limit) {
    List<Expr> out = new ArrayList<>();
    for (Expr v : all(e, limit)) {
      out.add(v);
      if (out.size() == limit) break;
    }
    return out;
  }

  private static List<Expr> all(Expr e, int limit) {
    if (!(e instanceof Binary b)) return List.of(e);
    List<Expr> as = all(b.a(), limit), bs = all(b.b(), limit);
    List<Expr> out = new ArrayList<>();
    for (Expr x : as)
      for (Expr y : bs) {
        if (out.size() >= limit) return out;
        out.add(x == b.a() && y == b.b() ? b : new Binary(b.op(), x, y));
      }
    if (b.op() == BinOp.ADD || b.op() == BinOp.MUL)
      for (Expr x : as)
        for (Expr y : bs) {
          if (out.size() >= limit) return out;
          out.add(new Binary(b.op(), y, x));
        }
    return out;
  }
}
