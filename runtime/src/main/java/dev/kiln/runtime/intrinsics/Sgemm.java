package dev.kiln.runtime.intrinsics;

import dev.kiln.runtime.parallel.KilnPool;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * f32 matrix multiplication {@code C (+)= A·B} ({@code A} is M×K, {@code B} K×N, {@code C} M×N),
 * built from one {@link GemmMicroKernel}. C is row-major with a row stride; A and B are addressed
 * by a row and a column stride each, so transposed or strided operands need no copy (packing
 * absorbs the layout, see {@link Packing}).
 *
 * <p>Algorithm (Goto/BLIS): five loops around the micro-kernel.
 * <pre>
 * for jc in N step NC:                 B panel  kc×nc  → packed, lives in L3
 *   for pc in K step KC:               first pc overwrites C (or accumulates if asked), later
 *                                      ones accumulate
 *     packB(B[pc:pc+kc, jc:jc+nc])
 *     for ic in M step MC:             A block  mc×kc  → packed, lives in L2
 *       packA(A[ic:ic+mc, pc:pc+kc])
 *       for jr in nc step NR:          one B sliver (kc×NR) stays in L1
 *         for ir in mc step MR:        micro-kernel on an MR×NR tile of C
 * </pre>
 * Edge tiles (fewer than MR rows or NR columns left) are computed in full into a scratch tile,
 * thanks to the zero padding of packing, and only their valid part is written to C. Packing
 * buffers are per thread and reused across calls. {@link #multiplyParallel} splits the larger of
 * M and N into one contiguous, tile-aligned range per task on a given executor, and
 * {@link #gemmOnPool} does the same on {@link KilnPool}; each task runs the sequential algorithm
 * on its part of C with its own packing buffers, so tasks share no mutable state.
 *
 * <p>A B operand marked constant ({@link ConstantOperands}: a model's weights) is packed once, as
 * a whole ({@link PackedB}), on the first {@link #gemm} or {@link #gemmOnPool} call that reads
 * it, and later calls read the packed panels instead of packing again; the arithmetic and its
 * order are unchanged, so results are bit-identical. At most {@value #PACKINGS_PER_ARRAY} packings
 * (offsets, strides, shapes) are kept per array; the cache holds arrays weakly.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Sgemm {

  /** {@link #gemmOnPool} goes parallel from this many flops ({@code 2·m·n·k}) on: 4 Mflop. */
  public static final long PARALLEL_MIN_FLOPS = 1L << 22;

  private final GemmMicroKernel kernel;
  private final int mr;
  private final int nr;
  private final GemmBlocking blocking;
  private final ThreadLocal<Workspace> workspace = ThreadLocal.withInitial(Workspace::new);
  /** Packings of constant B operands, by array (identity, weakly held). */
  private final Map<float[], List<PackedB>> packedConstants = Collections.synchronizedMap(new WeakHashMap<>());
  static final int PACKINGS_PER_ARRAY = 8;

  /** A driver for {@code kernel} with {@link GemmBlocking#defaults default} blocking. */
  public Sgemm(GemmMicroKernel kernel) {
    this(kernel, GemmBlocking.defaults(kernel.mr(), kernel.nr()));
  }

  /** A driver for {@code kernel}; {@code blocking} is rounded up to whole tiles. */
  public Sgemm(GemmMicroKernel kernel, GemmBlocking blocking) {
    this.kernel = kernel;
    this.mr = kernel.mr();
    this.nr = kernel.nr();
    this.blocking = blocking.alignedTo(mr, nr);
  }

  /** The blocking in use. */
  public GemmBlocking blocking() {
    return blocking;
  }

  /** {@code C = A·B} on the calling thread. Elements of C outside the M×N block are untouched. */
  public void multiply(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff,
      int ldb, float[] c, int cOff, int ldc) {
    GemmArgs.check(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    run(m, n, k, a, aOff, lda, 1, b, bOff, ldb, 1, c, cOff, ldc, false, null, 0);
  }

  /**
   * {@code C = A·B} split into at most {@code parallelism} tasks; all but one run on
   * {@code executor}, one on the calling thread, and the call returns when all are done.
   */
  public void multiplyParallel(int m, int n, int k, float[] a, int aOff, int lda, float[] b,
      int bOff, int ldb, float[] c, int cOff, int ldc, Executor executor, int parallelism) {
    GemmArgs.check(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
    }
    boolean splitN = n >= m;
    int extent = splitN ? n : m;
    int unit = splitN ? nr : mr;
    int chunk = GemmBlocking.roundUp(Math.max(1, (extent + parallelism - 1) / parallelism), unit);
    if (parallelism == 1 || chunk >= extent) {
      run(m, n, k, a, aOff, lda, 1, b, bOff, ldb, 1, c, cOff, ldc, false, null, 0);
      return;
    }
    List<Runnable> tasks = new ArrayList<>();
    for (int start = 0; start < extent; start += chunk) {
      int len = Math.min(chunk, extent - start);
      int s = start;
      tasks.add(splitN
          ? () -> run(m, len, k, a, aOff, lda, 1, b, bOff + s, ldb, 1, c, cOff + s, ldc, false, null, 0)
          : () -> run(len, n, k, a, aOff + s * lda, lda, 1, b, bOff, ldb, 1, c, cOff + s * ldc,
              ldc, false, null, 0));
    }
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int t = 1; t < tasks.size(); t++) {
      futures.add(CompletableFuture.runAsync(tasks.get(t), executor));
    }
    tasks.get(0).run();
    try {
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  /**
   * {@code C (+)= A·B} with strided operands, unchecked, on the calling thread: for
   * {@code i < m, j < n}, {@code c[cOff + i·ldc + j] = (accumulate ? c[…] : 0) + sum_p
   * a[aOff + i·ars + p·acs] · b[bOff + p·brs + j·bcs]}. Any strides (0, non-unit, transposed);
   * with {@code k = 0}, C is zeroed unless {@code accumulate}; with {@code m} or {@code n} 0
   * nothing happens. Indices are not checked beyond the JVM's bounds checks, and C must not
   * overlap A or B.
   */
  public void gemm(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b,
      int bOff, int brs, int bcs, float[] c, int cOff, int ldc, boolean accumulate) {
    run(m, n, k, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, ldc, accumulate,
        packedConstant(m, n, k, b, bOff, brs, bcs), 0);
  }

  /**
   * The packing of constant operand {@code b} (null when it is not constant, when the product is
   * empty, or when the array already has {@value #PACKINGS_PER_ARRAY} other packings).
   */
  PackedB packedConstant(int m, int n, int k, float[] b, int bOff, int brs, int bcs) {
    if (m == 0 || n == 0 || k == 0 || !ConstantOperands.isConstant(b)) {
      return null;
    }
    List<PackedB> known = packedConstants.computeIfAbsent(b, x -> new CopyOnWriteArrayList<>());
    for (PackedB p : known) {
      if (p.matches(n, k, bOff, brs, bcs)) {
        return p;
      }
    }
    if (known.size() >= PACKINGS_PER_ARRAY) {
      return null;
    }
    PackedB p = PackedB.pack(nr, blocking.kc(), n, k, b, bOff, brs, bcs);
    known.add(p);
    return p;
  }

  /**
   * {@link #gemm} on the shared {@link KilnPool}: when it has more than one thread and the call
   * does at least {@link #PARALLEL_MIN_FLOPS} flops ({@code 2·m·n·k}), the larger of M and N is
   * split into whole MR (or NR) tiles and the ranges run through {@link KilnPool#parallelFor}
   * (inline when called from a pool worker); otherwise the call runs on the calling thread.
   * Each range runs the sequential algorithm with its thread's own packing buffers, so the
   * result is bit-identical to {@link #gemm}.
   */
  public void gemmOnPool(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b,
      int bOff, int brs, int bcs, float[] c, int cOff, int ldc, boolean accumulate) {
    PackedB packed = packedConstant(m, n, k, b, bOff, brs, bcs);
    if (m == 0 || n == 0 || 2L * m * n * k < PARALLEL_MIN_FLOPS || KilnPool.threads() <= 1) {
      run(m, n, k, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, ldc, accumulate, packed, 0);
      return;
    }
    boolean splitN = n >= m;
    int extent = splitN ? n : m;
    int unit = splitN ? nr : mr;
    int tiles = (extent + unit - 1) / unit;
    KilnPool.parallelFor(0, tiles, (lo, hi) -> {
      int s = lo * unit;
      int len = Math.min(hi * unit, extent) - s;
      if (splitN) {
        run(m, len, k, a, aOff, ars, acs, b, bOff + s * bcs, brs, bcs, c, cOff + s, ldc,
            accumulate, packed, s);
      } else {
        run(len, n, k, a, aOff + s * ars, ars, acs, b, bOff, brs, bcs, c, cOff + s * ldc, ldc,
            accumulate, packed, 0);
      }
    });
  }

  /**
   * The sequential algorithm. With {@code packed} (the packing of the whole operand whose column
   * {@code packedCol} is this call's column 0), B's panels are read from it instead of packed.
   */
  private void run(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b,
      int bOff, int brs, int bcs, float[] c, int cOff, int ldc, boolean accumulate,
      PackedB packed, int packedCol) {
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      if (!accumulate) {
        for (int i = 0; i < m; i++) {
          java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
        }
      }
      return;
    }
    int mcMax = Math.min(blocking.mc(), m);
    int kcMax = Math.min(blocking.kc(), k);
    int ncMax = Math.min(blocking.nc(), n);
    Workspace ws = workspace.get();
    float[] ap = ws.a(Packing.packedASize(mr, mcMax, kcMax));
    float[] bp = packed != null ? packed.data() : ws.b(Packing.packedBSize(nr, kcMax, ncMax));
    float[] edge = ws.edge(mr * nr);
    for (int jc = 0; jc < n; jc += blocking.nc()) {
      int nc = Math.min(blocking.nc(), n - jc);
      for (int pc = 0; pc < k; pc += blocking.kc()) {
        int kc = Math.min(blocking.kc(), k - pc);
        int bpOff = 0;
        if (packed == null) {
          Packing.packB(nr, kc, nc, b, bOff + pc * brs + jc * bcs, brs, bcs, bp, 0);
        } else {
          bpOff = packed.offset(pc, kc, packedCol + jc);
        }
        for (int ic = 0; ic < m; ic += blocking.mc()) {
          int mc = Math.min(blocking.mc(), m - ic);
          Packing.packA(mr, mc, kc, a, aOff + ic * ars + pc * acs, ars, acs, ap, 0);
          macroKernel(mc, nc, kc, ap, bp, bpOff, c, cOff + ic * ldc + jc, ldc, accumulate || pc > 0,
              edge);
        }
      }
    }
  }

  /** All MR×NR tiles of one {@code mc × nc} block of C from packed A and B. */
  private void macroKernel(int mc, int nc, int kc, float[] ap, float[] bp, int bpOff, float[] c,
      int cOff, int ldc, boolean accumulate, float[] edge) {
    for (int jr = 0; jr < nc; jr += nr) {
      int cols = Math.min(nr, nc - jr);
      int bIdx = bpOff + jr * kc;
      for (int ir = 0; ir < mc; ir += mr) {
        int rows = Math.min(mr, mc - ir);
        int aIdx = ir * kc;
        int cIdx = cOff + ir * ldc + jr;
        if (rows == mr && cols == nr) {
          kernel.compute(kc, ap, aIdx, bp, bIdx, c, cIdx, ldc, accumulate);
        } else {
          kernel.compute(kc, ap, aIdx, bp, bIdx, edge, 0, nr, false);
          storeEdge(rows, cols, edge, c, cIdx, ldc, accumulate);
        }
      }
    }
  }

  private void storeEdge(int rows, int cols, float[] edge, float[] c, int cIdx, int ldc,
      boolean accumulate) {
    for (int i = 0; i < rows; i++) {
      int row = cIdx + i * ldc;
      for (int j = 0; j < cols; j++) {
        c[row + j] = accumulate ? c[row + j] + edge[i * nr + j] : edge[i * nr + j];
      }
    }
  }

  /** Grow-only packing buffers of one thread. */
  private static final class Workspace {
    private float[] a = new float[0];
    private float[] b = new float[0];
    private float[] edge = new float[0];

    float[] a(int size) {
      if (a.length < size) {
        a = new float[size];
      }
      return a;
    }

    float[] b(int size) {
      if (b.length < size) {
        b = new float[size];
      }
      return b;
    }

    float[] edge(int size) {
      if (edge.length < size) {
        edge = new float[size];
      }
      return edge;
    }
  }
}
