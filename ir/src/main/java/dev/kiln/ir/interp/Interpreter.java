package dev.kiln.ir.interp;

import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Var;
import java.util.List;

/**
 * The reference interpreter of the loop-nest IR: the oracle every backend, schedule and pass is
 * tested against. It uses the calling convention of {@code dev.kiln.runtime.Kernel}: one flat
 * row-major primitive array per parameter (inputs then outputs) and the values of the symbolic
 * size variables in order.
 *
 * <p>Algorithm: bind each size variable, then each parameter buffer to its array (checking the
 * array's type and length against the buffer's dtype and evaluated shape), then execute the body
 * with {@link StmtExecutor}. Out-of-bounds accesses and ill-typed IR are
 * {@code InternalCompilerError}s; arrays or sizes that do not fit the kernel are
 * {@code IllegalArgumentException}s (the caller's fault). Not thread-safe per call, but calls
 * share no state.
 */
public final class Interpreter {
  private Interpreter() {}

  /** Runs {@code f} on {@code arrays} (inputs then outputs), writing the outputs in place. */
  public static void run(PrimFunc f, Object[] arrays, int[] sizes) {
    List<Buffer> params = f.params();
    if (arrays.length != params.size())
      throw new IllegalArgumentException(f.name() + " takes " + params.size() + " arrays, got " + arrays.length);
    Frame frame = new Frame();
    StmtExecutor exec = new StmtExecutor(frame);
    bindSizes(f, sizes, frame);
    for (int i = 0; i < params.size(); i++) {
      Buffer b = params.get(i);
      int[] shape = exec.shapeOf(b);
      checkArray(b, arrays[i], shape);
      frame.bindBuffer(new Frame.Bound(b, arrays[i], shape));
    }
    exec.exec(f.body());
  }

  /** Allocates zeroed outputs (shapes evaluated with {@code sizes}), runs {@code f}, returns the outputs. */
  public static Object[] runAllocating(PrimFunc f, Object[] inputs, int[] sizes) {
    if (inputs.length != f.inputs().size())
      throw new IllegalArgumentException(f.name() + " takes " + f.inputs().size() + " inputs, got " + inputs.length);
    Object[] outputs = allocateOutputs(f, sizes);
    Object[] all = new Object[inputs.length + outputs.length];
    System.arraycopy(inputs, 0, all, 0, inputs.length);
    System.arraycopy(outputs, 0, all, inputs.length, outputs.length);
    run(f, all, sizes);
    return outputs;
  }

  /** Zeroed arrays for {@code f}'s outputs at the shapes {@code sizes} give. */
  public static Object[] allocateOutputs(PrimFunc f, int[] sizes) {
    Frame frame = new Frame();
    StmtExecutor exec = new StmtExecutor(frame);
    bindSizes(f, sizes, frame);
    Object[] out = new Object[f.outputs().size()];
    for (int i = 0; i < out.length; i++) out[i] = exec.allocate(f.outputs().get(i)).array();
    return out;
  }

  private static void bindSizes(PrimFunc f, int[] sizes, Frame frame) {
    List<Var> vars = f.sizeVars();
    if (sizes.length != vars.size())
      throw new IllegalArgumentException(f.name() + " takes " + vars.size() + " sizes, got " + sizes.length);
    for (int i = 0; i < sizes.length; i++) {
      Frame.Cell c = new Frame.Cell();
      c.i = sizes[i];
      frame.bindVar(vars.get(i), c);
    }
  }

  private static void checkArray(Buffer b, Object array, int[] shape) {
    Class<?> want = Storage.arrayClass(b.dtype());
    if (array == null || array.getClass() != want)
      throw new IllegalArgumentException("buffer " + b.name() + " (" + b.dtype() + ") needs a "
          + want.getSimpleName() + ", got " + (array == null ? "null" : array.getClass().getSimpleName()));
    long n = 1;
    for (int d : shape) n *= d;
    if (Storage.length(array) != n)
      throw new IllegalArgumentException("buffer " + b.name() + " needs " + n + " elements, got " + Storage.length(array));
  }
}
