package dev.kiln.runtime.plan;

import dev.kiln.runtime.ElementType;
import dev.kiln.runtime.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One instruction of a {@link Plan}. Operands are slot numbers; every slot holds an immutable
 * tensor. {@code location} strings ({@code "file.kiln:12:5"}) point at the model source and may
 * be null. Semantics are those run by {@link PlanExecutor}.
 */
public sealed interface Instr {

  /**
   * Calls {@code kernels[kernel]} on the tensors in {@code args}, writing new tensors into
   * {@code results}. {@code argShapes}/{@code resultShapes} are dimension patterns over the
   * kernel's {@code numSizes} size variables; an axis whose pattern is a bare {@code Size(k)}
   * binds size {@code k} from the first argument that has it.
   */
  record CallKernel(int kernel, int[] args, int[] results, List<List<IntExpr>> argShapes,
      List<List<IntExpr>> resultShapes, List<ElementType> argTypes, List<ElementType> resultTypes,
      int numSizes, String opName, String location) implements Instr {
    public CallKernel {
      args = args.clone();
      results = results.clone();
      argShapes = argShapes.stream().map(List::copyOf).toList();
      resultShapes = resultShapes.stream().map(List::copyOf).toList();
      argTypes = List.copyOf(argTypes);
      resultTypes = List.copyOf(resultTypes);
      if (argShapes.size() != args.length || argTypes.size() != args.length
          || resultShapes.size() != results.length || resultTypes.size() != results.length) {
        throw new IllegalArgumentException("CallKernel " + opName
            + ": shapes and types must match the numbers of args and results");
      }
    }

    @Override
    public int[] args() {
      return args.clone();
    }

    @Override
    public int[] results() {
      return results.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof CallKernel c && kernel == c.kernel && Arrays.equals(args, c.args)
          && Arrays.equals(results, c.results) && argShapes.equals(c.argShapes)
          && resultShapes.equals(c.resultShapes) && argTypes.equals(c.argTypes)
          && resultTypes.equals(c.resultTypes) && numSizes == c.numSizes
          && Objects.equals(opName, c.opName) && Objects.equals(location, c.location);
    }

    @Override
    public int hashCode() {
      return Objects.hash(kernel, Arrays.hashCode(args), Arrays.hashCode(results), argShapes,
          resultShapes, argTypes, resultTypes, numSizes, opName, location);
    }

    @Override
    public String toString() {
      return "CallKernel[" + opName + " k" + kernel + " " + Arrays.toString(args) + " -> "
          + Arrays.toString(results) + " at " + location + "]";
    }
  }

  /** Puts a constant tensor into {@code slot}. */
  record Const(int slot, Tensor value) implements Instr {}

  /** {@code slots[dst] = slots[src]} (tensors are immutable, so sharing is fine). */
  record Copy(int dst, int src) implements Instr {}

  /** {@code slots[dst]} = a 0-d i32 tensor holding dimension {@code axis} of {@code slots[src]}. */
  record ShapeDim(int dst, int src, int axis) implements Instr {}

  /**
   * {@code slots[dst]} = the tensor in {@code src} viewed with another shape (the same elements in
   * row-major order, no copy). Each dimension is evaluated with {@code Size(k)} = dimension k of the
   * source; at most one may be {@code Const(-1)}, inferred from the element count.
   */
  record Reshape(int dst, int src, List<IntExpr> shape, String location) implements Instr {
    public Reshape {
      shape = List.copyOf(shape);
    }
  }

  /** Runs {@code then} when the one-element tensor {@code cond} is true or nonzero. */
  record If(int cond, List<Instr> then, List<Instr> otherwise, String location) implements Instr {
    public If {
      then = List.copyOf(then);
      otherwise = List.copyOf(otherwise);
    }
  }

  /** Runs {@code body} with {@code var} = 0-d i32 lo, lo+1, ..., hi-1 (0-d integer bounds). */
  record For(int var, int lo, int hi, List<Instr> body, String location) implements Instr {
    public For {
      body = List.copyOf(body);
    }
  }

  /** Repeats: run {@code condBody}; stop unless {@code cond} holds; run {@code body}. */
  record While(List<Instr> condBody, int cond, List<Instr> body, String location)
      implements Instr {
    public While {
      condBody = List.copyOf(condBody);
      body = List.copyOf(body);
    }
  }

  /** Ends the whole run with these slots as the outputs, from any depth. */
  record Return(int[] values) implements Instr {
    public Return {
      values = values.clone();
    }

    @Override
    public int[] values() {
      return values.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Return r && Arrays.equals(values, r.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return "Return" + Arrays.toString(values);
    }
  }

  /** Fails unless the integer {@code index} (0-d, or every element of an index tensor) lies in [0, dim {@code axis} of {@code tensor}). */
  record CheckIndex(int index, int tensor, int axis, String location) implements Instr {}
}
