package dev.kiln.frontend.op;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.ir.tir.IterKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpCheckerTest {
  @Test
  void dslExamplesCheck() {
    for (String src : List.of(OpSources.MATMUL, OpSources.RELU, OpSources.PAD2D, OpSources.CONV2D,
        OpSources.SOFTMAX_ROWS, OpSources.MAX_POOL, OpSources.MEAN_ROWS))
      OpChecker.check(OpSources.op(src));
  }
}
