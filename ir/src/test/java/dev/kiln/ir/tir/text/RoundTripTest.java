package dev.kiln.ir.tir.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ir.tir.Fixtures;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.RandomTir;
import dev.kiln.ir.tir.StructuralEqual;
import dev.kiln.ir.tir.StructuralHash;
import dev.kiln.ir.tir.Verifier;
import org.junit.jupiter.api.Test;

/** print → parse → print is the identity on text, and the parse is structurally equal to the original. */
class RoundTripTest {
  static void assertRoundTrips(PrimFunc f, String label) {
    String text = TirPrinter.print(f);
    PrimFunc g;
    try {
      g = TirParser.parse(label, text);
    } catch (dev.kiln.diag.KilnException e) {
      throw new AssertionError(label + ": printed text does not parse:\n" + e.render() + "\n" + text, e);
    }
    assertEquals(text, TirPrinter.print(g), label);
    assertNull(StructuralEqual.explain(f, g), () -> label + ":\n" + text);
    assertEquals(StructuralHash.hash(f), StructuralHash.hash(g), label);
  }

  @Test
  void fixtures() {
    assertRoundTrips(Fixtures.matmul(), "matmul");
    assertRoundTrips(Fixtures.softmaxLike(), "softmax_like");
    assertRoundTrips(Fixtures.kinds(), "kinds");
  }

  @Test
  void randomFunctions() {
    int nontrivial = 0;
    for (long seed = 0; seed < 400; seed++) {
      PrimFunc f = RandomTir.generate(seed);
      assertEquals(java.util.List.of(), Verifier.problems(f), "seed " + seed + ":\n" + TirPrinter.print(f));
      assertRoundTrips(f, "seed-" + seed);
      if (TirPrinter.print(f).lines().count() > 10) nontrivial++;
    }
    assertTrue(nontrivial > 200, "generator makes too many tiny functions: " + nontrivial);
  }

  @Test
  void generatorIsDeterministic() {
    assertEquals(TirPrinter.print(RandomTir.generate(42)), TirPrinter.print(RandomTir.generate(42)));
  }
}
