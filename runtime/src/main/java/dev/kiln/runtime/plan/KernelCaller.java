package dev.kiln.runtime.plan;

import dev.kiln.runtime.ElementType;
import dev.kiln.runtime.Kernel;
import dev.kiln.runtime.KilnRuntimeException;
import dev.kiln.runtime.Tensor;
import java.util.List;

/**
 * Runs one {@link Instr.CallKernel}. Algorithm: (1) bind sizes: for each argument in order whose
 * rank matches its pattern, each axis whose pattern is a bare {@code Size(k)} with {@code k}
 * unbound binds {@code sizes[k]} to the actual extent; (2) check every argument's rank, then
 * its dtype and every axis pattern against the actual tensor; (3) evaluate the result shapes,
 * allocate the results, call the kernel with arrays (args then results) and the sizes, and
 * store the results.
 * A mismatch is a {@link KilnRuntimeException} at the call's location naming the op, the
 * argument index, and the expected and actual types. A size no argument binds is a plan bug.
 */
final class KernelCaller {
  private KernelCaller() {}

  static void call(Instr.CallKernel c, Kernel[] kernels, Tensor[] slots, SlotReader reader) {
    int[] args = c.args();
    int[] results = c.results();
    Tensor[] in = new Tensor[args.length];
    for (int i = 0; i < args.length; i++) {
      in[i] = reader.read(args[i]);
    }
    long[] sizes = new long[c.numSizes()];
    boolean[] bound = new boolean[c.numSizes()];
    for (int i = 0; i < in.length; i++) {
      List<IntExpr> pattern = c.argShapes().get(i);
      if (pattern.size() != in[i].rank()) {
        continue;
      }
      for (int a = 0; a < pattern.size(); a++) {
        if (pattern.get(a) instanceof IntExpr.Size(int k) && !bound[k]) {
          sizes[k] = in[i].dim(a);
          bound[k] = true;
        }
      }
    }
    for (int i = 0; i < in.length; i++) {
      List<IntExpr> pattern = c.argShapes().get(i);
      if (pattern.size() != in[i].rank()) {
        throw new KilnRuntimeException("op '" + c.opName() + "': argument " + i + " has type "
            + in[i].typeString() + ", expected " + c.argTypes().get(i).text() + pattern,
            c.location());
      }
    }
    for (int k = 0; k < bound.length; k++) {
      if (!bound[k]) {
        throw new IllegalStateException("plan bug: op " + c.opName() + " at " + c.location()
            + ": size $" + k + " is bound by no argument");
      }
    }
    for (int i = 0; i < in.length; i++) {
      checkArg(c, i, in[i], sizes);
    }
    Object[] arrays = new Object[args.length + results.length];
    for (int i = 0; i < in.length; i++) {
      arrays[i] = in[i].data();
    }
    Tensor[] out = new Tensor[results.length];
    for (int r = 0; r < results.length; r++) {
      int[] shape = evalShape(c, c.resultShapes().get(r), sizes, "result " + r);
      for (int d : shape) {
        if (d < 0) {
          throw new KilnRuntimeException("op '" + c.opName() + "': result " + r
              + " would have the negative shape " + c.resultTypes().get(r).format(shape),
              c.location());
        }
      }
      out[r] = Tensor.zeros(c.resultTypes().get(r), shape);
      arrays[in.length + r] = out[r].data();
    }
    int[] intSizes = new int[sizes.length];
    for (int k = 0; k < sizes.length; k++) {
      intSizes[k] = (int) sizes[k];
    }
    Kernel kernel = kernels[c.kernel()];
    try {
      kernel.invoke(arrays, intSizes);
    } catch (KilnRuntimeException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IllegalStateException("kernel " + c.kernel() + " (op " + c.opName() + " at "
          + c.location() + ") failed: " + e, e);
    }
    for (int r = 0; r < results.length; r++) {
      slots[results[r]] = out[r];
    }
  }

  private static void checkArg(Instr.CallKernel c, int i, Tensor t, long[] sizes) {
    ElementType want = c.argTypes().get(i);
    int[] expected = evalShape(c, c.argShapes().get(i), sizes, "argument " + i);
    if (t.dtype() != want || !java.util.Arrays.equals(expected, t.shape())) {
      throw new KilnRuntimeException("op '" + c.opName() + "': argument " + i + " has type "
          + t.typeString() + ", expected " + want.format(expected), c.location());
    }
  }

  private static int[] evalShape(Instr.CallKernel c, List<IntExpr> pattern, long[] sizes,
      String what) {
    int[] shape = new int[pattern.size()];
    for (int a = 0; a < shape.length; a++) {
      long v;
      try {
        v = pattern.get(a).eval(sizes);
      } catch (ArithmeticException e) {
        throw new KilnRuntimeException("op '" + c.opName() + "': " + what + " axis " + a
            + ": division by zero in its shape", c.location());
      }
      if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
        throw new KilnRuntimeException("op '" + c.opName() + "': " + what + " axis " + a
            + " has extent " + v + ", too large", c.location());
      }
      shape[a] = (int) v;
    }
    return shape;
  }

  /** Reads a slot, failing on one never written. */
  interface SlotReader {
    Tensor read(int slot);
  }
}
