package dev.kiln.ir.schedule;

import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Block;
import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.ForKind;
import dev.kiln.ir.tir.IterKind;
import dev.kiln.ir.tir.IterVar;
import dev.kiln.ir.tir.Load;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Seq;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Store;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.util.Interval;
import dev.kiln.ir.tir.util.IrQuery;
import dev.kiln.ir.tir.util.Simplify;
import dev.kiln.ir.tir.util.Substitute;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code reverse_compute_at(C, loop)}: the mirror of {@link ComputeAt}. Consumer block C moves to
 * the end of {@code loop}'s body and computes, at each iteration of {@code loop}, only the part of
 * its iteration space that reads the region of buffer B which the producers under {@code loop}
 * wrote in that iteration.
 *
 * <p>Algorithm: for every store to B in a producer (a block under {@code loop} that writes B),
 * substitute the producer's iteration values for its iteration variables, then bound each index
 * over the loops between {@code loop} (exclusive) and the producer ({@link RegionBound}); the union
 * over all stores gives {@code [lo_d, hi_d]} per dimension. C's new nest has, per iteration
 * variable of C in order, one loop {@code ax_k}: for the spatial variable that C reads dimension d
 * of B at, {@code [0, hi_d - lo_d + 1)} binding it to {@code lo_d + ax_k} (no loop when the extent
 * is 1); for every other variable (spatial or reduce) its whole domain. The predicate keeps
 * {@code 0 <= lo_d + ax_k < shape_d} where that is not provable.
 *
 * <p>Why an over-approximated region is still correct: a point of C may be computed in several
 * iterations, but C is a function of what it reads (a reduction runs whole, init included, at each
 * point), B is final at a point once its iteration has written it, and the last iteration that
 * computes a point is no earlier than the one that wrote the B values it reads.
 *
 * <p>Preconditions: C is not the root; its loops hold only C and form a whole top-level statement
 * of the root block; {@code loop} is serial, inside no block but the root, and lies in an earlier
 * top-level statement; exactly one
 * buffer B that C reads is written under {@code loop}; B is an intermediate allocated by the root;
 * every block that writes B is under {@code loop} and binds no reduction iteration variable to
 * {@code loop} or a loop around it (C would read partial sums); every load of B in C has the same
 * indices, distinct spatial iteration variables covering B's dimensions; no block from
 * {@code loop}'s statement up to C's reads or writes what C writes, or writes another buffer C
 * reads.
 */
final class ReverseComputeAt {
  private ReverseComputeAt() {}

