package dev.kiln.bench.peer;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;

/**
 * OpenBLAS {@code cblas_sgemm} (row-major, C = A·B, alpha 1, beta 0) through the JavaCPP presets,
 * on operands copied once into native memory: a call passes pointers and copies nothing, which is
 * how a native application uses BLAS. The thread count is OpenBLAS's process-wide setting
 * ({@code openblas_set_num_threads}, spelled {@code blas_set_num_threads} by the presets).
 */
public final class OpenBlasGemm implements AutoCloseable {
  private final int m;
  private final int n;
  private final int k;
  private final FloatPointer a;
  private final FloatPointer b;
  private final FloatPointer c;

  /** {@code A} is M×K and {@code B} K×N, row-major; OpenBLAS will use {@code threads} threads. */
  public OpenBlasGemm(int m, int n, int k, float[] a, float[] b, int threads) {
    this.m = m;
    this.n = n;
    this.k = k;
    openblas.blas_set_num_threads(threads);
    if (openblas.blas_get_num_threads() != threads) {
      throw new IllegalStateException("OpenBLAS refused " + threads + " threads (it runs "
          + openblas.blas_get_num_threads() + ")");
    }
    this.a = new FloatPointer(a);
    this.b = new FloatPointer(b);
    this.c = new FloatPointer((long) m * n);
  }

  /** C = A·B. */
  public void run() {
    openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans,
        m, n, k, 1.0f, a, k, b, n, 0.0f, c, n);
  }

  /** A copy of C after the last {@link #run}. */
  public float[] output() {
    float[] out = new float[m * n];
    c.get(out);
    return out;
  }


  @Override
  public void close() {
    a.close();
    b.close();
    c.close();
  }
}
