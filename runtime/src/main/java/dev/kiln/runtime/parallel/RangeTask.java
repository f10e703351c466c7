package dev.kiln.runtime.parallel;

/**
 * The body of a parallel loop, run over one chunk {@code [lo, hi)} of its iteration range.
 * Generated kernel classes implement it; one instance may run several chunks at once on
 * different threads, so it must only read its own fields.
 */
@FunctionalInterface
public interface RangeTask {
  /** Runs iterations {@code lo} (inclusive) to {@code hi} (exclusive), in order. */
  void run(int lo, int hi);
}
