package dev.kiln.backend.jvm;

import static dev.kiln.backend.jvm.Ir.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kiln.ir.DType;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.Call;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.FloatImm;
import dev.kiln.ir.tir.ForKind;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Select;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.UnOp;
import dev.kiln.ir.tir.Unary;
import dev.kiln.ir.tir.Var;
import dev.kiln.runtime.Kernel;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * VECTORIZED loops lowered to the Vector API: each kernel is checked against the interpreter on
 * sizes below, at and between multiples of the vector length (so the scalar tail and empty loops
 * run), bit for bit where no fma is used and within a tight tolerance where it is; the generated
 * source shows which loops took the vector path and which fell back to scalar code.
 */
class VectorizeTest {
  private static final int[] SIZES = {0, 1, 3, 7, 8, 15, 16, 17, 31, 33, 64, 100};
  private static final JvmOptions EXACT = VectorSupport.modulePresent() ? new JvmOptions(true, false) : null;

  @BeforeEach void needsTheModule() {
    assumeTrue(VectorSupport.modulePresent(), "run with --add-modules jdk.incubator.vector");
  }

  private static String source(PrimFunc f, JvmOptions o) { return JvmBackend.generate(f, "kiln.gen.V", o).toSource(); }

  /** Y[i] = e(X0[i], X1[i], s[0]) over a vectorized loop, for one dtype. */
  private static PrimFunc unary(String name, DType t, Function<List<Expr>, Expr> e) {
    Var n = Var.index("n"), i = Var.index("i");
    Buffer x0 = buf("X0", t, n), x1 = buf("X1", t, n), s = buf("s", t, c(1)), y = buf("Y", t, n);
    Stmt body = store(y, e.apply(List.of(load(x0, i), load(x1, i), load(s, c(0)))), i);
    return new PrimFunc(name, List.of(x0, x1, s), List.of(y), List.of(n), root(loop(ForKind.VECTORIZED, i, c(0), n, body)));
  }

  private static void checkExact(PrimFunc f) {
    String src = source(f, EXACT);
    assertTrue(src.contains(".intoArray("), "took the vector path:\n" + src);
    Kernel k = new JvmBackend(EXACT).compile(f).kernel();
    for (int n : SIZES) Differential.check(f, k, new int[] {n}, n, true, true);
  }

  @Test void floatArithmeticIsBitExact() {
    for (DType t : List.of(DType.F32, DType.F64)) {
      Expr one = t == DType.F32 ? f(1.5) : new FloatImm(DType.F64, 1.5);
      checkExact(unary("add_" + t, t, x -> add(x.get(0), x.get(1))));
      checkExact(unary("ops_" + t, t, x -> bin(BinOp.DIV, sub(mul(x.get(0), x.get(2)), x.get(1)), add(x.get(1), one))));
      checkExact(unary("minmax_" + t, t, x -> bin(BinOp.MAX, bin(BinOp.MIN, x.get(0), x.get(1)), x.get(2))));
      checkExact(unary("neg_abs_sqrt_" + t, t, x -> new Unary(UnOp.NEG, add(new Call("abs", t, List.of(x.get(0))),
          new Call("sqrt", t, List.of(x.get(1)))))));
    }
  }

  @Test void intArithmeticWrapsLikeTheInterpreter() {
    DType t = DType.I32;
    checkExact(unary("iops", t, x -> bin(BinOp.MAX, sub(mul(x.get(0), x.get(1)), x.get(2)), new Unary(UnOp.NEG, x.get(0)))));
    checkExact(unary("imin", t, x -> bin(BinOp.MIN, add(x.get(0), c(7)), x.get(1))));
  }

  @Test void selectOnComparisonsWithNaNs() {
    for (BinOp cmp : List.of(BinOp.LT, BinOp.LE, BinOp.GT, BinOp.GE, BinOp.EQ, BinOp.NE)) {
      checkExact(unary("sel_" + cmp, DType.F32, x -> new Select(bin(cmp, x.get(0), x.get(1)), x.get(0), mul(x.get(1), x.get(2)))));
    }
    checkExact(unary("logic", DType.F32, x -> new Select(bin(BinOp.OR, new Unary(UnOp.NOT, bin(BinOp.LT, x.get(0), f(0))),
        bin(BinOp.AND, bin(BinOp.GT, x.get(1), f(1)), bin(BinOp.NE, x.get(0), x.get(2)))), x.get(1), f(-1))));
  }

