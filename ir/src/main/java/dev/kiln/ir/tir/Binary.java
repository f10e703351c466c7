package dev.kiln.ir.tir;

import dev.kiln.ir.DType;

/** {@code a op b}. Both operands have the same dtype; comparisons and logic yield bool. */
public record Binary(BinOp op, Expr a, Expr b) implements Expr {
  public Binary {
    if (a.dtype() != b.dtype())
      throw new IllegalArgumentException("operands of " + op + " differ: " + a.dtype() + " vs " + b.dtype());
    if ((op == BinOp.AND || op == BinOp.OR) && !a.dtype().isBool())
      throw new IllegalArgumentException(op + " needs bool operands");
  }

  @Override public DType dtype() { return op.yieldsBool() ? DType.BOOL : a.dtype(); }
}
