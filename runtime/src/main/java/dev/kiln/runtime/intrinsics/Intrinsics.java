package dev.kiln.runtime.intrinsics;

import java.util.concurrent.Executor;

/**
 * Static entry points of the runtime's tensor intrinsics, the calls that generated code and
 * {@code tensorize} emit. Each delegates to the kernel set chosen once per JVM by
 * {@link KernelSelector}: the Vector API set when {@code jdk.incubator.vector} is enabled,
 * otherwise (or with {@code -Dkiln.simd=false}) the scalar set. The choice is final, so the JIT
 * inlines straight through these methods.
 *
 * <p>All arrays are flat; offsets and strides are in elements. Arguments are not checked by the
 * micro-kernel, dot, axpy and packing entry points (they are meant for generated code that has
 * proven its indices); out-of-range indices still fail with the JVM's bounds checks. {@link #sgemm}
 * checks its arguments.
 *
 * <p>The tensorized-call entry points {@link #gemmF32}, {@link #dotF32}, {@link #fmaF32} and
 * {@link #dotI8I32} are what a {@code tensorize}d loop nest becomes: one call with flat arrays,
 * element offsets and strides (all {@code int}, all in elements) and an accumulate flag
 * {@code acc} (0 or 1). They check nothing beyond the JVM's bounds checks; the elements they
 * write must not overlap the elements they read. See {@link TensorCalls}.
 */
public final class Intrinsics {

  private Intrinsics() {}

  private static final class Holder {
    static final KernelSet KERNELS = KernelSelector.select();
    static final GemmMicroKernel GEMM = KERNELS.gemm();
    static final Level1Kernels LEVEL1 = KERNELS.level1();
    static final Int8Kernels INT8 = KERNELS.int8();
    static final Sgemm SGEMM = new Sgemm(GEMM);
    static final TensorCalls CALLS = new TensorCalls(KERNELS, SGEMM);
  }

  /** The kernel set in use. */
  public static KernelSet kernels() {
    return Holder.KERNELS;
  }

  /** Whether the Vector API kernels are in use. */
  public static boolean simdEnabled() {
    return Holder.KERNELS.simd();
  }

  /** MR: rows of the GEMM micro-kernel's tile (4 with AVX2, 8 with AVX-512, 4 scalar). */
  public static int gemmMr() {
    return Holder.GEMM.mr();
  }

  /** NR: columns of the GEMM micro-kernel's tile, a multiple of the float lane count (8 scalar). */
  public static int gemmNr() {
    return Holder.GEMM.nr();
  }

  /**
   * {@code C[MR×NR] (+)= Apanel · Bpanel} over {@code kc}; A packed as {@code kc × MR}
   * ({@code a[aOff + p*MR + i]}), B as {@code kc × NR} ({@code b[bOff + p*NR + j]}), C row-major
   * at {@code c[cOff + i*ldc + j]}. Accumulates when {@code accumulate}, else overwrites.
   * See {@link GemmMicroKernel}.
   */
  public static void gemmMicroKernel(int kc, float[] a, int aOff, float[] b, int bOff, float[] c,
      int cOff, int ldc, boolean accumulate) {
    Holder.GEMM.compute(kc, a, aOff, b, bOff, c, cOff, ldc, accumulate);
  }

  /** Floats needed to pack an {@code mc × kc} block of A for this kernel. */
  public static int packedASize(int mc, int kc) {
    return Packing.packedASize(Holder.GEMM.mr(), mc, kc);
  }

  /** Floats needed to pack a {@code kc × nc} block of B for this kernel. */
  public static int packedBSize(int kc, int nc) {
    return Packing.packedBSize(Holder.GEMM.nr(), kc, nc);
  }

  /** Packs row-major A (mc × kc at {@code aOff}, stride lda) into MR slivers; see {@link Packing}. */
  public static void packA(int mc, int kc, float[] a, int aOff, int lda, float[] dst, int dstOff) {
    Packing.packA(Holder.GEMM.mr(), mc, kc, a, aOff, lda, dst, dstOff);
  }

  /** Packs row-major B (kc × nc at {@code bOff}, stride ldb) into NR slivers; see {@link Packing}. */
  public static void packB(int kc, int nc, float[] b, int bOff, int ldb, float[] dst, int dstOff) {
    Packing.packB(Holder.GEMM.nr(), kc, nc, b, bOff, ldb, dst, dstOff);
  }

