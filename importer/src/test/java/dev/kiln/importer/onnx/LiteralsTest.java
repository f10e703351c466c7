package dev.kiln.importer.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kiln.ir.DType;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LiteralsTest {
  /** Both ways a reader may turn the text into an f32 must give the same bits. */
  private static void roundTrips(float f) {
    String s = Literals.f32(f);
    int bits = Float.floatToRawIntBits(f);
    assertEquals(bits, Float.floatToRawIntBits(Float.parseFloat(s)), s);
    assertEquals(bits, Float.floatToRawIntBits((float) Double.parseDouble(s)), s);
    assertEquals(true, s.matches("-?[0-9]+\\.[0-9]+(E-?[0-9]+)?"), "Kiln float syntax: " + s);
  }

  @Test void randomFloatsRoundTrip() {
    Random r = new Random(42);
    for (int i = 0; i < 50_000; i++) {
      float f = Float.intBitsToFloat(r.nextInt());
      if (!Float.isNaN(f) && !Float.isInfinite(f)) roundTrips(f);
    }
  }

  @Test void specialValues() {
    for (float f : new float[] {0f, -0f, 1f, 0.1f, 1e-12f, 5.656854f, Float.MAX_VALUE, -Float.MAX_VALUE,
        Float.MIN_VALUE, Float.MIN_NORMAL, 3.4028235e38f}) {
      roundTrips(f);
    }
    assertEquals("0.1", Literals.f32(0.1f));
    assertEquals("-3.4028235E38", Literals.f32(-Float.MAX_VALUE));
  }

  @Test void nonFiniteHasNoLiteral() {
    assertNull(Literals.f32(Float.NaN));
    assertNull(Literals.of(Double.POSITIVE_INFINITY, DType.F32));
  }

  @Test void integersAndBools() {
    assertEquals("-7", Literals.of(-7, DType.I64));
    assertEquals("true", Literals.of(1, DType.BOOL));
    assertEquals("2.0", Literals.of(2, DType.F32));
  }
}
