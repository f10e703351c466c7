package dev.kiln.runtime.intrinsics;

/**
 * Packing of GEMM operands into the layouts of {@link GemmMicroKernel}. Each operand is addressed
 * by a row stride and a column stride, so transposed and strided views pack without a copy:
 * element {@code (i, p)} of A is {@code a[aOff + i·rs + p·cs]}, element {@code (p, j)} of B is
 * {@code b[bOff + p·rs + j·cs]} (strides may be anything, including 0 or negative, as long as every
 * addressed element exists).
 *
 * <p>{@link #packA} copies an {@code mc × kc} block of A into {@code ceil(mc/mr)} slivers of
 * {@code kc·mr} floats: sliver {@code s} starts at {@code dstOff + s·kc·mr} and holds element
 * {@code (s·mr + i, p)} at {@code p·mr + i} (each sliver is "column-major" over its {@code mr}
 * rows). Rows past {@code mc} in the last sliver are zero.
 *
 * <p>{@link #packB} copies a {@code kc × nc} block of B into {@code ceil(nc/nr)} slivers of
 * {@code kc·nr} floats: sliver {@code t} starts at {@code dstOff + t·kc·nr} and holds element
 * {@code (p, t·nr + j)} at {@code p·nr + j}. Columns past {@code nc} are zero.
 *
 * <p>Fast paths by layout. A with unit column stride (row-major): full slivers of 4 or 8 rows are
 * packed four rows at a time, streaming the rows and writing the sliver in order (about 1.6×
 * faster than the generic loop, which writes with stride {@code mr}). A with unit row stride
 * (transposed): each step {@code p} of a full sliver is one contiguous copy of {@code mr} floats.
 * B with unit column stride: one {@code System.arraycopy} per sliver row. B with unit row stride
 * (transposed): four columns at a time, each read as a contiguous stream. Anything else takes the
 * generic element loop.
 *
 * <p>Zero padding lets the micro-kernel always compute a full tile; the driver keeps only the
 * valid part of edge tiles.
 */
public final class Packing {

  private Packing() {}

  /** Floats needed by {@link #packA}: {@code ceil(mc/mr)·mr·kc}. */
  public static int packedASize(int mr, int mc, int kc) {
    return GemmBlocking.roundUp(mc, mr) * kc;
  }

  /** Floats needed by {@link #packB}: {@code ceil(nc/nr)·nr·kc}. */
  public static int packedBSize(int nr, int kc, int nc) {
    return GemmBlocking.roundUp(nc, nr) * kc;
  }

  /** Packs row-major A: rows {@code [0, mc)}, columns {@code [0, kc)} at {@code a[aOff + i·lda + p]}. */
  public static void packA(int mr, int mc, int kc, float[] a, int aOff, int lda, float[] dst,
      int dstOff) {
    packA(mr, mc, kc, a, aOff, lda, 1, dst, dstOff);
  }

  /** Packs A rows {@code [0, mc)}, columns {@code [0, kc)} at {@code a[aOff + i·rs + p·cs]}. */
  public static void packA(int mr, int mc, int kc, float[] a, int aOff, int rs, int cs,
      float[] dst, int dstOff) {
    for (int i0 = 0; i0 < mc; i0 += mr) {
      int sliver = dstOff + i0 * kc;
      int rows = Math.min(mr, mc - i0);
      int r0 = aOff + i0 * rs;
      if (cs == 1 && rows == 4 && mr == 4) {
        packRows4(kc, a, r0, rs, dst, sliver, 4);
      } else if (cs == 1 && rows == 8 && mr == 8) {
        packRows4(kc, a, r0, rs, dst, sliver, 8);
        packRows4(kc, a, r0 + 4 * rs, rs, dst, sliver + 4, 8);
      } else if (rs == 1 && rows == mr) {
        for (int p = 0; p < kc; p++) {
          System.arraycopy(a, r0 + p * cs, dst, sliver + p * mr, mr);
        }
      } else {
        packAGeneric(mr, rows, kc, a, r0, rs, cs, dst, sliver);
      }
    }
  }

  /** One sliver of {@code rows ≤ mr} rows, element by element, zero rows after them. */
  private static void packAGeneric(int mr, int rows, int kc, float[] a, int r0, int rs, int cs,
      float[] dst, int sliver) {
    for (int i = 0; i < rows; i++) {
      int src = r0 + i * rs;
      int d = sliver + i;
      for (int p = 0; p < kc; p++) {
        dst[d + p * mr] = a[src + p * cs];
      }
    }
    for (int i = rows; i < mr; i++) {
      for (int p = 0; p < kc; p++) {
        dst[sliver + i + p * mr] = 0f;
      }
    }
  }

  /**
   * Four contiguous source streams starting {@code ld} apart into four adjacent destination lanes
   * of a sliver whose steps are {@code stride} apart: {@code dst[d + p·stride + q] = x[r0 + q·ld + p]}.
   */
  private static void packRows4(int kc, float[] x, int r0, int ld, float[] dst, int d,
      int stride) {
    int r1 = r0 + ld;
    int r2 = r1 + ld;
    int r3 = r2 + ld;
    for (int p = 0; p < kc; p++) {
      int o = d + p * stride;
      dst[o] = x[r0 + p];
      dst[o + 1] = x[r1 + p];
      dst[o + 2] = x[r2 + p];
      dst[o + 3] = x[r3 + p];
    }
  }

  /** Packs row-major B: rows {@code [0, kc)}, columns {@code [0, nc)} at {@code b[bOff + p·ldb + j]}. */
  public static void packB(int nr, int kc, int nc, float[] b, int bOff, int ldb, float[] dst,
      int dstOff) {
    packB(nr, kc, nc, b, bOff, ldb, 1, dst, dstOff);
  }

  /** Packs B rows {@code [0, kc)}, columns {@code [0, nc)} at {@code b[bOff + p·rs + j·cs]}. */
  public static void packB(int nr, int kc, int nc, float[] b, int bOff, int rs, int cs,
      float[] dst, int dstOff) {
    for (int j0 = 0; j0 < nc; j0 += nr) {
      int sliver = dstOff + j0 * kc;
      int cols = Math.min(nr, nc - j0);
      int c0 = bOff + j0 * cs;
      if (cs == 1) {
        for (int p = 0; p < kc; p++) {
          int d = sliver + p * nr;
          System.arraycopy(b, c0 + p * rs, dst, d, cols);
          for (int j = cols; j < nr; j++) {
            dst[d + j] = 0f;
          }
        }
      } else if (rs == 1 && cols == nr && nr % 4 == 0) {
        for (int j = 0; j < nr; j += 4) {
          packRows4(kc, b, c0 + j * cs, cs, dst, sliver + j, nr);
        }
      } else {
        packBGeneric(nr, cols, kc, b, c0, rs, cs, dst, sliver);
      }
    }
  }

  /** One sliver of {@code cols ≤ nr} columns, element by element, zero columns after them. */
  private static void packBGeneric(int nr, int cols, int kc, float[] b, int c0, int rs, int cs,
      float[] dst, int sliver) {
    for (int p = 0; p < kc; p++) {
      int src = c0 + p * rs;
      int d = sliver + p * nr;
      for (int j = 0; j < cols; j++) {
        dst[d + j] = b[src + j * cs];
      }
      for (int j = cols; j < nr; j++) {
        dst[d + j] = 0f;
      }
    }
  }
}
