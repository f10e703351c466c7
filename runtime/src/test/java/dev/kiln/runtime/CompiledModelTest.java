package dev.kiln.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.plan.Instr;
import dev.kiln.runtime.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CompiledModelTest {
  private static final Tensor W = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);

  @Test
  void describesAndRunsTheModel() {
    CompiledModel m = new CompiledModel(TestPlans.matmulPlan(), TestKernels.all(),
        new Tensor[] {W});
    assertEquals("mlp", m.name());
    assertEquals(List.of("y"), m.outputNames());
    assertEquals("f32[B, 2]", m.inputs().get(0).typeString());
    Map<String, Tensor> out = m.run(Map.of("x", Tensor.of(new float[] {1, 0}, 1, 2)));
    assertArrayEquals(new float[] {1, 2, 3}, (float[]) out.get("y").data());
    var e = assertThrows(KilnRuntimeException.class,
        () -> m.run(Tensor.scalar(1), Tensor.scalar(2)));
    assertTrue(e.getMessage().contains("takes 1 inputs, got 2"), e.getMessage());
  }

  @Test
  void paramsMustMatchTheirDeclarations() {
    var e = assertThrows(KilnRuntimeException.class, () -> new CompiledModel(
        TestPlans.matmulPlan(), TestKernels.all(), new Tensor[] {W.reshape(3, 2)}));
    assertEquals("mlp.kiln:2:3: param 'w' is declared f32[2, 3] but was given f32[3, 2]",
        e.getMessage());
  }

  @Test
  void withOptionsAppliesTheLoopBound() {
    Plan spin = new Plan("spin", 1, List.of(), List.of(), List.of("c"), List.of(
        new Instr.Const(0, Tensor.scalarBool(true)),
        new Instr.While(List.of(), 0, List.of(), "spin.kiln:2:3"),
        new Instr.Return(new int[] {0})), List.of());
    CompiledModel m = new CompiledModel(spin, new Kernel[0], new Tensor[0])
        .withOptions(new RunOptions(1000));
    assertEquals(1000, m.options().maxLoopIters());
    var e = assertThrows(KilnRuntimeException.class, () -> m.run(Map.of()));
    assertEquals("spin.kiln:2:3", e.location());
  }

  @Test
  void eightThreadsRunOneModelAtOnce() throws Exception {
    CompiledModel m = new CompiledModel(TestPlans.everyInstrPlan(), TestKernels.all(),
        new Tensor[0]);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        final int thread = t;
        Callable<Boolean> job = () -> {
          for (int iter = 0; iter < 200; iter++) {
            int n = 2 + (thread + iter) % 8;
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
              x[i] = thread * 100 + iter + i;
            }
            Map<String, Tensor> out = m.run(Map.of("x", Tensor.of(x, n)));
            float factor = n >= 6 ? 7 : 4 * (n + 1);
            float[] acc = (float[]) out.get("acc").data();
            for (int i = 0; i < n; i++) {
              if (acc[i] != factor * x[i]) {
                return false;
              }
            }
            if (out.get("n").getLong(0) != (n >= 6 ? 5 : 2)) {
              return false;
            }
          }
          return true;
        };
        results.add(pool.submit(job));
      }
      for (Future<Boolean> r : results) {
        assertTrue(r.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
