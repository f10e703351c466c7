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
import dev.kiln.ir.tir.util.IrQuery;
import dev.kiln.ir.tir.util.Simplify;
import dev.kiln.ir.tir.util.Substitute;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code compute_at(P, loop)}: producer block P moves to the start of {@code loop}'s body and
 * computes, at each iteration of {@code loop}, only the region of its buffer B that the consumers
 * under {@code loop} read in that iteration.
 *
 * <p>Algorithm: for every load of B in a consumer, substitute the consumer's iteration values for
 * its iteration variables, then bound each index over the loops between {@code loop} (exclusive)
 * and the consumer ({@link RegionBound}: symbolic ends in the variables of {@code loop} and the
 * loops around it; floor division and modulo by constants handled exactly); the union over all
 * loads gives {@code [lo_d, hi_d]} per dimension. P's new nest has one loop {@code ax_d} in
 * {@code [0, hi_d - lo_d + 1)} per dimension (binding the spatial iteration variable that indexes
 * dimension d to {@code lo_d + ax_d}), then one loop per reduction iteration variable over its
 * whole domain; its predicate keeps {@code 0 <= lo_d + ax_d < shape_d} (B's extent: the consumers'
 * predicates are not used, so the region may be larger than needed, never outside B).
 *
 * <p>Preconditions: P is spatial in the dimensions of B: its stores go to one buffer B, an
 * intermediate of the root block, at spatial iteration variables, each once, covering B's
 * dimensions; P's loops hold only P and form a whole top-level statement of the root block;
 * {@code loop} is serial and lies in a later top-level statement; every block that reads B lies
 * under {@code loop}; no block other than P writes B; no block from P's statement to the end of
 * {@code loop}'s statement writes a buffer P reads.
 */
final class ComputeAt {
  private ComputeAt() {}

  static PrimFunc apply(PrimFunc f, BlockRef pref, LoopRef lref) {
    String what = "cannot compute_at block " + pref + " at loop " + lref + ": ";
    List<Stmt> top = new ArrayList<>(CacheStage.topLevel(f, what));
    List<Stmt> ppath = BlockNest.pathTo(f, pref);
    BlockRealize pr = (BlockRealize) ppath.get(ppath.size() - 1);
    if (pr == BlockNest.root(f)) throw new ScheduleException(what + "it is the root block");
    For loop = LoopNest.loop(f, lref);
    Block p = pr.block();
    List<Buffer> written = new ArrayList<>();
    for (Store s : BlockNest.stores(p)) if (!written.contains(s.buffer())) written.add(s.buffer());
    if (written.size() != 1) throw new ScheduleException(what + "the block writes " + written.size() + " buffers; it must write one");
    Buffer b = written.get(0);
    if (!BlockNest.isIntermediate(f, b))
      throw new ScheduleException(what + "`" + b.name() + "` is a parameter of the function, not an intermediate allocated by the root block");
    List<Var> dimVar = spatialIndices(p, b, what);
    Stmt nest = BlockNest.exclusiveNest(ppath);
    int pi = top.indexOf(nest);
    if (pi < 0 || top.stream().filter(s -> s == nest).count() != 1)
      throw new ScheduleException(what + "the block's loops hold other statements or are not a whole top-level loop nest");
    if (loop.kind() != ForKind.SERIAL) throw new ScheduleException(what + "the loop is " + loop.kind().text());
    int li = -1;
    for (int i = 0; i < top.size(); i++) if (IrQuery.loops(top.get(i)).contains(loop)) li = i;
    if (li <= pi) throw new ScheduleException(what + "the loop does not come after the block");
    List<Load> pLoads = BlockNest.loads(p);
    List<BlockRealize> consumers = new ArrayList<>();
    List<BlockRealize> under = IrQuery.blocks(loop.body());
    for (BlockRealize o : BlockNest.blocks(f)) {
      if (o == pr) continue;
      int oi = CacheStage.topIndex(top, o);
      if (BlockNest.writes(o.block(), b)) throw new ScheduleException(what + "block `" + o.block().name() + "` also writes `" + b.name() + "`");
      if (BlockNest.reads(o.block(), b)) {
        if (!under.contains(o))
          throw new ScheduleException(what + "block `" + o.block().name() + "` reads `" + b.name() + "` but is not under the loop");
        consumers.add(o);
      }
      if (oi >= pi && oi <= li)
        for (Load l : pLoads)
          if (BlockNest.writes(o.block(), l.buffer()))
            throw new ScheduleException(what + "block `" + o.block().name() + "` writes `" + l.buffer().name() + "`, which the block reads");
    }
    if (consumers.isEmpty()) throw new ScheduleException(what + "no block under the loop reads `" + b.name() + "`");
    List<RegionBound.Bound> region = region(f, loop, consumers, b, what);
    Map<Var, For> outer = new IdentityHashMap<>();
    for (Stmt st : LoopNest.pathTo(f, lref)) if (st instanceof For l) outer.put(l.var(), l);
    Stmt moved = newNest(pr, b, dimVar, region, LoopNest.constBounds(f.body()), outer, f.sizeVars());
    For newLoop = loop.withBody(Seq.of(List.of(moved, loop.body())));
    top.set(li, LoopNest.replace(top.get(li), loop, newLoop));
    top.remove(pi);
    BlockRealize root = BlockNest.root(f);
    return f.withBody(root.withBlock(root.block().withBody(Seq.of(top))));
  }

