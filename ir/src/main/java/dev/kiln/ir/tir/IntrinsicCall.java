package dev.kiln.ir.tir;

import java.util.List;

/**
 * One call of a registered tensor intrinsic (what {@code tensorize} leaves in place of a loop
 * nest). {@code buffers} are passed whole, as flat row-major arrays, in the order of the
 * intrinsic description's parameters (inputs then outputs); {@code args} are the values of its
 * scalar parameters (element offsets, strides, extents, flags; all i32), in the description's
 * order. The meaning of the call is the description run on those arrays and values; see
 * {@code dev.kiln.ir.tensorize.TensorIntrinsic}.
 */
public record IntrinsicCall(String intrinsic, List<Buffer> buffers, List<Expr> args) implements Stmt {
  public IntrinsicCall {
    buffers = List.copyOf(buffers);
    args = List.copyOf(args);
  }
}
