package dev.kiln.passes.specialize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ir.interp.Interpreter;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Verifier;
import dev.kiln.ir.tir.text.TirParser;
import dev.kiln.ir.tir.text.TirPrinter;
import dev.kiln.passes.schedule.DefaultSchedule;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The shape-specialization rule and the specialized kernel, checked under the interpreter. */
class ShapeSpecializationTest {
  static final String ROWS = """
      func scale(X: f32[N, D], S: f32[D]) -> (Y: f32[N, D]) {
        sizes N, D
        block root {
          for i in 0 .. N {
            for j in 0 .. D {
              block Y(vi: S[0:N] = i, vj: S[0:D] = j) {
                Y[vi, vj] = X[vi, vj] * S[vj] + 1.0f32
              }
            }
          }
        }
      }
      """;

  @Test
  void aVectorizedLoopOverASizeVariableIsWorthSpecializing() {
    PrimFunc generic = DefaultSchedule.apply(TirParser.parse(ROWS));
    assertTrue(TirPrinter.print(generic).contains("vectorized"), TirPrinter.print(generic));
    assertTrue(ShapeSpecialization.worthIt(generic));
    assertFalse(ShapeSpecialization.worthIt(TirParser.parse(ROWS)), "no vectorized loop");
    assertFalse(ShapeSpecialization.worthIt(ShapeSpecialization.specialize(generic, new int[] {3, 5})), "no size variables left");
  }

  @Test
  void theSpecializedKernelHasConstantShapesAndTheSameResults() {
    PrimFunc generic = DefaultSchedule.apply(TirParser.parse(ROWS));
    for (int[] sizes : new int[][] {{3, 5}, {1, 16}, {4, 0}}) {
      PrimFunc s = ShapeSpecialization.specialize(generic, sizes);
      Verifier.verify(s);
      assertTrue(s.sizeVars().isEmpty());
      assertTrue(s.inputs().get(0).shape().stream().allMatch(e -> e instanceof IntImm), TirPrinter.print(s));
      Random rnd = new Random(sizes[0] * 31 + sizes[1]);
      float[] x = new float[sizes[0] * sizes[1]], sc = new float[sizes[1]];
      for (int i = 0; i < x.length; i++) x[i] = rnd.nextFloat();
      for (int i = 0; i < sc.length; i++) sc[i] = rnd.nextFloat();
      Object[] want = Interpreter.runAllocating(generic, new Object[] {x, sc}, sizes);
      Object[] got = Interpreter.runAllocating(s, new Object[] {x, sc}, new int[0]);
      assertArrayEquals((float[]) want[0], (float[]) got[0], 0f);
    }
  }

  @Test
  void aWrongNumberOfSizesIsRefused() {
    PrimFunc generic = DefaultSchedule.apply(TirParser.parse(ROWS));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> ShapeSpecialization.specialize(generic, new int[] {3}));
    assertTrue(List.of(generic.sizeVars()).size() == 1);
  }
}
