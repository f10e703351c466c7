package dev.kiln.frontend.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.diag.Diagnostic;
import dev.kiln.diag.KilnException;
import dev.kiln.frontend.ast.OpDecl;
import dev.kiln.ir.tir.PrimFunc;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Attribute values of an instantiation: defaults, wrong names and types, and bounds proved with the actual values. */
class OpLoweringAttrTest {
  private static List<String> lowerErrors(String src, Map<String, Object> attrs) {
    OpDecl op = OpSources.op(src);
    KilnException e = assertThrows(KilnException.class, () -> OpLowering.lower(op, attrs));
    return e.diagnostics().stream().map(d -> d.span().line() + ":" + d.span().column() + ": " + d.message()).toList();
  }

  @Test
  void unknownMissingAndMistypedAttributesCarryTheOpSpan() {
    Map<String, Object> attrs = new HashMap<>();
    attrs.put("strid", 2L);
    assertEquals(List.of("1:1: op conv2d has no attribute strid"), lowerErrors(OpSources.CONV2D, attrs));
    assertEquals(List.of("1:1: missing attribute p of op pad2d"), lowerErrors(OpSources.PAD2D, Map.of()));
    assertEquals(List.of("1:1: attribute stride of op conv2d must be int, got Double 2.0"),
        lowerErrors(OpSources.CONV2D, Map.of("stride", 2.0)));
    assertEquals(List.of("1:1: attribute p of op pad2d must be int, got Boolean true"),
        lowerErrors(OpSources.PAD2D, Map.of("p", true)));
  }

  @Test
  void aDivisorAttributeMustBePositive() {
    assertEquals(List.of("1:1: attribute stride of op conv2d is used as a divisor and must be at least 1, got 0"),
        lowerErrors(OpSources.CONV2D, Map.of("stride", 0L)));
  }

  @Test
  void boundsAreProvedWithTheActualValues() {
    String src = "op shift(X: f32[N]; s: int = 0) -> Y: f32[N] {\n  Y[i] = X[i + s]\n}";
    OpChecker.check(OpSources.op(src)); // the default 0 is in bounds
    assertEquals(List.of("2:10: cannot prove X[i + s] is in bounds on axis 0: i + s may be >= N"),
        lowerErrors(src, Map.of("s", 1L)));
  }

  @Test
  void attributeValuesAndDefaultsReachTheIr() {
    String src = """
        op scale(X: f64[N]; a: float = 2.0, on: bool = true, k: int = 3) -> Y: f64[N] {
          Y[i] = select(on, X[i] * a + f64(k), X[i])
        }
        """;
    PrimFunc f = OpLowering.lower(OpSources.op(src), Map.of("k", 5));
    double[] y = (double[]) dev.kiln.ir.interp.Interpreter.runAllocating(f, new Object[] {new double[] {1, 2}},
        new int[] {2})[0];
    assertEquals(List.of(7.0, 9.0), List.of(y[0], y[1]));
    PrimFunc off = OpLowering.lower(OpSources.op(src), Map.of("on", false));
    double[] z = (double[]) dev.kiln.ir.interp.Interpreter.runAllocating(off, new Object[] {new double[] {1, 2}},
        new int[] {2})[0];
    assertEquals(List.of(1.0, 2.0), List.of(z[0], z[1]));
  }

  @Test
  void diagnosticsRenderWithTheSourceLine() {
    String src = "op shift(X: f32[N]; s: int = 0) -> Y: f32[N] {\n  Y[i] = X[i + s]\n}";
    KilnException e = assertThrows(KilnException.class, () -> OpLowering.lower(OpSources.op(src), Map.of("s", 1L)));
    Diagnostic d = e.diagnostics().get(0);
    assertEquals("test.kiln:2:10: error: cannot prove X[i + s] is in bounds on axis 0: i + s may be >= N\n"
        + "  Y[i] = X[i + s]\n         ^~~~~~~~\n", d.render());
  }
}