  static PrimFunc apply(PrimFunc f, BlockRef cref, LoopRef lref) {
    String what = "cannot reverse_compute_at block " + cref + " at loop " + lref + ": ";
    List<Stmt> top = new ArrayList<>(CacheStage.topLevel(f, what));
    List<Stmt> cpath = BlockNest.pathTo(f, cref);
    BlockRealize cr = (BlockRealize) cpath.get(cpath.size() - 1);
    if (cr == BlockNest.root(f)) throw new ScheduleException(what + "it is the root block");
    For loop = LoopNest.loop(f, lref);
    Block c = cr.block();
    Stmt nest = BlockNest.exclusiveNest(cpath);
    int ci = top.indexOf(nest);
    if (ci < 0 || top.stream().filter(s -> s == nest).count() != 1)
      throw new ScheduleException(what + "the block's loops hold other statements or are not a whole top-level loop nest");
    if (loop.kind() != ForKind.SERIAL) throw new ScheduleException(what + "the loop is " + loop.kind().text());
    BlockRealize enclosing = BlockNest.enclosingBlock(f, LoopNest.pathTo(f, lref));
    if (enclosing != null)
      throw new ScheduleException(what + "the loop is inside block `" + enclosing.block().name()
          + "`, whose regions would not cover the moved block");
    int li = -1;
    for (int i = 0; i < top.size(); i++) if (IrQuery.loops(top.get(i)).contains(loop)) li = i;
    if (li >= ci) throw new ScheduleException(what + "the loop does not come before the block");
    List<BlockRealize> under = IrQuery.blocks(loop.body());
    Buffer b = producedBuffer(c, under, what);
    if (!BlockNest.isIntermediate(f, b))
      throw new ScheduleException(what + "`" + b.name() + "` is a parameter of the function, not an intermediate allocated by the root block");
    List<Var> dimVar = readIndices(c, b, what);
    List<Buffer> cWrites = BlockNest.stores(c).stream().map(Store::buffer).distinct().toList();
    List<Buffer> cReads = BlockNest.loads(c).stream().map(Load::buffer).distinct().toList();
    List<BlockRealize> producers = new ArrayList<>();
    for (BlockRealize o : BlockNest.blocks(f)) {
      if (o == cr) continue;
      boolean writesB = BlockNest.writes(o.block(), b);
      if (writesB && !under.contains(o))
        throw new ScheduleException(what + "block `" + o.block().name() + "` also writes `" + b.name() + "` but is not under the loop");
      if (writesB) producers.add(o);
      int oi = CacheStage.topIndex(top, o);
      if (oi < li || oi >= ci) continue;
      for (Buffer y : cWrites)
        if (BlockNest.writes(o.block(), y) || BlockNest.reads(o.block(), y))
          throw new ScheduleException(what + "block `" + o.block().name() + "` uses `" + y.name()
              + "`, which the block writes, and comes between the loop and the block");
      for (Buffer x : cReads)
        if (x != b && BlockNest.writes(o.block(), x))
          throw new ScheduleException(what + "block `" + o.block().name() + "` writes `" + x.name()
              + "`, which the block reads, and comes between the loop and the block");
    }
    Map<Var, For> outer = new IdentityHashMap<>();
    for (Stmt st : LoopNest.pathTo(f, lref)) {
      if (!(st instanceof For l)) continue;
      outer.put(l.var(), l);
      for (BlockRealize p : producers) {
        String red = LoopNest.reductionBinding(p, l.var());
        if (red != null)
          throw new ScheduleException(what + "loop `" + l.var().name() + "` binds " + red
              + ", so the block would read partial results of the reduction");
      }
    }
    List<RegionBound.Bound> region = region(f, loop, producers, b, what);
    Stmt moved = newNest(cr, b, dimVar, region, LoopNest.constBounds(f.body()), outer, f.sizeVars());
    For newLoop = loop.withBody(Seq.of(List.of(loop.body(), moved)));
    top.set(li, LoopNest.replace(top.get(li), loop, newLoop));
    top.remove(ci);
    BlockRealize root = BlockNest.root(f);
    return f.withBody(root.withBlock(root.block().withBody(Seq.of(top))));
  }

  /** The one buffer that {@code c} reads and some block under the loop writes. */
  private static Buffer producedBuffer(Block c, List<BlockRealize> under, String what) {
    List<Buffer> found = new ArrayList<>();
    for (Load l : BlockNest.loads(c))
      if (!found.contains(l.buffer()) && under.stream().anyMatch(o -> BlockNest.writes(o.block(), l.buffer())))
        found.add(l.buffer());
    if (found.isEmpty()) throw new ScheduleException(what + "no block under the loop writes a tensor the block reads");
    if (found.size() > 1)
      throw new ScheduleException(what + "the block reads " + found.size() + " tensors written under the loop ("
          + String.join(", ", found.stream().map(x -> "`" + x.name() + "`").toList()) + "); it must read one");
    if (BlockNest.writes(c, found.get(0)))
      throw new ScheduleException(what + "the block also writes `" + found.get(0).name() + "`");
    return found.get(0);
  }

  /** The spatial iteration variable at which every load of {@code b} in {@code c} reads each dimension. */
  private static List<Var> readIndices(Block c, Buffer b, String what) {
    List<Var> dims = null;
    for (Load l : BlockNest.loads(c)) {
      if (l.buffer() != b) continue;
      List<Var> vs = new ArrayList<>();
      for (int d = 0; d < l.indices().size(); d++) {
        Expr e = l.indices().get(d);
        IterVar iv = e instanceof Var v ? c.iterVars().stream().filter(x -> x.var() == v).findFirst().orElse(null) : null;
        if (iv == null || vs.contains(iv.var()) || iv.kind() != IterKind.SPATIAL || !Simplify.isConst(iv.dom().min(), 0)
            || !Simplify.isConst(new Binary(BinOp.SUB, iv.dom().extent(), b.shape().get(d)), 0))
          throw new ScheduleException(what + "its read of `" + b.name() + "` does not read dimension " + d
              + " at a spatial iteration variable covering it");
        vs.add(iv.var());
      }
      if (dims != null && !dims.equals(vs)) throw new ScheduleException(what + "its reads of `" + b.name() + "` use different indices");
      dims = vs;
    }
    return dims;
  }

