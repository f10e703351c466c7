package dev.kiln.runtime.parallel;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Chunking, thread counts, failure propagation and thread reuse of the shared pool. */
class KilnPoolTest {
  private final int before = KilnPool.threads();

  @AfterEach void restore() { KilnPool.setThreads(before); }

  /** Runs a loop that marks each index; checks every index ran exactly once and counts the chunks. */
  private static int coverOnce(int lo, int hi) {
    int[] seen = new int[Math.max(0, hi - lo)];
    AtomicInteger chunks = new AtomicInteger();
    KilnPool.parallelFor(lo, hi, (a, b) -> {
      chunks.incrementAndGet();
      for (int i = a; i < b; i++) seen[i - lo]++;
    });
    for (int i = 0; i < seen.length; i++) assertEquals(1, seen[i], "index " + (lo + i));
    return chunks.get();
  }

  @Test void everyIndexRunsOnceInAboutThreadsChunks() {
    for (int t : new int[] {1, 2, 3, 5, 8}) {
      KilnPool.setThreads(t);
      assertEquals(t, KilnPool.threads());
      assertEquals(Math.min(t, 1000), coverOnce(-7, 993));
      assertEquals(Math.min(t, 3), coverOnce(10, 13));
      assertEquals(0, coverOnce(5, 5));
      assertEquals(0, coverOnce(5, 2));
    }
  }

  @Test void oneThreadRunsInTheCaller() {
    KilnPool.setThreads(1);
    Thread caller = Thread.currentThread();
    Set<Thread> ran = ConcurrentHashMap.newKeySet();
    KilnPool.parallelFor(0, 64, (a, b) -> ran.add(Thread.currentThread()));
    assertEquals(Set.of(caller), ran);
  }

  @Test void severalThreadsUseWorkersAndTheCaller() {
    KilnPool.setThreads(4);
    Set<String> ran = ConcurrentHashMap.newKeySet();
    KilnPool.parallelFor(0, 4, (a, b) -> {
      ran.add(Thread.currentThread().getName());
      sleep(50); // keep each chunk busy so that no thread runs two of them
    });
    assertTrue(ran.contains(Thread.currentThread().getName()), "the caller runs a chunk: " + ran);
    assertTrue(ran.stream().anyMatch(n -> n.startsWith("kiln-worker-")), "workers run chunks: " + ran);
  }

  @Test void nestedLoopsRunInlineOnWorkers() {
    KilnPool.setThreads(3);
    int[][] hits = new int[6][5];
    KilnPool.parallelFor(0, 6, (a, b) -> {
      for (int i = a; i < b; i++) {
        int row = i;
        KilnPool.parallelFor(0, 5, (c, d) -> { for (int j = c; j < d; j++) hits[row][j]++; });
      }
    });
    for (int[] r : hits) for (int h : r) assertEquals(1, h);
  }

  @Test void threadCountChangesTakeEffectBetweenCalls() {
    KilnPool.setThreads(2);
    assertEquals(2, coverOnce(0, 100));
    KilnPool.setThreads(6);
    assertEquals(6, coverOnce(0, 100));
    KilnPool.setThreads(1);
    assertEquals(1, coverOnce(0, 100));
    assertThrows(IllegalArgumentException.class, () -> KilnPool.setThreads(0));
    assertEquals(1, KilnPool.threads());
  }

  @Test void callsCreateNoThreads() {
    KilnPool.setThreads(3);
    long[] sum = new long[1000];
    RangeTask fill = (a, b) -> { for (int i = a; i < b; i++) sum[i] += i; };
    KilnPool.parallelFor(0, 1000, fill);
    int start = KilnPool.threadsCreated();
    KilnPool.parallelFor(0, 3, (a, b) -> sleep(30)); // busy chunks make the pool start all its workers
    assertTrue(KilnPool.threadsCreated() - start <= 2, "a pool of 3 threads has at most 2 workers");
    int created = KilnPool.threadsCreated();
    int live = Thread.activeCount();
    for (int k = 0; k < 100; k++) KilnPool.parallelFor(0, 1000, fill);
    assertEquals(created, KilnPool.threadsCreated(), "worker threads created during 100 calls");
    assertTrue(Thread.activeCount() <= live, "live threads grew from " + live + " to " + Thread.activeCount());
    for (int i = 0; i < 1000; i++) assertEquals(101L * i, sum[i]);
  }

  @Test void theFirstFailureIsRethrownAfterAllChunksFinish() {
    KilnPool.setThreads(4);
    AtomicInteger finished = new AtomicInteger();
    ArithmeticException e = assertThrows(ArithmeticException.class, () -> KilnPool.parallelFor(0, 4, (a, b) -> {
      if (a == 2) throw new ArithmeticException("chunk 2");
      sleep(30);
      finished.incrementAndGet();
    }));
    assertEquals("chunk 2", e.getMessage());
    assertEquals(3, finished.get(), "the other chunks ran to the end before the call returned");
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
