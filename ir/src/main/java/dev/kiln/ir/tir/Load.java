package dev.kiln.ir.tir;

import dev.kiln.ir.DType;
import java.util.List;

/** A read of one element of a buffer. */
public record Load(Buffer buffer, List<Expr> indices) implements Expr {
  public Load {
    indices = List.copyOf(indices);
    if (indices.size() != buffer.rank())
      throw new IllegalArgumentException("load of " + buffer.name() + " with " + indices.size()
          + " indices, rank " + buffer.rank());
  }

  @Override public DType dtype() { return buffer.dtype(); }
}
