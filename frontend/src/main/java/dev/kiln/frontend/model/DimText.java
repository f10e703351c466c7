package dev.kiln.frontend.model;

import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.Var;

/** Prints a dimension expression in Kiln's dimension syntax ({@code H + 2 * p}), for messages and types. */
final class DimText {
  private DimText() {}

  static String of(Expr e) {
    return switch (e) {
      case IntImm k -> Long.toString(k.value());
      case Var v -> v.name();
      case Binary b when b.op() == BinOp.ADD || b.op() == BinOp.SUB -> of(b.a()) + " " + b.op().symbol() + " " + atom(b.b());
      case Binary b when b.op() == BinOp.MUL || b.op() == BinOp.DIV || b.op() == BinOp.MOD ->
          atom(b.a()) + " " + b.op().symbol() + " " + atom(b.b());
      default -> "(" + e + ")";
    };
  }

  private static String atom(Expr e) {
    return e instanceof IntImm || e instanceof Var ? of(e) : "(" + of(e) + ")";
  }
}
