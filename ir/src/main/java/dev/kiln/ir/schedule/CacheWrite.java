package dev.kiln.ir.schedule;

import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.IterVar;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Store;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.util.Simplify;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cache_write(C)}: block C computes into a new LOCAL buffer {@code Y_local} instead of the
 * buffer Y it writes (its stores, its init, and its own reads of Y, such as a reduction's
 * accumulator); a copy block {@code Y_local} that copies all of it back to Y is inserted as the
 * top-level statement just after C's. Returns the copy block's name.
 *
 * <p>Preconditions: C stores to exactly one buffer Y, at indices that are spatial iteration
 * variables whose domains cover Y's dimensions (so the copy-back copies only computed values);
 * no other block writes Y; no other block in C's top-level statement reads Y.
 */
final class CacheWrite {
  private CacheWrite() {}

  static CacheRead.Result apply(PrimFunc f, BlockRef ref) {
    String what = "cannot cache_write block " + ref + ": ";
    List<Stmt> top = new ArrayList<>(CacheStage.topLevel(f, what));
    BlockRealize br = BlockNest.realize(f, ref);
    if (br == BlockNest.root(f)) throw new ScheduleException(what + "it is the root block");
    List<Buffer> written = new ArrayList<>();
    for (Store s : BlockNest.stores(br.block())) if (!written.contains(s.buffer())) written.add(s.buffer());
    if (written.size() != 1) throw new ScheduleException(what + "it writes " + written.size() + " buffers; it must write exactly one");
    Buffer y = written.get(0);
    for (Store s : BlockNest.stores(br.block())) requireCovering(br, s, y, what);
    int at = CacheStage.topIndex(top, br);
    for (BlockRealize o : BlockNest.blocks(f)) {
      if (o == br) continue;
      if (BlockNest.writes(o.block(), y)) throw new ScheduleException(what + "block `" + o.block().name() + "` also writes `" + y.name() + "`");
      if (BlockNest.reads(o.block(), y) && CacheStage.topIndex(top, o) == at)
        throw new ScheduleException(what + "block `" + o.block().name() + "` in the same loop nest reads `" + y.name() + "`");
    }
    String name = CacheStage.freshName(f, y.name() + "_local");
    Buffer cache = CacheStage.cacheBuffer(y, name);
    boolean regions = !br.block().reads().isEmpty() || !br.block().writes().isEmpty();
    top.set(at, LoopNest.replace(top.get(at), br, CacheStage.redirect(br, y, cache, true)));
    top.add(at + 1, CacheStage.copyNest(name, cache, y, regions));
    return new CacheRead.Result(CacheStage.withTopLevel(f, top, cache), name);
  }

  private static void requireCovering(BlockRealize br, Store s, Buffer y, String what) {
    List<Var> seen = new ArrayList<>();
    for (int d = 0; d < s.indices().size(); d++) {
      Expr e = s.indices().get(d);
      IterVar iv = e instanceof Var v ? br.block().iterVars().stream().filter(x -> x.var() == v).findFirst().orElse(null) : null;
      if (iv == null || seen.contains(iv.var()) || iv.kind() != dev.kiln.ir.tir.IterKind.SPATIAL
          || !Simplify.isConst(iv.dom().min(), 0)
          || !Simplify.isConst(new Binary(BinOp.SUB, iv.dom().extent(), y.shape().get(d)), 0))
        throw new ScheduleException(what + "its store to `" + y.name() + "` does not write dimension " + d
            + " at a spatial iteration variable covering it");
      seen.add(iv.var());
    }
  }
}
