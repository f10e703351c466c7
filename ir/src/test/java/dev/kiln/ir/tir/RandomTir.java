package dev.kiln.ir.tir;

import dev.kiln.ir.DType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded generator of random, well-formed PrimFuncs for round-trip and fuzz tests: every
 * statement and expression kind, every dtype, loop kind and memory scope, predicates, lets,
 * nested and one-element sequences, special float constants (NaN, infinities, -0.0, subnormals)
 * and name hints that repeat, collide with keywords or are not identifiers. The output passes
 * {@link Verifier}: variables are used only in scope (blocks hide outer loop variables), indices
 * are i32 and reduce iteration variables are never bound to parallel or vectorized loops. The
 * same seed always gives the same function.
 */
public final class RandomTir {
  private static final String[] HINTS = {"i", "j", "k", "i", "x", "i_1", "", "for", "i.outer", "v0", "3d", "exp",
      "f32", "block", "a b", "A", "M"};
  private static final String[] THREADS = {"blockIdx.x", "threadIdx.x", "threadIdx.y", "vthread"};
  private static final DType[] DTYPES = DType.values();

  private final Random rnd;
  private int budget;

  public RandomTir(long seed) { rnd = new Random(seed); }

  public static PrimFunc generate(long seed) { return new RandomTir(seed).func(); }

  /** What a statement may refer to: variables with their dtypes, buffers, and enclosing loop kinds. */
  private record Ctx(List<Var> vars, List<Buffer> bufs, Map<Var, ForKind> loops, List<Var> blockVars, List<Var> sizes) {
    Ctx with(Var v, ForKind kind) {
      List<Var> vs = new ArrayList<>(vars);
      vs.add(v);
      Map<Var, ForKind> ls = new IdentityHashMap<>(loops);
      if (kind != null) ls.put(v, kind);
      return new Ctx(vs, bufs, ls, blockVars, sizes);
    }
  }

  public PrimFunc func() {
    budget = 25 + rnd.nextInt(25);
    List<Var> sizes = new ArrayList<>();
    for (int n = rnd.nextInt(4); n > 0; n--) sizes.add(Var.index(pick("M", "N", "K", "M", "n")));
    Ctx top = new Ctx(sizes, List.of(), Map.of(), List.of(), sizes);
    List<Buffer> ins = new ArrayList<>();
    for (int n = rnd.nextInt(4); n > 0; n--) ins.add(buffer(top, rnd.nextInt(8) == 0 ? MemoryScope.SHARED : MemoryScope.GLOBAL));
    List<Buffer> outs = new ArrayList<>();
    for (int n = 1 + rnd.nextInt(2); n > 0; n--) outs.add(buffer(top, MemoryScope.GLOBAL));
    List<Buffer> all = new ArrayList<>(ins);
    all.addAll(outs);
    Ctx ctx = new Ctx(sizes, all, Map.of(), List.of(), sizes);
    Stmt body = rnd.nextInt(6) == 0 ? stmt(ctx, 3) : realize(ctx, 4, true);
    return new PrimFunc(pick("f", "matmul", "fused conv", "k_1"), ins, outs, sizes, body);
  }

  private Buffer buffer(Ctx ctx, MemoryScope scope) {
    List<Expr> shape = new ArrayList<>();
    for (int r = rnd.nextInt(4); r > 0; r--) {
      int c = rnd.nextInt(4);
      if (c == 0 || ctx.sizes().isEmpty()) shape.add(Expr.i32(1 + rnd.nextInt(8)));
      else if (c == 1) shape.add(new Binary(BinOp.ADD, pickFrom(ctx.sizes()), Expr.i32(2)));
      else shape.add(pickFrom(ctx.sizes()));
    }
    return new Buffer(hint(), pickFrom(List.of(DTYPES)), shape, scope);
  }

  private Stmt stmts(Ctx ctx, int depth) {
    int n = rnd.nextInt(4);
    List<Stmt> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(stmt(ctx, depth));
    if (n == 1 && rnd.nextInt(4) == 0) return new Seq(out);
    return out.size() == 1 ? out.get(0) : new Seq(out);
  }

