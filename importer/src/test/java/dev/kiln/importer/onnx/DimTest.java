package dev.kiln.importer.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DimTest {
  private final Dim b = Dim.sym("B");
  private final Dim t = Dim.sym("T");

  @Test void constantsFold() {
    assertEquals("12", Dim.of(3).times(Dim.of(4)).text());
    assertEquals(Dim.of(7), Dim.of(3).plus(4));
    assertTrue(Dim.of(5).isConstant());
  }

  @Test void productsAreCanonical() {
    Dim x = b.times(t).times(12).times(32);
    Dim y = t.times(Dim.of(384)).times(b);
    assertEquals(x, y);
    assertEquals("384 * B * T", x.text());
    assertEquals("B * T + T", t.times(b).plus(t).text());
  }

  @Test void termsCancel() {
    assertEquals(Dim.of(0), b.plus(t).minus(t).minus(b));
    assertEquals("B - 1", b.minus(Dim.of(1)).text());
  }

  @Test void floorDivisionMovesMultiplesOut() {
    Dim h = Dim.sym("H");
    assertEquals("H + 1", h.times(2).plus(3).floorDiv(2).text());  // (2H + 3) / 2 = H + 1
    Dim conv = ShapeMath.window(h, 1, 1, 3, 2);                   // (H + 2 - 3) / 2 + 1
    assertEquals("(H + 1) / 2", conv.text());                    // the constant is reduced into [0, 2)
    assertEquals("2 * ((H + 1) / 2) - 2", h.minus(Dim.of(1)).floorDiv(2).times(2).text());
    assertEquals(ShapeMath.window(h, 2, 2, 5, 1), h);              // a 5x5 window with pad 2 keeps the size
    assertEquals(Dim.of(-2), Dim.of(-3).floorDiv(2));
  }

  @Test void exactDivisionForReshapeInference() {
    Dim total = b.times(t).times(384);
    assertEquals("T", total.exactDiv(b.times(384)).text());
    assertEquals("B * T", total.exactDiv(Dim.of(384)).text());
    assertEquals(Dim.of(384), total.exactDiv(b.times(t)));
    assertNull(total.exactDiv(Dim.of(5)));
    assertNull(total.exactDiv(Dim.sym("H")));
    assertNull(b.plus(1).exactDiv(b));
  }

  @Test void symbolsAreRecognized() {
    assertTrue(b.isSymbol());
    assertTrue(!b.times(2).isSymbol() && !b.plus(1).isSymbol() && !Dim.of(1).isSymbol());
  }
}
