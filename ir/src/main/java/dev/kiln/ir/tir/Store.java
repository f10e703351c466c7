package dev.kiln.ir.tir;

import java.util.List;

/** {@code buffer[indices] = value}. */
public record Store(Buffer buffer, List<Expr> indices, Expr value) implements Stmt {
  public Store {
    indices = List.copyOf(indices);
    if (indices.size() != buffer.rank())
      throw new IllegalArgumentException("store to " + buffer.name() + " with " + indices.size()
          + " indices, rank " + buffer.rank());
    if (value.dtype() != buffer.dtype())
      throw new IllegalArgumentException("store of " + value.dtype() + " into " + buffer.dtype() + " buffer "
          + buffer.name());
  }
}