  /**
   * Row-major {@code C = A·B} with A M×K (row stride lda), B K×N (ldb), C M×N (ldc), on the
   * calling thread. C is overwritten (it is zeroed when K = 0).
   *
   * @throws IllegalArgumentException on negative sizes, small strides or short arrays
   */
  public static void sgemm(int m, int n, int k, float[] a, int lda, float[] b, int ldb, float[] c,
      int ldc) {
    Holder.SGEMM.multiply(m, n, k, a, 0, lda, b, 0, ldb, c, 0, ldc);
  }

  /** {@link #sgemm(int, int, int, float[], int, float[], int, float[], int)} with array offsets. */
  public static void sgemm(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff,
      int ldb, float[] c, int cOff, int ldc) {
    Holder.SGEMM.multiply(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
  }

  /**
   * {@link #sgemm(int, int, int, float[], int, float[], int, float[], int) sgemm} split over the
   * larger of M and N into at most {@code parallelism} tasks, {@code parallelism - 1} of them run
   * on {@code executor} and one on the caller; returns when all are done.
   */
  public static void sgemmParallel(int m, int n, int k, float[] a, int lda, float[] b, int ldb,
      float[] c, int ldc, Executor executor, int parallelism) {
    Holder.SGEMM.multiplyParallel(m, n, k, a, 0, lda, b, 0, ldb, c, 0, ldc, executor,
        parallelism);
  }

  /** {@code sum_{i<n} a[aOff+i]·b[bOff+i]} in an implementation-defined order. */
  public static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
    return Holder.LEVEL1.dot(a, aOff, b, bOff, n);
  }

  /** {@code y[yOff+i] += alpha·x[xOff+i]} for {@code i < n}. */
  public static void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
    Holder.LEVEL1.axpy(n, alpha, x, xOff, y, yOff);
  }

  /** {@code sum_{i<n} a[aOff+i]·b[bOff+i]} over signed bytes, exact in wrapping int arithmetic. */
  public static int dotI8(byte[] a, int aOff, byte[] b, int bOff, int n) {
    return Holder.INT8.dotI8(a, aOff, b, bOff, n);
  }

  /**
   * Tensorized GEMM: for {@code i < m, j < n},
   * {@code c[c0 + i*crs + j] = (acc != 0 ? c[c0 + i*crs + j] : 0)
   * + sum_{p<k} a[a0 + i*ars + p*acs] * b[b0 + p*brs + j*bcs]}.
   * Any strides for A and B (0, non-unit, transposed); C's column stride is 1. With {@code k},
   * {@code m} or {@code n} 0 nothing is written (as in the description {@code jvm.gemm_f32}, whose
   * reduction then never starts). Up to four rows with contiguous B rows run as axpy over B's rows;
   * otherwise the packed {@link Sgemm} driver, split over {@code KilnPool} when it has more than
   * one thread and {@code 2*m*n*k >= } {@link Sgemm#PARALLEL_MIN_FLOPS}.
   * Summation order is implementation-defined.
   */
  public static void gemmF32(float[] a, float[] b, float[] c, int m, int n, int k, int a0,
      int ars, int acs, int b0, int brs, int bcs, int c0, int crs, int acc) {
    Holder.CALLS.gemmF32(a, b, c, m, n, k, a0, ars, acs, b0, brs, bcs, c0, crs, acc);
  }

  /**
   * Tensorized dot: {@code c[c0] = (acc != 0 ? c[c0] : 0) + sum_{p<k} a[a0 + p*as] * b[b0 + p*bs]};
   * the vector kernel when both strides are 1, else a scalar loop.
   */
  public static void dotF32(float[] a, float[] b, float[] c, int k, int a0, int as, int b0,
      int bs, int c0, int acc) {
    Holder.CALLS.dotF32(a, b, c, k, a0, as, b0, bs, c0, acc);
  }

  /**
   * Tensorized axpy: {@code y[y0 + i] = y[y0 + i] + a[a0] * x[x0 + i*xs]} for {@code i < n}; the
   * vector kernel (fused multiply-add) when {@code xs == 1}, else a scalar loop.
   */
  public static void fmaF32(float[] a, float[] x, float[] y, int n, int a0, int x0, int xs,
      int y0) {
    Holder.CALLS.fmaF32(a, x, y, n, a0, x0, xs, y0);
  }

  /**
   * Tensorized i8 dot: {@code c[c0] = (acc != 0 ? c[c0] : 0)
   * + sum_{p<k} (int) a[a0 + p*as] * (int) b[b0 + p*bs]} in wrapping int arithmetic (exact,
   * bit-identical on every kernel set); the vector kernel when both strides are 1.
   */
  public static void dotI8I32(byte[] a, byte[] b, int[] c, int k, int a0, int as, int b0, int bs,
      int c0, int acc) {
    Holder.CALLS.dotI8I32(a, b, c, k, a0, as, b0, bs, c0, acc);
  }
}
