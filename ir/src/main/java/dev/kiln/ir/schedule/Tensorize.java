package dev.kiln.ir.schedule;

import dev.kiln.ir.tensorize.IntrinsicMatcher;
import dev.kiln.ir.tensorize.TensorIntrinsic;
import dev.kiln.ir.tensorize.TensorIntrinsics;
import dev.kiln.ir.tensorize.TensorizeMismatch;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.IntrinsicCall;
import dev.kiln.ir.tir.PrimFunc;

/**
 * {@code tensorize(loop, "intrinsic")}: replaces the loop nest headed by {@code loop} with one call
 * of a registered tensor intrinsic, when the nest computes exactly what the intrinsic's description
 * computes. The matching (structural, with parameters solved from the nest's extents, offsets and
 * strides) is {@link IntrinsicMatcher}'s; a nest that does not match is rejected with its reason and
 * the program is left unchanged.
 */
final class Tensorize {
  private Tensorize() {}

  static PrimFunc apply(PrimFunc f, LoopRef ref, String name) {
    String what = "cannot tensorize loop " + ref + " with \"" + name + "\": ";
    TensorIntrinsic t = TensorIntrinsics.get(name);
    if (t == null)
      throw new ScheduleException(what + "no such intrinsic; known: " + String.join(", ", TensorIntrinsics.names()));
    For loop = LoopNest.loop(f, ref);
    IntrinsicCall call;
    try {
      call = IntrinsicMatcher.match(loop, t);
    } catch (TensorizeMismatch m) {
      throw new ScheduleException(what + m.getMessage());
    }
    return f.withBody(LoopNest.replace(f.body(), loop, call));
  }
}
