package dev.kiln.runtime;

/**
 * Options of one model run.
 *
 * @param maxLoopIters the most iterations one {@code while} loop may run before the run fails
 *     (guards against data-dependent loops that never end); must be positive
 */
public record RunOptions(long maxLoopIters) {
  /** Ten million iterations per while loop. */
  public static final RunOptions DEFAULT = new RunOptions(10_000_000L);

  public RunOptions {
    if (maxLoopIters <= 0) {
      throw new IllegalArgumentException("maxLoopIters must be positive, got " + maxLoopIters);
    }
  }
}
