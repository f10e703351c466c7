package dev.kiln.runtime.plan;

import static dev.kiln.runtime.TestPlans.add;
import static dev.kiln.runtime.TestPlans.fixed;
import static dev.kiln.runtime.TestPlans.input;
import static dev.kiln.runtime.TestPlans.sym;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.ElementType;
import dev.kiln.runtime.KilnRuntimeException;
import dev.kiln.runtime.RunOptions;
import dev.kiln.runtime.Tensor;
import dev.kiln.runtime.TestKernels;
import dev.kiln.runtime.TestPlans;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanExecutorTest {
  private final PlanExecutor executor = new PlanExecutor();

  private Map<String, Tensor> run(Plan plan, Map<String, Tensor> inputs, Tensor... params) {
    return executor.run(plan, TestKernels.all(), params, inputs, RunOptions.DEFAULT);
  }

  private static Plan addPlan() {
    return new Plan("add", 3, List.of(input("x", 0, sym("N")), input("y", 1, sym("M"))),
        List.of(), List.of("z"), List.of(add(0, 1, 2, "add.kiln:3:10"),
            new Instr.Return(new int[] {2})), TestKernels.classNames());
  }

  @Test
  void straightLineKernelCall() {
    Map<String, Tensor> out = run(addPlan(), Map.of("x", Tensor.of(new float[] {1, 2, 3}, 3),
        "y", Tensor.of(new float[] {10, 20, 30}, 3)));
    assertEquals(List.of("z"), List.copyOf(out.keySet()));
    assertArrayEquals(new float[] {11, 22, 33}, (float[]) out.get("z").data());
  }

  @Test
  void matmulBindsSizesAndParams() {
    Tensor w = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Map<String, Tensor> out = run(TestPlans.matmulPlan(),
        Map.of("x", Tensor.of(new float[] {1, 1, 0, 2}, 2, 2)), w);
    assertArrayEquals(new int[] {2, 3}, out.get("y").shape());
    assertArrayEquals(new float[] {5, 7, 9, 8, 10, 12}, (float[]) out.get("y").data());
  }

  @Test
  void shapeMismatchNamesOpArgumentAndShapes() {
    var e = assertThrows(KilnRuntimeException.class, () -> run(addPlan(),
        Map.of("x", Tensor.of(new float[3], 3), "y", Tensor.of(new float[4], 4))));
    assertEquals("add.kiln:3:10", e.location());
    assertEquals("add.kiln:3:10: op 'add': argument 1 has type f32[4], expected f32[3]",
        e.getMessage());
  }

  @Test
  void rankAndDtypeMismatchAreReported() {
    Plan plan = new Plan("p", 3, List.of(input("x", 0, sym("N"), sym("K"))), List.of(),
        List.of("z"), List.of(add(0, 0, 2, "p.kiln:1:1"), new Instr.Return(new int[] {2})),
        TestKernels.classNames());
    var e = assertThrows(KilnRuntimeException.class,
        () -> run(plan, Map.of("x", Tensor.of(new float[4], 2, 2))));
    assertEquals("op 'add': argument 0 has type f32[2, 2], expected f32[$0]", e.detail());
  }

  @Test
  void everyInstructionKindLongLoopReturnsEarlyFromInsideFor() {
    float[] x = {1, 2, 3, 4, 5, 6, 7, 8};
    Map<String, Tensor> out = run(TestPlans.everyInstrPlan(), Map.of("x", Tensor.of(x, 8)));
    assertEquals(List.of("acc", "n"), List.copyOf(out.keySet()));
    float[] acc = (float[]) out.get("acc").data();
    for (int i = 0; i < x.length; i++) {
      assertEquals(7 * x[i], acc[i]);
    }
    assertEquals(5, out.get("n").getLong(0));
  }

  @Test
  void everyInstructionKindShortLoopRunsWhileAndIf() {
    Map<String, Tensor> out = run(TestPlans.everyInstrPlan(),
        Map.of("x", Tensor.of(new float[] {1, -2, 3}, 3)));
    assertArrayEquals(new float[] {16, -32, 48}, (float[]) out.get("acc").data());
    assertEquals(Tensor.scalarInt(2), out.get("n"));
    Map<String, Tensor> negative = run(TestPlans.everyInstrPlan(),
        Map.of("x", Tensor.of(new float[] {-1, -2}, 2)));
    assertArrayEquals(new float[] {-1, -2}, (float[]) negative.get("acc").data());
  }

  @Test
  void checkIndexFailsWithLocation() {
    var e = assertThrows(KilnRuntimeException.class, () -> run(TestPlans.everyInstrPlan(),
        Map.of("x", Tensor.of(new float[] {1}, 1))));
    assertEquals("e.kiln:8:3: index 1 out of bounds for axis 0 of size 1", e.getMessage());
  }

  @Test
  void whileLoopIterationBound() {
    List<Instr> body = List.of(new Instr.Const(1, Tensor.scalarBool(true)),
        new Instr.While(List.of(), 1, List.of(add(0, 0, 0, "w.kiln:3:5")), "w.kiln:2:3"),
        new Instr.Return(new int[] {0}));
    Plan plan = new Plan("w", 2, List.of(input("x", 0, fixed(2))), List.of(), List.of("x"),
        body, TestKernels.classNames());
    var e = assertThrows(KilnRuntimeException.class, () -> executor.run(plan,
        TestKernels.all(), new Tensor[0], Map.of("x", Tensor.of(new float[2], 2)),
        new RunOptions(50)));
    assertEquals("w.kiln:2:3", e.location());
    assertTrue(e.getMessage().contains("more than 50 iterations"), e.getMessage());
  }

  @Test
  void nonScalarConditionIsAnError() {
    List<Instr> body = List.of(new Instr.If(0, List.of(), List.of(), "c.kiln:5:6"),
        new Instr.Return(new int[] {0}));
    Plan plan = new Plan("c", 1, List.of(input("x", 0, sym("A"), sym("B"))), List.of(),
        List.of("x"), body, List.of());
    var e = assertThrows(KilnRuntimeException.class,
        () -> run(plan, Map.of("x", Tensor.of(new float[12], 3, 4))));
    assertEquals("c.kiln:5:6: condition must be a scalar, got f32[3, 4]", e.getMessage());
    Map<String, Tensor> ok = run(plan, Map.of("x", Tensor.of(new float[1], 1, 1)));
    assertEquals(1, ok.get("x").size());
  }

  @Test
  void inputValidationCollectsEveryProblem() {
    Plan plan = new Plan("m", 4, List.of(input("a", 0, sym("B"), fixed(3)),
        input("b", 1, sym("B")), input("c", 2, fixed(2)), input("d", 3)), List.of(),
        List.of("a"), List.of(new Instr.Return(new int[] {0})), List.of());
    Map<String, Tensor> inputs = new LinkedHashMap<>();
    inputs.put("a", Tensor.of(new float[8], 2, 4));
    inputs.put("b", Tensor.of(new float[5], 5));
    inputs.put("c", Tensor.of(new double[2], 2));
    inputs.put("e", Tensor.scalar(1));
    var e = assertThrows(KilnRuntimeException.class, () -> run(plan, inputs));
    String m = e.getMessage();
    assertTrue(m.contains("input 'a' axis 1: expected 3 (f32[B, 3]), got 4 (f32[2, 4])"), m);
    assertTrue(m.contains("input 'b' axis 0: symbol B is 5 here but 2 at input 'a' axis 0"), m);
    assertTrue(m.contains("input 'c': expected dtype f32, got f64[2]"), m);
    assertTrue(m.contains("missing input 'd' (f32[])"), m);
    assertTrue(m.contains("unknown input 'e'; model 'm' takes a, b, c, d"), m);
    assertTrue(m.startsWith("5 problems"), m);
  }

  @Test
  void wrongRankInputIsReported() {
    var e = assertThrows(KilnRuntimeException.class, () -> run(addPlan(),
        Map.of("x", Tensor.of(new float[4], 2, 2), "y", Tensor.of(new float[4], 4))));
    assertEquals("input 'x': expected rank 1 (f32[N]), got f32[2, 2]", e.getMessage());
  }

  @Test
  void planWithoutReturnIsAnInternalError() {
    Plan plan = new Plan("nr", 1, List.of(input("x", 0)), List.of(), List.of("x"), List.of(),
        List.of());
    assertThrows(IllegalStateException.class, () -> run(plan, Map.of("x", Tensor.scalar(1))));
  }

  @Test
  void forLoopBoundsMustBeIntegerScalars() {
    List<Instr> body = List.of(new Instr.For(1, 0, 0, List.of(), "f.kiln:1:1"),
        new Instr.Return(new int[] {0}));
    Plan plan = new Plan("f", 2, List.of(input("x", 0)), List.of(), List.of("x"), body,
        List.of());
    var e = assertThrows(KilnRuntimeException.class, () -> run(plan,
        Map.of("x", Tensor.scalar(2))));
    assertEquals("f.kiln:1:1: loop start must be an integer scalar, got f32[]", e.getMessage());
  }

  @Test
  void negativeResultShapeIsReported() {
    IntExpr minusOne = new IntExpr.Sub(TestPlans.S0, new IntExpr.Const(5));
    Instr call = new Instr.CallKernel(TestKernels.SUM, new int[] {0}, new int[] {1},
        List.of(List.of(TestPlans.S0)), List.of(List.of(minusOne)), List.of(ElementType.F32),
        List.of(ElementType.F32), 1, "shrink", "s.kiln:1:1");
    Plan plan = new Plan("s", 2, List.of(input("x", 0, sym("N"))), List.of(), List.of("y"),
        List.of(call, new Instr.Return(new int[] {1})), TestKernels.classNames());
    var e = assertThrows(KilnRuntimeException.class,
        () -> run(plan, Map.of("x", Tensor.of(new float[2], 2))));
    assertEquals("s.kiln:1:1: op 'shrink': result 0 would have the negative shape f32[-3]",
        e.getMessage());
  }
}