  private static List<RegionBound.Bound> region(PrimFunc f, For loop, List<BlockRealize> producers, Buffer b, String what) {
    List<List<RegionBound.Bound>> perDim = new ArrayList<>();
    for (int d = 0; d < b.rank(); d++) perDim.add(new ArrayList<>());
    for (BlockRealize p : producers) {
      List<Stmt> path = IrQuery.pathTo(loop.body(), s -> s == p);
      Map<Var, For> relaxed = new IdentityHashMap<>();
      for (Stmt s : path) {
        if (s instanceof For l) relaxed.put(l.var(), l);
        else if (s instanceof BlockRealize && s != p)
          throw new ScheduleException(what + "block `" + p.block().name() + "` is inside another block under the loop");
      }
      Map<Var, Expr> bind = new IdentityHashMap<>();
      for (int i = 0; i < p.block().iterVars().size(); i++) bind.put(p.block().iterVars().get(i).var(), p.iterValues().get(i));
      for (Store st : BlockNest.stores(p.block()))
        if (st.buffer() == b)
          for (int d = 0; d < b.rank(); d++)
            perDim.get(d).add(RegionBound.of(Substitute.expr(st.indices().get(d), bind), relaxed, f.sizeVars(), what));
    }
    List<RegionBound.Bound> out = new ArrayList<>();
    for (List<RegionBound.Bound> bs : perDim) out.add(RegionBound.union(bs));
    return out;
  }

  private static Stmt newNest(BlockRealize cr, Buffer b, List<Var> dimVar, List<RegionBound.Bound> region,
      Map<Var, Interval> bounds, Map<Var, For> outer, List<Var> sizes) {
    Block c = cr.block();
    List<Var> loops = new ArrayList<>();
    List<Expr> extents = new ArrayList<>();
    List<Expr> values = new ArrayList<>();
    Expr pred = null;
    for (IterVar iv : c.iterVars()) {
      int d = dimVar.indexOf(iv.var());
      if (d < 0) {
        Var ax = Var.index("ax" + loops.size());
        loops.add(ax);
        extents.add(iv.dom().extent());
        values.add(Simplify.expr(new Binary(BinOp.ADD, iv.dom().min(), ax)));
        continue;
      }
      RegionBound.Bound r = region.get(d);
      Expr extent = Simplify.expr(new Binary(BinOp.ADD, new Binary(BinOp.SUB, r.hi(), r.lo()), Expr.i32(1)), bounds);
      Expr v = r.lo();
      if (!Simplify.isConst(extent, 1)) {
        Var ax = Var.index("ax" + loops.size());
        loops.add(ax);
        extents.add(extent);
        Interval axr = LoopNest.constRange(Expr.i32(0), extent);
        if (axr != null) bounds.put(ax, axr);
        v = Simplify.expr(new Binary(BinOp.ADD, r.lo(), ax), bounds);
      }
      values.add(v);
      Expr low = end(r.lo(), outer, sizes, true), high = end(r.hi(), outer, sizes, false);
      if (low == null || !provable(new Binary(BinOp.LE, Expr.i32(0), low), bounds))
        pred = and(pred, Simplify.expr(new Binary(BinOp.LE, Expr.i32(0), v), bounds));
      if (high == null || !provable(new Binary(BinOp.LT, high, b.shape().get(d)), bounds))
        pred = and(pred, Simplify.expr(new Binary(BinOp.LT, v, b.shape().get(d)), bounds));
    }
    Stmt s = new BlockRealize(values, pred == null ? BlockRealize.TRUE : pred, c);
    for (int k = loops.size() - 1; k >= 0; k--) s = For.serial(loops.get(k), Expr.i32(0), extents.get(k), s);
    return s;
  }

  private static Expr and(Expr a, Expr b) { return a == null ? b : new Binary(BinOp.AND, a, b); }

  private static boolean provable(Expr cond, Map<Var, Interval> bounds) {
    return Simplify.isConst(Simplify.expr(cond, bounds), 1);
  }

  /** The least (or greatest) value of {@code e} over the loops around the target loop; null when it cannot be bounded. */
  private static Expr end(Expr e, Map<Var, For> outer, List<Var> sizes, boolean low) {
    try {
      RegionBound.Bound r = RegionBound.of(e, outer, sizes, "");
      return low ? r.lo() : r.hi();
    } catch (ScheduleException x) {
      return null;
    }
  }
}
