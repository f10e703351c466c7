package dev.kiln.runtime.plan;

import dev.kiln.runtime.KilnRuntimeException;
import dev.kiln.runtime.Tensor;
import java.util.List;

/** Evaluates a {@link Instr.Reshape}: the target dims over the source's dims, one inferred from the count. */
final class Reshaper {
  private Reshaper() {}

  static Tensor reshape(Tensor src, List<IntExpr> shape, String location) {
    int[] srcShape = src.shape();
    long[] sizes = new long[srcShape.length];
    for (int i = 0; i < sizes.length; i++) sizes[i] = srcShape[i];
    int[] out = new int[shape.size()];
    int inferred = -1;
    long known = 1;
    for (int i = 0; i < out.length; i++) {
      IntExpr e = shape.get(i);
      if (e instanceof IntExpr.Const c && c.v() == -1) {
        if (inferred >= 0) throw new IllegalStateException("plan bug: reshape with two inferred dims");
        inferred = i;
        continue;
      }
      long v = e.eval(sizes);
      if (v < 0 || v > Integer.MAX_VALUE) {
        throw new KilnRuntimeException("cannot reshape " + src.typeString() + ": dimension " + i + " would be " + v,
            location);
      }
      out[i] = (int) v;
      known *= v;
    }
    if (inferred >= 0) {
      if (known == 0 || src.size() % known != 0) {
        throw new KilnRuntimeException("cannot reshape " + src.typeString() + ": " + src.size()
            + " elements do not divide into " + known, location);
      }
      out[inferred] = (int) (src.size() / known);
      known *= out[inferred];
    }
    if (known != src.size()) {
      throw new KilnRuntimeException("cannot reshape " + src.typeString() + " (" + src.size() + " elements) to "
          + java.util.Arrays.toString(out) + " (" + known + " elements)", location);
    }
    return src.reshape(out);
  }
}
