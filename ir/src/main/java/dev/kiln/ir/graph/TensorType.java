package dev.kiln.ir.graph;

import dev.kiln.ir.DType;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.IntImm;
import java.util.List;

/** A tensor type of the graph IR: element type and shape; dims are i32 expressions over model symbols. */
public record TensorType(DType dtype, List<Expr> shape) {
  public TensorType { shape = List.copyOf(shape); }

  public static TensorType scalar(DType dtype) { return new TensorType(dtype, List.of()); }

  public int rank() { return shape.size(); }

  /** True when every dim is a constant. */
  public boolean isStatic() { return shape.stream().allMatch(d -> d instanceof IntImm); }

  /** The constant dims; only valid when {@link #isStatic()}. */
  public int[] staticShape() {
    int[] s = new int[shape.size()];
    for (int i = 0; i < s.length; i++) s[i] = (int) ((IntImm) shape.get(i)).value();
    return s;
  }
}
