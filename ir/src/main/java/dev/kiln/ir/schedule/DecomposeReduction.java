package dev.kiln.ir.schedule;

import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Block;
import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.IterKind;
import dev.kiln.ir.tir.IterVar;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Seq;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.util.FreeVars;
import dev.kiln.ir.tir.util.IrQuery;
import dev.kiln.ir.tir.util.Substitute;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code decompose_reduction(R, loop)} (TensorIR semantics): the init of reduction block R moves
 * into a new block {@code R_init} placed just before {@code loop}; R keeps its name and loses its
 * init. R_init has a fresh copy of each spatial iteration variable of R (same domain), bound to
 * R's bindings in which every loop from {@code loop} inwards that those bindings use is replaced by
 * a fresh copy of that loop ({@code i} becomes {@code i_init}, same range and kind); the copies
 * wrap R_init in their original order. R's predicate is split at {@code &&}: a conjunct over copied
 * or outer loops is kept (on the copies), one over the remaining inner loops only (a reduction
 * tail guard) is dropped.
 *
 * <p>Preconditions: R has an init; {@code loop} encloses R within R's enclosing block, and between
 * them lie only loops; no loop outside {@code loop} binds a reduction iteration variable of R (the
 * init would run again on every iteration of it); {@code loop} holds only R; no conjunct of the
 * predicate mixes a dropped loop with a kept one; the name {@code R_init} is free.
 */
final class DecomposeReduction {
  private DecomposeReduction() {}

  record Result(PrimFunc func, String initName) {}

  static Result apply(PrimFunc f, BlockRef bref, LoopRef lref) {
    String what = "cannot decompose_reduction of block " + bref + " at loop " + lref + ": ";
    List<Stmt> path = BlockNest.pathTo(f, bref);
    BlockRealize br = (BlockRealize) path.get(path.size() - 1);
    Block b = br.block();
    if (b.init() == null) throw new ScheduleException(what + "the block has no init (it is not a reduction or was decomposed already)");
    int start = 0;
    for (int i = 0; i < path.size() - 1; i++) if (path.get(i) instanceof BlockRealize) start = i + 1;
    int li = -1;
    for (int i = start; i < path.size() - 1; i++) if (path.get(i) instanceof For l && l.var() == lref.var()) li = i;
    if (li < 0) {
      LoopNest.loop(f, lref);
      throw new ScheduleException(what + "the loop does not enclose the block");
    }
    For loop = (For) path.get(li);
    for (int i = start; i < li; i++)
      if (path.get(i) instanceof For o) {
        String red = LoopNest.reductionBinding(br, o.var());
        if (red != null)
          throw new ScheduleException(what + "it is inside loop `" + o.var().name() + "`, which binds " + red
              + "; the init must go outside every reduction loop");
      }
    LoopNest.requireSingleBlock(loop, what);
    List<For> inner = new ArrayList<>();
    for (int i = li; i < path.size() - 1; i++) {
      if (!(path.get(i) instanceof For l)) throw new ScheduleException(what + "a statement other than a loop lies between them");
      inner.add(l);
    }
    String initName = b.name() + "_init";
    if (IrQuery.blocks(f.body()).stream().anyMatch(x -> x.block().name().equals(initName)))
      throw new ScheduleException(what + "a block named `" + initName + "` already exists");
    List<Var> used = new ArrayList<>();
    for (int i = 0; i < b.iterVars().size(); i++)
      if (b.iterVars().get(i).kind() == IterKind.SPATIAL) used.addAll(FreeVars.of(br.iterValues().get(i)));
    List<Var> innerVars = inner.stream().map(For::var).toList();
    List<Expr> kept = new ArrayList<>();
    for (Expr c : conjuncts(br.predicate())) {
      boolean dropped = false, keptVar = false;
      for (Var v : FreeVars.of(c)) {
        if (f.sizeVars().contains(v)) continue;
        if (innerVars.contains(v) && !used.contains(v)) dropped = true;
        else keptVar = true;
      }
      if (dropped && keptVar)
        throw new ScheduleException(what + "a conjunct of its predicate uses both spatial and reduction loops");
      if (!dropped) {
        kept.add(c);
        used.addAll(FreeVars.of(c));
      }
    }
    Map<Var, Expr> loopMap = new IdentityHashMap<>();
    List<For> copies = new ArrayList<>();
    for (For l : inner) {
      if (!used.contains(l.var())) continue;
      Var nv = new Var(l.var().name() + "_init", l.var().dtype());
      loopMap.put(l.var(), nv);
      copies.add(l);
    }
    for (For l : copies)
      for (Var v : union(l))
        if (innerVars.contains(v) && !loopMap.containsKey(v))
          throw new ScheduleException(what + "the range of loop `" + l.var().name() + "` depends on a reduction loop");
    BlockNest.SpatialIterVars spatial = BlockNest.spatialIterVars(br, loopMap);
    List<IterVar> ivs = spatial.ivs();
    List<Expr> values = spatial.values();
    Map<Var, Expr> ivMap = spatial.ivMap();
    Expr pred = BlockRealize.TRUE;
    for (Expr c : kept) {
      Expr s = Substitute.expr(c, loopMap);
      pred = pred == BlockRealize.TRUE ? s : new Binary(BinOp.AND, pred, s);
    }
    Block init = Regions.recompute(new Block(initName, ivs, b.reads(), b.writes(), null,
        Substitute.stmt(b.init(), ivMap), List.of()));
    Stmt initNest = new BlockRealize(values, pred, init);
    for (int k = copies.size() - 1; k >= 0; k--) {
      For l = copies.get(k);
      initNest = new For((Var) loopMap.get(l.var()), Substitute.expr(l.min(), loopMap), Substitute.expr(l.extent(), loopMap),
          l.kind(), l.threadTag(), initNest);
    }
    Block update = new Block(b.name(), b.iterVars(), b.reads(), b.writes(), null, b.body(), b.allocs());
    Stmt newLoop = LoopNest.replace(loop, br, br.withBlock(update));
    Stmt body = LoopNest.replace(f.body(), loop, Seq.of(List.of(initNest, newLoop)));
    return new Result(f.withBody(body), initName);
  }

  private static List<Var> union(For l) {
    List<Var> out = new ArrayList<>(FreeVars.of(l.min()));
    out.addAll(FreeVars.of(l.extent()));
    return out;
  }

  private static List<Expr> conjuncts(Expr e) {
    List<Expr> out = new ArrayList<>();
    if (e instanceof Binary x && x.op() == BinOp.AND) {
      out.addAll(conjuncts(x.a()));
      out.addAll(conjuncts(x.b()));
    } else if (!(e instanceof IntImm t && t.value() == 1)) {
      out.add(e);
    }
    return out;
  }
}
