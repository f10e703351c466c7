package dev.kiln.ir.tir;

import static dev.kiln.ir.tir.Expr.i32;

import dev.kiln.ir.DType;
import java.util.List;

/** Hand-built functions used by the printer, parser, equality and verifier tests. */
public final class Fixtures {
  private Fixtures() {}

  public static BufferRegion point(Buffer b, Expr... idx) {
    return new BufferRegion(b, java.util.Arrays.stream(idx).map(e -> new Range(e, i32(1))).toList());
  }

  public static Expr add(Expr a, Expr b) { return new Binary(BinOp.ADD, a, b); }

  public static Expr mul(Expr a, Expr b) { return new Binary(BinOp.MUL, a, b); }

  public static BlockRealize root(List<Buffer> allocs, Stmt body) {
    return new BlockRealize(List.of(), BlockRealize.TRUE, new Block("root", List.of(), List.of(), List.of(), null, body, allocs));
  }

  /** C[M, N] = A[M, K] * B[K, N], j parallel, with an unused local alloc in the root block. */
  public static PrimFunc matmul() {
    Var m = Var.index("M");
    Var k = Var.index("K");
    Var n = Var.index("N");
    Buffer a = new Buffer("A", DType.F32, List.of(m, k));
    Buffer b = new Buffer("B", DType.F32, List.of(k, n));
    Buffer c = new Buffer("C", DType.F32, List.of(m, n));
    Buffer t = new Buffer("t", DType.F32, List.of(m), MemoryScope.LOCAL);
    Var i = Var.index("i");
    Var j = Var.index("j");
    Var kk = Var.index("k");
    Var vi = Var.index("vi");
    Var vj = Var.index("vj");
    Var vk = Var.index("vk");
    Block blk = new Block("C",
        List.of(new IterVar(vi, new Range(i32(0), m), IterKind.SPATIAL),
            new IterVar(vj, new Range(i32(0), n), IterKind.SPATIAL),
            new IterVar(vk, new Range(i32(0), k), IterKind.REDUCE)),
        List.of(point(a, vi, vk), point(b, vk, vj)), List.of(point(c, vi, vj)),
        new Store(c, List.of(vi, vj), new FloatImm(DType.F32, 0.0)),
        new Store(c, List.of(vi, vj), add(new Load(c, List.of(vi, vj)),
            mul(new Load(a, List.of(vi, vk)), new Load(b, List.of(vk, vj))))),
        List.of());
    Stmt loops = For.serial(i, i32(0), m,
        new For(j, i32(0), n, ForKind.PARALLEL, null,
            For.serial(kk, i32(0), k, new BlockRealize(List.of(i, j, kk), BlockRealize.TRUE, blk))));
    return new PrimFunc("matmul", List.of(a, b), List.of(c), List.of(m, k, n), root(List.of(t), loops));
  }

  /**
   * Row maximum into a shared scratch buffer, then Y = exp(X - max); the second block runs over a
   * split loop with a guarding predicate and names its loop variables like the first block's.
   */
  public static PrimFunc softmaxLike() {
    Var n = Var.index("N");
    Var d = Var.index("D");
    Buffer x = new Buffer("X", DType.F32, List.of(n, d));
    Buffer y = new Buffer("Y", DType.F32, List.of(n, d));
    Buffer mx = new Buffer("m", DType.F32, List.of(n), MemoryScope.SHARED);
    Var i = Var.index("i");
    Var j = Var.index("j");
    Var vi = Var.index("vi");
    Var vj = Var.index("vj");
    Block max = new Block("max",
        List.of(new IterVar(vi, new Range(i32(0), n), IterKind.SPATIAL),
            new IterVar(vj, new Range(i32(0), d), IterKind.REDUCE)),
        List.of(point(x, vi, vj)), List.of(point(mx, vi)),
        new Store(mx, List.of(vi), new FloatImm(DType.F32, Double.NEGATIVE_INFINITY)),
        new Store(mx, List.of(vi), new Binary(BinOp.MAX, new Load(mx, List.of(vi)), new Load(x, List.of(vi, vj)))),
        List.of());
    Stmt first = For.serial(i, i32(0), n, For.serial(j, i32(0), d,
        new BlockRealize(List.of(i, j), BlockRealize.TRUE, max)));
    Var i2 = Var.index("i");
    Var jo = Var.index("j");
    Var ji = Var.index("j");
    Var wi = Var.index("vi");
    Var wj = Var.index("vj");
    Expr jval = add(mul(jo, i32(4)), ji);
    Block exp = new Block("exp",
        List.of(new IterVar(wi, new Range(i32(0), n), IterKind.SPATIAL),
            new IterVar(wj, new Range(i32(0), d), IterKind.SPATIAL)),
        List.of(point(x, wi, wj), point(mx, wi)), List.of(point(y, wi, wj)), null,
        new Store(y, List.of(wi, wj), new Call("exp", DType.F32,
            List.of(new Binary(BinOp.SUB, new Load(x, List.of(wi, wj)), new Load(mx, List.of(wi)))))),
        List.of());
    Expr outer = new Binary(BinOp.DIV, add(d, i32(3)), i32(4));
    Stmt second = new For(i2, i32(0), n, ForKind.PARALLEL, null,
        For.serial(jo, i32(0), outer, new For(ji, i32(0), i32(4), ForKind.VECTORIZED, null,
            new BlockRealize(List.of(i2, jval), new Binary(BinOp.LT, jval, d), exp))));
    return new PrimFunc("softmax_like", List.of(x), List.of(y), List.of(n, d),
        root(List.of(mx), Seq.of(List.of(first, second))));
  }

