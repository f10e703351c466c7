package dev.kiln.runtime.plan;

import dev.kiln.runtime.KilnRuntimeException;
import dev.kiln.runtime.RunOptions;
import dev.kiln.runtime.Tensor;
import java.util.List;

/**
 * The state of one run of a {@link HostProgram}: the slots, and the operations generated host
 * code calls — run straight-line block {@code k}, read a condition or a loop bound, set a loop
 * variable, count a while loop's iterations. Every check and message is the plan executor's, so a
 * model fails the same way whether its control flow is compiled or interpreted.
 */
public final class HostRun {
  private final PlanExecutor.Run run;
  private final List<List<Instr>> blocks;
  private final RunOptions options;

  HostRun(PlanExecutor.Run run, List<List<Instr>> blocks, RunOptions options) {
    this.run = run;
    this.blocks = blocks;
    this.options = options;
  }

  /** Runs straight-line block {@code k} (its kernel calls, constants, reshapes and checks). */
  public void block(int k) {
    run.exec(blocks.get(k));
  }

  /** The truth of the one-element condition in {@code slot}. */
  public boolean truth(int slot, String location) {
    return PlanExecutor.Run.truth(run.read(slot), location);
  }

  /** The integer scalar in {@code slot} (a loop bound). */
  public long intScalar(int slot, String what, String location) {
    return PlanExecutor.Run.integerScalar(run.read(slot), what, location);
  }

  /** Stores loop variable value {@code i} (a 0-d i32) in {@code slot}. */
  public void setLoopVar(int slot, long i, String location) {
    if (i > Integer.MAX_VALUE || i < Integer.MIN_VALUE) {
      throw new KilnRuntimeException("loop variable " + i + " does not fit in i32", location);
    }
    run.write(slot, Tensor.scalarInt((int) i));
  }

  /** The next iteration count of a while loop; fails past {@link RunOptions#maxLoopIters()}. */
  public long countIteration(long iterations, String location) {
    long next = iterations + 1;
    if (next > options.maxLoopIters()) {
      throw new KilnRuntimeException("while loop ran more than " + options.maxLoopIters()
          + " iterations (raise RunOptions.maxLoopIters if this is intended)", location);
    }
    return next;
  }
}
