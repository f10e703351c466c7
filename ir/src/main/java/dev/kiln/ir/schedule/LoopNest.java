package dev.kiln.ir.schedule;

import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.IfThenElse;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.IterKind;
import dev.kiln.ir.tir.IterVar;
import dev.kiln.ir.tir.LetStmt;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Seq;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Store;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.util.FreeVars;
import dev.kiln.ir.tir.util.Interval;
import dev.kiln.ir.tir.util.IrQuery;
import dev.kiln.ir.tir.util.Simplify;
import dev.kiln.ir.tir.util.StmtRewriter;
import dev.kiln.ir.tir.util.Substitute;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Shared helpers of the primitives: finding a loop, replacing a subtree, guarding, substituting. */
final class LoopNest {
  private LoopNest() {}

  /** The path from the function body to the loop of {@code ref}; the loop is last. */
  static List<Stmt> pathTo(PrimFunc f, LoopRef ref) {
    List<Stmt> path = IrQuery.pathTo(f.body(), s -> s instanceof For l && l.var() == ref.var());
    if (path.isEmpty())
      throw new ScheduleException("loop " + ref + " (" + ref.handle() + ") no longer exists: an earlier primitive replaced it");
    return path;
  }

  static For loop(PrimFunc f, LoopRef ref) {
    List<Stmt> p = pathTo(f, ref);
    return (For) p.get(p.size() - 1);
  }

  /** {@code root} with the statement {@code target} (found by identity) replaced. */
  static Stmt replace(Stmt root, Stmt target, Stmt replacement) {
    return new StmtRewriter() {
      @Override public Stmt rewrite(Stmt s) { return s == target ? replacement : super.rewrite(s); }
    }.rewrite(root);
  }

  /**
   * Makes every outermost block realize (and every store outside any block) under {@code s} run
   * only where {@code pred} holds: the predicate is and-ed into the realize's predicate, a bare
   * store is wrapped in an if.
   */
  static Stmt guard(Stmt s, Expr pred) {
    return switch (s) {
      case For f -> f.withBody(guard(f.body(), pred));
      case Seq q -> Seq.of(q.stmts().stream().map(x -> guard(x, pred)).toList());
      case LetStmt l -> new LetStmt(l.var(), l.value(), guard(l.body(), pred));
      case IfThenElse i -> new IfThenElse(i.cond(), guard(i.then(), pred),
          i.otherwise() == null ? null : guard(i.otherwise(), pred));
      case Store st -> new IfThenElse(pred, st, null);
      case BlockRealize br -> new BlockRealize(br.iterValues(),
          br.predicate() instanceof IntImm t && t.value() == 1 ? pred : new Binary(BinOp.AND, br.predicate(), pred),
          br.block());
    };
  }

  /** Inclusive bounds of every loop variable of {@code root} whose min and extent are constants. */
  static Map<Var, Interval> constBounds(Stmt root) {
    Map<Var, Interval> bounds = new IdentityHashMap<>();
    for (For f : IrQuery.loops(root)) {
      Interval r = constRange(f.min(), f.extent());
      if (r != null) bounds.put(f.var(), r);
    }
    return bounds;
  }

  static Interval constRange(Expr min, Expr extent) {
    if (Simplify.expr(min) instanceof IntImm m && Simplify.expr(extent) instanceof IntImm e)
      return Interval.ofRange(m.value(), e.value());
    return null;
  }

  /** Substitutes, then simplifies exactly the expressions the substitution changed. */
  static Stmt substitute(Stmt s, Map<Var, Expr> map, Map<Var, Interval> bounds) {
    return new StmtRewriter() {
      @Override public Expr rewrite(Expr e) {
        Expr n = Substitute.expr(e, map);
        return n == e ? e : Simplify.expr(n, bounds);
      }
    }.rewrite(s);
  }

  /** A block under {@code body} that binds a REDUCE iter var to a value using {@code v}, as "reduction iter var `iv` of block `B`"; or null. */
  static String reductionBinding(Stmt body, Var v) { return binding(body, v, IterKind.REDUCE); }

  /** Like {@link #reductionBinding} for iter vars of the given kind. */
  static String binding(Stmt body, Var v, IterKind kind) {
    for (BlockRealize br : IrQuery.blocks(body)) {
      List<IterVar> ivs = br.block().iterVars();
      for (int i = 0; i < ivs.size(); i++)
        if (ivs.get(i).kind() == kind && FreeVars.uses(br.iterValues().get(i), v))
          return (kind == IterKind.REDUCE ? "reduction" : "spatial") + " iter var `" + ivs.get(i).var().name()
              + "` of block `" + br.block().name() + "`";
    }
    return null;
  }

  /** Whether {@code e} uses any of {@code vars}. */
  static boolean usesAny(Expr e, List<Var> vars) {
    for (Var v : FreeVars.of(e)) if (vars.contains(v)) return true;
    return false;
  }
}