  private Stmt stmt(Ctx ctx, int depth) {
    budget--;
    if (depth <= 0 || budget <= 0) return store(ctx);
    return switch (rnd.nextInt(9)) {
      case 0, 1 -> loop(ctx, depth);
      case 2, 3 -> realize(ctx, depth, false);
      case 4 -> new IfThenElse(expr(ctx, DType.BOOL, 2), stmts(ctx, depth - 1), rnd.nextBoolean() ? null : stmts(ctx, depth - 1));
      case 5 -> {
        DType t = rnd.nextBoolean() ? DType.I32 : pickFrom(List.of(DTYPES));
        Var v = new Var(hint(), t);
        yield new LetStmt(v, expr(ctx, t, 2), stmts(ctx.with(v, null), depth - 1));
      }
      case 6 -> new Seq(List.of(stmt(ctx, depth - 1), stmts(ctx, depth - 1)));
      default -> store(ctx);
    };
  }

  private Stmt loop(Ctx ctx, int depth) {
    Var v = Var.index(hint());
    ForKind kind = pickFrom(List.of(ForKind.values()));
    String tag = kind == ForKind.THREAD_BOUND ? THREADS[rnd.nextInt(THREADS.length)] : null;
    Range r = range(ctx);
    return new For(v, r.min(), r.extent(), kind, tag, stmts(ctx.with(v, kind), depth - 1));
  }

  private Stmt realize(Ctx ctx, int depth, boolean isRoot) {
    List<IterVar> ivs = new ArrayList<>();
    List<Expr> values = new ArrayList<>();
    List<Var> inner = new ArrayList<>(ctx.sizes());
    inner.addAll(ctx.blockVars());
    for (int n = isRoot ? 0 : rnd.nextInt(4); n > 0; n--) {
      IterKind kind = rnd.nextInt(3) == 0 ? IterKind.REDUCE : IterKind.SPATIAL;
      Ctx valueCtx = kind == IterKind.SPATIAL ? ctx : withoutConcurrentLoops(ctx);
      Var v = Var.index(hint());
      ivs.add(new IterVar(v, range(ctx), kind));
      values.add(index(valueCtx, 2));
      inner.add(v);
    }
    Expr pred = rnd.nextInt(3) == 0 ? expr(ctx, DType.BOOL, 2) : BlockRealize.TRUE;
    List<Var> blockVars = new ArrayList<>(ctx.blockVars());
    for (IterVar iv : ivs) blockVars.add(iv.var());
    List<Buffer> bufs = new ArrayList<>(ctx.bufs());
    List<Buffer> allocs = new ArrayList<>();
    Ctx in = new Ctx(inner, bufs, Map.of(), blockVars, ctx.sizes());
    for (int n = rnd.nextInt(isRoot ? 3 : 2); n > 0; n--) {
      Buffer b = buffer(in, pickFrom(List.of(MemoryScope.values())));
      allocs.add(b);
      bufs.add(b);
    }
    Stmt init = rnd.nextInt(3) == 0 ? store(in) : null;
    Block b = new Block(pick("root", "C", "update", "C", "b.1", ""), ivs, regions(in), regions(in), init,
        stmts(in, depth - 1), allocs);
    return new BlockRealize(values, pred, b);
  }

  private static Ctx withoutConcurrentLoops(Ctx ctx) {
    List<Var> vs = new ArrayList<>();
    for (Var v : ctx.vars()) {
      ForKind k = ctx.loops().get(v);
      if (k != ForKind.PARALLEL && k != ForKind.VECTORIZED) vs.add(v);
    }
    return new Ctx(vs, ctx.bufs(), ctx.loops(), ctx.blockVars(), ctx.sizes());
  }

  private List<BufferRegion> regions(Ctx ctx) {
    List<BufferRegion> out = new ArrayList<>();
    if (ctx.bufs().isEmpty()) return out;
    for (int n = rnd.nextInt(3); n > 0; n--) {
      Buffer b = pickFrom(ctx.bufs());
      List<Range> rs = new ArrayList<>();
      for (int d = 0; d < b.rank(); d++) rs.add(rnd.nextBoolean() ? new Range(index(ctx, 1), Expr.i32(1)) : range(ctx));
      out.add(new BufferRegion(b, rs));
    }
    return out;
  }

  /** Ranges in every shape the printer distinguishes: from 0, constant, and general. */
  private Range range(Ctx ctx) {
    return switch (rnd.nextInt(4)) {
      case 0 -> new Range(Expr.i32(0), index(ctx, 1));
      case 1 -> Range.of(rnd.nextInt(9) - 4, rnd.nextInt(9));
      case 2 -> new Range(index(ctx, 1), index(ctx, 1));
      default -> new Range(Expr.i32(0), ctx.sizes().isEmpty() ? Expr.i32(8) : pickFrom(ctx.sizes()));
    };
  }

