package dev.kiln.frontend.op;

import dev.kiln.diag.Diagnostic;
import dev.kiln.diag.KilnException;
import dev.kiln.frontend.ast.Decl;
import dev.kiln.frontend.ast.OpDecl;
import dev.kiln.frontend.ast.Program;
import dev.kiln.frontend.parse.KilnParser;
import java.util.ArrayList;
import java.util.List;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The ops of DSL.md and helpers that parse an op and collect the checker's diagnostics as {@code line:col: message}. */
final class OpSources {
  private OpSources() {}

  static final String MATMUL = """
      op matmul(A: f32[M, K], B: f32[K, N]) -> C: f32[M, N] {
        C[i, j] += A[i, k] * B[k, j]
      }
      """;

  static final String RELU = """
      op relu(X: f32[N, D]) -> Y: f32[N, D] {
        Y[i, j] = max(X[i, j], 0.0)
      }
      """;

  static final String PAD2D = """
      op pad2d(X: f32[N, C, H, W]; p: int) -> P: f32[N, C, H + 2*p, W + 2*p] {
        P[n, c, y, x] = select(y >= p && y < H + p && x >= p && x < W + p,
                               X[n, c, y - p, x - p], 0.0)
      }
      """;

  static final String CONV2D = """
      op conv2d(X: f32[N, C, H, W], Wt: f32[F, C, KH, KW]; stride: int = 1)
          -> Y: f32[N, F, (H - KH) / stride + 1, (W - KW) / stride + 1] {
        Y[n, f, y, x] += X[n, c, y*stride + ky, x*stride + kx] * Wt[f, c, ky, kx]
      }
      """;

  static final String SOFTMAX_ROWS = """
      op softmax_rows(X: f32[N, D]) -> Y: f32[N, D] {
        m[i]    max= X[i, j]
        s[i]    += exp(X[i, j] - m[i])
        Y[i, j]  = exp(X[i, j] - m[i]) / s[i]
      }
      """;

  static final String MAX_POOL = """
      op max_pool(X: f32[N, C, H, W]) -> Y: f32[N, C, H / 2, W / 2] {
        Y[n, c, y, x] max= X[n, c, 2*y + dy, 2*x + dx] where dy in 0 .. 2, dx in 0 .. 2
      }
      """;

  static final String MEAN_ROWS = """
      op mean_rows(X: f32[N, D]) -> Y: f32[N] {
        s[i] += X[i, j] / f32(D)
        Y[i] = s[i]
      }
      """;

  /** The first op of a source text. */
  static OpDecl op(String src) {
    Program p = KilnParser.parse("test.kiln", src);
    for (Decl d : p.decls()) if (d instanceof OpDecl o) return o;
    throw new AssertionError("no op in " + src);
  }

  /** The diagnostics of checking the first op of {@code src}, as {@code line:col: message}; fails if it checks. */
  static List<String> errors(String src) {
    KilnException e = assertThrows(KilnException.class, () -> OpChecker.check(op(src)));
    List<String> out = new ArrayList<>();
    for (Diagnostic d : e.diagnostics()) out.add(d.span().line() + ":" + d.span().column() + ": " + d.message());
    return out;
  }
}
