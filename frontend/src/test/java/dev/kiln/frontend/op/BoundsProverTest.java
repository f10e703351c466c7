package dev.kiln.frontend.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BoundsProverTest {
  private static Poly c(long v) { return Poly.constant(v); }
  private static Poly idx(String n) { return Poly.sym(n, true); }
  private static Poly size(String n) { return Poly.sym(n, false); }

  private static final Poly N = size("N");
  private static final Poly I = idx("i");

  @Test
  void rangeOfOneVariable() {
    BoundsProver p = new BoundsProver(Map.of("N", 1L)).withRange("i", c(0), N);
    assertTrue(p.proveNonNegative(I));
    assertTrue(p.proveNonNegative(N.sub(c(1)).sub(I)));
    assertFalse(p.proveNonNegative(I.sub(c(1))));
    assertFalse(p.proveNonNegative(N.sub(c(2)).sub(I)));
  }

  @Test
  void sizesAreAtLeastTheirMinimum() {
    BoundsProver p = new BoundsProver(Map.of("N", 1L, "p", 0L));
    assertTrue(p.proveNonNegative(N.scale(2).sub(c(2))));
    assertFalse(p.proveNonNegative(N.sub(c(2))));
    assertTrue(p.proveNonNegative(size("p")));
    assertFalse(p.proveNonNegative(size("p").sub(c(1))));
  }

  @Test
  void floorQuotientsOfSizes() {
    // y in [0, H/2), dy in [0, 2): 2*y + dy <= H - 1
    Poly h = size("H");
    BoundsProver p = new BoundsProver(Map.of("H", 1L)).withRange("y", c(0), Poly.floorDiv(h, c(2)))
        .withRange("dy", c(0), c(2));
    Poly e = idx("y").scale(2).add(idx("dy"));
    assertTrue(p.proveNonNegative(h.sub(c(1)).sub(e)));
    assertFalse(p.proveNonNegative(h.sub(c(2)).sub(e)));
  }

  @Test
  void floorOfAnIndexNeedsIntegerTightening() {
    // i in [0, 2N): floor(i / 2) <= N - 1
    BoundsProver p = new BoundsProver(Map.of("N", 1L)).withRange("i", c(0), N.scale(2));
    Poly q = Poly.floorDiv(I, c(2));
    assertTrue(p.proveNonNegative(q));
    assertTrue(p.proveNonNegative(N.sub(c(1)).sub(q)));
    assertFalse(p.proveNonNegative(N.sub(c(2)).sub(q)));
  }

  @Test
  void moduloStaysInItsRange() {
    BoundsProver p = new BoundsProver(Map.of("N", 1L)).withRange("i", c(0), N);
    Poly mod = I.sub(Poly.floorDiv(I, c(3)).scale(3));
    assertTrue(p.proveNonNegative(mod));
    assertTrue(p.proveNonNegative(c(2).sub(mod)));
    assertFalse(p.proveNonNegative(c(1).sub(mod)));
  }

  @Test
  void symbolicStrideOfAConvolution() {
    // y in [0, (H - KH) / s + 1), ky in [0, KH), s >= 1: y*s + ky <= H - 1
    Poly h = size("H");
    Poly kh = size("KH");
    Poly s = size("s");
    BoundsProver p = new BoundsProver(Map.of("H", 1L, "KH", 1L, "s", 1L))
        .withRange("y", c(0), Poly.floorDiv(h.sub(kh), s).add(c(1)))
        .withRange("ky", c(0), kh);
    Poly e = idx("y").mul(s).add(idx("ky"));
    assertTrue(p.proveNonNegative(e));
    assertTrue(p.proveNonNegative(h.sub(c(1)).sub(e)));
    assertFalse(p.proveNonNegative(h.sub(c(2)).sub(e)));
  }

  @Test
  void factsFromConditions() {
    Poly y = idx("y");
    Poly pad = size("p");
    BoundsProver p = new BoundsProver(Map.of("N", 1L, "p", 0L)).withRange("y", c(0), N.add(pad.scale(2)));
    assertFalse(p.proveNonNegative(y.sub(pad)));
    assertTrue(p.withFact(y.sub(pad)).proveNonNegative(y.sub(pad)));
    // y < N + p, i.e. N + p - 1 - y >= 0, gives y - p <= N - 1
    BoundsProver guarded = p.withFact(N.add(pad).sub(c(1)).sub(y));
    assertTrue(guarded.proveNonNegative(N.sub(c(1)).sub(y.sub(pad))));
  }

  @Test
  void cyclicFactsTerminate() {
    Poly j = idx("j");
    BoundsProver p = new BoundsProver(Map.of("N", 1L)).withFact(j.sub(I).sub(c(1))).withFact(I.sub(j).sub(c(1)));
    assertFalse(p.proveNonNegative(I.sub(N)));
  }

  @Test
  void randomAffineIndicesAreNeverWronglyProved() {
    Random rnd = new Random(7);
    int proved = 0;
    for (int t = 0; t < 300; t++) {
      long a = rnd.nextInt(5) - 2, b = rnd.nextInt(5) - 2, k = rnd.nextInt(5) - 2, d = 1 + rnd.nextInt(3);
      // e = a*i + b*floor(j / d) + k with i in [0, N), j in [0, 2N); claim 0 <= e <= 2N - 1
      Poly e = I.scale(a).add(Poly.floorDiv(idx("j"), c(d)).scale(b)).add(c(k));
      BoundsProver p = new BoundsProver(Map.of("N", 1L)).withRange("i", c(0), N).withRange("j", c(0), N.scale(2));
      boolean claimLo = p.proveNonNegative(e);
      boolean claimHi = p.proveNonNegative(N.scale(2).sub(c(1)).sub(e));
      boolean lo = true, hi = true;
      for (int n = 1; n <= 6; n++)
        for (int i = 0; i < n; i++)
          for (int j = 0; j < 2 * n; j++) {
            long v = a * i + b * Math.floorDiv(j, d) + k;
            lo &= v >= 0;
            hi &= v <= 2L * n - 1;
          }
      if (claimLo) assertTrue(lo, "unsound lower bound for " + e);
      if (claimHi) assertTrue(hi, "unsound upper bound for " + e);
      if (claimLo && claimHi) proved++;
    }
    assertTrue(proved > 0, "some random index is proved in bounds");
  }

  @Test
  void polynomialsAreCanonical() {
    Poly h = size("H");
    assertEquals(h.add(c(1)), Poly.floorDiv(h.scale(2).add(c(3)), c(2)));
    assertEquals(h, Poly.floorDiv(h.mul(size("s")), size("s")));
    assertEquals(I.add(N), N.add(I));
  }
}
