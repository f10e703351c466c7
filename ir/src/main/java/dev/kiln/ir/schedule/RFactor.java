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
import dev.kiln.ir.tir.Range;
import dev.kiln.ir.tir.Seq;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Store;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.util.FreeVars;
import dev.kiln.ir.tir.util.Interval;
import dev.kiln.ir.tir.util.IrQuery;
import dev.kiln.ir.tir.util.Simplify;
import dev.kiln.ir.tir.util.Substitute;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code rfactor(loop)} (TensorIR semantics, factor axis 0): the sum reduction R under
 * {@code loop} is computed in two steps. A new buffer {@code C_rf} of shape
 * {@code [extent(loop)] ++ shape(C)} gets partial sums, one per iteration of {@code loop}, from a
 * new block {@code R_rf}; then R (keeping its name) sums {@code C_rf} over that dimension into C.
 *
 * <p>Algorithm. R_rf runs in R's place under R's loops (so handles to them now name R_rf's loops).
 * Its iteration variables are fresh copies of R's spatial ones (same bindings), a spatial one bound
 * to {@code loop}, and one reduction variable per other loop that R's reduction bindings use,
 * bound to that loop (domain = the loop's range); R's reduction variables are replaced by their
 * bindings in terms of these. Its init stores 0 into {@code C_rf}, its body
 * {@code C_rf[l, idx] = C_rf[l, idx] + e}; it keeps R's predicate. The write-back R is placed right
 * after the outermost loop that holds only R (R's own nest), under fresh serial copies (same
 * names) of the loops of that nest that its spatial bindings or its predicate use, and of
 * {@code loop}: spatial variables as before, one reduction variable over {@code loop}'s range,
 * R's init, body {@code C[idx] = C[idx] + C_rf[l, idx]}. Its predicate is R's with every other
 * reduction loop replaced by its first value: an entry of {@code C_rf} exists exactly when R_rf ran
 * at the first iteration of those loops (where its init runs), which is when that predicate holds
 * (checked: each conjunct that uses another reduction loop is {@code a < b} or {@code a <= b} with
 * {@code a} provably smallest at their first values and {@code b} free of them; split tail guards
 * are of that form).
 *
 * <p>Preconditions: exactly one block R under {@code loop}, within R's own nest of loops, and no
 * block other than the root around it (its regions would not cover {@code C_rf}); a serial
 * loop; R's body is {@code C[idx] = C[idx] + e} (either operand order) with an init storing 0 to
 * the same point, {@code idx} using no reduction variable and {@code e} not reading C; {@code loop}
 * is used by a reduction binding of R; no loop is used by both a spatial and a reduction binding;
 * every loop that a reduction binding uses lies in R's own nest and has a range free of loop
 * variables, and reduction bindings use nothing else (no variable of an enclosing block, e.g.
 * after blockize); the function has a root block (it allocates {@code C_rf}).
 */
final class RFactor {
  private RFactor() {}

  record Result(PrimFunc func, String rfName) {}

  static Result apply(PrimFunc f, LoopRef lref) {
    String what = "cannot rfactor loop " + lref + ": ";
    For loop = LoopNest.loop(f, lref);
    List<String> units = LoopNest.units(loop.body());
    if (units.size() != 1 || !(IrQuery.blocks(loop.body()).size() == 1))
      throw new ScheduleException(what + "it must hold exactly one block, a reduction; it holds "
          + (units.isEmpty() ? "none" : String.join(", ", units)));
    if (loop.kind() != ForKind.SERIAL) throw new ScheduleException(what + "it is " + loop.kind().text());
    BlockRealize br = IrQuery.blocks(loop.body()).get(0);
    Block b = br.block();
    String blockName = "block `" + b.name() + "`";
    List<Stmt> path = IrQuery.pathTo(f.body(), s -> s == br);
    BlockRealize outer = BlockNest.enclosingBlock(f, path);
    if (outer != null)
      throw new ScheduleException(what + blockName + " is inside block `" + outer.block().name()
          + "`, whose regions would not cover the new buffer; rfactor before blockize");
    Stmt nest = BlockNest.exclusiveNest(path);
    int top = path.indexOf(nest);
    if (path.indexOf(loop) < top)
      throw new ScheduleException(what + "a statement other than a loop lies between it and " + blockName);
    if (BlockNest.root(f) == null) throw new ScheduleException(what + "the function has no root block to allocate the rf buffer");
    SumReduction sum = SumReduction.of(b, what);
    List<For> chain = new ArrayList<>();
    for (int i = top; i < path.size() - 1; i++) chain.add((For) path.get(i));
    int start = 0;
    for (int i = 0; i < path.size() - 1; i++) if (path.get(i) instanceof BlockRealize) start = i + 1;
    List<For> reduceLoops = new ArrayList<>();
    Set<Var> spatialUse = new LinkedHashSet<>();
    for (int i = 0; i < b.iterVars().size(); i++)
      if (b.iterVars().get(i).kind() == IterKind.SPATIAL) spatialUse.addAll(FreeVars.of(br.iterValues().get(i)));
    for (int i = start; i < path.size() - 1; i++) {
      if (!(path.get(i) instanceof For l)) continue;
      String red = LoopNest.reductionBinding(br, l.var());
      if (red == null) continue;
      if (spatialUse.contains(l.var()))
        throw new ScheduleException(what + "loop `" + l.var().name() + "` binds both " + red + " and a spatial iter var");
      if (i < top)
        throw new ScheduleException(what + "loop `" + l.var().name() + "` binds " + red
            + " but holds other statements besides the block; every reduction loop must lie in the block's own nest");
      for (Var v : rangeVars(l))
        if (!f.sizeVars().contains(v))
          throw new ScheduleException(what + "the range of reduction loop `" + l.var().name() + "` depends on loop `" + v.name() + "`");
      reduceLoops.add(l);
    }
    if (!reduceLoops.contains(loop))
      throw new ScheduleException(what + "it binds no reduction iter var of " + blockName);
    for (int i = 0; i < b.iterVars().size(); i++) {
      if (b.iterVars().get(i).kind() != IterKind.REDUCE) continue;
      for (Var v : FreeVars.of(br.iterValues().get(i)))
        if (!f.sizeVars().contains(v) && reduceLoops.stream().noneMatch(l -> l.var() == v))
          throw new ScheduleException(what + "reduction iter var `" + b.iterVars().get(i).var().name() + "` of " + blockName
              + " is bound using `" + v.name() + "`, which is not a loop of the block's own nest (a let or an enclosing block's variable)");
    }
    Buffer c = sum.store().buffer();
    Buffer rf = new Buffer(CacheStage.freshName(f, c.name() + "_rf"), c.dtype(), prepend(loop.extent(), c.shape()), c.scope());
    String rfName = CacheStage.freshName(f, b.name() + "_rf");
    BlockRealize rfBlock = rfBlock(br, sum, loop, reduceLoops, rf, rfName);
    Stmt wb = writeBack(f, br, sum, loop, chain, reduceLoops, rf, what);
    Stmt newNest = LoopNest.replace(nest, br, rfBlock);
    PrimFunc out = f.withBody(LoopNest.replace(f.body(), nest, Seq.of(List.of(newNest, wb))));
    BlockRealize root = BlockNest.root(out);
    Block rb = root.block();
    List<Buffer> allocs = new ArrayList<>(rb.allocs());
    allocs.add(rf);
    return new Result(out.withBody(root.withBlock(new Block(rb.name(), rb.iterVars(), rb.reads(), rb.writes(), rb.init(), rb.body(), allocs))),
        rfName);
  }

  private static BlockRealize rfBlock(BlockRealize br, SumReduction sum, For loop, List<For> reduceLoops, Buffer rf, String name) {
    Block b = br.block();
    BlockNest.SpatialIterVars spatial = BlockNest.spatialIterVars(br, Map.of());
    List<IterVar> ivs = new ArrayList<>(spatial.ivs());
    List<Expr> values = new ArrayList<>(spatial.values());
    Map<Var, Expr> ivMap = new IdentityHashMap<>(spatial.ivMap());
    Map<Var, Expr> loopToIv = new IdentityHashMap<>();
    Var rfVar = Var.index("v" + loop.var().name());
    ivs.add(new IterVar(rfVar, new Range(loop.min(), loop.extent()), IterKind.SPATIAL));
    values.add(loop.var());
    loopToIv.put(loop.var(), rfVar);
    for (For l : reduceLoops) {
      if (l == loop) continue;
      Var rv = Var.index("v" + l.var().name());
      ivs.add(new IterVar(rv, new Range(l.min(), l.extent()), IterKind.REDUCE));
      values.add(l.var());
      loopToIv.put(l.var(), rv);
    }
    for (int i = 0; i < b.iterVars().size(); i++) {
      IterVar iv = b.iterVars().get(i);
      if (iv.kind() == IterKind.REDUCE) ivMap.put(iv.var(), Substitute.expr(br.iterValues().get(i), loopToIv));
    }
    List<Expr> at = new ArrayList<>();
    at.add(rfIndex(rfVar, loop));
    for (Expr e : sum.store().indices()) at.add(Substitute.expr(e, ivMap));
    Load acc = new Load(rf, at);
    Expr e = Substitute.expr(sum.term(), ivMap);
    Expr update = sum.accFirst() ? new Binary(BinOp.ADD, acc, e) : new Binary(BinOp.ADD, e, acc);
    Block nb = Regions.recompute(new Block(name, ivs, b.reads(), b.writes(), new Store(rf, at, sum.zero()), new Store(rf, at, update), List.of()));
    return new BlockRealize(values, br.predicate(), nb);
  }

  private static Stmt writeBack(PrimFunc f, BlockRealize br, SumReduction sum, For loop, List<For> chain, List<For> reduceLoops,
      Buffer rf, String what) {
    Block b = br.block();
    List<Var> others = reduceLoops.stream().filter(l -> l != loop).map(For::var).toList();
    Map<Var, Expr> firsts = new IdentityHashMap<>();
    for (For l : reduceLoops) if (l != loop) firsts.put(l.var(), l.min());
    List<Expr> kept = new ArrayList<>();
    Map<Var, Interval> bounds = LoopNest.constBounds(f.body());
    for (Expr conj : Conjuncts.of(br.predicate())) {
      if (LoopNest.usesAny(conj, others)) Conjuncts.requireSmallestAtFirst(conj, reduceLoops, loop, f.sizeVars(), what);
      Expr k = Simplify.expr(Substitute.expr(conj, firsts), bounds);
      if (!Simplify.isConst(k, 1)) kept.add(k);
    }
    Set<Var> used = new LinkedHashSet<>();
    used.add(loop.var());
    for (int i = 0; i < b.iterVars().size(); i++)
      if (b.iterVars().get(i).kind() == IterKind.SPATIAL) used.addAll(FreeVars.of(br.iterValues().get(i)));
    for (Expr k : kept) used.addAll(FreeVars.of(k));
    Map<Var, Expr> loopMap = new IdentityHashMap<>();
    List<For> copies = new ArrayList<>();
    for (For l : chain) {
      if (!used.contains(l.var())) continue;
      loopMap.put(l.var(), l.var().copy());
      copies.add(l);
    }
    for (For l : copies)
      for (Var v : rangeVars(l))
        if (chain.stream().anyMatch(x -> x.var() == v) && !loopMap.containsKey(v))
          throw new ScheduleException(what + "the range of loop `" + l.var().name() + "` depends on loop `" + v.name()
              + "`, which the write-back block does not keep");
    BlockNest.SpatialIterVars spatial = BlockNest.spatialIterVars(br, loopMap);
    List<IterVar> ivs = new ArrayList<>(spatial.ivs());
    List<Expr> values = new ArrayList<>(spatial.values());
    Map<Var, Expr> ivMap = spatial.ivMap();
    Var rv = Var.index("v" + loop.var().name());
    ivs.add(new IterVar(rv, new Range(loop.min(), loop.extent()), IterKind.REDUCE));
    values.add(loopMap.get(loop.var()));
    List<Expr> idx = sum.store().indices().stream().map(x -> Substitute.expr(x, ivMap)).toList();
    Buffer c = sum.store().buffer();
    Expr partial = new Load(rf, prepend(rfIndex(rv, loop), idx));
    Store body = new Store(c, idx, new Binary(BinOp.ADD, new Load(c, idx), partial));
    Block wb = Regions.recompute(new Block(b.name(), ivs, b.reads(), b.writes(), Substitute.stmt(b.init(), ivMap), body, List.of()));
    Expr pred = BlockRealize.TRUE;
    for (Expr k : kept) {
      Expr s = Substitute.expr(k, loopMap);
      pred = pred == BlockRealize.TRUE ? s : new Binary(BinOp.AND, pred, s);
    }
    Stmt s = new BlockRealize(values, pred, wb);
    for (int k = copies.size() - 1; k >= 0; k--) {
      For l = copies.get(k);
      s = For.serial((Var) loopMap.get(l.var()), Substitute.expr(l.min(), loopMap), Substitute.expr(l.extent(), loopMap), s);
    }
    return s;
  }

  /** The index of the rf dimension: the variable bound to {@code loop}, less the loop's min. */
  private static Expr rfIndex(Var v, For loop) {
    return Simplify.expr(new Binary(BinOp.SUB, v, loop.min()));
  }

  private static List<Expr> prepend(Expr first, List<Expr> rest) {
    List<Expr> out = new ArrayList<>();
    out.add(first);
    out.addAll(rest);
    return out;
  }

  private static Set<Var> rangeVars(For l) {
    Set<Var> out = new LinkedHashSet<>(FreeVars.of(l.min()));
    out.addAll(FreeVars.of(l.extent()));
    return out;
  }
}
