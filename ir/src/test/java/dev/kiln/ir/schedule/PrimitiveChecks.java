package dev.kiln.ir.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ir.interp.Interpreter;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.StructuralEqual;
import dev.kiln.ir.tir.Verifier;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/** Shared checks of the tests of reverse_compute_at, rfactor and blockize. */
final class PrimitiveChecks {
  private PrimitiveChecks() {}

  static LoopRef loop(Schedule s, String block, int i) { return s.getLoops(s.getBlock(block)).get(i); }

  /** The scheduled program verifies and computes the same first output under the interpreter on random small-integer inputs. */
  static void sameResults(PrimFunc original, PrimFunc scheduled, int... sizes) {
    Verifier.verify(scheduled);
    Random rnd = new Random(17);
    Object[] in = Interpreter.allocateOutputs(
        new PrimFunc("in", List.of(), original.inputs(), original.sizeVars(), original.body()), sizes);
    for (Object a : in) {
      float[] x = (float[]) a;
      for (int k = 0; k < x.length; k++) x[k] = rnd.nextInt(9) - 4;
    }
    assertArrayEquals((float[]) Interpreter.runAllocating(original, in, sizes)[0],
        (float[]) Interpreter.runAllocating(scheduled, in, sizes)[0], 1e-4f);
  }

  /** The trace of {@code s} replays on {@code original} to the same program and trace. */
  static void replays(PrimFunc original, Schedule s) {
    Schedule r = s.trace().replay(original);
    assertNull(StructuralEqual.explain(s.func(), r.func()));
    assertEquals(s.trace(), r.trace());
  }

  /** {@code bad} throws a ScheduleException with every fragment and changes neither program nor trace. */
  static void rejects(PrimFunc f, Consumer<Schedule> setup, Consumer<Schedule> bad, String... fragments) {
    Schedule s = new Schedule(f);
    setup.accept(s);
    PrimFunc before = s.func();
    List<TraceStep> trace = transformations(s);
    ScheduleException e = assertThrows(ScheduleException.class, () -> bad.accept(s));
    for (String frag : fragments)
      assertTrue(e.getMessage().contains(frag), "message `" + e.getMessage() + "` lacks `" + frag + "`");
    assertSame(before, s.func());
    assertEquals(trace, transformations(s));
  }

  private static List<TraceStep> transformations(Schedule s) {
    return s.trace().steps().stream().filter(t -> !t.primitive().startsWith("get_")).toList();
  }
}
