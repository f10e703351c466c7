package dev.kiln.runtime.intrinsics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Packing with a row and a column stride: row-major, transposed (unit row stride), strided and
 * zero-stride sources, full and partial slivers, element by element against the definition, with
 * the destination's surroundings untouched.
 */
class StridedPackingTest {

  /** {rowStride, colStride} as functions of the block's rows and columns. */
  private static int[][] layouts(int rows, int cols) {
    return new int[][] {
        {cols + 3, 1}, // row-major, padded
        {1, rows + 2}, // transposed
        {2 * cols + 1, 2}, // strided in both
        {3, 3 * rows + 1}, // transposed and strided
        {1, 0}, // every column the same
        {0, 1}, // every row the same
    };
  }

  @Test
  void packAMatchesTheDefinitionForEveryLayout() {
    Random random = new Random(61);
    for (int mr : new int[] {1, 4, 6, 8}) {
      for (int mc : new int[] {1, 4, 5, 8, 17, 24}) {
        for (int kc : new int[] {1, 3, 16}) {
          for (int[] l : layouts(mc, kc)) {
            int rs = l[0];
            int cs = l[1];
            int aOff = 5;
            float[] a = KernelSets.floats(random, aOff + (mc - 1) * rs + (kc - 1) * cs + 4);
            int dstOff = 3;
            int size = Packing.packedASize(mr, mc, kc);
            float[] dst = new float[dstOff + size + 2];
            Arrays.fill(dst, Float.NaN);
            Packing.packA(mr, mc, kc, a, aOff, rs, cs, dst, dstOff);
            String what = "mr=" + mr + " mc=" + mc + " kc=" + kc + " rs=" + rs + " cs=" + cs;
            for (int s = 0; s * mr < mc; s++) {
              for (int p = 0; p < kc; p++) {
                for (int i = 0; i < mr; i++) {
                  int row = s * mr + i;
                  float expected = row < mc ? a[aOff + row * rs + p * cs] : 0f;
                  assertEquals(expected, dst[dstOff + s * kc * mr + p * mr + i], 0f,
                      what + " row=" + row + " p=" + p);
                }
              }
            }
            assertEquals(Float.NaN, dst[dstOff - 1], 0f, what);
            assertEquals(Float.NaN, dst[dstOff + size], 0f, what);
          }
        }
      }
    }
  }

  @Test
  void packBMatchesTheDefinitionForEveryLayout() {
    Random random = new Random(62);
    for (int nr : new int[] {1, 8, 16, 32}) {
      for (int nc : new int[] {1, 7, 16, 33, 64}) {
        for (int kc : new int[] {1, 3, 16}) {
          for (int[] l : layouts(kc, nc)) {
            int rs = l[0];
            int cs = l[1];
            int bOff = 2;
            float[] b = KernelSets.floats(random, bOff + (kc - 1) * rs + (nc - 1) * cs + 3);
            int dstOff = 1;
            int size = Packing.packedBSize(nr, kc, nc);
            float[] dst = new float[dstOff + size + 2];
            Arrays.fill(dst, Float.NaN);
            Packing.packB(nr, kc, nc, b, bOff, rs, cs, dst, dstOff);
            String what = "nr=" + nr + " nc=" + nc + " kc=" + kc + " rs=" + rs + " cs=" + cs;
            for (int t = 0; t * nr < nc; t++) {
              for (int p = 0; p < kc; p++) {
                for (int j = 0; j < nr; j++) {
                  int col = t * nr + j;
                  float expected = col < nc ? b[bOff + p * rs + col * cs] : 0f;
                  assertEquals(expected, dst[dstOff + t * kc * nr + p * nr + j], 0f,
                      what + " col=" + col + " p=" + p);
                }
              }
            }
            assertEquals(Float.NaN, dst[dstOff - 1], 0f, what);
            assertEquals(Float.NaN, dst[dstOff + size], 0f, what);
          }
        }
      }
    }
  }
}
