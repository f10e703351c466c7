package dev.kiln.backend.jvm;

import static dev.kiln.backend.jvm.Ir.*;

import dev.kiln.ir.DType;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.Call;
import dev.kiln.ir.tir.Cast;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.FloatImm;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Select;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.UnOp;
import dev.kiln.ir.tir.Unary;
import dev.kiln.ir.tir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Every expression node, compiled vs interpreted, bit for bit, on inputs with special values. */
class ExprNodesTest {
  private static final int N = 64;

  /** Y_k[i] = exprs_k(X_0[i], X_1[i], ...) for inputs of the given dtypes. */
  private static PrimFunc elementwise(String name, List<DType> inputs,
      List<BiFunction<List<Expr>, Integer, Expr>> exprs) {
    Var n = Var.index("n"), i = Var.index("i");
    List<Buffer> ins = new ArrayList<>();
    for (int k = 0; k < inputs.size(); k++) ins.add(buf("X" + k, inputs.get(k), n));
    List<Expr> loads = new ArrayList<>();
    for (Buffer b : ins) loads.add(load(b, i));
    List<Buffer> outs = new ArrayList<>();
    List<Stmt> stores = new ArrayList<>();
    for (int k = 0; k < exprs.size(); k++) {
      Expr e = exprs.get(k).apply(loads, k);
      Buffer y = buf("Y" + k, e.dtype(), n);
      outs.add(y);
      stores.add(store(y, e, i));
    }
    return new PrimFunc(name, ins, outs, List.of(n), loop(i, n, dev.kiln.ir.tir.Seq.of(stores)));
  }

  @ParameterizedTest @EnumSource(DType.class)
  void binaryOperators(DType t) {
    List<BiFunction<List<Expr>, Integer, Expr>> es = new ArrayList<>();
    for (BinOp op : BinOp.values()) {
      boolean logic = op == BinOp.AND || op == BinOp.OR;
      if (t == DType.BOOL ? !(logic || op == BinOp.EQ || op == BinOp.NE) : logic) continue;
      es.add((x, k) -> bin(op, x.get(0), x.get(1)));
    }
    Differential.check(elementwise("bin_" + t, List.of(t, t), es), new int[] {N});
  }

  @ParameterizedTest @EnumSource(DType.class)
  void unaryOperatorsAndSelect(DType t) {
    List<BiFunction<List<Expr>, Integer, Expr>> es = new ArrayList<>();
    es.add((x, k) -> new Unary(t == DType.BOOL ? UnOp.NOT : UnOp.NEG, x.get(0)));
    es.add((x, k) -> new Select(x.get(2), x.get(0), x.get(1)));
    Differential.check(elementwise("un_" + t, List.of(t, t, DType.BOOL), es), new int[] {N});
  }

  @Test void everyCast() {
    List<DType> all = List.of(DType.values());
    List<BiFunction<List<Expr>, Integer, Expr>> es = new ArrayList<>();
    for (int from = 0; from < all.size(); from++)
      for (DType to : all) {
        int src = from;
        es.add((x, k) -> new Cast(to, x.get(src)));
      }
    Differential.check(elementwise("casts", all, es), new int[] {N}, 7, true, false);
  }

  @ParameterizedTest @EnumSource(value = DType.class, names = {"F32", "F64", "F16", "BF16"})
  void everyMathFunction(DType t) {
    List<BiFunction<List<Expr>, Integer, Expr>> es = new ArrayList<>();
    for (String fn : Call.FUNCTIONS) es.add((x, k) -> new Call(fn, t, List.of(x.get(0))));
    Differential.check(elementwise("math_" + t, List.of(t), es), new int[] {N});
  }

  @ParameterizedTest @EnumSource(value = DType.class, names = {"I32", "I64", "I8", "U8", "I16"})
  void integerMathFunctions(DType t) {
    List<BiFunction<List<Expr>, Integer, Expr>> es = new ArrayList<>();
    for (String fn : List.of("abs", "floor", "round")) es.add((x, k) -> new Call(fn, t, List.of(x.get(0))));
    Differential.check(elementwise("imath_" + t, List.of(t), es), new int[] {N});
  }

  @Test void constantsAreExact() {
    List<Expr> consts = new ArrayList<>();
    for (double d : new double[] {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Float.MIN_VALUE, Float.MAX_VALUE, 0.1, 1.0 / 3, -2.5e-38, 16777217.0, 1e-300, Double.MAX_VALUE}) {
      consts.add(new FloatImm(DType.F32, d));
      consts.add(new FloatImm(DType.F64, d));
    }
    for (long v : new long[] {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 300, -129}) {
      consts.add(new IntImm(DType.I32, v));
      consts.add(new IntImm(DType.I8, v));
      consts.add(new IntImm(DType.U8, v));
      consts.add(new IntImm(DType.I16, v));
    }
    for (long v : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, -5, 1L << 40}) consts.add(new IntImm(DType.I64, v));
    consts.add(new IntImm(DType.BOOL, 1));
    consts.add(new IntImm(DType.BOOL, 0));
    List<BiFunction<List<Expr>, Integer, Expr>> es = new ArrayList<>();
    for (Expr e : consts) es.add((x, k) -> e);
    Differential.check(elementwise("consts", List.of(), es), new int[] {3});
  }

  @Test void mixedArithmeticWithIndexExpressions() {
    // Y[i] = f32(i % 3 - i / 4) * X[i] + f32(i64(i) * 3000000000L > 5e9 as i64 compare)
    List<BiFunction<List<Expr>, Integer, Expr>> es = new ArrayList<>();
    es.add((x, k) -> {
      return add(mul(new Cast(DType.F32, sub(bin(BinOp.MOD, x.get(1), c(3)), bin(BinOp.DIV, x.get(1), c(-4)))),
          x.get(0)), new Cast(DType.F32, bin(BinOp.GT,
              mul(new Cast(DType.I64, x.get(1)), new IntImm(DType.I64, 3_000_000_000L)),
              new IntImm(DType.I64, 5_000_000_000L))));
    });
    Differential.check(elementwise("mixed", List.of(DType.F32, DType.I32), es), new int[] {N});
  }
}
