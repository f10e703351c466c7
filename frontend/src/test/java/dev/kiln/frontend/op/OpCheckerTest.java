package dev.kiln.frontend.op;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every op of DSL.md checks, as do ops whose bounds need select guards, negated guards or symbolic strides. */
class OpCheckerTest {
  @Test
  void dslExamplesCheck() {
    for (String src : List.of(OpSources.MATMUL, OpSources.RELU, OpSources.PAD2D, OpSources.CONV2D,
        OpSources.SOFTMAX_ROWS, OpSources.MAX_POOL, OpSources.MEAN_ROWS))
      assertDoesNotThrow(() -> OpChecker.check(OpSources.op(src)), src);
  }

  @Test
  void guardsAndUnknownAttributesAreUsedInProofs() {
    List<String> ops = List.of(
        // the false branch of a single comparison may assume its negation
        "op next(X: f32[N]) -> Y: f32[N] {\n  Y[i] = select(i >= N - 1, X[i], X[i + 1])\n}",
        // an attribute without a default used as a divisor is assumed >= 1
        OpSources.CONV2D.replace("stride: int = 1", "stride: int"),
        // integer division and modulo in indices
        "op halves(X: f32[N, 2]) -> Y: f32[2 * N] {\n  Y[i] = X[i / 2, i % 2]\n}");
    for (String src : ops) assertDoesNotThrow(() -> OpChecker.check(OpSources.op(src)), src);
  }
}
