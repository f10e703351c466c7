package dev.kiln.runtime.intrinsics;

/**
 * A whole B operand ({@code k × n} at {@code b[bOff + p·brs + j·bcs]}) packed once, for every
 * panel the {@link Sgemm} driver would pack: for each depth block {@code pc} (steps of {@code kc}),
 * the slivers of {@code nr} columns over all of N, each {@code kc × nr} contiguous (the layout of
 * {@link Packing#packB}), zero-padded at the right edge. The panel of columns
 * {@code [j, j + nc)} of block {@code pc} starts at {@link #offset}{@code (pc, j)} for any
 * {@code j} that is a multiple of {@code nr}, so every task of a split along N reads its part.
 */
record PackedB(int n, int k, int bOff, int brs, int bcs, int paddedN, float[] data) {

  static PackedB pack(int nr, int kc, int n, int k, float[] b, int bOff, int brs, int bcs) {
    int paddedN = GemmBlocking.roundUp(n, nr);
    float[] data = new float[paddedN * k];
    for (int pc = 0; pc < k; pc += kc) {
      Packing.packB(nr, Math.min(kc, k - pc), n, b, bOff + pc * brs, brs, bcs, data, pc * paddedN);
    }
    return new PackedB(n, k, bOff, brs, bcs, paddedN, data);
  }

  /** Whether this is the packing of the operand with these coordinates. */
  boolean matches(int n, int k, int bOff, int brs, int bcs) {
    return this.n == n && this.k == k && this.bOff == bOff && this.brs == brs && this.bcs == bcs;
  }

  /** Where the packed panel of depth block {@code pc} (height {@code kc}) from column {@code j} starts. */
  int offset(int pc, int kc, int j) {
    return pc * paddedN + j * kc;
  }
}
