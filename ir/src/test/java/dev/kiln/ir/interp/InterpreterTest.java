package dev.kiln.ir.interp;

import static dev.kiln.ir.interp.Tir.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.kiln.diag.InternalCompilerError;
import dev.kiln.ir.DType;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Block;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.Call;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.IterVar;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Select;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Var;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InterpreterTest {
  private static float[] random(int n, long seed) {
    Random r = new Random(seed);
    float[] a = new float[n];
    for (int i = 0; i < n; i++) a[i] = r.nextFloat() * 2 - 1;
    return a;
  }

  /** C[i, j] += A[i, k] * B[k, j] with symbolic M, N, K and an init block. */
  static PrimFunc matmul() {
    Var m = Var.index("M"), n = Var.index("N"), k = Var.index("K");
    Buffer a = buf("A", DType.F32, m, k), b = buf("B", DType.F32, k, n), cc = buf("C", DType.F32, m, n);
    Var i = Var.index("i"), j = Var.index("j"), r = Var.index("k");
    Var vi = Var.index("vi"), vj = Var.index("vj"), vk = Var.index("vk");
    Stmt init = store(cc, f(0), vi, vj);
    Stmt body = store(cc, add(load(cc, vi, vj), mul(load(a, vi, vk), load(b, vk, vj))), vi, vj);
    Stmt blk = block("C", List.of(spatial(vi, m), spatial(vj, n), reduce(vk, k)), List.of(i, j, r), init, body);
    return new PrimFunc("matmul", List.of(a, b), List.of(cc), List.of(m, n, k),
        root(loop(i, m, loop(j, n, loop(r, k, blk)))));
  }

  @Test void matmulWithInitMatchesJavaLoop() {
    int M = 5, N = 7, K = 3;
    float[] a = random(M * K, 1), b = random(K * N, 2);
    float[] c = new float[M * N];
    java.util.Arrays.fill(c, 42f); // init must overwrite stale output
    Interpreter.run(matmul(), new Object[] {a, b, c}, new int[] {M, N, K});
    for (int i = 0; i < M; i++)
      for (int j = 0; j < N; j++) {
        float s = 0;
        for (int k = 0; k < K; k++) s += a[i * K + k] * b[k * N + j];
        assertEquals(Float.floatToIntBits(s), Float.floatToIntBits(c[i * N + j]), "C[" + i + "," + j + "]");
      }
  }

  /** Row softmax through intermediate buffers mx[N] and sm[N] allocated by the root block. */
  static PrimFunc softmax() {
    Var n = Var.index("N"), d = Var.index("D");
    Buffer x = buf("X", DType.F32, n, d), y = buf("Y", DType.F32, n, d);
    Buffer mx = buf("mx", DType.F32, n), sm = buf("sm", DType.F32, n);
    Var i = Var.index("i"), j = Var.index("j");
    Var vi = Var.index("vi"), vj = Var.index("vj");
    Stmt maxBlk = block("mx", List.of(spatial(vi, n), reduce(vj, d)), List.of(i, j),
        store(mx, f(Double.NEGATIVE_INFINITY), vi),
        store(mx, bin(BinOp.MAX, load(mx, vi), load(x, vi, vj)), vi));
    Var wi = Var.index("wi"), wj = Var.index("wj");
    Expr e = new Call("exp", DType.F32, List.of(sub(load(x, wi, wj), load(mx, wi))));
    Stmt sumBlk = block("sm", List.of(spatial(wi, n), reduce(wj, d)), List.of(i, j),
        store(sm, f(0), wi), store(sm, add(load(sm, wi), e), wi));
    Var ui = Var.index("ui"), uj = Var.index("uj");
    Expr e2 = new Call("exp", DType.F32, List.of(sub(load(x, ui, uj), load(mx, ui))));
    Stmt outBlk = block("Y", List.of(spatial(ui, n), spatial(uj, d)), List.of(i, j), null,
        store(y, bin(BinOp.DIV, e2, load(sm, ui)), ui, uj));
    Var i2 = Var.index("i"), j2 = Var.index("j"), i3 = Var.index("i"), j3 = Var.index("j");
    Stmt body = dev.kiln.ir.tir.Seq.of(List.of(
        loop(i, n, loop(j, d, maxBlk)),
        loop(i2, n, loop(j2, d, rebind(sumBlk, i2, j2))),
        loop(i3, n, loop(j3, d, rebind(outBlk, i3, j3)))));
    return new PrimFunc("softmax", List.of(x), List.of(y), List.of(n, d), root(body, mx, sm));
  }

  private static Stmt rebind(Stmt blk, Var a, Var b) {
    BlockRealize br = (BlockRealize) blk;
    return new BlockRealize(List.of(a, b), br.predicate(), br.block());
  }

  @Test void softmaxWithIntermediateBuffers() {
    int N = 3, D = 6;
    float[] x = random(N * D, 3);
    float[] y = (float[]) Interpreter.runAllocating(softmax(), new Object[] {x}, new int[] {N, D})[0];
    for (int i = 0; i < N; i++) {
      float m = Float.NEGATIVE_INFINITY, s = 0;
      for (int j = 0; j < D; j++) m = Math.max(m, x[i * D + j]);
      for (int j = 0; j < D; j++) s += (float) Math.exp(x[i * D + j] - m);
      float rowSum = 0;
      for (int j = 0; j < D; j++) {
        float want = (float) Math.exp(x[i * D + j] - m) / s;
        assertEquals(want, y[i * D + j], 0f);
        rowSum += y[i * D + j];
      }
      assertEquals(1f, rowSum, 1e-5f);
    }
  }

  @Test void selectReadsOnlyTheTakenBranch() {
    Var n = Var.index("n");
    Buffer x = buf("X", DType.F32, n), p = buf("P", DType.F32, add(n, c(2)));
    Var i = Var.index("i");
    Expr inside = bin(BinOp.AND, bin(BinOp.GE, i, c(1)), lt(i, add(n, c(1))));
    PrimFunc pad = new PrimFunc("pad", List.of(x), List.of(p), List.of(n),
        loop(i, add(n, c(2)), store(p, new Select(inside, load(x, sub(i, c(1))), f(-7)), i)));
    float[] out = (float[]) Interpreter.runAllocating(pad, new Object[] {new float[] {1, 2, 3}}, new int[] {3})[0];
    assertArrayEquals(new float[] {-7, 1, 2, 3, -7}, out);
  }

  @Test void blockPredicateGuardsSplitTail() {
    Var n = Var.index("n");
    Buffer y = buf("Y", DType.I32, n);
    Var io = Var.index("io"), ii = Var.index("ii"), vi = Var.index("vi");
    Expr idx = add(mul(io, c(4)), ii);
    Stmt blk = new BlockRealize(List.of(idx), lt(idx, n),
        new Block("Y", List.of(spatial(vi, n)), List.of(), List.of(), null, store(y, mul(vi, vi), vi), List.of()));
    Expr outer = bin(BinOp.DIV, add(n, c(3)), c(4));
    PrimFunc f = new PrimFunc("sq", List.of(), List.of(y), List.of(n), loop(io, outer, loop(ii, c(4), blk)));
    int[] out = (int[]) Interpreter.runAllocating(f, new Object[0], new int[] {10})[0];
    for (int k = 0; k < 10; k++) assertEquals(k * k, out[k]);
  }

  @Test void outOfBoundsLoadIsAnInternalErrorNamingTheBuffer() {
    Buffer x = buf("X", DType.F32, c(4)), y = buf("Y", DType.F32, c(4));
    Var i = Var.index("i");
    PrimFunc f = new PrimFunc("shift", List.of(x), List.of(y), List.of(),
        loop(i, c(4), store(y, load(x, add(i, c(1))), i)));
    InternalCompilerError e = assertThrows(InternalCompilerError.class,
        () -> Interpreter.runAllocating(f, new Object[] {new float[4]}, new int[0]));
    assertTrue(e.getMessage().contains("X[4]"), e.getMessage());
  }

  @Test void wrongArraysAreRejected() {
    PrimFunc f = matmul();
    assertThrows(IllegalArgumentException.class,
        () -> Interpreter.run(f, new Object[] {new float[6], new float[6], new float[3]}, new int[] {2, 2, 3}));
    assertThrows(IllegalArgumentException.class,
        () -> Interpreter.run(f, new Object[] {new double[6], new float[6], new float[4]}, new int[] {2, 2, 3}));
    assertThrows(IllegalArgumentException.class,
        () -> Interpreter.run(f, new Object[] {new float[6], new float[6], new float[4]}, new int[] {2, 2}));
  }

  @Test void blockAllocsAreFreshAndZeroedOnEachEntry() {
    // for i: block { alloc t[1]; t[0] = t[0] + i; Y[i] = t[0] } -- sees 0 + i each time
    Buffer y = buf("Y", DType.I32, c(3)), t = buf("t", DType.I32, c(1));
    Var i = Var.index("i"), vi = Var.index("vi");
    Stmt body = dev.kiln.ir.tir.Seq.of(List.of(store(t, add(load(t, c(0)), vi), c(0)), store(y, load(t, c(0)), vi)));
    Stmt blk = block("Y", List.of(spatial(vi, c(3))), List.of(i), null, body, t);
    PrimFunc f = new PrimFunc("fresh", List.of(), List.of(y), List.of(), loop(i, c(3), blk));
    assertArrayEquals(new int[] {0, 1, 2}, (int[]) Interpreter.runAllocating(f, new Object[0], new int[0])[0]);
  }

  @Test void initRunsOnlyWhenEveryReduceVarIsAtItsMin() {
    // S[0] = sum over (r1, r2) in 2x3 of 1, init = 100 -> 6 if init ran exactly once at (0, 0)
    Buffer s = buf("S", DType.I32, c(1));
    Var a = Var.index("a"), b = Var.index("b"), r1 = Var.index("r1"), r2 = Var.index("r2");
    List<IterVar> ivs = List.of(reduce(r1, c(2)), reduce(r2, c(3)));
    Stmt blk = block("S", ivs, List.of(a, b), store(s, c(100), c(0)), store(s, add(load(s, c(0)), c(1)), c(0)));
    PrimFunc f = new PrimFunc("count", List.of(), List.of(s), List.of(), loop(a, c(2), loop(b, c(3), blk)));
    assertArrayEquals(new int[] {106}, (int[]) Interpreter.runAllocating(f, new Object[0], new int[0])[0]);
  }
}
