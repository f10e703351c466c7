package dev.kiln.tests.onnx;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The comparison the import tests rely on: it passes within 1e-3 + 1e-3·|ref| and fails, informatively, outside. */
class CompareTest {
  @Test
  void withinTheBoundPasses() {
    Tensor ref = Tensor.of(new float[] {0f, 100f, -2f}, 3);
    Tensor got = Tensor.of(new float[] {0.0009f, 100.09f, -2.0029f}, 3);
    assertDoesNotThrow(() -> Compare.outputs(Map.of("y", ref), Map.of("y", got), "ok"));
  }

  @Test
  void theWorstElementIsNamedWithItsIndexAndValues() {
    Tensor ref = Tensor.of(new float[] {1f, 2f, 3f, 4f}, 2, 2);
    Tensor got = Tensor.of(new float[] {1f, 2.01f, 3f, 4.5f}, 2, 2);
    AssertionError e = assertThrows(AssertionError.class,
        () -> Compare.outputs(Map.of("y", ref), Map.of("y", got), "case"));
    String m = e.getMessage();
    assertTrue(m.contains("2 of 4 elements"), m);
    assertTrue(m.contains("worst at 3 [1, 1]") && m.contains("kiln 4.5") && m.contains("reference 4.0"), m);
  }

  @Test
  void shapesTypesAndIntegersMustMatchExactly() {
    assertThrows(AssertionError.class, () -> Compare.tensors(Tensor.of(new float[4], 4), Tensor.of(new float[4], 2, 2),
        1e-3, 1e-3, "shape"));
    assertThrows(AssertionError.class, () -> Compare.tensors(Tensor.of(new long[] {1}, 1), Tensor.of(new float[] {1}, 1),
        1e-3, 1e-3, "dtype"));
    assertThrows(AssertionError.class, () -> Compare.tensors(Tensor.of(new long[] {5, 6}, 2), Tensor.of(new long[] {5, 7}, 2),
        1e-3, 1e-3, "ints"));
    assertThrows(AssertionError.class, () -> Compare.tensors(Tensor.of(new float[] {1}, 1), Tensor.of(new float[] {Float.NaN}, 1),
        1e-3, 1e-3, "nan"));
  }
}
