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
import dev.kiln.ir.tir.util.Simplify;
import dev.kiln.ir.tir.util.StmtRewriter;
import dev.kiln.ir.tir.util.Substitute;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code compute_inline(P)}: the producer block P, {@code B[v1, ..., vn] = f(v)}, disappears with
 * the loops that hold only it; every load {@code B[e1, ..., en]} elsewhere becomes
 * {@code f(v := e)} (simplified); B's allocation is dropped and the read regions of the changed
 * blocks are recomputed.
 *
 * <p>Preconditions (TensorIR's compute_inline, made conservative): P is spatial-only without init,
 * unguarded, and its body is one store to B; B is an intermediate allocated by the root block and
 * written by no other block; the store's indices are P's iteration variables, each once, each
 * covering its whole dimension of B (so P writes every element exactly once and f depends only on
 * the element's index); f does not read B; at least one block reads B, and every such block comes
 * after P; no block after P writes a buffer f reads (so f reads the same values where it is
 * inlined); P's loops hold only P and are one statement of a sequence.
 */
final class ComputeInline {
  private ComputeInline() {}

  static PrimFunc apply(PrimFunc f, BlockRef ref) {
    List<Stmt> path = BlockNest.pathTo(f, ref);
    BlockRealize pr = (BlockRealize) path.get(path.size() - 1);
    String what = "cannot compute_inline block " + ref + ": ";
    if (pr == BlockNest.root(f)) throw new ScheduleException(what + "it is the root block");
    Store st = BlockNest.singleStore(pr, what);
    Buffer b = st.buffer();
    if (!BlockNest.isIntermediate(f, b))
      throw new ScheduleException(what + "`" + b.name() + "` is a parameter of the function, not an intermediate allocated by the root block");
    List<Var> vars = BlockNest.plainIndices(pr.block(), st.indices(), b, what, "store");
    List<Load> own = BlockNest.loads(pr.block());
    if (own.stream().anyMatch(l -> l.buffer() == b)) throw new ScheduleException(what + "it reads `" + b.name() + "` itself");
    List<BlockRealize> blocks = BlockNest.blocks(f);
    int at = blocks.indexOf(pr);
    boolean consumed = false;
    for (int i = 0; i < blocks.size(); i++) {
      Block o = blocks.get(i).block();
      if (i == at) continue;
      if (BlockNest.writes(o, b)) throw new ScheduleException(what + "block `" + o.name() + "` also writes `" + b.name() + "`");
      if (BlockNest.reads(o, b)) {
        if (i < at) throw new ScheduleException(what + "block `" + o.name() + "` reads `" + b.name() + "` before it is computed");
        consumed = true;
      }
      if (i > at)
        for (Load l : own)
          if (BlockNest.writes(o, l.buffer()))
            throw new ScheduleException(what + "block `" + o.name() + "` writes `" + l.buffer().name()
                + "`, which it reads, after it runs");
    }
    if (!consumed) throw new ScheduleException(what + "no block reads `" + b.name() + "`");
    Stmt removed = BlockNest.remove(f.body(), BlockNest.exclusiveNest(path), what);
    Stmt body = new StmtRewriter() {
      @Override protected Expr rewriteLoad(Load l) {
        Load n = (Load) super.rewriteLoad(l);
        if (n.buffer() != b) return n;
        Map<Var, Expr> map = new IdentityHashMap<>();
        for (int d = 0; d < vars.size(); d++) map.put(vars.get(d), n.indices().get(d));
        return Simplify.expr(Substitute.expr(st.value(), map));
      }

      @Override protected Block rewriteBlock(Block blk) {
        Block n = super.rewriteBlock(blk);
        return n == blk ? n : Regions.recompute(n);
      }
    }.rewrite(removed);
    return BlockNest.dropAlloc(f.withBody(body), b);
  }
}
