package dev.kiln.ir.tir;

import dev.kiln.ir.DType;

/** {@code -a} or {@code !a}. */
public record Unary(UnOp op, Expr a) implements Expr {
  public Unary {
    if (op == UnOp.NOT && !a.dtype().isBool()) throw new IllegalArgumentException("! needs a bool operand");
  }

  @Override public DType dtype() { return a.dtype(); }
}
