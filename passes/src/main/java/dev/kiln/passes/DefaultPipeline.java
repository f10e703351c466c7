package dev.kiln.passes;

import dev.kiln.ir.graph.GraphModule;
import dev.kiln.passes.fusion.FuseElementwise;
import java.util.List;

/**
 * The one ordered list of graph passes the compiler runs between the front end and the backends.
 * Read top to bottom; each entry says why it sits where it does.
 */
public final class DefaultPipeline {
  private DefaultPipeline() {}

  public static List<Pass> passes() {
    return List.of(
        // Merges each producer with its single elementwise consumer (matmul → add bias → relu
        // becomes one kernel); runs on kernels as scheduled, before code generation.
        new FuseElementwise());
  }

  /** Runs {@link #passes()} with {@code cx}. */
  public static GraphModule run(GraphModule m, PassContext cx) {
    return PassManager.run(m, passes(), cx);
  }
}
