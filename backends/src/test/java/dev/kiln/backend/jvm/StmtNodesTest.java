package dev.kiln.backend.jvm;

import static dev.kiln.backend.jvm.Ir.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.kiln.ir.DType;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.Call;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.ForKind;
import dev.kiln.ir.tir.IfThenElse;
import dev.kiln.ir.tir.IterVar;
import dev.kiln.ir.tir.LetStmt;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Select;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Var;
import dev.kiln.runtime.Kernel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every statement node and loop kind, compiled vs interpreted, bit for bit. */
class StmtNodesTest {
  /** C[i, j] += A[i, k] * B[k, j] with symbolic M, N, K, an init, and the given loop kinds. */
  static PrimFunc matmul(ForKind outer, ForKind inner) {
    Var m = Var.index("M"), n = Var.index("N"), k = Var.index("K");
    Buffer a = buf("A", DType.F32, m, k), b = buf("B", DType.F32, k, n), cc = buf("C", DType.F32, m, n);
    Var i = Var.index("i"), j = Var.index("j"), r = Var.index("k");
    Var vi = Var.index("vi"), vj = Var.index("vj"), vk = Var.index("vk");
    Stmt init = store(cc, f(0), vi, vj);
    Stmt body = store(cc, add(load(cc, vi, vj), mul(load(a, vi, vk), load(b, vk, vj))), vi, vj);
    Stmt blk = block("C", List.of(spatial(vi, m), spatial(vj, n), reduce(vk, k)), List.of(i, j, r), init, body);
    Stmt nest = loop(outer, i, c(0), m, loop(r, k, loop(inner, j, c(0), n, blk)));
    return new PrimFunc("matmul", List.of(a, b), List.of(cc), List.of(m, n, k), root(nest));
  }

  @Test void matmulWithInitOnSeveralSymbolicShapes() {
    Kernel kern = new JvmBackend(new JvmOptions(VectorSupport.modulePresent(), false))
        .compile(matmul(ForKind.SERIAL, ForKind.VECTORIZED)).kernel();
    PrimFunc f = matmul(ForKind.SERIAL, ForKind.SERIAL);
    for (int[] s : new int[][] {{1, 1, 1}, {3, 5, 7}, {16, 9, 33}, {0, 4, 2}})
      Differential.check(f, kern, s, s[0] + 31L * s[1], false, false);
  }

  /** Row softmax over intermediate buffers allocated by the root block. */
  static PrimFunc softmax() {
    Var n = Var.index("N"), d = Var.index("D");
    Buffer x = buf("X", DType.F32, n, d), y = buf("Y", DType.F32, n, d);
    Buffer mx = buf("mx", DType.F32, n), sm = buf("sm", DType.F32, n);
    Var i = Var.index("i"), j = Var.index("j"), vi = Var.index("vi"), vj = Var.index("vj");
    Stmt maxBlk = block("mx", List.of(spatial(vi, n), reduce(vj, d)), List.of(i, j),
        store(mx, f(Double.NEGATIVE_INFINITY), vi), store(mx, bin(BinOp.MAX, load(mx, vi), load(x, vi, vj)), vi));
    Var i2 = Var.index("i"), j2 = Var.index("j"), wi = Var.index("wi"), wj = Var.index("wj");
    Expr e = new Call("exp", DType.F32, List.of(sub(load(x, wi, wj), load(mx, wi))));
    Stmt sumBlk = block("sm", List.of(spatial(wi, n), reduce(wj, d)), List.of(i2, j2),
        store(sm, f(0), wi), store(sm, add(load(sm, wi), e), wi));
    Var i3 = Var.index("i"), j3 = Var.index("j"), ui = Var.index("ui"), uj = Var.index("uj");
    Expr e2 = new Call("exp", DType.F32, List.of(sub(load(x, ui, uj), load(mx, ui))));
    Stmt outBlk = block("Y", List.of(spatial(ui, n), spatial(uj, d)), List.of(i3, j3), null,
        store(y, bin(BinOp.DIV, e2, load(sm, ui)), ui, uj));
    Stmt body = seq(loop(i, n, loop(j, d, maxBlk)), loop(i2, n, loop(j2, d, sumBlk)), loop(i3, n, loop(j3, d, outBlk)));
    return new PrimFunc("softmax", List.of(x), List.of(y), List.of(n, d), root(body, mx, sm));
  }

