package dev.kiln.frontend.model;

import dev.kiln.diag.Span;
import dev.kiln.ir.DType;
import dev.kiln.ir.graph.Value;

/**
 * The result of lowering a model expression: a tensor value, or a literal that has not been given
 * a type yet. Literals adopt the dtype of the tensor they meet (as NumPy's weak scalars do), so
 * {@code x * 0.5} stays f32 and {@code t + 1} stays i32.
 */
sealed interface Operand {
  record Val(Value value) implements Operand {}

  /** {@code kind} is I32 for an integer literal, F32 for a float literal, BOOL for true/false. */
  record Lit(double value, DType kind, Span span) implements Operand {}
}
