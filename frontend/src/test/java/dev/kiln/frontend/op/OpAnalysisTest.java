package dev.kiln.frontend.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kiln.ir.DType;
import dev.kiln.ir.tir.IterKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@link OpChecker#analyze} learns: dimensions, attributes, tensors, ranges and types. */
class OpAnalysisTest {
  @Test
  void dimensionsInFirstAppearanceOrderAndIntermediates() {
    OpInfo info = OpChecker.analyze(OpSources.op(OpSources.SOFTMAX_ROWS));
    assertEquals(List.of("N", "D"), info.dims());
    assertEquals(List.of("m", "s"), info.intermediates().stream().map(TensorInfo::name).toList());
    assertEquals(List.of("N"), info.intermediates().get(0).shapeText());
    assertEquals(DType.F32, info.intermediates().get(1).dtype());
    StmtInfo m = info.stmts().get(0);
    assertEquals(List.of("i"), m.spatial().stream().map(IndexVarInfo::name).toList());
    assertEquals(List.of("j"), m.reduce().stream().map(IndexVarInfo::name).toList());
    assertEquals("D", m.reduce().get(0).extentText());
    assertEquals(IterKind.REDUCE, m.reduce().get(0).kind());
  }

  @Test
  void reductionVariablesInOrderOfFirstAppearance() {
    OpInfo info = OpChecker.analyze(OpSources.op(OpSources.CONV2D));
    assertEquals(List.of("N", "C", "H", "W", "F", "KH", "KW"), info.dims());
    StmtInfo y = info.stmts().get(0);
    assertEquals(List.of("n", "f", "y", "x"), y.spatial().stream().map(IndexVarInfo::name).toList());
    assertEquals(List.of("c", "ky", "kx"), y.reduce().stream().map(IndexVarInfo::name).toList());
    assertEquals(List.of("C", "KH", "KW"), y.reduce().stream().map(IndexVarInfo::extentText).toList());
  }

  @Test
  void checkUsesDefaultsOnlyWhenEveryAttributeHasOne() {
    assertEquals(1L, OpChecker.analyze(OpSources.op(OpSources.CONV2D)).attrValues().get("stride"));
    OpInfo noDefault = OpChecker.analyze(OpSources.op(OpSources.CONV2D.replace("stride: int = 1",
        "stride: int, dil: int = 1")));
    assertNull(noDefault.attrValues().get("stride"));
    assertNull(noDefault.attrValues().get("dil"));
    assertEquals(true, noDefault.attr("stride").divisor());
    assertEquals(false, noDefault.attr("dil").divisor());
  }

  @Test
  void literalsAdoptTheirContextType() {
    String src = """
        op lits(X: f64[N], Q: i8[N]) -> Y: f64[N], Z: i8[N], B: bool[N] {
          Y[i] = max(X[i], 0) * 2 + 0.5
          Z[i] = Q[i] * 3 - 1
          B[i] = X[i] > 1 && !(Q[i] == 0)
        }
        """;
    OpInfo info = OpChecker.analyze(OpSources.op(src));
    assertEquals(List.of(DType.F64, DType.I8, DType.BOOL), info.stmts().stream().map(s -> s.value().type()).toList());
    TExpr.Bin y = (TExpr.Bin) info.stmts().get(0).value();
    assertEquals(new TExpr.FloatConst(DType.F64, 0.5), y.b());
  }

  @Test
  void analyzeWithValuesProvesForThoseValues() {
    OpInfo info = OpChecker.analyze(OpSources.op(OpSources.PAD2D), Map.of("p", 2L));
    assertEquals(2L, info.attrValues().get("p"));
    assertEquals(List.of("N", "C", "H + 2 * p", "W + 2 * p"), info.outputs().get(0).shapeText());
  }
}
