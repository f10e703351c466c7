package dev.kiln.ir.tir;

import dev.kiln.ir.DType;

/**
 * A typed scalar expression of the loop-nest IR. Index arithmetic is {@code i32}; tensor
 * element arithmetic uses the buffers' dtypes. Nodes are immutable; variables are identity
 * objects ({@link Var}), so structural comparison of whole programs uses
 * {@link StructuralEqual} rather than {@code equals}.
 */
public sealed interface Expr permits IntImm, FloatImm, Var, Load, Binary, Unary, Select, Cast, Call {
  DType dtype();

  static IntImm i32(long v) { return new IntImm(DType.I32, v); }
}
