package dev.kiln.ir.schedule;

import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Block;
import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.BufferRegion;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.IterVar;
import dev.kiln.ir.tir.LetStmt;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Range;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.text.TirPrinter;
import dev.kiln.ir.tir.util.FreeVars;
import dev.kiln.ir.tir.util.Interval;
import dev.kiln.ir.tir.util.Simplify;
import dev.kiln.ir.tir.util.Substitute;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code blockize(loop)} (TensorIR semantics): the perfect loop nest from {@code loop} down to its
 * one block B becomes the body of a new outer block {@code B_o}, realized where {@code loop} was.
 *
 * <p>Algorithm: each iteration binding of B is divided ({@link SubspaceDivide}) into an outer part
 * over the loops outside {@code loop} and an inner part over {@code loop} and the loops under it,
 * {@code binding = vo * E + inner}. Every binding with an outer part gets an outer iteration
 * variable {@code vo} (named {@code <iv>_o}, of the same kind as B's variable: spatial or
 * reduction) bound to that part, with B's domain when the binding is outer only, else the bounds of
 * the outer part over the loops around ({@link RegionBound}); B's binding becomes
 * {@code vo * E + inner}, which reads no loop outside the new block (a block hides them). B's
 * predicate is split at {@code &&}: a conjunct over outer loops only guards the outer block; one
 * over inner loops only stays; a mixed one (a split tail guard {@code binding < extent}) is
 * rewritten by replacing an operand equal to a binding by B's new binding, and an outer loop that
 * an outer variable is bound to exactly by that variable. The outer block reads and writes the
 * union over the inner loops of B's regions (the whole buffer where a region cannot be bounded); a
 * block without regions (hand-written IR) gives one without regions. B keeps its variables, init
 * and body, so every point computes what it did.
 *
 * <p>Preconditions: only loops lie between {@code loop} and exactly one block; no inner loop's
 * range uses a loop outside {@code loop}; every binding divides (no term mixes outer and inner
 * loops, the outer part is a multiple of the inner part's extent); every mixed predicate conjunct
 * can be rewritten so.
 */
final class Blockize {
  private Blockize() {}

  record Result(PrimFunc func, String blockName) {}

  static Result apply(PrimFunc f, LoopRef lref) {
    String what = "cannot blockize loop " + lref + ": ";
    List<Stmt> path = LoopNest.pathTo(f, lref);
    For loop = (For) path.get(path.size() - 1);
    Map<Var, For> innerLoops = new LinkedHashMap<>();
    Stmt s = loop;
    while (s instanceof For l) {
      innerLoops.put(l.var(), l);
      s = l.body();
    }
    if (!(s instanceof BlockRealize br)) {
      List<String> units = LoopNest.units(loop.body());
      if (units.size() != 1)
        throw new ScheduleException(what + "it holds " + (units.isEmpty() ? "no block" : units.size() + " blocks or stores ("
            + String.join(", ", units) + ")") + "; blockize needs exactly one block in a perfect loop nest under the loop");
      throw new ScheduleException(what + "a statement other than a loop lies between it and " + units.get(0)
          + "; blockize needs a perfect loop nest");
    }
    Block b = br.block();
    Set<Var> outerVars = Collections.newSetFromMap(new IdentityHashMap<>());
    Map<Var, For> outerLoops = new IdentityHashMap<>();
    for (int i = 0; i < path.size() - 1; i++) {
      if (path.get(i) instanceof For l) {
        outerVars.add(l.var());
        outerLoops.put(l.var(), l);
      } else if (path.get(i) instanceof LetStmt let) {
        outerVars.add(let.var());
      }
    }
    for (For l : innerLoops.values())
      for (Var v : rangeVars(l))
        if (outerVars.contains(v))
          throw new ScheduleException(what + "the range of loop `" + l.var().name() + "` depends on `" + v.name()
              + "` outside it, which the new block would hide");
    Map<Var, Interval> bounds = LoopNest.constBounds(f.body());
    List<IterVar> outerIvs = new ArrayList<>();
    List<Expr> outerValues = new ArrayList<>();
    List<Expr> innerValues = new ArrayList<>();
    Map<Var, Expr> outerToIv = new IdentityHashMap<>();
    Map<Expr, Expr> bindingRewrite = new LinkedHashMap<>();
    for (int i = 0; i < b.iterVars().size(); i++) {
      IterVar iv = b.iterVars().get(i);
      SubspaceDivide.Part p = SubspaceDivide.of(br.iterValues().get(i), iv.var().name(), innerLoops, outerVars, f.sizeVars(), bounds, what);
      if (p.outer() == null) {
        innerValues.add(p.inner());
        continue;
      }
      Var vo = new Var(iv.var().name() + "_o", iv.var().dtype());
      outerIvs.add(new IterVar(vo, outerDomain(p, iv, outerLoops, f.sizeVars(), bounds), iv.kind()));
      outerValues.add(p.outer());
      Expr inner = Simplify.expr(new Binary(BinOp.ADD, new Binary(BinOp.MUL, vo, p.factor()), p.inner()), bounds);
      innerValues.add(inner);
      if (p.outer() instanceof Var v && outerVars.contains(v)) outerToIv.putIfAbsent(v, vo);
      bindingRewrite.put(Simplify.expr(br.iterValues().get(i), bounds), inner);
    }
    Expr innerPred = BlockRealize.TRUE, outerPred = BlockRealize.TRUE;
    for (Expr c : Conjuncts.of(br.predicate())) {
      boolean usesOuter = LoopNest.usesAny(c, List.copyOf(outerVars));
      boolean usesInner = LoopNest.usesAny(c, List.copyOf(innerLoops.keySet()));
      if (!usesOuter) innerPred = and(innerPred, c);
      else if (!usesInner) outerPred = and(outerPred, c);
      else innerPred = and(innerPred, rewriteMixed(c, bindingRewrite, outerToIv, outerVars, b.name(), bounds, what));
    }
    BlockRealize innerRealize = new BlockRealize(innerValues, innerPred, b);
    Stmt body = LoopNest.replace(loop, br, innerRealize);
    Map<Var, Expr> ivMap = new IdentityHashMap<>();
    for (int i = 0; i < b.iterVars().size(); i++) ivMap.put(b.iterVars().get(i).var(), innerValues.get(i));
    String name = CacheStage.freshName(f, b.name() + "_o");
    Block outer = new Block(name, outerIvs, union(b.reads(), ivMap, innerLoops, f.sizeVars(), bounds),
        union(b.writes(), ivMap, innerLoops, f.sizeVars(), bounds), null, body, List.of());
    Stmt realize = new BlockRealize(outerValues, outerPred, outer);
    return new Result(f.withBody(LoopNest.replace(f.body(), loop, realize)), name);
  }

  /** B's domain for an outer-only binding; else the bounds of the outer part over the loops around, or the tiles of B's domain. */
  private static Range outerDomain(SubspaceDivide.Part p, IterVar iv, Map<Var, For> outerLoops, List<Var> sizes, Map<Var, Interval> bounds) {
    if (Simplify.isConst(p.factor(), 1)) return iv.dom();
    try {
      RegionBound.Bound r = RegionBound.of(p.outer(), outerLoops, sizes, "");
      Expr lo = Simplify.expr(r.lo(), bounds);
      return new Range(lo, Simplify.expr(new Binary(BinOp.ADD, new Binary(BinOp.SUB, r.hi(), lo), Expr.i32(1)), bounds));
    } catch (ScheduleException e) {
      Expr lo = Simplify.expr(new Binary(BinOp.DIV, iv.dom().min(), p.factor()), bounds);
      Expr end = new Binary(BinOp.ADD, iv.dom().min(), iv.dom().extent());
      Expr hi = new Binary(BinOp.DIV, new Binary(BinOp.ADD, end, new Binary(BinOp.SUB, p.factor(), Expr.i32(1))), p.factor());
      return new Range(lo, Simplify.expr(new Binary(BinOp.SUB, hi, lo), bounds));
    }
  }

  /** A predicate conjunct over both outer and inner loops, in terms of the outer block's variables and the inner loops. */
  private static Expr rewriteMixed(Expr c, Map<Expr, Expr> bindingRewrite, Map<Var, Expr> outerToIv, Set<Var> outerVars,
      String block, Map<Var, Interval> bounds, String what) {
    Expr r = c;
    if (c instanceof Binary x && x.op().yieldsBool() && x.op() != BinOp.AND && x.op() != BinOp.OR)
      r = new Binary(x.op(), match(x.a(), bindingRewrite, bounds), match(x.b(), bindingRewrite, bounds));
    r = Substitute.expr(r, outerToIv);
    if (LoopNest.usesAny(r, List.copyOf(outerVars)))
      throw new ScheduleException(what + "the predicate `" + TirPrinter.print(c) + "` of block `" + block
          + "` mixes loops outside and inside the loop in a way the outer block's variables cannot express");
    return r;
  }

  private static Expr match(Expr e, Map<Expr, Expr> bindingRewrite, Map<Var, Interval> bounds) {
    Expr n = bindingRewrite.get(Simplify.expr(e, bounds));
    return n == null ? e : n;
  }

  /** The regions relaxed over the inner loops after B's variables are replaced by their new bindings. */
  private static List<BufferRegion> union(List<BufferRegion> regions, Map<Var, Expr> ivMap, Map<Var, For> innerLoops,
      List<Var> sizes, Map<Var, Interval> bounds) {
    List<BufferRegion> out = new ArrayList<>();
    for (BufferRegion r : regions) {
      List<Range> ranges = new ArrayList<>();
      for (int d = 0; d < r.region().size(); d++) {
        Range x = r.region().get(d);
        Expr min = Substitute.expr(x.min(), ivMap);
        Expr last = new Binary(BinOp.SUB, new Binary(BinOp.ADD, min, Substitute.expr(x.extent(), ivMap)), Expr.i32(1));
        try {
          Expr lo = Simplify.expr(RegionBound.of(min, innerLoops, sizes, "").lo(), bounds);
          Expr hi = RegionBound.of(last, innerLoops, sizes, "").hi();
          ranges.add(new Range(lo, Simplify.expr(new Binary(BinOp.ADD, new Binary(BinOp.SUB, hi, lo), Expr.i32(1)), bounds)));
        } catch (ScheduleException e) {
          ranges.add(new Range(Expr.i32(0), r.buffer().shape().get(d)));
        }
      }
      out.add(new BufferRegion(r.buffer(), ranges));
    }
    return out;
  }

  private static Expr and(Expr a, Expr b) { return a == BlockRealize.TRUE ? b : new Binary(BinOp.AND, a, b); }

  private static List<Var> rangeVars(For l) {
    List<Var> out = new ArrayList<>(FreeVars.of(l.min()));
    out.addAll(FreeVars.of(l.extent()));
    return out;
  }
}