  /** Y[x] = select(x >= p && x < W + p, X[x - p], 0): the masked-off lanes would read out of bounds. */
  @Test void selectMasksLoadsThatWouldBeOutOfBounds() {
    Var w = Var.index("W"), x = Var.index("x");
    int p = 3;
    Buffer in = buf("X", DType.F32, w), out = buf("Y", DType.F32, add(w, c(2 * p)));
    Expr inside = bin(BinOp.AND, bin(BinOp.GE, x, c(p)), lt(x, add(w, c(p))));
    Stmt body = store(out, new Select(inside, load(in, sub(x, c(p))), f(0)), x);
    PrimFunc f = new PrimFunc("pad", List.of(in), List.of(out), List.of(w),
        root(loop(ForKind.VECTORIZED, x, c(0), add(w, c(2 * p)), body)));
    assertTrue(source(f, EXACT).contains("indexInRange"));
    checkExact(f);
  }

  /** jo serial, ji vectorized, block predicate jo*8 + ji < N (the tail split leaves), with init. */
  @Test void splitTailPredicateNarrowsTheRange() {
    Var n = Var.index("N"), jo = Var.index("jo"), ji = Var.index("ji"), vj = Var.index("vj");
    Buffer x = buf("X", DType.F32, n), y = buf("Y", DType.F32, n);
    Expr j = add(mul(jo, c(8)), ji);
    Stmt blk = block("Y", List.of(spatial(vj, n)), List.of(j), lt(j, n), null,
        store(y, mul(load(x, vj), f(2)), vj));
    Stmt nest = loop(jo, bin(BinOp.DIV, add(n, c(7)), c(8)), loop(ForKind.VECTORIZED, ji, c(0), c(8), blk));
    PrimFunc f = new PrimFunc("tail", List.of(x), List.of(y), List.of(n), root(nest));
    String species = VectorSupport.preferredBits() > 256 ? "FloatVector.SPECIES_256" : "FloatVector.SPECIES_PREFERRED";
    assertTrue(source(f, EXACT).contains(species), "8 lanes of f32 fit 256 bits");
    checkExact(f);
  }

  /** Row-wise scale and bias: invariant loads are broadcast once per row; with fma results stay close. */
  @Test void matmulAndBiasWithFmaAreClose() {
    PrimFunc mm = StmtNodesTest.matmul(ForKind.PARALLEL, ForKind.VECTORIZED);
    String src = source(mm, JvmOptions.defaults());
    assertTrue(src.contains(".fma("), src);
    Kernel k = new JvmBackend(JvmOptions.defaults()).compile(mm).kernel();
    for (int[] s : new int[][] {{5, 33, 17}, {16, 16, 16}, {3, 1, 40}, {0, 8, 3}})
      Differential.checkClose(mm, k, s, s[1], 1e-5);
    Var m = Var.index("M"), n = Var.index("N"), i = Var.index("i"), j = Var.index("j");
    Buffer x = buf("X", DType.F32, m, n), sc = buf("s", DType.F32, m), b = buf("b", DType.F32, n), y = buf("Y", DType.F32, m, n);
    Stmt body = store(y, add(mul(load(x, i, j), load(sc, i)), load(b, j)), i, j);
    PrimFunc aff = new PrimFunc("affine", List.of(x, sc, b), List.of(y), List.of(m, n),
        root(loop(i, m, loop(ForKind.VECTORIZED, j, c(0), n, body))));
    Kernel ka = new JvmBackend(JvmOptions.defaults()).compile(aff).kernel();
    for (int nn : SIZES) Differential.checkClose(aff, ka, new int[] {3, nn}, nn, 1e-6);
    Kernel exact = new JvmBackend(EXACT).compile(aff).kernel();
    for (int nn : SIZES) Differential.check(aff, exact, new int[] {3, nn}, nn, true, true);
  }

  /**
   * With relaxed float (the default) exp, log, tanh, sigmoid, rsqrt and erf take vector forms that
   * stay within a few ulps of the interpreter's (erf: 2e-7 absolute); without it they run scalar.
   */
  @Test void mathFunctionsTakeVectorFormsWithRelaxedFloat() {
    Expr shift = f(4.5);
    for (String fn : List.of("exp", "tanh", "sigmoid", "rsqrt", "erf")) {
      boolean positive = fn.equals("rsqrt");
      PrimFunc f = unary(fn, DType.F32, x -> new Call(fn, DType.F32, List.of(positive ? add(x.get(0), shift) : x.get(0))));
      String relaxed = source(f, JvmOptions.defaults());
      assertFalse(relaxed.contains("runs as scalar code"), fn + ":\n" + relaxed);
      assertTrue(relaxed.contains("VectorMath." + fn), relaxed);
      Kernel k = new JvmBackend(JvmOptions.defaults()).compile(f).kernel();
      for (int n : SIZES) Differential.checkClose(f, k, new int[] {n}, n, 1e-6);
      assertTrue(source(f, EXACT).contains("runs as scalar code"), fn + " stays scalar when exact");
    }
  }