  @Test void softmaxWithAllocatedIntermediates() {
    Differential.check(softmax(), new int[] {7, 13});
  }

  @Test void blockPredicateAndNonDividingSplit() {
    Var n = Var.index("n");
    Buffer x = buf("X", DType.F64, n), y = buf("Y", DType.F64, n);
    Var io = Var.index("io"), ii = Var.index("ii"), vi = Var.index("vi");
    Expr idx = add(mul(io, c(4)), ii);
    Stmt blk = block("Y", List.of(spatial(vi, n)), List.of(idx), lt(idx, n), null,
        store(y, mul(load(x, vi), load(x, vi)), vi));
    PrimFunc f = new PrimFunc("sq", List.of(x), List.of(y), List.of(n),
        loop(io, bin(BinOp.DIV, add(n, c(3)), c(4)), loop(ii, c(4), blk)));
    Kernel k = Differential.check(f, new int[] {10});
    for (int s : new int[] {1, 4, 5, 8}) Differential.check(f, k, new int[] {s}, s, true, false);
  }

  @Test void selectGuardedPadReadsOnlyInBounds() {
    Var n = Var.index("n");
    Buffer x = buf("X", DType.F32, n), p = buf("P", DType.F32, add(n, c(4)));
    Var i = Var.index("i");
    Expr inside = bin(BinOp.AND, bin(BinOp.GE, i, c(2)), lt(i, add(n, c(2))));
    PrimFunc pad = new PrimFunc("pad", List.of(x), List.of(p), List.of(n),
        loop(i, add(n, c(4)), store(p, new Select(inside, load(x, sub(i, c(2))), f(0)), i)));
    Differential.check(pad, new int[] {9});
  }

  @Test void ifThenElseAndLet() {
    Var n = Var.index("n");
    Buffer x = buf("X", DType.I32, n), y = buf("Y", DType.I64, n), z = buf("Z", DType.I8, n);
    Var i = Var.index("i"), t = new Var("t", DType.I64), b = new Var("b", DType.BOOL);
    Expr xi = load(x, i);
    Stmt body = new LetStmt(t, mul(new dev.kiln.ir.tir.Cast(DType.I64, xi), new dev.kiln.ir.tir.IntImm(DType.I64, 7)),
        new LetStmt(b, bin(BinOp.GT, xi, c(0)), seq(
            new IfThenElse(b, store(y, t, i), store(y, new dev.kiln.ir.tir.Unary(dev.kiln.ir.tir.UnOp.NEG, t), i)),
            store(z, new dev.kiln.ir.tir.IntImm(DType.I8, 1), i),
            new IfThenElse(lt(xi, c(-3)), store(z, new dev.kiln.ir.tir.Cast(DType.I8, xi), i), null))));
    Differential.check(new PrimFunc("iflet", List.of(x), List.of(y, z), List.of(n), loop(i, n, body)), new int[] {50});
  }

  @Test void narrowTypesWrapOnStore() {
    Var n = Var.index("n");
    Buffer a = buf("A", DType.I8, n), b = buf("B", DType.U8, n), s = buf("S", DType.I16, n);
    Buffer ya = buf("YA", DType.I8, n), yb = buf("YB", DType.U8, n), ys = buf("YS", DType.I16, n);
    Var i = Var.index("i");
    Stmt body = seq(store(ya, mul(load(a, i), load(a, i)), i), store(yb, add(load(b, i), load(b, i)), i),
        store(ys, mul(load(s, i), load(s, i)), i));
    Differential.check(new PrimFunc("narrow", List.of(a, b, s), List.of(ya, yb, ys), List.of(n), loop(i, n, body)),
        new int[] {40});
  }

