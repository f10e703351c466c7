package dev.kiln.passes.fusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ir.graph.CallNode;
import dev.kiln.ir.graph.GraphModule;
import dev.kiln.ir.graph.text.GraphParser;
import dev.kiln.ir.graph.text.GraphPrinter;
import dev.kiln.passes.PassContext;
import dev.kiln.passes.PassManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fused and unfused modules compute the same outputs. Random straight-line graphs over the kernels
 * of {@link Lib} (elementwise and not, one and two inputs, values returned or read several times)
 * are fused, verified, printed stably, and run by {@link GraphEval} under the reference
 * interpreter on the same random inputs for several sizes; outputs must be bit-identical (fusion
 * changes no arithmetic).
 */
class FusionPropertyTest {
  private static final String[] UNARY = {"relu", "rev", "norm", "scale"};

  @Test void fusedModulesComputeWhatUnfusedOnesDo() {
    Random rnd = new Random(20261123);
    int callsBefore = 0;
    int callsAfter = 0;
    for (int trial = 0; trial < 60; trial++) {
      GraphModule in = GraphParser.parse(String.join("", Lib.ALL) + randomGraph(rnd));
      GraphModule out = PassManager.run(in, List.of(new FuseElementwise()), PassContext.defaults());
      String text = GraphPrinter.print(out);
      assertEquals(text, GraphPrinter.print(GraphParser.parse(text)), "stable printing of\n" + text);
      callsBefore += calls(in);
      callsAfter += calls(out);
      for (int n : new int[] {1, 4}) {
        List<GraphEval.Tensor> inputs = List.of(random(rnd, n, 8), random(rnd, 8), random(rnd, 8, 8));
        List<GraphEval.Tensor> want = GraphEval.run(in, inputs);
        List<GraphEval.Tensor> got = GraphEval.run(out, inputs);
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) {
          assertArrayEquals(want.get(i).shape(), got.get(i).shape());
          assertArrayEquals((float[]) want.get(i).data(), (float[]) got.get(i).data(), 0f,
              "output " + i + " of\n" + GraphPrinter.print(in) + "fused as\n" + text);
        }
      }
    }
    // Guards against a vacuous pass: with this seed about a sixth of the calls fuse away.
    assertTrue(callsAfter < callsBefore - 30, "fusion removed too few calls: " + callsBefore + " → " + callsAfter);
  }

  private static int calls(GraphModule m) {
    return (int) m.funcs().get(0).body().nodes().stream().filter(n -> n instanceof CallNode).count();
  }

  /** 2 to 7 calls, each argument an earlier value; returns the last value and sometimes an earlier one. */
  private static String randomGraph(Random rnd) {
    StringBuilder sb = new StringBuilder("graph g(%x: f32[N, 8], %b: f32[8], %w: f32[8, 8]) -> (OUTS) {\n");
    List<String> values = new ArrayList<>(List.of("%x"));
    int steps = 2 + rnd.nextInt(6);
    for (int s = 0; s < steps; s++) {
      String v = "%v" + s;
      String a = values.get(rnd.nextInt(values.size()));
      String call = switch (rnd.nextInt(7)) {
        case 0 -> "add(" + a + ", " + values.get(rnd.nextInt(values.size())) + ")";
        case 1 -> "addb(" + a + ", %b)";
        case 2 -> "mm(" + a + ", %w)";
        default -> UNARY[rnd.nextInt(UNARY.length)] + "(" + a + ")";
      };
      sb.append("  ").append(v).append(": f32[N, 8] = call ").append(call).append('\n');
      values.add(v);
    }
    String last = values.get(values.size() - 1);
    String extra = values.get(1 + rnd.nextInt(values.size() - 2 + 1));
    boolean two = rnd.nextBoolean() && !extra.equals(last);
    sb.append("  return ").append(last).append(two ? ", " + extra : "").append("\n}\n");
    return sb.toString().replace("OUTS", two ? "y: f32[N, 8], z: f32[N, 8]" : "y: f32[N, 8]");
  }

  private static GraphEval.Tensor random(Random rnd, int... shape) {
    int n = 1;
    for (int d : shape) n *= d;
    float[] a = new float[n];
    for (int i = 0; i < n; i++) a[i] = (float) rnd.nextGaussian();
    return new GraphEval.Tensor(a, shape);
  }
}
