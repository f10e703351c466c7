package dev.kiln.runtime.parallel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process-wide pool that every parallel loop of Kiln's generated code runs on.
 *
 * <p>Size: {@link #setThreads(int)} at run time, else the system property {@value #PROPERTY}
 * (read on first use), else {@link Runtime#availableProcessors()}. With {@code n} threads the pool
 * holds a {@link ForkJoinPool} of {@code n - 1} daemon workers ({@code kiln-worker-K}), created
 * lazily and kept alive between calls, and the calling thread is the n-th: no thread is created per
 * call. Changing the size replaces the pool; the old one finishes what it was given and its workers
 * exit.
 *
 * <p>{@link #parallelFor} splits {@code [lo, hi)} into {@code min(hi - lo, threads)} contiguous chunks
 * whose sizes differ by at most one, submits all but the first to the pool, runs the first in the
 * caller, then waits for the rest. One thread, a single iteration, or a call from one of the pool's
 * own workers (a nested parallel loop) runs the whole range in the caller. A chunk the pool refuses
 * (it was replaced by a concurrent {@code setThreads}) runs in the caller. The first failure of any
 * chunk is rethrown as is, after every chunk has finished, with later failures suppressed.
 */
public final class KilnPool {
  /** System property giving the default thread count. */
  public static final String PROPERTY = "kiln.threads";

  private static final AtomicInteger CREATED = new AtomicInteger();
  private static final Object LOCK = new Object();
  private static volatile int threads;
  private static volatile ForkJoinPool pool;

  private KilnPool() {}

  /** The number of threads parallel loops run on, the caller included. */
  public static int threads() {
    int t = threads;
    if (t == 0) {
      synchronized (LOCK) {
        if (threads == 0) threads = defaultThreads();
        t = threads;
      }
    }
    return t;
  }

  /** Sets the number of threads for parallel loops started from now on ({@code n >= 1}). */
  public static void setThreads(int n) {
    if (n < 1) throw new IllegalArgumentException("thread count must be at least 1, got " + n);
    ForkJoinPool old;
    synchronized (LOCK) {
      if (threads == n) return;
      threads = n;
      old = pool;
      pool = null;
    }
    if (old != null) old.shutdown();
  }

  /** Runs {@code task} over {@code [lo, hi)} in about {@link #threads()} chunks; returns when all are done. */
  public static void parallelFor(int lo, int hi, RangeTask task) {
    if (lo >= hi) return;
    long n = (long) hi - lo;
    int t = threads();
    if (t == 1 || n == 1 || Thread.currentThread() instanceof Worker) {
      task.run(lo, hi);
      return;
    }
    int chunks = (int) Math.min(n, t);
    ForkJoinPool p = pool(t);
    Chunk[] rest = new Chunk[chunks - 1];
    for (int c = 1; c < chunks; c++) {
      rest[c - 1] = new Chunk(task, bound(lo, n, chunks, c), bound(lo, n, chunks, c + 1));
      try {
        p.execute(rest[c - 1]);
      } catch (RejectedExecutionException e) {
        rest[c - 1].invoke(); // runs it here
      }
    }
    Throwable failure = null;
    try {
      task.run(lo, bound(lo, n, chunks, 1));
    } catch (Throwable e) {
      failure = e;
    }
    for (Chunk c : rest) {
      c.quietlyJoin();
      if (c.failure != null) {
        if (failure == null) failure = c.failure;
        else if (failure != c.failure) failure.addSuppressed(c.failure);
      }
    }
    if (failure instanceof RuntimeException e) throw e;
    if (failure instanceof Error e) throw e;
    if (failure != null) throw new IllegalStateException("parallel loop failed", failure);
  }

  /** Worker threads created since the JVM started (for tests: calls must not create threads). */
  static int threadsCreated() { return CREATED.get(); }

  private static int bound(int lo, long n, int chunks, int c) {
    return (int) (lo + n * c / chunks);
  }

  private static int defaultThreads() {
    String p = System.getProperty(PROPERTY);
    if (p != null && !p.isBlank()) {
      try {
        int n = Integer.parseInt(p.trim());
        if (n >= 1) return n;
      } catch (NumberFormatException ignored) {
        // fall through to the warning
      }
      System.err.println("Kiln: ignoring -D" + PROPERTY + "=" + p + " (not a positive integer)");
    }
    return Runtime.getRuntime().availableProcessors();
  }

  private static ForkJoinPool pool(int t) {
    ForkJoinPool p = pool;
    if (p != null) return p;
    synchronized (LOCK) {
      if (pool == null) {
        int workers = Math.max(1, t - 1);
        pool = new ForkJoinPool(workers, Worker::new, null, false, 0, workers + 256, 1, null, 60, TimeUnit.SECONDS);
      }
      return pool;
    }
  }

  /** A worker of the Kiln pool (recognized so nested parallel loops run inline). */
  private static final class Worker extends ForkJoinWorkerThread {
    Worker(ForkJoinPool pool) {
      super(pool);
      setName("kiln-worker-" + CREATED.incrementAndGet());
      setDaemon(true);
    }
  }

  /** One chunk run on a worker; it records a failure instead of completing exceptionally. */
  private static final class Chunk extends RecursiveAction {
    private final RangeTask task;
    private final int lo;
    private final int hi;
    private Throwable failure;

    Chunk(RangeTask task, int lo, int hi) {
      this.task = task;
      this.lo = lo;
      this.hi = hi;
    }

    @Override protected void compute() {
      try {
        task.run(lo, hi);
      } catch (Throwable e) {
        failure = e;
      }
    }
  }
}