  /** The spatial iteration variable that indexes each dimension of {@code b} in every store of {@code p}. */
  private static List<Var> spatialIndices(Block p, Buffer b, String what) {
    List<Var> dims = null;
    for (Store s : BlockNest.stores(p)) {
      List<Var> vs = new ArrayList<>();
      for (int d = 0; d < s.indices().size(); d++) {
        Expr e = s.indices().get(d);
        IterVar iv = e instanceof Var v ? p.iterVars().stream().filter(x -> x.var() == v).findFirst().orElse(null) : null;
        if (iv == null || vs.contains(iv.var()) || iv.kind() != IterKind.SPATIAL || !Simplify.isConst(iv.dom().min(), 0)
            || !Simplify.isConst(new Binary(BinOp.SUB, iv.dom().extent(), b.shape().get(d)), 0))
          throw new ScheduleException(what + "its store to `" + b.name() + "` does not write dimension " + d
              + " at a spatial iteration variable covering it");
        vs.add(iv.var());
      }
      if (dims != null && !dims.equals(vs)) throw new ScheduleException(what + "its stores to `" + b.name() + "` use different indices");
      dims = vs;
    }
    if (dims.size() != p.iterVars().stream().filter(iv -> iv.kind() == IterKind.SPATIAL).count())
      throw new ScheduleException(what + "a spatial iteration variable does not index `" + b.name() + "`");
    return dims;
  }

  private static List<RegionBound.Bound> region(PrimFunc f, For loop, List<BlockRealize> consumers, Buffer b, String what) {
    List<List<RegionBound.Bound>> perDim = new ArrayList<>();
    for (int d = 0; d < b.rank(); d++) perDim.add(new ArrayList<>());
    for (BlockRealize c : consumers) {
      List<Stmt> path = IrQuery.pathTo(loop.body(), s -> s == c);
      Map<Var, For> relaxed = new IdentityHashMap<>();
      for (Stmt s : path) {
        if (s instanceof For l) relaxed.put(l.var(), l);
        else if (s instanceof BlockRealize && s != c)
          throw new ScheduleException(what + "block `" + c.block().name() + "` is inside another block under the loop");
      }
      Map<Var, Expr> bind = new IdentityHashMap<>();
      for (int i = 0; i < c.block().iterVars().size(); i++) bind.put(c.block().iterVars().get(i).var(), c.iterValues().get(i));
      for (Load l : BlockNest.loads(c.block()))
        if (l.buffer() == b)
          for (int d = 0; d < b.rank(); d++)
            perDim.get(d).add(RegionBound.of(Substitute.expr(l.indices().get(d), bind), relaxed, f.sizeVars(), what));
    }
    List<RegionBound.Bound> out = new ArrayList<>();
    for (List<RegionBound.Bound> bs : perDim) out.add(RegionBound.union(bs));
    return out;
  }

