package dev.kiln.runtime.intrinsics;

/**
 * Portable {@link Level1Kernels}: plain loops. {@code dot} keeps four independent partial sums
 * (lanes {@code i mod 4}) to shorten the dependency chain, then adds them; {@code axpy} is the
 * textbook loop.
 */
final class ScalarLevel1Kernels implements Level1Kernels {

  @Override
  public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
    float s0 = 0f;
    float s1 = 0f;
    float s2 = 0f;
    float s3 = 0f;
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      s0 += a[aOff + i] * b[bOff + i];
      s1 += a[aOff + i + 1] * b[bOff + i + 1];
      s2 += a[aOff + i + 2] * b[bOff + i + 2];
      s3 += a[aOff + i + 3] * b[bOff + i + 3];
    }
    for (; i < n; i++) {
      s0 += a[aOff + i] * b[bOff + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
    for (int i = 0; i < n; i++) {
      y[yOff + i] += alpha * x[xOff + i];
    }
  }

  @Override
  public void axpy4(int n, float a0, float a1, float a2, float a3, float[] x, int xOff, int ldx, float[] y, int yOff) {
    int x1 = xOff + ldx, x2 = x1 + ldx, x3 = x2 + ldx;
    for (int i = 0; i < n; i++) {
      y[yOff + i] += a0 * x[xOff + i] + a1 * x[x1 + i] + a2 * x[x2 + i] + a3 * x[x3 + i];
    }
  }
}
