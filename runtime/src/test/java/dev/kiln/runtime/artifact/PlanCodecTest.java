package dev.kiln.runtime.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.ElementType;
import dev.kiln.runtime.Tensor;
import dev.kiln.runtime.TestTensors;
import dev.kiln.runtime.TestKernels;
import dev.kiln.runtime.TestPlans;
import dev.kiln.runtime.plan.Dim;
import dev.kiln.runtime.plan.InputSpec;
import dev.kiln.runtime.plan.OutputSpecs;
import dev.kiln.runtime.plan.Instr;
import dev.kiln.runtime.plan.IntExpr;
import dev.kiln.runtime.plan.ParamSpec;
import dev.kiln.runtime.plan.Plan;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanCodecTest {
  /** A plan touching every field kind: all instrs, all int exprs, all dtypes, null strings. */
  static Plan richPlan() {
    IntExpr s0 = new IntExpr.Size(0);
    IntExpr all = new IntExpr.FloorMod(new IntExpr.FloorDiv(new IntExpr.Mul(
        new IntExpr.Add(s0, new IntExpr.Const(-3)), new IntExpr.Sub(s0, new IntExpr.Const(1L
        << 40))), new IntExpr.Const(7)), new IntExpr.Size(1));
    List<Instr> body = new ArrayList<>(TestPlans.everyInstrPlan().body());
    for (ElementType t : ElementType.values()) {
      body.add(0, new Instr.Const(14, TestTensors.sample(t)));
    }
    body.add(0, new Instr.Const(14, Tensor.of(ElementType.F16, new float[] {1f / 3f}, 1)));
    body.add(0, new Instr.CallKernel(0, new int[] {0, 0}, new int[] {14, 13},
        List.of(List.of(s0), List.of(all)), List.of(List.of(), List.of(s0, s0)),
        List.of(ElementType.F32, ElementType.U8), List.of(ElementType.BOOL, ElementType.I64), 2,
        "op√", null));
    return new Plan("rich ✓", 15,
        List.of(new InputSpec("x", ElementType.F32, List.of(new Dim.Symbol("N")), 0, "r.kiln:1:7"),
            new InputSpec("y", ElementType.I8, List.of(new Dim.Fixed(3), new Dim.Symbol("M")),
                1)),
        List.of(new ParamSpec("w", "fc.w", ElementType.BF16, new int[] {2, 3}, "r.kiln:1:1", 2),
            new ParamSpec("v", "v", ElementType.I64, new int[] {}, null, 3)),
        List.of("acc", "n"), body, TestKernels.classNames(),
        new OutputSpecs(List.of(List.of(new Dim.Symbol("N"), new Dim.Fixed(4)), List.of()), "r.kiln:1:1"));
  }

  @Test
  void roundTripIsStructurallyEqualAndByteStable() throws IOException {
    Plan plan = richPlan();
    byte[] bytes = PlanCodec.encode(plan);
    Plan back = PlanCodec.decode(bytes);
    assertEquals(plan, back);
    assertArrayEquals(bytes, PlanCodec.encode(back));
    assertEquals(TestPlans.everyInstrPlan(),
        PlanCodec.decode(PlanCodec.encode(TestPlans.everyInstrPlan())));
  }

  @Test
  void equalityNoticesDifferences() throws IOException {
    Plan plan = TestPlans.matmulPlan();
    Plan other = new Plan(plan.modelName(), plan.numSlots(), plan.inputs(), List.of(
        new ParamSpec("w", "fc.weight", ElementType.F32, new int[] {2, 4}, "mlp.kiln:2:3", 1)),
        plan.outputNames(), plan.body(), plan.kernelClassNames());
    assertTrue(!plan.equals(PlanCodec.decode(PlanCodec.encode(other))));
  }

  @Test
  void rejectsCorruptEncodings() {
    byte[] bytes = PlanCodec.encode(richPlan());
    assertThrows(IOException.class, () -> PlanCodec.decode(Arrays.copyOf(bytes, bytes.length / 2)));
    assertThrows(IOException.class, () -> PlanCodec.decode(Arrays.copyOf(bytes, bytes.length + 1)));
    byte[] badMagic = bytes.clone();
    badMagic[0] ^= 1;
    var e = assertThrows(IOException.class, () -> PlanCodec.decode(badMagic));
    assertTrue(e.getMessage().contains("bad magic"), e.getMessage());
    byte[] badVersion = bytes.clone();
    badVersion[7] = 9;
    e = assertThrows(IOException.class, () -> PlanCodec.decode(badVersion));
    assertTrue(e.getMessage().contains("version 9"), e.getMessage());
    for (int i = 8; i < bytes.length; i += 7) {
      byte[] flipped = bytes.clone();
      flipped[i] = (byte) 0xFF;
      try {
        PlanCodec.decode(flipped);
      } catch (IOException expected) {
        // a clean rejection is fine; any other exception type fails the test
      }
    }
  }
}
