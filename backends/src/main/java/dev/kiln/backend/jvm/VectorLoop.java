package dev.kiln.backend.jvm;

import dev.kiln.ir.DType;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Block;
import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.IterKind;
import dev.kiln.ir.tir.IterVar;
import dev.kiln.ir.tir.Load;
import dev.kiln.ir.tir.Seq;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Store;
import dev.kiln.ir.tir.StructuralEqual;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.util.IrVisitor;
import dev.kiln.ir.tir.util.Substitute;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of a VECTORIZED loop that the Vector API lowering accepts, found by {@link #analyze}.
 *
 * <p>Algorithm: the body is a list of stores, or one block realize (no allocations) whose body and
 * init are lists of stores; the block's iteration variables are replaced by their bound values, so
 * everything is written over the loop variable {@code v} and variables bound outside the loop. The
 * block predicate is split by {@link LoopBounds}: bounds on v ({@link #lowers}, {@link #uppers}) —
 * the tail guard that split leaves behind, so the guarded iterations are a sub-range and need no
 * mask — and the other conjuncts, which must not use v ({@link #guards}).
 * The init runs when every REDUCE iteration value equals its domain minimum; that condition must
 * not use v ({@link #initCond}). Every store must be of one lane type (f32, f64 or i32) at a
 * unit-stride offset ({@code v} with coefficient 1 in the last index, 0 in the others), and each
 * stored buffer may be read or written in the loop only at that same index (structurally equal),
 * so lanes never depend on each other and running init then body a vector at a time equals running
 * them an iteration at a time. Distinct buffers are distinct arrays. Anything else is rejected
 * with a reason and the loop runs as scalar code; expressions are checked when they are emitted
 * ({@link VectorCodegen}).
 */
record VectorLoop(For loop, DType lane, List<Expr> guards, List<Expr> lowers, List<Expr> uppers, Expr initCond,
    List<Store> init, List<Store> body) {

  /** Why a loop (or an expression in it) has no vector lowering. */
  static final class NotVectorizable extends Exception {
    NotVectorizable(String why) { super(why, null, false, false); }
  }

  static VectorLoop analyze(For f) throws NotVectorizable {
    Var v = f.var();
    Expr pred = BlockRealize.TRUE;
    Expr initCond = null;
    List<Store> init = new ArrayList<>(), body = new ArrayList<>();
    if (f.body() instanceof BlockRealize br) {
      Block b = br.block();
      if (!b.allocs().isEmpty()) throw new NotVectorizable("block " + b.name() + " allocates buffers");
      Map<Var, Expr> bind = new IdentityHashMap<>();
      for (int k = 0; k < b.iterVars().size(); k++) bind.put(b.iterVars().get(k).var(), br.iterValues().get(k));
      pred = Substitute.expr(br.predicate(), bind);
      if (b.init() != null) {
        initCond = new IntImm(DType.BOOL, 1);
        for (int k = 0; k < b.iterVars().size(); k++) {
          IterVar iv = b.iterVars().get(k);
          if (iv.kind() != IterKind.REDUCE) continue;
          Expr atMin = new Binary(BinOp.EQ, br.iterValues().get(k), Substitute.expr(iv.dom().min(), bind));
          initCond = initCond instanceof IntImm ? atMin : new Binary(BinOp.AND, initCond, atMin);
        }
        if (Affine.uses(initCond, v)) throw new NotVectorizable("the init condition varies with the loop");
        stores(Substitute.stmt(b.init(), bind), init);
      }
      stores(Substitute.stmt(b.body(), bind), body);
    } else {
      stores(f.body(), body);
    }
    LoopBounds.Split split = LoopBounds.of(pred, v);
    for (Expr c : split.rest())
      if (Affine.uses(c, v)) throw new NotVectorizable("the block predicate varies with the loop");
    List<Store> all = new ArrayList<>(init);
    all.addAll(body);
    if (all.isEmpty()) throw new NotVectorizable("the loop stores nothing");
    DType lane = all.get(0).buffer().dtype();
    if (VectorSupport.vectorClass(lane) == null) throw new NotVectorizable("no vector lanes of " + lane);
    for (Store st : all) {
      if (st.buffer().dtype() != lane) throw new NotVectorizable("stores of different element types");
      if (!unitStride(st.indices(), v)) throw new NotVectorizable("store to " + st.buffer().name() + " is not unit-stride");
    }
    checkAccesses(all, v);
    return new VectorLoop(f, lane, split.rest(), split.lowers(), split.uppers(), initCond, init, body);
  }

  /** Whether indices address consecutive elements as v steps: coefficient 1 in the last, 0 elsewhere. */
  static boolean unitStride(List<Expr> indices, Var v) {
    if (indices.isEmpty()) return false;
    for (int d = 0; d < indices.size(); d++) {
      Long c = Affine.coefficient(indices.get(d), v);
      if (c == null || c != (d == indices.size() - 1 ? 1 : 0)) return false;
    }
    return true;
  }

  private static void stores(Stmt s, List<Store> out) throws NotVectorizable {
    switch (s) {
      case Store st -> out.add(st);
      case Seq q -> { for (Stmt x : q.stmts()) stores(x, out); }
      default -> throw new NotVectorizable("the body holds a " + s.getClass().getSimpleName());
    }
  }

  /** Every access to a stored buffer uses the indices of its first store. */
  private static void checkAccesses(List<Store> stores, Var v) throws NotVectorizable {
    Map<Buffer, List<Expr>> stored = new IdentityHashMap<>();
    for (Store st : stores) stored.putIfAbsent(st.buffer(), st.indices());
    List<String> bad = new ArrayList<>();
    IrVisitor check = new IrVisitor() {
      @Override protected boolean visitExpr(Expr e) {
        if (e instanceof Load ld) {
          List<Expr> idx = stored.get(ld.buffer());
          if (idx != null && !sameIndices(idx, ld.indices())) bad.add(ld.buffer().name());
        }
        return true;
      }
    };
    for (Store st : stores) {
      if (!sameIndices(stored.get(st.buffer()), st.indices())) bad.add(st.buffer().name());
      check.walk(st.value());
      for (Expr i : st.indices()) check.walk(i);
    }
    if (!bad.isEmpty()) throw new NotVectorizable("buffer " + bad.get(0) + " is accessed at two different places");
  }

  private static boolean sameIndices(List<Expr> a, List<Expr> b) {
    for (int d = 0; d < a.size(); d++) if (!StructuralEqual.equal(a.get(d), b.get(d))) return false;
    return true;
  }
}
