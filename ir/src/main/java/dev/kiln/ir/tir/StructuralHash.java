package dev.kiln.ir.tir;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A 64-bit hash of loop-nest IR consistent with {@link StructuralEqual}: structurally equal
 * functions hash equal, whatever their variable, buffer and function names. Algorithm: the same
 * lockstep-order walk as StructuralEqual, feeding a tag per node kind and its data (enum
 * ordinals, dtypes, constants as raw bits, block names and thread tags as strings) into a
 * splitmix-style mixer. A defined variable or buffer is numbered in order of definition and each
 * use hashes that number; free variables hash by dtype only. The result depends on nothing but
 * the IR (no identity hash codes), so it is stable across runs and machines and can key tuning
 * records.
 */
public final class StructuralHash {
  private final Map<Var, Integer> vars = new IdentityHashMap<>();
  private final Map<Buffer, Integer> bufs = new IdentityHashMap<>();
  private long h = 0x6A09E667F3BCC909L;

  private StructuralHash() {}

  public static long hash(PrimFunc f) {
    StructuralHash s = new StructuralHash();
    s.func(f);
    return s.h;
  }

  public static long hash(Stmt st) {
    StructuralHash s = new StructuralHash();
    s.stmt(st);
    return s.h;
  }

  public static long hash(Expr e) {
    StructuralHash s = new StructuralHash();
    s.expr(e);
    return s.h;
  }

  private void mix(long x) {
    long z = h ^ (x + 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    h = z ^ (z >>> 31);
  }

  private void mix(String s) {
    mix(s.length());
    for (int i = 0; i < s.length(); i++) mix(s.charAt(i));
  }

  private void func(PrimFunc f) {
    mix(f.sizeVars().size());
    for (Var v : f.sizeVars()) defVar(v);
    mix(f.inputs().size());
    for (Buffer b : f.inputs()) defBuf(b);
    mix(f.outputs().size());
    for (Buffer b : f.outputs()) defBuf(b);
    stmt(f.body());
  }

  private void stmt(Stmt s) {
    if (s == null) {
      mix(100);
      return;
    }
    switch (s) {
      case Seq q -> {
        mix(101);
        mix(q.stmts().size());
        for (Stmt x : q.stmts()) stmt(x);
      }
      case Store st -> {
        mix(102);
        useBuf(st.buffer());
        exprs(st.indices());
        expr(st.value());
      }
      case IntrinsicCall c -> {
        mix(107);
        mix(c.intrinsic());
        for (Buffer b : c.buffers()) useBuf(b);
        exprs(c.args());
      }
      case LetStmt l -> {
        mix(103);
        expr(l.value());
        defVar(l.var());
        stmt(l.body());
      }
      case IfThenElse i -> {
        mix(104);
        expr(i.cond());
        stmt(i.then());
        stmt(i.otherwise());
      }
      case For f -> {
        mix(105);
        mix(f.kind().ordinal());
        mix(f.threadTag() == null ? "" : f.threadTag());
        expr(f.min());
        expr(f.extent());
        defVar(f.var());
        stmt(f.body());
      }
      case BlockRealize r -> realize(r);
    }
  }

  private void realize(BlockRealize r) {
    Block b = r.block();
    mix(106);
    mix(b.name());
    mix(b.iterVars().size());
    exprs(r.iterValues());
    expr(r.predicate());
    for (IterVar iv : b.iterVars()) {
      mix(iv.kind().ordinal());
      range(iv.dom());
      defVar(iv.var());
    }
    mix(b.allocs().size());
    for (Buffer a : b.allocs()) defBuf(a);
    regions(b.reads());
    regions(b.writes());
    stmt(b.init());
    stmt(b.body());
  }

  private void regions(List<BufferRegion> rs) {
    mix(rs.size());
    for (BufferRegion r : rs) {
      useBuf(r.buffer());
      mix(r.region().size());
      for (Range x : r.region()) range(x);
    }
  }

  private void range(Range r) {
    expr(r.min());
    expr(r.extent());
  }

  private void exprs(List<Expr> es) {
    mix(es.size());
    for (Expr e : es) expr(e);
  }

  private void expr(Expr e) {
    mix(e.dtype().ordinal());
    switch (e) {
      case IntImm i -> {
        mix(1);
        mix(i.value());
      }
      case FloatImm f -> {
        mix(2);
        mix(Double.doubleToLongBits(f.value()));
      }
      case Var v -> {
        Integer n = vars.get(v);
        mix(n == null ? 3 : 4);
        if (n != null) mix(n);
      }
      case Load l -> {
        mix(5);
        useBuf(l.buffer());
        exprs(l.indices());
      }
      case Binary b -> {
        mix(6);
        mix(b.op().ordinal());
        expr(b.a());
        expr(b.b());
      }
      case Unary u -> {
        mix(7);
        mix(u.op().ordinal());
        expr(u.a());
      }
      case Select s -> {
        mix(8);
        expr(s.cond());
        expr(s.t());
        expr(s.f());
      }
      case Cast c -> {
        mix(9);
        expr(c.value());
      }
      case Call c -> {
        mix(10);
        mix(c.function());
        exprs(c.args());
      }
    }
  }

  private void defVar(Var v) {
    mix(v.dtype().ordinal());
    vars.putIfAbsent(v, vars.size());
  }

  private void defBuf(Buffer b) {
    mix(b.dtype().ordinal());
    mix(b.scope().ordinal());
    exprs(b.shape());
    bufs.putIfAbsent(b, bufs.size());
  }

  private void useBuf(Buffer b) {
    Integer n = bufs.get(b);
    mix(n == null ? -1 : n);
  }
}
