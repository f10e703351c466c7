package dev.kiln.ir.interp;

import dev.kiln.diag.InternalCompilerError;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.Var;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * The interpreter's state during one call: the value of every bound variable (a mutable
 * {@link Cell}, so loops update it in place) and the array and evaluated shape of every bound
 * buffer. Bindings are scoped: {@code bind*} returns the previous binding and {@code restore*}
 * puts it back.
 */
final class Frame {
  /** A variable's value in the interpreter's encoding (see {@link Storage}). */
  static final class Cell {
    long i;
    double f;
  }

  /** A buffer bound to its flat array and its shape evaluated at bind time. */
  record Bound(Buffer buffer, Object array, int[] shape) {
    /** Row-major offset; out-of-bounds indices are a compiler bug. */
    int offset(long[] idx, String access) {
      int off = 0;
      for (int d = 0; d < shape.length; d++) {
        if (idx[d] < 0 || idx[d] >= shape[d])
          throw new InternalCompilerError("out-of-bounds " + access + " " + buffer.name()
              + Arrays.toString(idx) + " (shape " + Arrays.toString(shape) + ")");
        off = off * shape[d] + (int) idx[d];
      }
      return off;
    }
  }

  private final IdentityHashMap<Var, Cell> vars = new IdentityHashMap<>();
  private final IdentityHashMap<Buffer, Bound> buffers = new IdentityHashMap<>();

  Cell cell(Var v) {
    Cell c = vars.get(v);
    if (c == null) throw new InternalCompilerError("unbound variable " + v);
    return c;
  }

  Cell bindVar(Var v, Cell c) { return vars.put(v, c); }

  void restoreVar(Var v, Cell previous) {
    if (previous == null) vars.remove(v);
    else vars.put(v, previous);
  }

  Bound buffer(Buffer b) {
    Bound x = buffers.get(b);
    if (x == null) throw new InternalCompilerError("unbound buffer " + b.name());
    return x;
  }

  Bound bindBuffer(Bound b) { return buffers.put(b.buffer(), b); }

  void restoreBuffers(List<Buffer> bs, List<Bound> previous) {
    for (int i = 0; i < bs.size(); i++) {
      if (previous.get(i) == null) buffers.remove(bs.get(i));
      else buffers.put(bs.get(i), previous.get(i));
    }
  }
}
