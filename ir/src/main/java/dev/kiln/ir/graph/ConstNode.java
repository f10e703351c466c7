package dev.kiln.ir.graph;

import dev.kiln.diag.Span;

/** A constant tensor of a static shape, every element equal to {@code fill} (converted to the dtype). */
public record ConstNode(Value result, double fill, Span span) implements GNode {
  public ConstNode {
    if (!result.type().isStatic()) throw new IllegalArgumentException("constant of non-static shape");
  }
}
