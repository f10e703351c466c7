package dev.kiln.runtime.intrinsics;

/**
 * Cache-blocking sizes of the {@link Sgemm} driver, in the BLIS/Goto scheme: a {@code kc × nc}
 * panel of B is packed once and stays in L3, an {@code mc × kc} block of A is packed and stays
 * in L2, and one {@code kc × NR} sliver of packed B stays in L1 while the micro-kernel sweeps
 * the A slivers of the block.
 *
 * @param mc rows of A per packed block (a multiple of the kernel's MR)
 * @param kc depth of one packed panel
 * @param nc columns of B per packed panel (a multiple of the kernel's NR)
 */
public record GemmBlocking(int mc, int kc, int nc) {

  public GemmBlocking {
    if (mc <= 0 || kc <= 0 || nc <= 0) {
      throw new IllegalArgumentException("blocking sizes must be positive: " + mc + ", " + kc
          + ", " + nc);
    }
  }

  /**
   * Defaults for a {@code mr × nr} kernel: the B sliver ({@code kc·nr} floats) takes at most
   * 16 KiB of L1 ({@code kc = 256} for {@code nr ≤ 16}, 192 for wider tiles; the 25% overrun at
   * nr = 32 is fine on 48 KiB L1 cores), the A block about 150 KiB of L2 ({@code mc = 24·mr}),
   * and the B panel up to 4096 columns (4 MiB of L3 at kc = 256).
   */
  public static GemmBlocking defaults(int mr, int nr) {
    int kc = nr <= 16 ? 256 : 192;
    int mc = 24 * mr;
    int nc = Math.max(nr, 4096 / nr * nr);
    return new GemmBlocking(mc, kc, nc);
  }

  /** This blocking rounded so that mc is a multiple of {@code mr} and nc of {@code nr}. */
  GemmBlocking alignedTo(int mr, int nr) {
    return new GemmBlocking(roundUp(mc, mr), kc, roundUp(nc, nr));
  }

  static int roundUp(int x, int multiple) {
    return (x + multiple - 1) / multiple * multiple;
  }
}