  private Stmt store(Ctx ctx) {
    if (ctx.bufs().isEmpty()) return new Seq(List.of());
    Buffer b = pickFrom(ctx.bufs());
    List<Expr> idx = new ArrayList<>();
    for (int d = 0; d < b.rank(); d++) idx.add(index(ctx, 2));
    return new Store(b, idx, expr(ctx, b.dtype(), 3));
  }

  private Expr index(Ctx ctx, int depth) { return expr(ctx, DType.I32, depth); }

  private Expr expr(Ctx ctx, DType t, int depth) {
    if (depth <= 0 || rnd.nextInt(4) == 0) return leaf(ctx, t);
    int c = rnd.nextInt(6);
    if (t.isBool()) {
      return switch (c) {
        case 0, 1 -> {
          DType u = pickFrom(List.of(DTYPES));
          BinOp op = pickFrom(List.of(BinOp.EQ, BinOp.NE, BinOp.LT, BinOp.LE, BinOp.GT, BinOp.GE));
          yield new Binary(op, expr(ctx, u, depth - 1), expr(ctx, u, depth - 1));
        }
        case 2 -> new Binary(rnd.nextBoolean() ? BinOp.AND : BinOp.OR, expr(ctx, t, depth - 1), expr(ctx, t, depth - 1));
        case 3 -> new Unary(UnOp.NOT, expr(ctx, t, depth - 1));
        case 4 -> new Select(expr(ctx, t, depth - 1), expr(ctx, t, depth - 1), expr(ctx, t, depth - 1));
        default -> new Cast(t, expr(ctx, pickFrom(List.of(DTYPES)), depth - 1));
      };
    }
    return switch (c) {
      case 0, 1 -> {
        BinOp op = pickFrom(List.of(BinOp.ADD, BinOp.SUB, BinOp.MUL, BinOp.DIV, BinOp.MOD, BinOp.MIN, BinOp.MAX, BinOp.POW));
        yield new Binary(op, expr(ctx, t, depth - 1), expr(ctx, t, depth - 1));
      }
      case 2 -> new Unary(UnOp.NEG, expr(ctx, t, depth - 1));
      case 3 -> new Select(expr(ctx, DType.BOOL, depth - 1), expr(ctx, t, depth - 1), expr(ctx, t, depth - 1));
      case 4 -> new Cast(t, expr(ctx, pickFrom(List.of(DTYPES)), depth - 1));
      default -> t.isFloat()
          ? new Call(pickFrom(Call.FUNCTIONS), t, List.of(expr(ctx, t, depth - 1)))
          : new Binary(BinOp.ADD, expr(ctx, t, depth - 1), expr(ctx, t, depth - 1));
    };
  }

  private Expr leaf(Ctx ctx, DType t) {
    List<Var> vs = ctx.vars().stream().filter(v -> v.dtype() == t).toList();
    List<Buffer> bs = ctx.bufs().stream().filter(b -> b.dtype() == t).toList();
    int c = rnd.nextInt(3);
    if (c == 0 && !vs.isEmpty()) return pickFrom(vs);
    if (c == 1 && !bs.isEmpty()) {
      Buffer b = pickFrom(bs);
      List<Expr> idx = new ArrayList<>();
      for (int d = 0; d < b.rank(); d++) idx.add(rnd.nextBoolean() ? Expr.i32(rnd.nextInt(4)) : leaf(ctx, DType.I32));
      return new Load(b, idx);
    }
    return constant(t);
  }

  private Expr constant(DType t) {
    if (t.isFloat()) {
      double v = switch (rnd.nextInt(10)) {
        case 0 -> Double.NaN;
        case 1 -> rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        case 2 -> -0.0;
        case 3 -> Double.MIN_VALUE * rnd.nextInt(100);
        case 4 -> Double.longBitsToDouble(rnd.nextLong());
        case 5 -> (float) rnd.nextGaussian();
        default -> rnd.nextInt(200) / 8.0 - 10;
      };
      if (Double.isNaN(v)) v = Double.NaN;
      return new FloatImm(t, v);
    }
    if (t.isBool()) return new IntImm(t, rnd.nextInt(2));
    long v = switch (rnd.nextInt(6)) {
      case 0 -> rnd.nextLong();
      case 1 -> t == DType.I64 ? Long.MIN_VALUE : Integer.MIN_VALUE;
      default -> rnd.nextInt(41) - 20;
    };
    return new IntImm(t, v);
  }

  private String hint() { return HINTS[rnd.nextInt(HINTS.length)]; }

  private String pick(String... options) { return options[rnd.nextInt(options.length)]; }

  private <T> T pickFrom(List<T> xs) { return xs.get(rnd.nextInt(xs.size())); }
}