  private static Stmt newNest(BlockRealize pr, Buffer b, List<Var> dimVar, List<RegionBound.Bound> region,
      Map<Var, dev.kiln.ir.tir.util.Interval> bounds, Map<Var, For> outer, List<Var> sizes) {
    Block p = pr.block();
    List<Var> loops = new ArrayList<>();
    List<Expr> extents = new ArrayList<>();
    Expr[] values = new Expr[p.iterVars().size()];
    Expr pred = null;
    for (int d = 0; d < b.rank(); d++) {
      RegionBound.Bound r = region.get(d);
      Expr extent = Simplify.expr(new Binary(BinOp.ADD, new Binary(BinOp.SUB, r.hi(), r.lo()), Expr.i32(1)), bounds);
      Expr v = r.lo();
      if (!Simplify.isConst(extent, 1)) {
        Var ax = Var.index("ax" + d);
        loops.add(ax);
        extents.add(extent);
        dev.kiln.ir.tir.util.Interval axr = LoopNest.constRange(Expr.i32(0), extent);
        if (axr != null) bounds.put(ax, axr);
        v = Simplify.expr(new Binary(BinOp.ADD, r.lo(), ax), bounds);
      }
      values[indexOf(p, dimVar.get(d))] = v;
      Expr low = lowEnd(r.lo(), outer, sizes), high = highEnd(r.hi(), outer, sizes);
      if (low == null || !provable(new Binary(BinOp.LE, Expr.i32(0), low), bounds))
        pred = and(pred, Simplify.expr(new Binary(BinOp.LE, Expr.i32(0), v), bounds));
      if (high == null || !provable(new Binary(BinOp.LT, high, b.shape().get(d)), bounds))
        pred = and(pred, Simplify.expr(new Binary(BinOp.LT, v, b.shape().get(d)), bounds));
    }
    for (int i = 0; i < p.iterVars().size(); i++) {
      IterVar iv = p.iterVars().get(i);
      if (iv.kind() == IterKind.SPATIAL) continue;
      Var rv = Var.index("r" + loops.size());
      loops.add(rv);
      extents.add(iv.dom().extent());
      values[i] = Simplify.expr(new Binary(BinOp.ADD, iv.dom().min(), rv));
    }
    Stmt s = new BlockRealize(List.of(values), pred == null ? BlockRealize.TRUE : pred, p);
    for (int k = loops.size() - 1; k >= 0; k--) s = For.serial(loops.get(k), Expr.i32(0), extents.get(k), s);
    return s;
  }

  private static Expr and(Expr a, Expr b) { return a == null ? b : new Binary(BinOp.AND, a, b); }

  private static boolean provable(Expr cond, Map<Var, dev.kiln.ir.tir.util.Interval> bounds) {
    return Simplify.isConst(Simplify.expr(cond, bounds), 1);
  }

  /** The least value of {@code e} over the loops around the target loop; null when it cannot be bounded. */
  private static Expr lowEnd(Expr e, Map<Var, For> outer, List<Var> sizes) {
    try {
      return RegionBound.of(e, outer, sizes, "").lo();
    } catch (ScheduleException x) {
      return null;
    }
  }

  private static Expr highEnd(Expr e, Map<Var, For> outer, List<Var> sizes) {
    try {
      return RegionBound.of(e, outer, sizes, "").hi();
    } catch (ScheduleException x) {
      return null;
    }
  }

  private static int indexOf(Block p, Var v) {
    for (int i = 0; i < p.iterVars().size(); i++) if (p.iterVars().get(i).var() == v) return i;
    throw new IllegalStateException("no iteration variable " + v.name());
  }
}
