package dev.kiln.ir.schedule;

import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.ForKind;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.util.IrQuery;
import java.util.List;

/**
 * {@code parallel}, {@code vectorize} and {@code unroll}: change a loop's kind, nothing else.
 *
 * <p>Preconditions (all three): the loop is serial (a loop is annotated once). Parallel and
 * vectorize: the loop binds no REDUCE iteration variable of any block under it (its iterations
 * would race on the reduction's accumulator), and only one block (or bare store) lies under it
 * (with several, iterations could depend on each other through an intermediate buffer; that
 * analysis is not done, so it is refused). Parallel: no enclosing or enclosed loop is already
 * parallel (one level of parallelism per nest). Vectorize: the loop is innermost (its body contains
 * no loop), so a backend can map it to vector lanes. Unroll has no further precondition.
 */
final class Annotate {
  private Annotate() {}

  static PrimFunc apply(PrimFunc f, LoopRef ref, ForKind kind) {
    List<Stmt> path = LoopNest.pathTo(f, ref);
    For loop = (For) path.get(path.size() - 1);
    String verb = switch (kind) {
      case PARALLEL -> "parallelize";
      case VECTORIZED -> "vectorize";
      case UNROLLED -> "unroll";
      default -> throw new IllegalArgumentException("not an annotation: " + kind);
    };
    String what = "cannot " + verb + " loop " + ref + ": ";
    if (loop.kind() != ForKind.SERIAL) throw new ScheduleException(what + "it is already " + loop.kind().text());
    if (kind == ForKind.PARALLEL || kind == ForKind.VECTORIZED) {
      LoopNest.requireSingleBlock(loop, what);
      String red = LoopNest.reductionBinding(loop.body(), loop.var());
      if (red != null) throw new ScheduleException(what + "it binds " + red);
    }
    if (kind == ForKind.PARALLEL) {
      for (Stmt s : path)
        if (s instanceof For l && l.kind() == ForKind.PARALLEL)
          throw new ScheduleException(what + "it is inside parallel loop `" + l.var().name() + "`");
      for (For l : IrQuery.loops(loop.body()))
        if (l.kind() == ForKind.PARALLEL)
          throw new ScheduleException(what + "it contains parallel loop `" + l.var().name() + "`");
    }
    if (kind == ForKind.VECTORIZED) {
      List<For> inner = IrQuery.loops(loop.body());
      if (!inner.isEmpty())
        throw new ScheduleException(what + "it is not innermost (it contains loop `" + inner.get(0).var().name() + "`)");
    }
    return f.withBody(LoopNest.replace(f.body(), loop, loop.withKind(kind, null)));
  }
}
