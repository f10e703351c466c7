package dev.kiln.frontend.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.diag.Diagnostic;
import dev.kiln.diag.KilnException;
import dev.kiln.diag.SourceFile;
import dev.kiln.frontend.Frontend;
import dev.kiln.ir.graph.GraphFunc;
import dev.kiln.ir.graph.TensorType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Regression tests for bugs found in the model lowering by the program corpus. */
class ModelLoweringFixesTest {
  private static List<Diagnostic> errors(String text) {
    KilnException e = assertThrows(KilnException.class, () -> Frontend.check(new SourceFile("t.kiln", text)));
    return e.diagnostics();
  }

  @Test
  void vectorAtVectorIsAScalar() {
    String text = """
        model dot(v: f32[4], w: f32[4]) -> f32[] {
          return v @ w
        }
        """;
    GraphFunc f = Frontend.compile(new SourceFile("t.kiln", text), "dot").func("dot");
    TensorType t = f.outputTypes().get(0);
    assertEquals(0, t.rank());
  }

  @Test
  void vectorAtMatrixAndMatrixAtVectorDropThePromotedAxis() {
    String text = """
        model mv(v: f32[4], m: f32[3, 4], w: f32[4, 5]) -> f32[5], f32[3] {
          return v @ w, m @ v
        }
        """;
    GraphFunc f = Frontend.compile(new SourceFile("t.kiln", text), "mv").func("mv");
    assertEquals(1, f.outputTypes().get(0).rank());
    assertEquals(1, f.outputTypes().get(1).rank());
  }

  @Test
  void aReturnWithAnErrorIsNotAlsoAMissingReturn() {
    List<Diagnostic> ds = errors("""
        model m(x: f32[4]) -> f32[4] {
          return x + y
        }
        """);
    assertEquals(1, ds.size(), ds.toString());
    assertEquals(2, ds.get(0).span().line());
  }

  @Test
  void aReturnWithAnErrorStillMakesWhatFollowsUnreachable() {
    List<Diagnostic> ds = errors("""
        model m(x: f32[4]) -> f32[4] {
          return x + y
          x = x * 2.0
        }
        """);
    assertEquals(List.of(2, 3), ds.stream().map(d -> d.span().line()).toList(), ds.toString());
    assertTrue(ds.get(1).message().contains("unreachable"), ds.get(1).message());
  }

  @Test
  void anExpressionOfDimensionsInAModelTypeIsExplained() {
    List<Diagnostic> ds = errors("""
        model m(x: f32[L]) -> f32[L - 3] {
          return x
        }
        """);
    assertEquals(1, ds.size(), ds.toString());
    assertTrue(ds.get(0).message().contains("only allowed in an `op` signature"), ds.get(0).message());
    assertEquals(1, ds.get(0).span().line());
  }

  @Test
  void aConditionWithAConstantDimOtherThanOneIsRejectedEvenWithSymbolicDims() {
    List<Diagnostic> ds = errors("""
        model m(xs: f32[T, 4]) -> f32[T, 4] {
          while xs {
            xs = xs * 0.5
          }
          return xs
        }
        """);
    assertEquals(1, ds.size(), ds.toString());
    assertTrue(ds.get(0).message().contains("must be a scalar"), ds.get(0).message());
  }

  @Test
  void aConditionOfSymbolicShapeIsLeftToTheRunTime() {
    String text = """
        model m(xs: f32[T, 1]) -> f32[T, 1] {
          if xs > 0.0 {
            return xs
          }
          return xs * 2.0
        }
        """;
    assertEquals(1, Frontend.compile(new SourceFile("t.kiln", text), "m").func("m").outputTypes().size());
  }

  @Test
  void anInputWithABadTypeIsReportedOnlyWhereItIsDeclared() {
    List<Diagnostic> ds = errors("""
        model m(x: f33[4], y: f32[4]) -> f32[4] {
          h = x * 2.0
          return h + y
        }
        """);
    assertEquals(1, ds.size(), ds.toString());
    assertEquals(1, ds.get(0).span().line());
  }
}
