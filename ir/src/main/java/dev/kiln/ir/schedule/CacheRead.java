package dev.kiln.ir.schedule;

import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cache_read([C,] X)}: the reader block C (or, without C, every block that reads X) reads a
 * new LOCAL buffer {@code X_local} instead of X; a copy block {@code X_local} that copies all of X
 * is inserted as the top-level statement just before the first such reader's. Returns the copy
 * block's name.
 *
 * <p>Preconditions: X is a parameter or an intermediate of the root block; the readers exist and
 * do not write X; no block that writes X lies in the top-level statements from the first reader's
 * to the last reader's (so every reader sees the value the copy took).
 */
final class CacheRead {
  private CacheRead() {}

  record Result(PrimFunc func, String block) {}

  static Result apply(PrimFunc f, BlockRef reader, String bufferName) {
    String what = "cannot cache_read `" + bufferName + "`" + (reader == null ? "" : " for block " + reader) + ": ";
    List<Stmt> top = new ArrayList<>(CacheStage.topLevel(f, what));
    Buffer x = CacheStage.buffer(f, bufferName, what);
    List<BlockRealize> readers = new ArrayList<>();
    if (reader != null) {
      BlockRealize br = BlockNest.realize(f, reader);
      if (!BlockNest.reads(br.block(), x)) throw new ScheduleException(what + "the block does not read it");
      readers.add(br);
    } else {
      for (BlockRealize br : BlockNest.blocks(f)) if (BlockNest.reads(br.block(), x)) readers.add(br);
      if (readers.isEmpty()) throw new ScheduleException(what + "no block reads it");
    }
    int first = Integer.MAX_VALUE, last = -1;
    for (BlockRealize br : readers) {
      if (BlockNest.writes(br.block(), x))
        throw new ScheduleException(what + "block `" + br.block().name() + "` also writes it");
      first = Math.min(first, CacheStage.topIndex(top, br));
      last = Math.max(last, CacheStage.topIndex(top, br));
    }
    for (BlockRealize br : BlockNest.blocks(f)) {
      int i = CacheStage.topIndex(top, br);
      if (BlockNest.writes(br.block(), x) && i >= first && i <= last)
        throw new ScheduleException(what + "block `" + br.block().name() + "` writes it after the cache would be filled");
    }
    String name = CacheStage.freshName(f, bufferName + "_local");
    Buffer cache = CacheStage.cacheBuffer(x, name);
    boolean regions = readers.stream().anyMatch(br -> !br.block().reads().isEmpty() || !br.block().writes().isEmpty());
    for (BlockRealize br : readers) {
      int i = CacheStage.topIndex(top, br);
      top.set(i, LoopNest.replace(top.get(i), br, CacheStage.redirect(br, x, cache, false)));
    }
    top.add(first, CacheStage.copyNest(name, x, cache, regions));
    return new Result(CacheStage.withTopLevel(f, top, cache), name);
  }
}
