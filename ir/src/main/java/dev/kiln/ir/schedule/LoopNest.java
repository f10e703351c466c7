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
import dev.kiln.ir.tir.Load;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Seq;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Store;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.util.FreeVars;
import dev.kiln.ir.tir.util.Interval;
import dev.kiln.ir.tir.util.IrQuery;
import dev.kiln.ir.tir.util.IrVisitor;
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
   * Makes everything under {@code s} run only where {@code pred} holds. Every outermost block
   * realize gets the predicate and-ed into its own (TensorIR's {@code T.where}); loops whose min and
   * extent read no buffer are descended into, so their bounds may be evaluated in the tail (harmless:
   * pure index arithmetic); any other statement (a store outside a block, a let, an if, a loop
   * whose bounds read a buffer) is wrapped whole in an {@code if}, so nothing it evaluates runs in
   * the tail.
   */
  static Stmt guard(Stmt s, Expr pred) {
    return switch (s) {
      case For f when !readsBuffer(f.min()) && !readsBuffer(f.extent()) -> f.withBody(guard(f.body(), pred));
      case Seq q -> Seq.of(q.stmts().stream().map(x -> guard(x, pred)).toList());
      case BlockRealize br -> new BlockRealize(br.iterValues(),
          br.predicate() instanceof IntImm t && t.value() == 1 ? pred : new Binary(BinOp.AND, br.predicate(), pred),
          br.block());
      default -> new IfThenElse(pred, s, null);
    };
  }

  private static boolean readsBuffer(Expr e) {
    boolean[] found = {false};
    new IrVisitor() {
      @Override protected boolean visitExpr(Expr x) {
        if (x instanceof Load) found[0] = true;
        return !found[0];
      }
    }.walk(e);
    return found[0];
  }

  /**
   * The blocks and bare stores directly under {@code s} (not inside another block), as the names
   * of the blocks and "a store" for stores.
   */
  static List<String> units(Stmt s) {
    List<String> out = new java.util.ArrayList<>();
    collectUnits(s, out);
    return out;
  }

  private static void collectUnits(Stmt s, List<String> out) {
    switch (s) {
      case BlockRealize br -> out.add("`" + br.block().name() + "`");
      case Store st -> out.add("a store to `" + st.buffer().name() + "`");
      default -> { for (Stmt c : IrQuery.children(s)) collectUnits(c, out); }
    }
  }

  /** Throws unless exactly one block (or store) lies under {@code loop}'s body. */
  static void requireSingleBlock(For loop, String what) {
    List<String> u = units(loop.body());
    if (u.size() > 1)
      throw new ScheduleException(what + "it contains " + u.size() + " blocks (" + String.join(", ", u)
          + "); this primitive is only checked for loops around one block");
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
