package dev.kiln.runtime.intrinsics;

/**
 * Portable {@link GemmMicroKernel} with a 4×8 tile, used where the Vector API is not available.
 *
 * <p>Algorithm: the 32 partial sums live in a local array (small enough for C2 to keep in
 * registers or at least in L1); each step {@code p} multiplies the 4 packed A values by the 8 packed
 * B values (a rank-1 update), then the tile is added to or stored into C. Sums are accumulated in
 * increasing {@code p} order with separate multiply and add, exactly like a naive loop.
 */
final class ScalarGemmMicroKernel implements GemmMicroKernel {

  static final int MR = 4;
  static final int NR = 8;

  @Override
  public int mr() {
    return MR;
  }

  @Override
  public int nr() {
    return NR;
  }

  @Override
  public void compute(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
      int ldc, boolean accumulate) {
    float[] acc = new float[MR * NR];
    for (int p = 0; p < kc; p++) {
      int ap = aOff + p * MR;
      int bp = bOff + p * NR;
      for (int i = 0; i < MR; i++) {
        float ai = a[ap + i];
        for (int j = 0; j < NR; j++) {
          acc[i * NR + j] += ai * b[bp + j];
        }
      }
    }
    for (int i = 0; i < MR; i++) {
      int row = cOff + i * ldc;
      for (int j = 0; j < NR; j++) {
        c[row + j] = accumulate ? c[row + j] + acc[i * NR + j] : acc[i * NR + j];
      }
    }
  }
}
