package dev.kiln.ir.schedule;

import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.ForKind;
import dev.kiln.ir.tir.IterKind;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code reorder(l0, ..., ln-1)}: the given loops must lie on one chain of perfectly nested loops
 * (from the outermost to the innermost of them, every loop's body is exactly the next loop: no
 * block, sequence, let or if in between). Algorithm: collect that chain; the positions the given
 * loops occupy in it are refilled with the given loops in the given order (loops of the chain that
 * were not given stay where they are); then the chain is rebuilt from the inside out around the
 * innermost body.
 *
 * <p>Preconditions: at least two loops, no loop twice, the given loops serial, no loop of the
 * chain whose min or extent uses the variable of another loop of the chain, one block (or bare
 * store) under the chain, and no loop of the chain that binds both a spatial and a reduction iter
 * var. The last two keep the reorder semantics-preserving: each iteration of the single block is
 * independent apart from its reduction, and with every loop purely spatial or purely reduction the
 * first executed step of each reduction is still the one at its domain minimum, where init runs.
 */
final class Reorder {
  private Reorder() {}

  static PrimFunc apply(PrimFunc f, List<LoopRef> refs) {
    if (refs.size() < 2) throw new ScheduleException("cannot reorder: give at least two loops, got " + refs.size());
    for (int i = 0; i < refs.size(); i++)
      for (int j = i + 1; j < refs.size(); j++)
        if (refs.get(i).var() == refs.get(j).var())
          throw new ScheduleException("cannot reorder: loop " + refs.get(i) + " is given twice");
    List<List<Stmt>> paths = new ArrayList<>();
    for (LoopRef r : refs) paths.add(LoopNest.pathTo(f, r));
    int deepest = 0;
    for (int i = 1; i < paths.size(); i++) if (paths.get(i).size() > paths.get(deepest).size()) deepest = i;
    List<Stmt> deepPath = paths.get(deepest);
    int outer = Integer.MAX_VALUE;
    for (int i = 0; i < refs.size(); i++) {
      Stmt loop = paths.get(i).get(paths.get(i).size() - 1);
      int pos = indexOf(deepPath, loop);
      if (pos < 0)
        throw new ScheduleException("cannot reorder loops " + refs.get(i) + " and " + refs.get(deepest)
            + ": they are not in one loop nest");
      outer = Math.min(outer, pos);
    }
    List<For> chain = new ArrayList<>(List.of((For) deepPath.get(outer)));
    for (int p = outer + 1; p < deepPath.size(); p++) {
      Stmt s = deepPath.get(p);
      if (!(s instanceof For l) || chain.get(chain.size() - 1).body() != l)
        throw new ScheduleException("cannot reorder loops: loop `" + chain.get(chain.size() - 1).var().name()
            + "` is not perfectly nested around loop " + refs.get(deepest) + " (a block or statement lies between them)");
      chain.add(l);
    }
    List<Var> chainVars = chain.stream().map(For::var).toList();
    for (For l : chain) {
      if (LoopNest.usesAny(l.min(), chainVars) || LoopNest.usesAny(l.extent(), chainVars))
        throw new ScheduleException("cannot reorder: the range of loop `" + l.var().name() + "` depends on another loop of the nest");
    }
    For innermost = chain.get(chain.size() - 1);
    LoopNest.requireSingleBlock(innermost, "cannot reorder loops around loop `" + innermost.var().name() + "`: ");
    for (For l : chain) {
      String spatial = LoopNest.binding(l.body(), l.var(), IterKind.SPATIAL);
      String red = LoopNest.reductionBinding(l.body(), l.var());
      if (spatial != null && red != null)
        throw new ScheduleException("cannot reorder: loop `" + l.var().name() + "` binds both " + spatial + " and " + red);
    }
    for (LoopRef r : refs) {
      For l = chain.get(chainVars.indexOf(r.var()));
      if (l.kind() != ForKind.SERIAL)
        throw new ScheduleException("cannot reorder loop " + r + ": it is " + l.kind().text() + "; reorder before annotating");
    }
    List<For> order = new ArrayList<>(chain);
    int next = 0;
    for (int p = 0; p < chain.size(); p++) {
      Var v = chain.get(p).var();
      if (refs.stream().anyMatch(r -> r.var() == v)) {
        LoopRef r = refs.get(next++);
        order.set(p, chain.get(chainVars.indexOf(r.var())));
      }
    }
    Stmt body = chain.get(chain.size() - 1).body();
    for (int p = order.size() - 1; p >= 0; p--) body = order.get(p).withBody(body);
    return f.withBody(LoopNest.replace(f.body(), chain.get(0), body));
  }

  private static int indexOf(List<Stmt> path, Stmt s) {
    for (int i = 0; i < path.size(); i++) if (path.get(i) == s) return i;
    return -1;
  }
}
