package dev.kiln.ir.schedule;

import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.ForKind;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.util.IrQuery;
import java.util.List;

/**
 * {@code bind(loop, tag)}: marks a loop THREAD_BOUND with a GPU thread tag, nothing else. The JVM
 * backend rejects thread-bound loops; the interpreter runs them serially.
 *
 * <p>Preconditions: the tag is one of {@link #TAGS}; the loop is serial; like a parallel loop, it
 * binds no reduction iteration variable and holds one block (its iterations run concurrently);
 * no enclosing or enclosed loop is bound to the same tag, and none is parallel.
 */
final class Bind {
  private Bind() {}

  static final List<String> TAGS = List.of("blockIdx.x", "blockIdx.y", "blockIdx.z", "threadIdx.x", "threadIdx.y", "threadIdx.z");

  static PrimFunc apply(PrimFunc f, LoopRef ref, String tag) {
    List<Stmt> path = LoopNest.pathTo(f, ref);
    For loop = (For) path.get(path.size() - 1);
    String what = "cannot bind loop " + ref + " to \"" + tag + "\": ";
    if (!TAGS.contains(tag)) throw new ScheduleException(what + "unknown thread tag; use one of " + String.join(", ", TAGS));
    if (loop.kind() != ForKind.SERIAL) throw new ScheduleException(what + "it is already " + loop.kind().text());
    LoopNest.requireSingleBlock(loop, what);
    String red = LoopNest.reductionBinding(loop.body(), loop.var());
    if (red != null) throw new ScheduleException(what + "it binds " + red);
    List<For> related = new java.util.ArrayList<>(IrQuery.loops(loop.body()));
    for (Stmt s : path) if (s instanceof For l && l != loop) related.add(l);
    for (For l : related) {
      if (tag.equals(l.threadTag())) throw new ScheduleException(what + "loop `" + l.var().name() + "` of the same nest is bound to it already");
      if (l.kind() == ForKind.PARALLEL) throw new ScheduleException(what + "loop `" + l.var().name() + "` of the same nest is parallel");
    }
    return f.withBody(LoopNest.replace(f.body(), loop, loop.withKind(ForKind.THREAD_BOUND, tag)));
  }
}