  /** Serial row reductions (sum, max) run a vector at a time with relaxed float; max stays exact. */
  @Test void serialRowReductionsUseVectorAccumulators() {
    for (String op : List.of("s[vi] + X[vi, vk] * X[vi, vk]", "max(s[vi], X[vi, vk])", "min(X[vi, vk] - 1.0f32, s[vi])")) {
      PrimFunc f = dev.kiln.ir.tir.text.TirParser.parse("""
          func rows(X: f32[M, K]) -> (s: f32[M]) {
            sizes M, K
            block root {
              for i in 0 .. M {
                for k in 0 .. K {
                  block s(vi: S[0:M] = i, vk: R[0:K] = k) {
                    init { s[vi] = 0.5f32 }
                    s[vi] = OP
                  }
                }
              }
            }
          }
          """.replace("OP", op));
      String src = source(f, JvmOptions.defaults());
      assertTrue(src.contains("reduceLanes"), src);
      assertFalse(source(f, EXACT).contains("reduceLanes"), "exact code keeps the scalar order");
      Kernel k = new JvmBackend(JvmOptions.defaults()).compile(f).kernel();
      for (int n : SIZES) {
        if (op.startsWith("s[vi] +")) Differential.checkClose(f, k, new int[] {3, n}, n, 1e-5);
        else Differential.check(f, k, new int[] {3, n}, n, true, true);
      }
    }
  }

  /** Loops the Vector API path refuses run as scalar code, bit-exact. */
  @Test void unsupportedLoopsFallBackToScalar() {
    Var n = Var.index("n"), i = Var.index("i");
    Buffer x = buf("X", DType.F32, n), y = buf("Y", DType.F32, n), a = buf("A", DType.F32, add(n, c(1)));
    Buffer x2 = buf("X2", DType.F32, mul(n, c(2))), iy = buf("IY", DType.I32, n), ix = buf("IX", DType.I32, n);
    List<PrimFunc> fs = List.of(
        one("exp", List.of(x), y, store(y, new Call("exp", DType.F32, List.of(load(x, i))), i), n, i),
        one("strided", List.of(x2), y, store(y, load(x2, mul(i, c(2))), i), n, i),
        one("carried", List.of(), a, store(a, add(load(a, i), f(1)), add(i, c(1))), n, i),
        one("floordiv", List.of(ix), iy, store(iy, bin(BinOp.DIV, load(ix, i), c(3)), i), n, i),
        one("reverse", List.of(x), y, store(y, load(x, sub(sub(n, c(1)), i)), i), n, i));
    for (PrimFunc f : fs) {
      String src = source(f, EXACT);
      assertTrue(src.contains("runs as scalar code") && !src.contains("jdk.incubator.vector"), f.name() + ":\n" + src);
      Kernel k = new JvmBackend(EXACT).compile(f).kernel();
      for (int s : SIZES) Differential.check(f, k, new int[] {s}, s, true, true);
    }
  }

  private static PrimFunc one(String name, List<Buffer> ins, Buffer out, Stmt body, Var n, Var i) {
    return new PrimFunc(name, ins, List.of(out), List.of(n), root(loop(ForKind.VECTORIZED, i, c(0), n, body)));
  }

  @Test void scalarOptionsNeverReferenceTheVectorApi() {
    PrimFunc f = StmtNodesTest.matmul(ForKind.SERIAL, ForKind.VECTORIZED);
    assertFalse(source(f, JvmOptions.scalar()).contains("jdk.incubator.vector"));
    Differential.check(f, new JvmBackend(JvmOptions.scalar()).compile(f).kernel(), new int[] {4, 19, 5}, 3, true, false);
  }

  @Test void constantsAndIntLoopVariableStayScalarWhereNeeded() {
    Var n = Var.index("n"), i = Var.index("i");
    Buffer y = buf("Y", DType.I32, n);
    PrimFunc iota = one("iota", List.of(), y, store(y, add(i, c(1)), i), n, i);
    assertTrue(source(iota, EXACT).contains("runs as scalar code"));
    Buffer z = buf("Z", DType.F32, n);
    PrimFunc fill = one("fill", List.of(), z, store(z, f(0.25), i), n, i);
    checkExact(fill);
    assertTrue(source(fill, EXACT).contains(".broadcast("));
    assertEquals(IntImm.class, c(1).getClass());
  }
}
