package dev.kiln.ir.tir;

import dev.kiln.ir.DType;

/** An integer or boolean constant. Booleans are 0 and 1. */
public record IntImm(DType dtype, long value) implements Expr {
  public IntImm {
    if (dtype.isFloat()) throw new IllegalArgumentException("IntImm with float dtype " + dtype);
  }
}