  /**
   * Every loop kind, a let (flat and braced), if/else, a one-element sequence, and every
   * expression kind and constant dtype, in one function over a vector X of length N.
   */
  public static PrimFunc kinds() {
    Var n = Var.index("N");
    Buffer x = new Buffer("X", DType.F32, List.of(n));
    Buffer y = new Buffer("Y", DType.F64, List.of(n, i32(4)));
    Buffer z = new Buffer("Z", DType.I64, List.of());
    Var a = Var.index("a");
    Var b = Var.index("b");
    Var c = Var.index("c");
    Var d = Var.index("d");
    Var e = Var.index("e");
    Var t = Var.index("t");
    Var s = new Var("s", DType.F32);
    Var q = Var.index("q");
    Expr xa = new Load(x, List.of(a));
    Expr f64 = new Binary(BinOp.POW, new Cast(DType.F64, new Unary(UnOp.NEG, xa)), new FloatImm(DType.F64, 0.1));
    Expr idx = new Binary(BinOp.MOD, new Binary(BinOp.DIV, new Binary(BinOp.SUB, a, new Binary(BinOp.SUB, b, i32(-1))), i32(2)), n);
    Expr cond = new Binary(BinOp.OR, new Binary(BinOp.AND, new Binary(BinOp.GE, a, b), new Unary(UnOp.NOT,
        new Binary(BinOp.EQ, c, d))), new Binary(BinOp.NE, new Binary(BinOp.LE, a, i32(3)), new IntImm(DType.BOOL, 0)));
    Stmt inner = new Seq(List.of(
        new Store(y, List.of(idx, i32(0)), new Select(cond, f64, new FloatImm(DType.F64, -0.0))),
        new LetStmt(s, new Call("sqrt", DType.F32, List.of(new Binary(BinOp.MIN, xa, new FloatImm(DType.F32, 1e-5)))),
            new Store(x, List.of(a), new Binary(BinOp.MUL, s, new Binary(BinOp.ADD, s, new FloatImm(DType.F32, 3.0))))),
        new IfThenElse(new Binary(BinOp.LT, a, b),
            new Store(z, List.of(), new Binary(BinOp.MAX, new Load(z, List.of()), new IntImm(DType.I64, 7))),
            new Seq(List.of(new Store(z, List.of(), new Cast(DType.I64, new Cast(DType.U8, new IntImm(DType.I8, -3)))))))));
    Stmt loops = new For(a, i32(0), n, ForKind.PARALLEL, null,
        new For(b, i32(0), i32(4), ForKind.VECTORIZED, null,
            new For(c, i32(2), i32(3), ForKind.UNROLLED, null,
                new For(d, b, i32(8), ForKind.THREAD_BOUND, "threadIdx.x",
                    new For(e, new Binary(BinOp.MUL, a, i32(2)), new Binary(BinOp.SUB, n, a), ForKind.SERIAL, null,
                        new LetStmt(t, new Binary(BinOp.ADD, e, d), new LetStmt(q, t, inner)))))));
    return new PrimFunc("kinds", List.of(x), List.of(y, z), List.of(n), loops);
  }
}
