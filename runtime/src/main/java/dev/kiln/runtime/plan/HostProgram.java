package dev.kiln.runtime.plan;

/**
 * A plan's control flow compiled to bytecode: the host module of a dynamic model. A generated
 * class implements it with the plan's {@code if}/{@code for}/{@code while}/{@code return} as Java
 * control flow and each straight-line block of instructions (see {@link HostBlocks}) as one
 * {@link HostRun#block(int)} call, which runs the block's compiled kernels. Implementations are
 * stateless: every run passes its own {@link HostRun}.
 */
public interface HostProgram {

  /** Runs the plan's body; returns the returned slots, or null when the body ends without a return. */
  int[] run(HostRun run);

  /** The binary name of the host class of the plan for model {@code modelName}. */
  static String className(String modelName) {
    return "kiln.gen." + modelName.replaceAll("[^A-Za-z0-9_]", "_") + "__host";
  }
}
