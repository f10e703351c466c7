package dev.kiln.ir.schedule;

import dev.kiln.ir.tir.Block;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.BufferRegion;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.Load;
import dev.kiln.ir.tir.Range;
import dev.kiln.ir.tir.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recomputes a block's read and write regions after a primitive changed its body, with the rule
 * the op lowering uses: per buffer (in order of first access), the point accessed when all its
 * accesses agree, else the whole buffer. Writes come from the block's stores; reads from its
 * loads, except a load of a written buffer at a written point (a reduction's accumulator). A block
 * that carried no regions (both lists empty, as in hand-written IR) keeps none.
 */
final class Regions {
  private Regions() {}

  static Block recompute(Block b) {
    if (b.reads().isEmpty() && b.writes().isEmpty()) return b;
    Map<Buffer, List<List<Expr>>> written = new LinkedHashMap<>();
    for (Store s : BlockNest.stores(b)) written.computeIfAbsent(s.buffer(), k -> new ArrayList<>()).add(s.indices());
    Map<Buffer, List<List<Expr>>> read = new LinkedHashMap<>();
    for (Load l : BlockNest.loads(b)) {
      List<List<Expr>> w = written.get(l.buffer());
      if (w != null && w.contains(l.indices())) continue;
      read.computeIfAbsent(l.buffer(), k -> new ArrayList<>()).add(l.indices());
    }
    return new Block(b.name(), b.iterVars(), regions(read), regions(written), b.init(), b.body(), b.allocs());
  }

  private static List<BufferRegion> regions(Map<Buffer, List<List<Expr>>> accesses) {
    List<BufferRegion> out = new ArrayList<>();
    for (var e : accesses.entrySet()) {
      Buffer buf = e.getKey();
      List<List<Expr>> all = e.getValue();
      boolean agree = all.stream().allMatch(a -> a.equals(all.get(0)));
      List<Range> region = new ArrayList<>();
      for (int d = 0; d < buf.rank(); d++)
        region.add(agree ? new Range(all.get(0).get(d), Expr.i32(1)) : new Range(Expr.i32(0), buf.shape().get(d)));
      out.add(new BufferRegion(buf, region));
    }
    return out;
  }
}