  @Test void loopsWithNonZeroMinAndEveryKind() {
    Var n = Var.index("n");
    Buffer y = buf("Y", DType.I32, n, c(20));
    for (ForKind kind : List.of(ForKind.SERIAL, ForKind.PARALLEL, ForKind.VECTORIZED, ForKind.UNROLLED)) {
      Var i = Var.index("i"), j = Var.index("j");
      Stmt inner = loop(kind, j, c(3), c(12), store(y, add(mul(i, c(100)), j), i, j));
      Stmt outer = loop(kind, i, c(1), sub(n, c(1)), inner);
      Differential.check(new PrimFunc("kinds_" + kind, List.of(), List.of(y), List.of(n), outer), new int[] {6});
    }
  }

  @Test void unrolledConstantLoopIsReallyUnrolled() {
    Buffer y = buf("Y", DType.F32, c(16)), x = buf("X", DType.F32, c(16));
    Var i = Var.index("i");
    PrimFunc f = new PrimFunc("unroll", List.of(x), List.of(y), List.of(),
        loop(ForKind.UNROLLED, i, c(0), c(16), store(y, mul(load(x, i), f(3)), i)));
    String src = JvmBackend.generate(f, "kiln.gen.Unroll").toSource();
    assertFalse(src.contains("for ("), src);
    assertEquals(16, src.split("Y_\\d+\\[").length - 1, src);
    Differential.check(f, new int[0]);
    // a symbolic extent stays a loop
    Var n = Var.index("n"), j = Var.index("j");
    Buffer z = buf("Z", DType.F32, n);
    PrimFunc g = new PrimFunc("unroll_sym", List.of(), List.of(z), List.of(n),
        loop(ForKind.UNROLLED, j, c(0), n, store(z, f(1), j)));
    assertTrue(JvmBackend.generate(g, "kiln.gen.UnrollSym").toSource().contains("for ("));
    Differential.check(g, new int[] {5});
  }

  @Test void threadBoundLoopsAreRejected() {
    Buffer y = buf("Y", DType.F32, c(4));
    Var i = Var.index("i");
    PrimFunc f = new PrimFunc("gpu", List.of(), List.of(y), List.of(),
        new For(i, c(0), c(4), ForKind.THREAD_BOUND, "threadIdx.x", store(y, f(1), i)));
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> Differential.BACKEND.compile(f));
    assertTrue(e.getMessage().contains("not supported on the jvm backend"), e.getMessage());
  }

  @Test void nestedBlockWithAllocAndMultiReduceInit() {
    // S[i] = sum over (r1, r2) of X[i, r1 * 3 + r2], each block using a scratch buffer of 2 cells
    Var n = Var.index("n");
    Buffer x = buf("X", DType.F32, n, c(6)), s = buf("S", DType.F32, n), t = buf("t", DType.F32, c(2));
    Var i = Var.index("i"), a = Var.index("a"), b = Var.index("b");
    Var vi = Var.index("vi"), r1 = Var.index("r1"), r2 = Var.index("r2");
    List<IterVar> ivs = List.of(spatial(vi, n), reduce(r1, c(2)), reduce(r2, c(3)));
    Stmt body = seq(store(t, load(x, vi, add(mul(r1, c(3)), r2)), c(1)),
        store(s, add(load(s, vi), add(load(t, c(0)), load(t, c(1)))), vi));
    Stmt blk = block("S", ivs, List.of(i, a, b), store(s, f(0.5), vi), body, t);
    Differential.check(new PrimFunc("multi", List.of(x), List.of(s), List.of(n),
        root(loop(i, n, loop(a, c(2), loop(b, c(3), blk))))), new int[] {5});
  }
}
