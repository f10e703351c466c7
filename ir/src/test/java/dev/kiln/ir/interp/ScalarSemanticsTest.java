package dev.kiln.ir.interp;

import static dev.kiln.ir.interp.Tir.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.kiln.ir.DType;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.Call;
import dev.kiln.ir.tir.Cast;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Unary;
import dev.kiln.ir.tir.UnOp;
import dev.kiln.ir.tir.Var;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** Scalar semantics of the interpreter: math functions, floor division, casts, narrowing. */
class ScalarSemanticsTest {
  private static final float[] XS = {-3.5f, -1f, -0.25f, -0f, 0f, 0.1f, 0.5f, 1f, 2.5f, 7.25f, 30f};

  /** Y[i] = fn(X[i]) over XS in the given float dtype. */
  private static double[] apply(String fn, DType t) {
    Buffer x = buf("X", t, c(XS.length)), y = buf("Y", t, c(XS.length));
    Var i = Var.index("i");
    PrimFunc f = new PrimFunc(fn, List.of(x), List.of(y), List.of(),
        loop(i, c(XS.length), store(y, new Call(fn, t, List.of(load(x, i))), i)));
    if (t == DType.F64) {
      double[] in = new double[XS.length];
      for (int k = 0; k < in.length; k++) in[k] = XS[k];
      return (double[]) Interpreter.runAllocating(f, new Object[] {in}, new int[0])[0];
    }
    float[] out = (float[]) Interpreter.runAllocating(f, new Object[] {XS.clone()}, new int[0])[0];
    double[] d = new double[out.length];
    for (int k = 0; k < d.length; k++) d[k] = out[k];
    return d;
  }

