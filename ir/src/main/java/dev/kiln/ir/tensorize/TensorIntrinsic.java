package dev.kiln.ir.tensorize;

import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Var;
import java.util.List;

/**
 * One tensor intrinsic: its registered {@code name} (as written in {@code tensorize(loop, "name")}),
 * its {@code description} and the runtime method that implements it.
 *
 * <p>A description is a PrimFunc whose parameters are flat (rank-1) buffers, each of length
 * {@code L_X} given by one size variable per buffer (in parameter order), followed by the scalar
 * parameters — element offsets, strides, extents and, for reductions, the {@code acc} flag (0: the
 * call starts the reduction, as the block's init would; 1: it accumulates). An
 * {@link dev.kiln.ir.tir.IntrinsicCall} passes the whole arrays and the scalar values; its meaning
 * is the description run on them, which is exactly what the reference interpreter does.
 *
 * <p>{@code implementation} names a public static method of
 * {@code dev.kiln.runtime.intrinsics.Intrinsics} taking the arrays (inputs then outputs) and then
 * the scalar parameters as {@code int}s, in description order.
 */
public record TensorIntrinsic(String name, PrimFunc description, String implementation, String summary) {

  /** The description's buffers, inputs then outputs. */
  public List<Buffer> buffers() { return description.params(); }

  /** The scalar parameters, in call order (the size variables after the buffer lengths). */
  public List<Var> scalars() {
    List<Var> s = description.sizeVars();
    return s.subList(buffers().size(), s.size());
  }

  /** The {@code acc} flag of a reduction intrinsic, or null when it has none. */
  public Var accumulateFlag() {
    return scalars().stream().filter(v -> v.name().equals("acc")).findFirst().orElse(null);
  }
}
