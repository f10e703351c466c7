package dev.kiln.runtime.intrinsics;

/**
 * The f32 vector-vector family (BLAS level 1). Both operations read {@code n} contiguous elements
 * of each operand starting at the given offsets (unit stride). The summation order of
 * {@link #dot} is implementation-defined, so results of two implementations agree only up to
 * float rounding. Implementations are stateless and thread-safe.
 */
public interface Level1Kernels {

  /** Returns {@code sum_{i<n} a[aOff+i] * b[bOff+i]}. */
  float dot(float[] a, int aOff, float[] b, int bOff, int n);

  /** Updates {@code y[yOff+i] += alpha * x[xOff+i]} for {@code i < n}; may use a fused multiply-add. */
  void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff);

  /**
   * Four axpys in one pass over y: {@code y[yOff+i] += a0*x[xOff+i] + a1*x[xOff+ldx+i]
   * + a2*x[xOff+2*ldx+i] + a3*x[xOff+3*ldx+i]} for {@code i < n} (the rows of a matrix-vector
   * product, reading and writing y once instead of four times); the grouping of the four terms is
   * implementation-defined.
   */
  void axpy4(int n, float a0, float a1, float a2, float a3, float[] x, int xOff, int ldx, float[] y, int yOff);
}
