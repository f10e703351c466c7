package dev.kiln.ir.schedule;

import dev.kiln.ir.tir.Block;
import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.Load;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Store;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.util.ExprRewriter;
import dev.kiln.ir.tir.util.Simplify;
import dev.kiln.ir.tir.util.Substitute;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code reverse_compute_inline(C)}: the consumer block C, {@code D[e(w)] = g(w, B[w_p1, ..., w_pn])},
 * disappears with the loops that hold only it, and its single producer P,
 * {@code B[v_q1, ..., v_qn] = f(v)}, stores {@code D[e(w := v)] = g(w := v, B[..] := f(v))} instead,
 * where {@code w_pd := v_qd} for every dimension d of B. B's allocation is dropped; P keeps its name
 * and gets its regions recomputed.
 *
 * <p>Preconditions (TensorIR's reverse_compute_inline, made conservative): C and P are
 * spatial-only without init, unguarded, with a body of one store; C reads exactly one intermediate
 * buffer B (allocated by the root block), always at the same indices, which are C's iteration
 * variables, each once, each covering its dimension of B; C does not read D; P is the only block
 * that writes B, it comes before C, and C is the only block that reads B; P's store indices are
 * likewise plain and covering; no block between P and C reads or writes D or writes a buffer C
 * reads; C's loops hold only C and are one statement of a sequence.
 */
final class ReverseComputeInline {
  private ReverseComputeInline() {}

  static PrimFunc apply(PrimFunc f, BlockRef ref) {
    List<Stmt> path = BlockNest.pathTo(f, ref);
    BlockRealize cr = (BlockRealize) path.get(path.size() - 1);
    String what = "cannot reverse_compute_inline block " + ref + ": ";
    if (cr == BlockNest.root(f)) throw new ScheduleException(what + "it is the root block");
    Store cst = BlockNest.singleStore(cr, what);
    Buffer d = cst.buffer();
    List<Load> loads = BlockNest.loads(cr.block());
    List<Buffer> inter = new ArrayList<>();
    for (Load l : loads) {
      if (l.buffer() == d) throw new ScheduleException(what + "it reads `" + d.name() + "`, which it writes");
      if (BlockNest.isIntermediate(f, l.buffer()) && !inter.contains(l.buffer())) inter.add(l.buffer());
    }
    if (inter.size() != 1)
      throw new ScheduleException(what + "it reads " + inter.size() + " intermediate buffers"
          + (inter.isEmpty() ? "" : " (" + String.join(", ", inter.stream().map(x -> "`" + x.name() + "`").toList()) + ")")
          + "; it must read exactly one, its producer's");
    Buffer b = inter.get(0);
    List<Expr> at = null;
    for (Load l : loads)
      if (l.buffer() == b) {
        if (at != null && !at.equals(l.indices()))
          throw new ScheduleException(what + "it reads `" + b.name() + "` at different indices");
        at = l.indices();
      }
    List<Var> ws = BlockNest.plainIndices(cr.block(), at, b, what, "load");
    List<BlockRealize> blocks = BlockNest.blocks(f);
    int ci = blocks.indexOf(cr);
    int pi = -1;
    for (int i = 0; i < blocks.size(); i++) {
      if (BlockNest.writes(blocks.get(i).block(), b)) {
        if (pi >= 0) throw new ScheduleException(what + "`" + b.name() + "` is written by more than one block");
        pi = i;
      }
    }
    if (pi < 0 || pi > ci) throw new ScheduleException(what + "no block before it writes `" + b.name() + "`");
    for (int i = 0; i < blocks.size(); i++) {
      Block o = blocks.get(i).block();
      if (i != ci && i != pi && BlockNest.reads(o, b))
        throw new ScheduleException(what + "block `" + o.name() + "` also reads `" + b.name() + "`");
    }
    BlockRealize pr = blocks.get(pi);
    String pwhat = what + "its producer `" + pr.block().name() + "`: ";
    Store pst = BlockNest.singleStore(pr, pwhat);
    List<Var> vs = BlockNest.plainIndices(pr.block(), pst.indices(), b, pwhat, "store");
    for (int i = pi + 1; i < ci; i++) {
      Block o = blocks.get(i).block();
      if (BlockNest.reads(o, d) || BlockNest.writes(o, d))
        throw new ScheduleException(what + "block `" + o.name() + "` between it and its producer accesses `" + d.name() + "`");
      for (Load l : loads)
        if (BlockNest.writes(o, l.buffer()))
          throw new ScheduleException(what + "block `" + o.name() + "` between it and its producer writes `" + l.buffer().name() + "`, which it reads");
    }
    Map<Var, Expr> map = new IdentityHashMap<>();
    for (int k = 0; k < ws.size(); k++) map.put(ws.get(k), vs.get(k));
    Expr pval = pst.value();
    Expr value = new ExprRewriter() {
      @Override protected Expr rewriteLoad(Load l) {
        return l.buffer() == b ? pval : super.rewriteLoad(l);
      }
      @Override protected Expr rewriteVar(Var v) { return map.containsKey(v) ? map.get(v) : v; }
    }.rewrite(cst.value());
    List<Expr> idx = cst.indices().stream().map(e -> Simplify.expr(Substitute.expr(e, map))).toList();
    Store merged = new Store(d, idx, Simplify.expr(value));
    Block nb = Regions.recompute(pr.block().withBody(merged));
    Stmt removed = BlockNest.remove(f.body(), BlockNest.exclusiveNest(path), what);
    Stmt body = LoopNest.replace(removed, pr, pr.withBlock(nb));
    return BlockNest.dropAlloc(f.withBody(body), b);
  }
}
