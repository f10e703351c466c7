package dev.kiln.frontend.op;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScratchTest {
  static final List<String> CASES = List.of(
"op f(X: f32[N], X: f32[N]) -> Y: f32[N] {\n  Y[i] = X[i]\n}",
"op f(X: f23[N]) -> Y: f32[N] {\n  Y[i] = X[i]\n}",
"op f(X: int[N]) -> Y: f32[N] {\n  Y[i] = 0.0\n}",
"op f(X: f32[N % 2]) -> Y: f32[N] {\n  Y[i] = X[i]\n}",
"op f(X: f32[N]) -> Y: f32[M] {\n  Y[i] = 0.0\n}",
"op f(X: f32[2 * N]) -> Y: f32[4] {\n  Y[i] = 0.0\n}",
"op f(X: f32[N]; p: f32) -> Y: f32[N] {\n  Y[i] = X[i]\n}",
"op f(X: f32[N]; p: int = 1.5) -> Y: f32[N] {\n  Y[i] = X[i]\n}",
"op f(X: f32[N]; a: float = 2.0) -> Y: f32[N * a] {\n  Y[i] = 0.0\n}",
"op f(X: f32[N, N]) -> Y: f32[N, N] {\n  Y[i, i] = X[i, i]\n}",
"op matmul(A: f32[M, K], B: f32[K2, N]) -> C: f32[M, N] {\n  C[i, j] += A[i, k] * B[k, j]\n}",
"op pool(X: f32[N, C, H, W]) -> Y: f32[N, C, H / 2, W / 2] {\n  Y[n, c, y, x] max= X[n, c, 2*y + dy, 2*x + dx]\n}",
"op f(X: f32[N, D]) -> Y: f32[N] {\n  Y[i] = X[i, j]\n}",
"op f(X: f32[N]) -> Y: f32[N] {\n  Y[i] = s[i]\n  s[i] = X[i]\n}",
"op f(X: f32[N]) -> Y: f32[N] {\n  X[i] = 1.0\n  Y[i] = X[i]\n}",
"op f(X: f32[N]) -> Y: f32[N], Z: f32[N] {\n  Y[i] = X[i]\n}",
"op f(X: f32[N]) -> Y: f32[N] {\n  s[i] = X[i]\n  s[i] = X[i]\n  Y[i] = s[i]\n}",
"op f(X: f32[N, D]) -> Y: f32[N] {\n  Y[i] = X[i]\n}",
"op f(X: f32[N]) -> Y: f32[N] {\n  Y[i, j] = X[i]\n}",
"op f(X: f32[N]) -> Y: f32[N] {\n  Y[i] = X[i] * alpha\n}",
"op f(X: f32[N]) -> Y: f32[N] {\n  Y[i] = foo(X[i])\n}",
"op f(X: f32[N]) -> Y: f32[N] {\n  Y[i] = X[i] + i\n}",
"op f(X: f32[N]) -> Y: f32[N] {\n  Y[i] = X[i] * f32(-(i > 0))\n}",
"op f(X: f32[N]) -> Y: f32[N] {\n  Y[i] = select(X[i], 1.0, 0.0)\n}",
"op f(X: i32[N]) -> Y: f32[N] {\n  Y[i] = X[i]\n}",
"op pad(X: f32[N, C, H, W]; p: int) -> P: f32[N, C, H + 2*p, W + 2*p] {\n  P[n, c, y, x] = X[n, c, y - p, x - p]\n}",
"op f(X: f32[N]) -> Y: f32[N] {\n  Y[i] = X[i + 1]\n}",
"op f(X: f32[N]) -> Y: f32[N] {\n  Y[i] = X[i] where i in 0 .. N\n}",
"op f(X: f32[N]) -> Y: f32[N] {\n  Y[i] += X[i] where r in 0 .. 2, r in 0 .. 3\n}",
"op f(X: f32[N]) -> Y: f32[N] {\n  Y[N] = X[N]\n}",
"op f(X: f32[N]; p: int = 0) -> Y: f32[N] {\n  p[i] = X[i]\n}",
"op f(X: f32[N, N]) -> Y: f32[N, N] {\n  Y[i, j] = X[i, :]\n}",
"op f(X: f32[N]) -> Y: f32[N] {\n  Y[i] = X[i] @ X[i]\n}",
"op f(X: f32[N]) -> Y: f32[N] {\n  Y[i] = exp(i)\n}",
"op f(X: f32[N], B: f32[N]) -> Y: f32[N] {\n  Y[i] = X[B[i]]\n}",
"op f(X: f32[N]) -> Y: f32[N] {\n  Y[i] = X[i / 0]\n}",
"op f(X: f32[N]) -> Y: f32[N] {\n  s[i] = 0.0\n  Y[i] = s[i]\n}"
  );

  @Test
  void print() {
    for (String c : CASES) {
      System.out.println("----\n" + c);
      try {
        for (String e : OpSources.errors(c)) System.out.println("  " + e);
      } catch (Throwable t) { try { OpChecker.check(OpSources.op(c)); } catch (NullPointerException n) { n.printStackTrace(System.out); } }
    }
  }
}
