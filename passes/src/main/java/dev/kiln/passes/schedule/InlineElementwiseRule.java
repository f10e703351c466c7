package dev.kiln.passes.schedule;

import dev.kiln.ir.schedule.BlockRef;
import dev.kiln.ir.schedule.Schedule;
import dev.kiln.ir.schedule.ScheduleException;
import dev.kiln.ir.tir.Block;
import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.IterKind;
import dev.kiln.ir.tir.Load;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Store;
import dev.kiln.ir.tir.util.IrQuery;
import dev.kiln.ir.tir.util.IrVisitor;
import java.util.List;

/**
 * The default schedule's inlining rule: an elementwise producer feeding one elementwise consumer
 * (the bias add before a ReLU after a fused matmul, say) is computed inside that consumer, so the
 * pair is one loop nest and the intermediate buffer disappears.
 *
 * <p>Algorithm: for each block, in program order, that is spatial-only, has a single store as its
 * body and writes a buffer allocated by the root block: when exactly one other block reads that
 * buffer and that block is spatial-only too, {@code compute_inline} it (whose own preconditions
 * are the remaining checks; a refusal leaves the block). Producers read by a reduction or by two
 * blocks are kept, so no work is duplicated and no GEMM block loses the plain loads that
 * tensorize matches.
 */
final class InlineElementwiseRule {
  private InlineElementwiseRule() {}

  static void apply(Schedule s) {
    for (BlockRef b : s.getBlocks()) {
      PrimFunc f = s.func();
      BlockRealize br = IrQuery.block(f.body(), b.name());
      if (br == null || !spatial(br.block()) || !(br.block().body() instanceof Store st)) continue;
      if (!allocatedByRoot(f, st.buffer())) continue;
      List<BlockRealize> readers = IrQuery.blocks(f.body()).stream()
          .filter(o -> o != br && o != f.body() && reads(o.block(), st.buffer())).toList();
      if (readers.size() != 1 || !spatial(readers.get(0).block())) continue;
      try {
        s.computeInline(b);
      } catch (ScheduleException e) {
        // kept as its own loop nest
      }
    }
  }

  private static boolean spatial(Block b) {
    return b.init() == null && !b.iterVars().isEmpty() && b.iterVars().stream().allMatch(iv -> iv.kind() == IterKind.SPATIAL);
  }

  private static boolean allocatedByRoot(PrimFunc f, Buffer b) {
    return f.body() instanceof BlockRealize root && root.block().allocs().contains(b);
  }

  private static boolean reads(Block b, Buffer buf) {
    boolean[] found = {false};
    IrVisitor v = new IrVisitor() {
      @Override protected boolean visitStmt(Stmt s) { return !found[0] && !(s instanceof BlockRealize); }
      @Override protected boolean visitExpr(Expr e) {
        if (e instanceof Load l && l.buffer() == buf) found[0] = true;
        return !found[0];
      }
    };
    if (b.init() != null) v.walk(b.init());
    v.walk(b.body());
    return found[0];
  }

}
