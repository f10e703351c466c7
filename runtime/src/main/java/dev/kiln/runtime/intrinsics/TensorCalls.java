package dev.kiln.runtime.intrinsics;

import java.util.Objects;

/**
 * The tensorized-call entry points ({@code gemmF32}, {@code dotF32}, {@code fmaF32},
 * {@code dotI8I32}) over one {@link KernelSet}; {@link Intrinsics} holds the instance for the
 * JVM's selected set, and tests build one per set.
 *
 * <p>Algorithm: each call picks the fastest kernel its strides allow. GEMM always goes through the
 * {@link Sgemm} driver (packing absorbs any strides) on {@link dev.kiln.runtime.parallel.KilnPool}.
 * Dot products and axpy use the set's contiguous kernels when the strided operands have unit
 * stride, otherwise a plain scalar loop in increasing index order. The accumulate flag is applied
 * by adding the kernel's result to the old value of C (for f32 this rounds differently from
 * accumulating into C term by term, within the usual float tolerance; for i8 the wrapping int sum
 * is exact either way).
 *
 * <p>Arguments are not checked (the callers are generated kernels that have proven their
 * indices); an out-of-range index fails with the JVM's {@link ArrayIndexOutOfBoundsException}.
 * Written elements must not overlap the elements read. Instances are immutable and thread-safe.
 */
final class TensorCalls {

  private final Sgemm sgemm;
  private final Level1Kernels level1;
  private final Int8Kernels int8;

  TensorCalls(KernelSet kernels) {
    this(kernels, new Sgemm(kernels.gemm()));
  }

  TensorCalls(KernelSet kernels, Sgemm sgemm) {
    this.sgemm = Objects.requireNonNull(sgemm, "sgemm");
    this.level1 = kernels.level1();
    this.int8 = kernels.int8();
  }

  /** Row counts up to this with contiguous B rows skip packing: see {@link #gemmF32}. */
  static final int SMALL_M = 4;

  /**
   * See {@link Intrinsics#gemmF32}. With k = 0 nothing is written (the description's reduction
   * never starts). With at most {@value #SMALL_M} rows and contiguous B rows, packing would cost
   * as much as the product, so each row of C is built by axpy over B's rows instead (split over
   * column ranges on the pool when large); otherwise the packed {@link Sgemm} driver runs.
   */
  void gemmF32(float[] a, float[] b, float[] c, int m, int n, int k, int a0, int ars, int acs,
      int b0, int brs, int bcs, int c0, int crs, int acc) {
    if (k <= 0 || m <= 0 || n <= 0) {
      return;
    }
    if (m <= SMALL_M && bcs == 1) {
      if (2L * m * n * k >= Sgemm.PARALLEL_MIN_FLOPS && n >= 256) {
        dev.kiln.runtime.parallel.KilnPool.parallelFor(0, (n + 127) / 128, (lo, hi) -> {
          int j0 = lo * 128;
          int j1 = Math.min(n, hi * 128);
          rowsByAxpy(a, b, c, m, j1 - j0, k, a0, ars, acs, b0 + j0, brs, c0 + j0, crs, acc);
        });
      } else {
        rowsByAxpy(a, b, c, m, n, k, a0, ars, acs, b0, brs, c0, crs, acc);
      }
      return;
    }
    sgemm.gemmOnPool(m, n, k, a, a0, ars, acs, b, b0, brs, bcs, c, c0, crs, acc != 0);
  }

  /**
   * {@code C[i, 0:n] (+)= sum_p A[i, p] * B[p, 0:n]} row by row, B's rows contiguous: four rows of
   * B per pass over C's row ({@link Level1Kernels#axpy4}), then single rows.
   */
  private void rowsByAxpy(float[] a, float[] b, float[] c, int m, int n, int k, int a0, int ars,
      int acs, int b0, int brs, int c0, int crs, int acc) {
    for (int i = 0; i < m; i++) {
      int row = c0 + i * crs;
      if (acc == 0) {
        java.util.Arrays.fill(c, row, row + n, 0f);
      }
      int aRow = a0 + i * ars;
      int p = 0;
      for (; p + 4 <= k; p += 4) {
        level1.axpy4(n, a[aRow + p * acs], a[aRow + (p + 1) * acs], a[aRow + (p + 2) * acs],
            a[aRow + (p + 3) * acs], b, b0 + p * brs, brs, c, row);
      }
      for (; p < k; p++) {
        level1.axpy(n, a[aRow + p * acs], b, b0 + p * brs, c, row);
      }
    }
  }

  /** See {@link Intrinsics#dotF32}. */
  void dotF32(float[] a, float[] b, float[] c, int k, int a0, int as, int b0, int bs, int c0,
      int acc) {
    if (k <= 0) {
      return;
    }
    float sum;
    if (as == 1 && bs == 1) {
      sum = level1.dot(a, a0, b, b0, k);
    } else {
      sum = 0f;
      for (int p = 0; p < k; p++) {
        sum += a[a0 + p * as] * b[b0 + p * bs];
      }
    }
    c[c0] = acc != 0 ? c[c0] + sum : sum;
  }

  /** See {@link Intrinsics#fmaF32}. */
  void fmaF32(float[] a, float[] x, float[] y, int n, int a0, int x0, int xs, int y0) {
    if (n <= 0) {
      return;
    }
    float alpha = a[a0];
    if (xs == 1) {
      level1.axpy(n, alpha, x, x0, y, y0);
      return;
    }
    for (int i = 0; i < n; i++) {
      y[y0 + i] += alpha * x[x0 + i * xs];
    }
  }

  /** See {@link Intrinsics#dotI8I32}. */
  void dotI8I32(byte[] a, byte[] b, int[] c, int k, int a0, int as, int b0, int bs, int c0,
      int acc) {
    if (k <= 0) {
      return;
    }
    int sum;
    if (as == 1 && bs == 1) {
      sum = int8.dotI8(a, a0, b, b0, k);
    } else {
      sum = 0;
      for (int p = 0; p < k; p++) {
        sum += a[a0 + p * as] * b[b0 + p * bs];
      }
    }
    c[c0] = acc != 0 ? c[c0] + sum : sum;
  }
}
