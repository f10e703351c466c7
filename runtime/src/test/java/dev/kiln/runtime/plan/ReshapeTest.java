package dev.kiln.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.ElementType;
import dev.kiln.runtime.Kernel;
import dev.kiln.runtime.KilnRuntimeException;
import dev.kiln.runtime.RunOptions;
import dev.kiln.runtime.Tensor;
import dev.kiln.runtime.artifact.PlanCodec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReshapeTest {
  /** x: f32[B, 6] reshaped to [B * 2, -1] (so [2B, 3]). */
  private static Plan plan() {
    IntExpr twoB = new IntExpr.Mul(new IntExpr.Size(0), new IntExpr.Const(2));
    return new Plan("r", 2,
        List.of(new InputSpec("x", ElementType.F32, List.of(new Dim.Symbol("B"), new Dim.Fixed(6)), 0)),
        List.of(), List.of("y"),
        List.of(new Instr.Reshape(1, 0, List.of(twoB, new IntExpr.Const(-1)), "m.kiln:3:5"),
            new Instr.Return(new int[] {1})),
        List.of());
  }

  @Test
  void reshapesWithAnInferredDimensionAndSharesTheData() {
    float[] data = new float[12];
    for (int i = 0; i < data.length; i++) data[i] = i;
    Tensor x = Tensor.of(data, 2, 6);
    Tensor y = new PlanExecutor().run(plan(), new Kernel[0], new Tensor[0], Map.of("x", x), RunOptions.DEFAULT).get("y");
    assertArrayEquals(new int[] {4, 3}, y.shape());
    assertEquals(7.0, y.getDouble(7));
  }

  @Test
  void aCountThatDoesNotMatchIsAnErrorAtTheLocation() {
    Plan p = new Plan("r", 2,
        List.of(new InputSpec("x", ElementType.F32, List.of(new Dim.Symbol("B"), new Dim.Fixed(6)), 0)),
        List.of(), List.of("y"),
        List.of(new Instr.Reshape(1, 0, List.of(new IntExpr.Size(0), new IntExpr.Const(4)), "m.kiln:3:5"),
            new Instr.Return(new int[] {1})),
        List.of());
    KilnRuntimeException e = assertThrows(KilnRuntimeException.class, () -> new PlanExecutor().run(p, new Kernel[0],
        new Tensor[0], Map.of("x", Tensor.zeros(ElementType.F32, 2, 6)), RunOptions.DEFAULT));
    assertEquals("m.kiln:3:5", e.location());
    assertTrue(e.getMessage().contains("12 elements"), e.getMessage());
  }

  @Test
  void roundTripsThroughThePlanCodec() throws Exception {
    Plan p = plan();
    assertEquals(p, PlanCodec.decode(PlanCodec.encode(p)));
  }
}
