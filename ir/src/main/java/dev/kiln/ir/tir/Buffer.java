package dev.kiln.ir.tir;

import dev.kiln.ir.DType;
import java.util.List;

/**
 * A multi-dimensional array in row-major order. Shape entries are i32 expressions over symbolic
 * size variables. Buffers are identity objects, like {@link Var}.
 */
public final class Buffer {
  private final String name;
  private final DType dtype;
  private final List<Expr> shape;
  private final MemoryScope scope;

  public Buffer(String name, DType dtype, List<Expr> shape, MemoryScope scope) {
    this.name = name;
    this.dtype = dtype;
    this.shape = List.copyOf(shape);
    this.scope = scope;
  }

  public Buffer(String name, DType dtype, List<Expr> shape) {
    this(name, dtype, shape, MemoryScope.GLOBAL);
  }

  public String name() { return name; }
  public DType dtype() { return dtype; }
  public List<Expr> shape() { return shape; }
  public int rank() { return shape.size(); }
  public MemoryScope scope() { return scope; }

  /** A new buffer with the same dtype and shape but a different name/scope. */
  public Buffer withNameAndScope(String newName, MemoryScope newScope) {
    return new Buffer(newName, dtype, shape, newScope);
  }

  @Override public String toString() { return name; }
}
