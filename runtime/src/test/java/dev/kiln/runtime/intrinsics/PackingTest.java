package dev.kiln.runtime.intrinsics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Packed layouts element by element, including zero padding and untouched surroundings. */
class PackingTest {

  @Test
  void packAIsColumnMajorPerSliverWithZeroRows() {
    Random random = new Random(31);
    for (int mr : new int[] {1, 4, 6, 8}) {
      for (int mc : new int[] {1, 5, 17, 24}) {
        for (int kc : new int[] {1, 3, 16}) {
          int lda = kc + 4;
          int aOff = 7;
          float[] a = KernelSets.floats(random, aOff + mc * lda);
          int dstOff = 3;
          int size = Packing.packedASize(mr, mc, kc);
          assertEquals(GemmBlocking.roundUp(mc, mr) * kc, size);
          float[] dst = new float[dstOff + size + 2];
          java.util.Arrays.fill(dst, Float.NaN);
          Packing.packA(mr, mc, kc, a, aOff, lda, dst, dstOff);
          for (int s = 0; s * mr < mc; s++) {
            for (int p = 0; p < kc; p++) {
              for (int i = 0; i < mr; i++) {
                int row = s * mr + i;
                float expected = row < mc ? a[aOff + row * lda + p] : 0f;
                assertEquals(expected, dst[dstOff + s * kc * mr + p * mr + i], 0f,
                    "mr=" + mr + " mc=" + mc + " kc=" + kc + " row=" + row + " p=" + p);
              }
            }
          }
          assertEquals(Float.NaN, dst[dstOff - 1], 0f);
          assertEquals(Float.NaN, dst[dstOff + size], 0f);
        }
      }
    }
  }

  @Test
  void packBIsRowMajorPerSliverWithZeroColumns() {
    Random random = new Random(32);
    for (int nr : new int[] {1, 8, 16, 32}) {
      for (int nc : new int[] {1, 7, 33, 64}) {
        for (int kc : new int[] {1, 3, 16}) {
          int ldb = nc + 5;
          int bOff = 2;
          float[] b = KernelSets.floats(random, bOff + kc * ldb);
          int dstOff = 1;
          int size = Packing.packedBSize(nr, kc, nc);
          float[] dst = new float[dstOff + size + 2];
          java.util.Arrays.fill(dst, Float.NaN);
          Packing.packB(nr, kc, nc, b, bOff, ldb, dst, dstOff);
          for (int t = 0; t * nr < nc; t++) {
            for (int p = 0; p < kc; p++) {
              for (int j = 0; j < nr; j++) {
                int col = t * nr + j;
                float expected = col < nc ? b[bOff + p * ldb + col] : 0f;
                assertEquals(expected, dst[dstOff + t * kc * nr + p * nr + j], 0f,
                    "nr=" + nr + " nc=" + nc + " kc=" + kc + " col=" + col + " p=" + p);
              }
            }
          }
          assertEquals(Float.NaN, dst[dstOff - 1], 0f);
          assertEquals(Float.NaN, dst[dstOff + size], 0f);
        }
      }
    }
  }
}
