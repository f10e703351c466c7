package dev.kiln.runtime;

import static dev.kiln.runtime.ElementType.BOOL;
import static dev.kiln.runtime.ElementType.F32;
import static dev.kiln.runtime.ElementType.I32;

import dev.kiln.runtime.plan.Dim;
import dev.kiln.runtime.plan.InputSpec;
import dev.kiln.runtime.plan.Instr;
import dev.kiln.runtime.plan.IntExpr;
import dev.kiln.runtime.plan.ParamSpec;
import dev.kiln.runtime.plan.Plan;
import java.util.List;

/** Builders of small plans over {@link TestKernels}, shared by several test classes. */
public final class TestPlans {
  private TestPlans() {}

  public static final IntExpr S0 = new IntExpr.Size(0);
  public static final IntExpr S1 = new IntExpr.Size(1);
  public static final IntExpr S2 = new IntExpr.Size(2);

  /** out = a + b over f32[N]. */
  public static Instr add(int a, int b, int out, String loc) {
    return new Instr.CallKernel(TestKernels.ADD, new int[] {a, b}, new int[] {out},
        List.of(List.of(S0), List.of(S0)), List.of(List.of(S0)), List.of(F32, F32),
        List.of(F32), 1, "add", loc);
  }

  /** out = a @ b. */
  public static Instr matmul(int a, int b, int out, String loc) {
    return new Instr.CallKernel(TestKernels.MATMUL, new int[] {a, b}, new int[] {out},
        List.of(List.of(S0, S1), List.of(S1, S2)), List.of(List.of(S0, S2)), List.of(F32, F32),
        List.of(F32), 3, "matmul", loc);
  }

  /** out = sum(x) as a 0-d f32. */
  public static Instr sum(int x, int out) {
    return new Instr.CallKernel(TestKernels.SUM, new int[] {x}, new int[] {out},
        List.of(List.of(S0)), List.of(List.of()), List.of(F32), List.of(F32), 1, "sum", "t:1:1");
  }

  /** A 0-d binary op over 0-d operands. */
  public static Instr scalarOp(int kernel, ElementType in, ElementType result, int a, int b,
      int out, String name) {
    return new Instr.CallKernel(kernel, new int[] {a, b}, new int[] {out},
        List.of(List.of(), List.of()), List.of(List.of()), List.of(in, in), List.of(result), 0,
        name, "t:2:1");
  }

  public static Instr greater(int a, int b, int out) {
    return scalarOp(TestKernels.GREATER, F32, BOOL, a, b, out, "greater");
  }

  public static Instr addI32(int a, int b, int out) {
    return scalarOp(TestKernels.ADD_I32, I32, I32, a, b, out, "add_i32");
  }

  public static Instr lessI32(int a, int b, int out) {
    return scalarOp(TestKernels.LESS_I32, I32, BOOL, a, b, out, "less_i32");
  }

  public static Instr eqI32(int a, int b, int out) {
    return scalarOp(TestKernels.EQ_I32, I32, BOOL, a, b, out, "eq_i32");
  }

  public static InputSpec input(String name, int slot, Dim... dims) {
    return new InputSpec(name, F32, List.of(dims), slot);
  }

  public static Dim sym(String name) {
    return new Dim.Symbol(name);
  }

  public static Dim fixed(int value) {
    return new Dim.Fixed(value);
  }

  /** {@code model mlp(x: f32[B, 2]) -> y { param w: f32[2, 3] from "fc.weight"; return x @ w }}. */
  public static Plan matmulPlan() {
    ParamSpec w = new ParamSpec("w", "fc.weight", F32, new int[] {2, 3}, "mlp.kiln:2:3", 1);
    return new Plan("mlp", 3, List.of(input("x", 0, sym("B"), fixed(2))), List.of(w),
        List.of("y"), List.of(matmul(0, 1, 2, "mlp.kiln:4:7"), new Instr.Return(new int[] {2})),
        TestKernels.classNames());
  }

  /**
   * A plan using every instruction kind: x: f32[N]. acc = x; for i in 0 .. N { acc = acc + x;
   * if i == 5 { return acc, i } } ; n = 0; while n < 2 { n = n + 1; acc = acc + acc }; check
   * index 1 on x; if sum(acc) > 0 return acc, n else return x, n. Slots: 0 x, 1 acc, 2 zero,
   * 3 N, 4 i, 5 five, 6 c, 7 n, 8 one, 9 two, 10 wc, 11 s, 12 fzero, 13 gc, 14 idx.
   */
  public static Plan everyInstrPlan() {
    List<Instr> body = List.of(
        new Instr.Copy(1, 0),
        new Instr.Const(2, Tensor.scalarInt(0)),
        new Instr.ShapeDim(3, 0, 0),
        new Instr.Const(5, Tensor.scalarInt(5)),
        new Instr.For(4, 2, 3, List.of(
            add(1, 0, 1, "e.kiln:3:5"),
            eqI32(4, 5, 6),
            new Instr.If(6, List.of(new Instr.Return(new int[] {1, 4})), List.of(), "e.kiln:4:5")),
            "e.kiln:2:3"),
        new Instr.Copy(7, 2),
        new Instr.Const(8, Tensor.scalarInt(1)),
        new Instr.Const(9, Tensor.scalarInt(2)),
        new Instr.While(List.of(lessI32(7, 9, 10)), 10,
            List.of(addI32(7, 8, 7), add(1, 1, 1, "e.kiln:7:5")), "e.kiln:6:3"),
        new Instr.CheckIndex(8, 0, 0, "e.kiln:8:3"),
        sum(1, 11),
        new Instr.Const(12, Tensor.scalar(0f)),
        greater(11, 12, 13),
        new Instr.If(13, List.of(new Instr.Return(new int[] {1, 7})),
            List.of(new Instr.Return(new int[] {0, 7})), "e.kiln:9:3"));
    return new Plan("every", 15, List.of(input("x", 0, sym("N"))), List.of(), List.of("acc", "n"),
        body, TestKernels.classNames());
  }
}
