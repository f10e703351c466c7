package dev.kiln.runtime.plan;

import dev.kiln.runtime.ElementType;
import dev.kiln.runtime.Kernel;
import dev.kiln.runtime.KilnRuntimeException;
import dev.kiln.runtime.RunOptions;
import dev.kiln.runtime.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Interprets a {@link Plan}. Each run allocates its own slot array, so one executor (and one
 * plan, its kernels and params) may serve many threads at once.
 *
 * <p>Algorithm: validate and place the inputs ({@link InputBinder}), place the params, then walk
 * the body tree recursively. {@code exec} returns the slots of a {@link Instr.Return} as soon as
 * one runs, at any depth, and every enclosing block passes it straight up, which ends the run.
 * Kernel calls are delegated to {@link KernelCaller}. A while loop counts its iterations and
 * fails after {@link RunOptions#maxLoopIters()}. Reading a slot nobody wrote, a plan whose body
 * ends without a return, or a return whose arity differs from the outputs is a plan bug
 * ({@link IllegalStateException}); everything the data can cause is a
 * {@link KilnRuntimeException} carrying the instruction's location.
 */
public final class PlanExecutor {

  /** Runs {@code plan}; returns the outputs keyed and ordered by {@code plan.outputNames()}. */
  public LinkedHashMap<String, Tensor> run(Plan plan, Kernel[] kernels, Tensor[] params,
      Map<String, Tensor> inputs, RunOptions options) {
    return run(plan, kernels, params, inputs, options, null, null);
  }

  /**
   * Runs {@code plan} with its control flow compiled: {@code host} (generated from this plan) runs
   * the body, calling back for each of {@code blocks} ({@link HostBlocks#collect} of the body).
   * With a null host the body is interpreted.
   */
  public LinkedHashMap<String, Tensor> run(Plan plan, Kernel[] kernels, Tensor[] params,
      Map<String, Tensor> inputs, RunOptions options, HostProgram host, List<List<Instr>> blocks) {
    if (params.length != plan.params().size()) {
      throw new IllegalArgumentException("plan '" + plan.modelName() + "' has "
          + plan.params().size() + " params, got " + params.length + " tensors");
    }
    Tensor[] slots = new Tensor[plan.numSlots()];
    Map<String, Integer> symbols = InputBinder.bind(plan, inputs, slots);
    for (int i = 0; i < params.length; i++) {
      slots[plan.params().get(i).slot()] = params[i];
    }
    Run run = new Run(kernels, slots, options);
    int[] returned = host == null ? run.exec(plan.body()) : host.run(new HostRun(run, blocks, options));
    if (returned == null) {
      throw new IllegalStateException("plan '" + plan.modelName() + "' ended without a return");
    }
    if (returned.length != plan.outputNames().size()) {
      throw new IllegalStateException("plan '" + plan.modelName() + "' returned "
          + returned.length + " values for " + plan.outputNames().size() + " outputs");
    }
    LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
    for (int i = 0; i < returned.length; i++) {
      out.put(plan.outputNames().get(i), run.read(returned[i]));
    }
    if (plan.outputSpecs() != null) {
      checkOutputs(plan, symbols, out);
    }
    return out;
  }

  /**
   * Each output against its declared shape: rank, fixed extents, and symbols at the extents the
   * inputs bound (a reshape whose element count the compiler could not prove can otherwise return
   * another shape than the model declares).
   */
  private static void checkOutputs(Plan plan, Map<String, Integer> symbols, Map<String, Tensor> out) {
    int i = 0;
    for (Map.Entry<String, Tensor> e : out.entrySet()) {
      List<Dim> declared = plan.outputSpecs().shapes().get(i++);
      Tensor t = e.getValue();
      String what = "output '" + e.getKey() + "'";
      if (t.rank() != declared.size()) {
        throw new KilnRuntimeException(what + " has shape " + t.typeString() + " where the model declares rank "
            + declared.size(), plan.outputSpecs().location());
      }
      for (int a = 0; a < declared.size(); a++) {
        Dim d = declared.get(a);
        Integer want = switch (d) {
          case Dim.Fixed f -> f.value();
          case Dim.Symbol s -> symbols.get(s.name());
        };
        if (want != null && want != t.dim(a)) {
          throw new KilnRuntimeException(what + " axis " + a + " is " + t.dim(a) + " where the model declares " + d
              + (d instanceof Dim.Symbol ? " (" + want + " from the inputs)" : ""), plan.outputSpecs().location());
        }
      }
    }
  }

  /** The state of one run. */
  static final class Run implements KernelCaller.SlotReader {
    private final Kernel[] kernels;
    private final Tensor[] slots;
    private final RunOptions options;

    Run(Kernel[] kernels, Tensor[] slots, RunOptions options) {
      this.kernels = kernels;
      this.slots = slots;
      this.options = options;
    }

    @Override
    public Tensor read(int slot) {
      Tensor t = slots[slot];
      if (t == null) {
        throw new IllegalStateException("plan bug: slot " + slot + " read before it was written");
      }
      return t;
    }

    void write(int slot, Tensor t) {
      slots[slot] = t;
    }

    /** Runs a block; returns the returned slots when a Return ran, else null. */
    int[] exec(List<Instr> block) {
      for (Instr instr : block) {
        int[] returned = exec(instr);
        if (returned != null) {
          return returned;
        }
      }
      return null;
    }

    private int[] exec(Instr instr) {
      switch (instr) {
        case Instr.CallKernel c -> KernelCaller.call(c, kernels, slots, this);
        case Instr.Const c -> slots[c.slot()] = c.value();
        case Instr.Copy c -> slots[c.dst()] = read(c.src());
        case Instr.ShapeDim s -> {
          Tensor t = read(s.src());
          if (s.axis() < 0 || s.axis() >= t.rank()) {
            throw new IllegalStateException("plan bug: ShapeDim axis " + s.axis() + " of "
                + t.typeString());
          }
          slots[s.dst()] = Tensor.scalarInt(t.dim(s.axis()));
        }
        case Instr.If f -> {
          return exec(truth(read(f.cond()), f.location()) ? f.then() : f.otherwise());
        }
        case Instr.For f -> {
          long lo = integerScalar(read(f.lo()), "loop start", f.location());
          long hi = integerScalar(read(f.hi()), "loop end", f.location());
          for (long i = lo; i < hi; i++) {
            if (i > Integer.MAX_VALUE || i < Integer.MIN_VALUE) {
              throw new KilnRuntimeException("loop variable " + i + " does not fit in i32",
                  f.location());
            }
            slots[f.var()] = Tensor.scalarInt((int) i);
            int[] returned = exec(f.body());
            if (returned != null) {
              return returned;
            }
          }
        }
        case Instr.While w -> {
          long iterations = 0;
          while (true) {
            int[] returned = exec(w.condBody());
            if (returned != null) {
              return returned;
            }
            if (!truth(read(w.cond()), w.location())) {
              break;
            }
            if (++iterations > options.maxLoopIters()) {
              throw new KilnRuntimeException("while loop ran more than " + options.maxLoopIters()
                  + " iterations (raise RunOptions.maxLoopIters if this is intended)",
                  w.location());
            }
            returned = exec(w.body());
            if (returned != null) {
              return returned;
            }
          }
        }
        case Instr.Return r -> {
          return r.values();
        }
        case Instr.Reshape r -> slots[r.dst()] = Reshaper.reshape(read(r.src()), r.shape(), r.location());
        case Instr.CheckIndex c -> {
          Tensor indices = read(c.index());
          Tensor t = read(c.tensor());
          int dim = t.dim(c.axis());
          if (indices.rank() == 0) {
            long index = integerScalar(indices, "index", c.location());
            if (index < 0 || index >= dim) {
              throw new KilnRuntimeException("index " + index + " out of bounds for axis "
                  + c.axis() + " of size " + dim, c.location());
            }
          } else {
            checkAll(indices, dim, c);
          }
        }
      }
      return null;
    }

    /** Every element of an integer index tensor (a gather's indices) must lie in [0, dim). */
    private static void checkAll(Tensor indices, int dim, Instr.CheckIndex c) {
      if (indices.dtype().isFloat() || indices.dtype() == ElementType.BOOL) {
        throw new KilnRuntimeException("indices must be integers, got " + indices.typeString(), c.location());
      }
      for (int i = 0; i < indices.size(); i++) {
        long index = indices.getLong(i);
        if (index < 0 || index >= dim) {
          throw new KilnRuntimeException("index " + index + " (element " + i + " of the indices) out of bounds for axis "
              + c.axis() + " of size " + dim, c.location());
        }
      }
    }

    static boolean truth(Tensor cond, String location) {
      if (cond.size() != 1) {
        throw new KilnRuntimeException("condition must be a scalar, got " + cond.typeString(),
            location);
      }
      if (cond.dtype() == ElementType.BOOL) {
        return ((boolean[]) cond.data())[0];
      }
      return cond.getDouble(0) != 0;
    }

    static long integerScalar(Tensor t, String what, String location) {
      if (t.size() != 1 || !t.dtype().isInteger()) {
        throw new KilnRuntimeException(what + " must be an integer scalar, got "
            + t.typeString(), location);
      }
      return t.getLong(0);
    }
  }
}
