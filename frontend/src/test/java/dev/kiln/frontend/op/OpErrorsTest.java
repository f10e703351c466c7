package dev.kiln.frontend.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every user error of the op checker: the exact messages and their line:col, all errors of an op at once. */
class OpErrorsTest {
  private record Case(String name, String src, List<String> expected) {}

  private static Case c(String name, String src, String... expected) { return new Case(name, src, List.of(expected)); }

  private static final List<Case> CASES = List.of(
      c("duplicate name", "op f(X: f32[N], X: f32[N]) -> Y: f32[N] {\n  Y[i] = X[i]\n}",
          "1:17: duplicate name X"),
      c("unknown element type", "op f(X: f23[N]) -> Y: f32[N] {\n  Y[i] = X[i]\n}",
          "1:9: unknown element type f23"),
      c("attribute type as element type", "op f(X: int[N]) -> Y: f32[N] {\n  Y[i] = 0.0\n}",
          "1:9: unknown element type int; int is an attribute type (attributes go after `;`)"),
      c("dimension with a modulo", "op f(X: f32[N, D % 2]) -> Y: f32[N] {\n  Y[i] = 0.0\n}",
          "1:16: dimension D is not bound: it must appear alone as an axis of some input so its value can be taken "
              + "from the input shapes",
          "1:16: a dimension must be an integer expression of names and integers with + - * / and parentheses, "
              + "not D % 2"),
      c("output dimension not bound", "op f(X: f32[N]) -> Y: f32[M] {\n  Y[i] = 0.0\n}",
          "1:27: dimension M in the shape of Y is not bound by any input shape"),
      c("input dimension only inside an expression", "op f(X: f32[2 * N]) -> Y: f32[4] {\n  Y[i] = 0.0\n}",
          "1:17: dimension N is not bound: it must appear alone as an axis of some input so its value can be taken "
              + "from the input shapes"),
      c("attribute of a tensor type", "op f(X: f32[N]; p: f32) -> Y: f32[N] {\n  Y[i] = X[i]\n}",
          "1:20: attribute p must have type int, float or bool"),
      c("mistyped default", "op f(X: f32[N]; p: int = 1.5) -> Y: f32[N] {\n  Y[i] = X[i]\n}",
          "1:26: the default of int attribute p must be an integer literal, not 1.5"),
      c("float attribute in a shape", "op f(X: f32[N]; a: float = 2.0) -> Y: f32[N * a] {\n  Y[i] = 0.0\n}",
          "1:47: attribute a is float; only int attributes can appear in a shape"),
      c("left indices not distinct", "op f(X: f32[N, N]) -> Y: f32[N, N] {\n  Y[i, i] = X[i, i]\n}",
          "2:8: index variable i appears twice on the left"),
      c("dimension as index variable", "op f(X: f32[N]) -> Y: f32[N] {\n  Y[N] = X[N]\n}",
          "2:5: N is a dimension; it cannot be used as an index variable"),
      c("conflicting reduction ranges",
          "op matmul(A: f32[M, K], B: f32[K2, N]) -> C: f32[M, N] {\n  C[i, j] += A[i, k] * B[k, j]\n}",
          "2:26: conflicting ranges for reduction variable k: K (axis 1 of A) and K2 (axis 0 of B)"),
      c("reduction range not inferable",
          "op pool(X: f32[N, C, H, W]) -> Y: f32[N, C, H / 2, W / 2] {\n"
              + "  Y[n, c, y, x] max= X[n, c, 2*y + dy, 2*x + dx]\n}",
          "2:36: cannot infer the range of reduction variable dy; add `where dy in a .. b`",
          "2:46: cannot infer the range of reduction variable dx; add `where dx in a .. b`"),
      c("intermediate range not inferable", "op f(X: f32[N]) -> Y: f32[N] {\n  s[i] = 0.0\n  Y[i] = s[i]\n}",
          "2:5: cannot infer the range of index variable i of s: it indexes no tensor axis directly on the right"),
      c("where range for a spatial variable", "op f(X: f32[N]) -> Y: f32[N] {\n  Y[i] = X[i] where i in 0 .. N\n}",
          "2:21: i is on the left, so it is a spatial variable; `where` gives ranges only to reduction variables"),
      c("duplicate where range", "op f(X: f32[N]) -> Y: f32[N] {\n  Y[i] += X[i] where r in 0 .. 2, r in 0 .. 3\n}",
          "2:35: duplicate `where` range for r"),
      c("= with a reduction variable", "op f(X: f32[N, D]) -> Y: f32[N] {\n  Y[i] = X[i, j]\n}",
          "2:15: j appears only on the right, so it is a reduction variable, but `=` cannot reduce; use +=, *=, max= "
              + "or min="),
      c("read before written", "op f(X: f32[N]) -> Y: f32[N] {\n  Y[i] = s[i]\n  s[i] = X[i]\n}",
          "2:10: s is read before it is written"),
      c("read in its own statement", "op f(X: f32[N]) -> Y: f32[N] {\n  Y[i] = X[i] + Y[i]\n}",
          "2:17: Y cannot be read in the statement that writes it"),
      c("writing an input", "op f(X: f32[N]) -> Y: f32[N] {\n  X[i] = 1.0\n  Y[i] = X[i]\n}",
          "2:3: cannot write input X"),
      c("writing an attribute", "op f(X: f32[N]; p: int = 0) -> Y: f32[N] {\n  p[i] = X[i]\n}",
          "1:32: output Y is never written", "2:3: cannot write p: it is an attribute, not a tensor"),
      c("output never written", "op f(X: f32[N]) -> Y: f32[N], Z: f32[N] {\n  Y[i] = X[i]\n}",
          "1:31: output Z is never written"),
      c("intermediate written twice",
          "op f(X: f32[N]) -> Y: f32[N] {\n  s[i] = X[i]\n  s[i] = X[i]\n  Y[i] = s[i]\n}",
          "3:3: s is written twice; each tensor is defined by one statement"),
      c("read rank mismatch", "op f(X: f32[N, D]) -> Y: f32[N] {\n  Y[i] = X[i]\n}",
          "2:10: X has rank 2 but is indexed with 1 index"),
      c("write rank mismatch", "op f(X: f32[N]) -> Y: f32[N] {\n  Y[i, j] = X[i]\n}",
          "2:3: Y has rank 1 but is written with 2 indices"),
      c("unknown name", "op f(X: f32[N]) -> Y: f32[N] {\n  Y[i] = X[i] * alpha\n}", "2:17: unknown name alpha"),
      c("unknown function", "op f(X: f32[N]) -> Y: f32[N] {\n  Y[i] = foo(X[i])\n}", "2:10: unknown function foo"),
      c("f32 mixed with i32", "op f(X: f32[N]) -> Y: f32[N] {\n  Y[i] = X[i] + i\n}",
          "2:10: operands of + have different types f32 and i32; convert one with a cast such as f32(...)"),
      c("bool where a number is needed", "op f(X: f32[N]) -> Y: f32[N] {\n  Y[i] = X[i] * f32(-(i > 0))\n}",
          "2:23: expected a number, found bool"),
      c("number where bool is needed", "op f(X: f32[N]) -> Y: f32[N] {\n  Y[i] = select(X[i], 1.0, 0.0)\n}",
          "2:17: expected bool, found f32"),
      c("assigning i32 to f32", "op f(X: i32[N]) -> Y: f32[N] {\n  Y[i] = X[i]\n}",
          "2:10: cannot assign a value of type i32 to Y of type f32; convert it with a cast such as f32(...)"),
      c("float function of an integer", "op f(X: f32[N]) -> Y: f32[N] {\n  Y[i] = exp(i)\n}",
          "2:14: exp needs a float argument, found i32; convert it with a cast such as f32(...)"),
      c("float index", "op f(X: f32[N], B: f32[N]) -> Y: f32[N] {\n  Y[i] = X[B[i]]\n}",
          "2:12: an index must be i32, not f32"),
      c("slice in a body", "op f(X: f32[N, N]) -> Y: f32[N, N] {\n  Y[i, j] = X[i, :]\n}",
          "2:18: slices are not allowed in op bodies"),
      c("matrix product in a body", "op f(X: f32[N]) -> Y: f32[N] {\n  Y[i] = X[i] @ X[i]\n}",
          "2:10: `@` is only allowed in models; write the contraction in index notation"),
      c("unproved lower bound (pad2d without its select)",
          "op pad(X: f32[N, C, H, W]; p: int) -> P: f32[N, C, H + 2*p, W + 2*p] {\n"
              + "  P[n, c, y, x] = X[n, c, y - p, x - p]\n}",
          "2:19: cannot prove X[n, c, y - p, x - p] is in bounds on axis 2: y - p may be < 0"),
      c("unproved upper bound", "op f(X: f32[N]) -> Y: f32[N] {\n  Y[i] = X[i + 1]\n}",
          "2:10: cannot prove X[i + 1] is in bounds on axis 0: i + 1 may be >= N"),
      c("guard on the wrong branch", "op f(X: f32[N]) -> Y: f32[N] {\n  Y[i] = select(i + 1 < N, 0.0, X[i + 1])\n}",
          "2:33: cannot prove X[i + 1] is in bounds on axis 0: i + 1 may be >= N"),
      c("index without polynomial form", "op f(X: f32[N]) -> Y: f32[N] {\n  Y[i] = X[i / 0]\n}",
          "2:10: cannot prove X[i / 0] is in bounds on axis 0: the index i / 0 is not an integer expression of index "
              + "variables, dimensions and attributes"),
      c("several independent errors", "op f(X: f32[N]) -> Y: f32[N] {\n  Y[i] = X[i] + i\n  Z[i] = foo(1.0)\n}",
          "2:10: operands of + have different types f32 and i32; convert one with a cast such as f32(...)",
          "3:5: cannot infer the range of index variable i of Z: it indexes no tensor axis directly on the right",
          "3:10: unknown function foo"));

  @TestFactory
  Stream<DynamicTest> eachErrorIsReportedWithItsPosition() {
    return CASES.stream().map(k -> dynamicTest(k.name(), () -> assertEquals(k.expected(), OpSources.errors(k.src()))));
  }
}
