package dev.kiln.frontend.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.diag.KilnException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Syntax and lexical errors: exact positions, human messages, and every error in a file reported. */
class SyntaxErrorTest {

  @Test void missingBraceAfterModelSignature() {
    assertEquals(List.of("2:3: expected '{' after model signature, found 'h'"),
        Parse.errors("model m(x: f32) -> f32\n  h = x\n}\n"));
  }

  @Test void missingExpressionPointsAtTheTokenFound() {
    assertEquals(List.of("2:16: expected an expression, found ')'"),
        Parse.errors("model m(x: f32) -> f32 {\n  h = relu(x @ )\n  return h\n}\n"));
  }

  @Test void unexpectedTokenInsideABody() {
    assertEquals(List.of("2:9: unexpected ')', expected a statement or '}'"),
        Parse.errors("model m(x: f32) -> f32 {\n  h = x )\n  return h\n}\n"));
  }

  @Test void endOfFilePointsJustAfterTheLastToken() {
    assertEquals(List.of("2:11: unexpected end of file, expected a statement or '}'"),
        Parse.errors("model m(x: f32) -> f32 {\n  return x\n\n\n"));
  }

  @Test void contextNamesWhereTheMissingTokenBelongs() {
    assertEquals(List.of("1:17: expected '->' and the outputs after the op inputs, found 'Y'"),
        Parse.errors("op f(X: f32[N]) Y: f32[N] {\n}\n"));
    assertEquals(List.of("3:11: expected ':' after the param name, found 'f32'",
            "4:12: expected '{' after the condition of 'if', found 'h'"),
        Parse.errors("model m(x: f32) -> f32 {\n  h = x\n  param w f32[3]\n  if x > 0 h = 1 }\n}\n"));
    assertEquals(List.of("1:8: expected a string after 'import', found 'std'"), Parse.errors("import std\n"));
  }

  @Test void maxEqualsIsOneToken() {
    assertEquals(List.of("2:8: unexpected 'max', expected 'max=', 'min=', '+=', '*=' or '='"),
        Parse.errors("op f(X: f32[N]) -> Y: f32[N] {\n  Y[i] max = X[i]\n}\n"));
  }

  @Test void everyErrorInAFileIsReportedInOrder() {
    String text = """
        foo bar
        model m(x f32) -> f32 { return x }
        op g() -> Y: f32 { Y = 1.0 }
        } op k(X: f32[N]) -> Y: f32[N] { Y[i] = X[i] + }
        schedule s { split(i, 3)
        op ok() -> Y: f32 { Y = 1.0 }
        """;
    assertEquals(List.of(
        "1:1: expected 'op', 'model', 'schedule' or 'import', found 'foo'",
        "2:11: expected ':' after the parameter name, found 'f32'",
        "4:1: expected 'op', 'model', 'schedule' or 'import', found '}'",
        "4:48: expected an expression, found '}'",
        "6:1: unexpected 'op', expected '}' or a name"), Parse.errors(text));
  }

  @Test void severalErrorsInOneBodyAreEachReportedOnce() {
    String text = """
        model m(x: f32) -> f32 {
          h = )
          y = (
          for i in 0 .. 3 { z = x[ }
          return h,
        }
        op f(X: f32[N]) -> Y: f32[N] {
          Y[i] += X[i] where j 0 .. 3
          Z[i] = X[i
        }
        """;
    assertEquals(List.of(
        "2:7: expected an expression, found ')'",
        "4:3: expected an expression, found 'for'",
        "4:28: expected an expression or ':', found '}'",
        "6:1: expected an expression, found '}'",
        "8:24: expected 'in' after the variable of a where clause, found '0'",
        "10:1: expected ']' or ',', found '}'"), Parse.errors(text));
  }

  @Test void lexicalErrorsAreReportedOnceEachAndParsingGoesOn() {
    String text = "op f(X: f32[N]) -> Y: f32[N] {\n"
        + "  Y[i] = $ X[i] + 1.\n"
        + "  Z[i] = \"abc\\n\" + 99999999999999999999 + .5\n"
        + "  W[i] = \"open\n"
        + "}\n"
        + "/* never closed\n";
    assertEquals(List.of(
        "2:10: unexpected character '$'",
        "2:19: a number needs a digit after the point: write '1.0'",
        "3:14: unknown escape '\\n' in string (only \\\" and \\\\ are escapes)",
        "3:20: integer literal 99999999999999999999 is too large (the largest is 9223372036854775807)",
        "3:43: a number needs a digit before the point: write '0.5'",
        "4:10: unterminated string: a string ends with '\"' on the same line",
        "6:1: unterminated block comment: missing '*/'"), Parse.errors(text));
  }

  @Test void floatOutOfRange() {
    assertEquals(List.of("2:7: number 1e999 is too large for a 64-bit float"),
        Parse.errors("model m(x: f32) -> f32 {\n  y = 1e999\n  return y\n}\n"));
  }

  @Test void rulesCheckedAfterParsingAreAllReported() {
    String text = """
        model m(x: f32 = 1) -> f32 {
          if x < 1 < 2 { return x }
          y = f(a: 1, 2)
          return x
        }
        op g(X: f32[N], k: int = 3) -> f32[N] { Y[i + 1] = X[i] }
        schedule g#2 { split(i, factor: 4) }
        schedule m.g#0 { }
        """;
    assertEquals(List.of(
        "1:18: a model input cannot have a default value",
        "2:12: comparisons do not chain: write 'a < b && b < c' instead of 'a < b < c'",
        "3:15: positional argument after a named argument",
        "6:26: only attributes (after ';') can have a default value",
        "6:32: an op output needs a name, as in '-> Y: f32[N]'",
        "6:43: an index on the left of '=' must be a plain index variable",
        "7:11: a use index needs the model: write 'model.g#2'",
        "7:25: schedule primitives take positional arguments only",
        "8:14: a use index counts from 1"), Parse.errors(text));
  }

  @Test void keywordsAreReserved() {
    assertEquals(List.of("2:3: expected a statement or '}', found 'in'"),
        Parse.errors("model m(x: f32) -> f32 {\n  in = x\n  return x\n}\n"));
  }

  @Test void renderedDiagnosticHasFileLineColumnSourceAndCaret() {
    KilnException e = assertThrows(KilnException.class,
        () -> KilnParser.parse("nets/m.kiln", "model m(x: f32) -> f32 {\n  h = relu(x @ )\n}\n"));
    assertEquals("""
        nets/m.kiln:2:16: error: expected an expression, found ')'
          h = relu(x @ )
                       ^
        """, e.render());
  }

  @Test void nothingIsPrintedAndNoStackTraceEscapes() {
    PrintStream oldErr = System.err;
    PrintStream oldOut = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream sink = new PrintStream(captured, true, StandardCharsets.UTF_8);
    try {
      System.setErr(sink);
      System.setOut(sink);
      assertThrows(KilnException.class, () -> Parse.program("model ) ( # $ \"x\n op op op { { ] \u0000"));
      assertThrows(KilnException.class, () -> Parse.program("(".repeat(100_000)));
    } finally {
      System.setErr(oldErr);
      System.setOut(oldOut);
    }
    assertEquals("", captured.toString(StandardCharsets.UTF_8));
  }

  @Test void emptyFileIsAnEmptyProgram() {
    assertTrue(Parse.program("").decls().isEmpty());
    assertTrue(Parse.program("  // just a comment\n/* and another */\n").decls().isEmpty());
  }
}
