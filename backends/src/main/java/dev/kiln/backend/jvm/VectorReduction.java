package dev.kiln.backend.jvm;

import dev.kiln.backend.jvm.VectorLoop.NotVectorizable;
import dev.kiln.ir.DType;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Block;
import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.ForKind;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.IterKind;
import dev.kiln.ir.tir.IterVar;
import dev.kiln.ir.tir.Load;
import dev.kiln.ir.tir.Store;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.util.FreeVars;
import dev.kiln.ir.tir.util.IrQuery;
import dev.kiln.ir.tir.util.Simplify;
import dev.kiln.ir.tir.util.Substitute;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A serial innermost reduction loop over f32 run a vector at a time: the row sum of a layer norm,
 * the row max of a softmax. Used only with relaxed float ({@link JvmOptions#relaxedFloat()}): a
 * sum is reassociated (lanes, then the lanes' total, then the scalar tail), which rounds
 * differently from the interpreter's left-to-right sum; max and min are exact.
 *
 * <p>Accepted form: the loop's body is one unguarded block realize without allocations whose body
 * is {@code A[idx] = A[idx] op e} (or {@code e op A[idx]}) with {@code op} one of + max min,
 * {@code idx} free of the loop variable {@code v}, and {@code e} vectorizable in {@code v}
 * ({@link VectorCodegen}); an init, if any, is {@code A[idx] = c} with c free of v, and runs when
 * every reduction iteration value is at its minimum — the one bound to v must be exactly v, over
 * the loop's own range, so the init can only fire on the first iteration. Emitted code:
 * <pre>
 * if (lo &lt; hi &amp;&amp; &lt;other reduce values at their min&gt;) A[idx] = c;
 * acc = broadcast(identity); for (v = lo; v &lt; vend; v += L) acc = acc op e(v..v+L);
 * r = A[idx] op acc.reduceLanes(op); for (v = vend; v &lt; hi; v++) r = r op e(v); A[idx] = r;
 * </pre>
 */
final class VectorReduction {
  private VectorReduction() {}

  static void emit(For f, Scope outer, String lo, String hi, Set<String> helpers, SourceWriter w) throws NotVectorizable {
    if (f.kind() != ForKind.SERIAL) throw new NotVectorizable("not a serial loop");
    if (!(f.body() instanceof BlockRealize br)) throw new NotVectorizable("the body is not one block");
    Block b = br.block();
    if (!b.allocs().isEmpty() || !(br.predicate() instanceof IntImm t && t.value() == 1))
      throw new NotVectorizable("the block allocates or is guarded");
    Var v = f.var();
    Map<Var, Expr> bind = IrQuery.bindings(br);
    List<IterVar> ivs = b.iterVars();
    if (!(Substitute.stmt(b.body(), bind) instanceof Store st) || st.buffer().dtype() != DType.F32)
      throw new NotVectorizable("the body is not one f32 store");
    for (Expr i : st.indices()) if (FreeVars.uses(i, v)) throw new NotVectorizable("the stored element moves with the loop");
    if (!(st.value() instanceof Binary op) || !(op.op() == BinOp.ADD || op.op() == BinOp.MAX || op.op() == BinOp.MIN))
      throw new NotVectorizable("not a + / max / min reduction");
    Load self = new Load(st.buffer(), st.indices());
    Expr e;
    if (sameLoad(op.a(), self) && !reads(op.b(), st)) e = op.b();
    else if (sameLoad(op.b(), self) && !reads(op.a(), st)) e = op.a();
    else throw new NotVectorizable("not an accumulation into one element");
    Expr initCond = BlockRealize.TRUE;
    Store init = null;
    if (b.init() != null) {
      if (!(Substitute.stmt(b.init(), bind) instanceof Store is) || is.buffer() != st.buffer()
          || !sameLoad(new Load(is.buffer(), is.indices()), self) || FreeVars.uses(is.value(), v))
        throw new NotVectorizable("the init is not a store of an invariant to the same element");
      init = is;
      for (int k = 0; k < ivs.size(); k++) {
        if (ivs.get(k).kind() != IterKind.REDUCE) continue;
        Expr value = br.iterValues().get(k);
        if (!FreeVars.uses(value, v)) {
          initCond = new Binary(BinOp.AND, initCond, new Binary(BinOp.EQ, value, ivs.get(k).dom().min()));
        } else if (value != v || !Simplify.isConst(new Binary(BinOp.SUB, ivs.get(k).dom().min(), f.min()), 0)) {
          throw new NotVectorizable("the init could fire after the first iteration");
        }
      }
    }
    String opName = switch (op.op()) { case ADD -> "ADD"; case MAX -> "MAX"; default -> "MIN"; };
    String identity = switch (op.op()) { case ADD -> "0.0f"; case MAX -> "Float.NEGATIVE_INFINITY"; default -> "Float.POSITIVE_INFINITY"; };
    SourceWriter out = w.fork();
    ExprCodegen scalar = new ExprCodegen(outer, helpers);
    String element = scalar.gen(self);
    if (init != null) {
      String cond = scalar.gen(Simplify.expr(initCond));
      out.open("if (" + lo + " < " + hi + " && " + cond + ")").line(element + " = " + scalar.gen(init.value()) + ";").close();
    }
    String species = outer.fresh("S"), lanes = outer.fresh("L"), vend = outer.fresh("vend");
    String acc = outer.fresh("vacc"), r = outer.fresh("red");
    String fv = VectorSupport.PKG + "FloatVector";
    out.line(VectorSupport.PKG + "VectorSpecies " + species + " = " + fv + ".SPECIES_PREFERRED;");
    out.line("int " + lanes + " = " + species + ".length();");
    SourceWriter hoist = out.fork();
    Scope vs = outer.child();
    String vv = vs.declare(v);
    SourceWriter loop = out.fork();
    loop.open("for (int " + vv + " = " + lo + "; " + vv + " < " + vend + "; " + vv + " += " + lanes + ")");
    VectorCodegen gen = new VectorCodegen(vs, v, DType.F32, species, helpers, hoist, true);
    String x = gen.value(e, loop);
    loop.line(acc + " = " + acc + (op.op() == BinOp.ADD ? ".add(" : op.op() == BinOp.MAX ? ".max(" : ".min(") + x + ");");
    loop.close();
    out.append(hoist);
    out.line(fv + " " + acc + " = " + fv + ".broadcast(" + species + ", " + identity + ");");
    out.line("int " + vend + " = " + lo + " + " + species + ".loopBound(" + hi + " - " + lo + ");");
    out.append(loop);
    out.line("float " + r + " = " + combine(op.op(), element, acc + ".reduceLanes(" + VectorSupport.PKG + "VectorOperators." + opName + ")") + ";");
    Scope ts = outer.child();
    String tv = ts.declare(v);
    out.open("for (int " + tv + " = " + vend + "; " + tv + " < " + hi + "; " + tv + "++)");
    out.line(r + " = " + combine(op.op(), r, new ExprCodegen(ts, helpers).gen(e)) + ";");
    out.close();
    out.line(element + " = " + r + ";");
    w.append(out);
  }

  private static String combine(BinOp op, String a, String b) {
    return switch (op) {
      case ADD -> "(" + a + " + " + b + ")";
      case MAX -> "Math.max(" + a + ", " + b + ")";
      default -> "Math.min(" + a + ", " + b + ")";
    };
  }

  private static boolean sameLoad(Expr e, Load self) {
    if (!(e instanceof Load l) || l.buffer() != self.buffer()) return false;
    for (int i = 0; i < l.indices().size(); i++)
      if (!Simplify.isConst(new Binary(BinOp.SUB, l.indices().get(i), self.indices().get(i)), 0)) return false;
    return true;
  }

  private static boolean reads(Expr e, Store st) {
    boolean[] found = {false};
    new dev.kiln.ir.tir.util.IrVisitor() {
      @Override protected boolean visitExpr(Expr x) {
        if (x instanceof Load l && l.buffer() == st.buffer()) found[0] = true;
        return !found[0];
      }
    }.walk(e);
    return found[0];
  }
}
