package dev.kiln.ir.tir;

import dev.kiln.ir.DType;

/** A floating-point constant. */
public record FloatImm(DType dtype, double value) implements Expr {
  public FloatImm {
    if (!dtype.isFloat()) throw new IllegalArgumentException("FloatImm with non-float dtype " + dtype);
  }
}
