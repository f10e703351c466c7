package dev.kiln.runtime.intrinsics;

/** Argument validation shared by the GEMM entry points; every failure is an {@link IllegalArgumentException}. */
final class GemmArgs {

  private GemmArgs() {}

  /** Checks sizes, leading dimensions and that every addressed element lies inside its array. */
  static void check(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff,
      int ldb, float[] c, int cOff, int ldc) {
    if (m < 0 || n < 0 || k < 0) {
      throw new IllegalArgumentException("negative GEMM size: M=" + m + " N=" + n + " K=" + k);
    }
    if (lda < k || ldb < n || ldc < n) {
      throw new IllegalArgumentException("leading dimension too small: lda=" + lda + " (K=" + k
          + "), ldb=" + ldb + " (N=" + n + "), ldc=" + ldc + " (N=" + n + ")");
    }
    matrix("A", a, aOff, m, k, lda);
    matrix("B", b, bOff, k, n, ldb);
    matrix("C", c, cOff, m, n, ldc);
  }

  private static void matrix(String name, float[] x, int off, int rows, int cols, int ld) {
    if (x == null) {
      throw new IllegalArgumentException(name + " is null");
    }
    if (off < 0) {
      throw new IllegalArgumentException(name + " offset is negative: " + off);
    }
    if (rows == 0 || cols == 0) {
      return;
    }
    long end = off + (long) (rows - 1) * ld + cols;
    if (end > x.length) {
      throw new IllegalArgumentException(name + " (" + rows + "×" + cols + ", ld=" + ld
          + ", offset " + off + ") needs " + end + " elements, array has " + x.length);
    }
  }
}
