package dev.kiln.bench.support;

import dev.kiln.runtime.parallel.KilnPool;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The thread count of one benchmark fork, applied to Kiln and checked.
 *
 * <p>The peers take their thread count as an argument (OpenBLAS {@code openblas_set_num_threads},
 * ONNX Runtime intra-op threads). Kiln's generated parallel loops run on the runtime's shared
 * {@link KilnPool} (the caller plus {@code threads - 1} workers), sized at run time with
 * {@link KilnPool#setThreads}. {@link #apply} sets it, then runs a parallel loop of short sleeping
 * chunks through the pool and counts the distinct threads that ran them: it must see exactly
 * {@code threads}, or the fork fails instead of reporting numbers for the wrong thread count.
 */
public final class ThreadSetting {
  private ThreadSetting() {}

  /** The number of cores this JVM may use. */
  public static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** Sizes Kiln's pool to {@code threads} and checks that its parallel loops use that many threads. */
  public static void apply(int threads) {
    if (threads < 1 || threads > cores()) {
      throw new IllegalStateException("threads=" + threads + " but this machine has " + cores()
          + " cores: use 1 or " + cores());
    }
    KilnPool.setThreads(threads);
    Set<Thread> used = ConcurrentHashMap.newKeySet();
    for (int attempt = 0; attempt < 10 && used.size() < threads; attempt++) {
      KilnPool.parallelFor(0, threads, (lo, hi) -> {
        used.add(Thread.currentThread());
        LockSupport.parkNanos(5_000_000L);
      });
    }
    if (used.size() != threads || KilnPool.threads() != threads) {
      throw new IllegalStateException("threads=" + threads + " but Kiln's parallel loops ran on "
          + used.size() + " threads (KilnPool.threads() = " + KilnPool.threads() + ")");
    }
  }
}
