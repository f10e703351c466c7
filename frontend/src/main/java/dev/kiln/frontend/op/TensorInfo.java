package dev.kiln.frontend.op;

import dev.kiln.diag.Span;
import dev.kiln.ir.DType;
import java.util.List;

/**
 * A tensor of an op: an input, an output or an intermediate. {@code shape} holds one i32
 * expression per axis over dimensions and attributes; {@code shapeText} the same axes as they
 * read in the source (for messages). An intermediate's shape is the ranges of the index
 * variables on the left of the statement that defines it.
 */
public record TensorInfo(String name, Role role, DType dtype, List<TExpr> shape, List<String> shapeText, Span span) {
  /** Where a tensor comes from. */
  public enum Role { INPUT, OUTPUT, INTERMEDIATE }

  public TensorInfo {
    shape = List.copyOf(shape);
    shapeText = List.copyOf(shapeText);
  }

  public int rank() { return shape.size(); }
}