  private static void check(String fn, DoubleUnaryOperator jdk) {
    double[] f32 = apply(fn, DType.F32), f64 = apply(fn, DType.F64);
    for (int k = 0; k < XS.length; k++) {
      double want = jdk.applyAsDouble(XS[k]);
      assertEquals(Float.floatToIntBits((float) want), Float.floatToIntBits((float) f32[k]), fn + "(" + XS[k] + ") f32");
      assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(f64[k]), fn + "(" + XS[k] + ") f64");
    }
  }

  @Test void mathFunctionsMatchTheJdk() {
    check("exp", Math::exp);
    check("log", Math::log);
    check("sqrt", Math::sqrt);
    check("rsqrt", x -> 1.0 / Math.sqrt(x));
    check("tanh", Math::tanh);
    check("sigmoid", x -> 1.0 / (1.0 + Math.exp(-x)));
    check("abs", Math::abs);
    check("floor", Math::floor);
    check("round", Math::rint);
    check("erf", ScalarOps::erfD);
  }

  @Test void roundIsHalfEven() {
    Buffer x = buf("X", DType.F32, c(4)), y = buf("Y", DType.F32, c(4));
    Var i = Var.index("i");
    PrimFunc f = new PrimFunc("r", List.of(x), List.of(y), List.of(),
        loop(i, c(4), store(y, new Call("round", DType.F32, List.of(load(x, i))), i)));
    float[] out = (float[]) Interpreter.runAllocating(f, new Object[] {new float[] {0.5f, 1.5f, 2.5f, -2.5f}}, new int[0])[0];
    assertArrayEquals(new float[] {0f, 2f, 2f, -2f}, out);
  }

  @Test void erfIsAccurateToDoublePrecision() {
    // reference values from mpmath at 30 digits
    double[][] ref = {
        {0.1, 0.1124629160182848922032750717439},
        {0.3, 0.3286267594591274276389140478667},
        {0.5, 0.5204998778130465376827466538919},
        {1.0, 0.8427007929497148693412206350826},
        {1.5, 0.9661051464753107270669762616459},
        {2.0, 0.9953222650189527341620692563672},
        {3.0, 0.9999779095030014145586272238705},
        {4.5, 0.9999999998033839558457112214442},
        {5.5, 0.9999999999999927237990945670798},
        {-0.7, -0.6778011938374184729756288092096},
    };
    for (double[] r : ref) assertEquals(r[1], ScalarOps.erfD(r[0]), 2e-16 + 1e-15 * Math.abs(r[1]), "erf(" + r[0] + ")");
    assertEquals(1.0, ScalarOps.erfD(Double.POSITIVE_INFINITY));
    assertEquals(-1.0, ScalarOps.erfD(-40));
    assertTrue(Double.isNaN(ScalarOps.erfD(Double.NaN)));
    assertEquals(Double.doubleToLongBits(-0.0), Double.doubleToLongBits(ScalarOps.erfD(-0.0)));
  }

  /** Evaluates a closed i32/i64 expression through a one-element output buffer. */
  private static long evalInt(Expr e) {
    Buffer y = buf("Y", e.dtype(), c(1));
    PrimFunc f = new PrimFunc("e", List.of(), List.of(y), List.of(), store(y, e, c(0)));
    Object out = Interpreter.runAllocating(f, new Object[0], new int[0])[0];
    return switch (e.dtype()) {
      case I32 -> ((int[]) out)[0];
      case I64 -> ((long[]) out)[0];
      case I8, U8 -> ((byte[]) out)[0];
      case I16 -> ((short[]) out)[0];
      case BOOL -> ((boolean[]) out)[0] ? 1 : 0;
      default -> throw new AssertionError(e.dtype());
    };
  }

  private static double evalFloat(Expr e) {
    Buffer y = buf("Y", e.dtype(), c(1));
    PrimFunc f = new PrimFunc("e", List.of(), List.of(y), List.of(), store(y, e, c(0)));
    Object out = Interpreter.runAllocating(f, new Object[0], new int[0])[0];
    return e.dtype() == DType.F64 ? ((double[]) out)[0] : ((float[]) out)[0];
  }

  private static Expr l(long v) { return new IntImm(DType.I64, v); }

  @Test void integerDivisionAndModuloFloor() {
    assertEquals(-4, evalInt(bin(BinOp.DIV, c(-7), c(2))));
    assertEquals(1, evalInt(bin(BinOp.MOD, c(-7), c(2))));
    assertEquals(-4, evalInt(bin(BinOp.DIV, c(7), c(-2))));
    assertEquals(-1, evalInt(bin(BinOp.MOD, c(7), c(-2))));
    assertEquals(3, evalInt(bin(BinOp.DIV, c(-7), c(-2))));
    assertEquals(-4L, evalInt(bin(BinOp.DIV, l(-7), l(2))));
    assertEquals(1L, evalInt(bin(BinOp.MOD, l(-7), l(2))));
    assertThrows(ArithmeticException.class, () -> evalInt(bin(BinOp.DIV, c(1), c(0))));
  }

  @Test void floatModuloIsFlooredRemainder() {
    assertEquals(1.5f, (float) evalFloat(bin(BinOp.MOD, f(-2.5), f(2))));
    assertEquals(-0.5f, (float) evalFloat(bin(BinOp.MOD, f(2.5), f(-1.5))));
    assertEquals(0.5, evalFloat(bin(BinOp.MOD, new dev.kiln.ir.tir.FloatImm(DType.F64, 5.5),
        new dev.kiln.ir.tir.FloatImm(DType.F64, 1.0))));
  }

  @Test void i32WrapsAndI64DoesNot() {
    assertEquals(Integer.MIN_VALUE, evalInt(add(c(Integer.MAX_VALUE), c(1))));
    assertEquals(1L + Integer.MAX_VALUE, evalInt(bin(BinOp.ADD, l(Integer.MAX_VALUE), l(1))));
    assertEquals(Integer.MIN_VALUE, evalInt(new Unary(UnOp.NEG, c(Integer.MIN_VALUE))));
  }

  @Test void castsTruncateNarrowAndTestNonZero() {
    assertEquals(-2, evalInt(new Cast(DType.I32, f(-2.7))));
    assertEquals(Integer.MAX_VALUE, evalInt(new Cast(DType.I32, f(1e20))));
    assertEquals(44, evalInt(new Cast(DType.I32, new Cast(DType.U8, c(300)))));
    assertEquals(-56, evalInt(new Cast(DType.I32, new Cast(DType.I8, c(200)))));
    assertEquals(-32768, evalInt(new Cast(DType.I32, new Cast(DType.I16, c(32768)))));
    assertEquals(1, evalInt(new Cast(DType.BOOL, c(-3))));
    assertEquals(0, evalInt(new Cast(DType.BOOL, f(0))));
    assertEquals(1, evalInt(new Cast(DType.BOOL, f(Double.NaN))));
    assertEquals(1f, (float) evalFloat(new Cast(DType.F32, lt(c(1), c(2)))));
    assertEquals(16777216f, (float) evalFloat(new Cast(DType.F32, c(16777217))));
    assertEquals(0.1f, (float) evalFloat(new Cast(DType.F32, new dev.kiln.ir.tir.FloatImm(DType.F64, 0.1))));
  }

  @Test void smallIntegersWrapOnStoreAndU8ReadsUnsigned() {
    assertEquals((byte) 200, evalInt(new Binary(BinOp.ADD, new IntImm(DType.I8, 100), new IntImm(DType.I8, 100))));
    Buffer x = buf("X", DType.U8, c(1)), y = buf("Y", DType.I32, c(1));
    PrimFunc f = new PrimFunc("u", List.of(x), List.of(y), List.of(),
        store(y, new Cast(DType.I32, load(x, c(0))), c(0)));
    int[] out = (int[]) Interpreter.runAllocating(f, new Object[] {new byte[] {(byte) 250}}, new int[0])[0];
    assertEquals(250, out[0]);
  }

  @Test void floatMinMaxAndPowFollowTheJdk() {
    assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits((float) evalFloat(bin(BinOp.MIN, f(0), f(-0.0)))));
    assertTrue(Float.isNaN((float) evalFloat(bin(BinOp.MAX, f(Double.NaN), f(1)))));
    assertEquals((float) Math.pow(1.5f, 2.25f), (float) evalFloat(bin(BinOp.POW, f(1.5), f(2.25))));
  }
}
