package dev.kiln.frontend.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.frontend.ast.Assign;
import dev.kiln.frontend.ast.BinaryExpr;
import dev.kiln.frontend.ast.CallExpr;
import dev.kiln.frontend.ast.FloatLit;
import dev.kiln.frontend.ast.IndexExpr;
import dev.kiln.frontend.ast.IntLit;
import dev.kiln.frontend.ast.ForStmt;
import dev.kiln.frontend.ast.ModelDecl;
import dev.kiln.frontend.ast.StringLit;
import dev.kiln.frontend.ast.Subscript;
import dev.kiln.frontend.ast.UnaryExpr;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExprParseTest {
  private static String sexp(String e) { return Sexp.of(Parse.expr(e)); }

  @Test void precedenceFromLoosestToTightest() {
    assertEquals("(|| a (&& b (< c (+ d (* e (- f))))))", sexp("a || b && c < d + e * -f"));
    assertEquals("(|| (&& a b) c)", sexp("a && b || c"));
    assertEquals("(+ (@ x w) b)", sexp("x @ w + b"));
    assertEquals("(- (+ (@ x w) (% h 3)) (/ (* 2 y) z))", sexp("x @ w + h % 3 - 2 * y / z"));
  }

  @Test void binaryOperatorsAreLeftAssociative() {
    assertEquals("(- (- a b) c)", sexp("a - b - c"));
    assertEquals("(/ (* a b) c)", sexp("a * b / c"));
    assertEquals("(@ (@ a b) c)", sexp("a @ b @ c"));
  }

  @Test void parenthesesOverridePrecedence() {
    assertEquals("(* (+ a b) c)", sexp("(a + b) * c"));
    assertEquals("(+ (/ (- H KH) stride) 1)", sexp("(H - KH) / stride + 1"));
  }

  @Test void unaryBindsTighterThanBinaryAndLooserThanPostfix() {
    assertEquals("(* (- a) b)", sexp("-a * b"));
    assertEquals("(- x[t])", sexp("-x[t]"));
    assertEquals("(! (! ok))", sexp("!!ok"));
    assertEquals("(- 2)", sexp("-2"));
    assertInstanceOf(IntLit.class, ((UnaryExpr) Parse.expr("-2")).operand());
  }

  @Test void comparisonsAllParse() {
    for (String op : List.of("==", "!=", "<", "<=", ">", ">=")) {
      assertEquals("(" + op + " a (+ b 1))", sexp("a " + op + " b + 1"));
    }
    assertEquals("(> max(p) 0.9)", sexp("max(p) > 0.9"));
  }

  @Test void callsWithNamedArguments() {
    assertEquals("conv2d(x, w, stride: 2, pad: (+ 1 0))", sexp("conv2d(x, w, stride: 2, pad: 1 + 0)"));
    CallExpr c = (CallExpr) Parse.expr("softmax(h, axis: 1)");
    assertEquals("softmax", c.callee().name());
    assertEquals(1, c.args().size());
    assertEquals("axis", c.namedArgs().get(0).name().name());
    assertEquals("f()", sexp("f()"));
  }

  @Test void dtypeNamesAndAttributeTypesAreCallees() {
    assertEquals("(/ X[i, j] f32(D))", sexp("X[i, j] / f32(D)"));
    for (String t : List.of("f32", "f64", "f16", "bf16", "i8", "u8", "i16", "i32", "i64", "bool", "int", "float")) {
      assertEquals(t + "(x)", sexp(t + "(x)"));
    }
  }

  @Test void indexingAndSlicing() {
    assertEquals("xs[t]", sexp("xs[t]"));
    assertEquals("x[:, 0:5]", sexp("x[:, 0:5]"));
    assertEquals("x[1:]", sexp("x[1:]"));
    assertEquals("x[:3]", sexp("x[:3]"));
    assertEquals("x[0][1:(+ n 1)]", sexp("x[0][1:n+1]"));
    IndexExpr ix = (IndexExpr) Parse.expr("x[:, 2]");
    Subscript whole = ix.subscripts().get(0);
    assertTrue(whole.slice());
    assertNull(whole.lo());
    assertNull(whole.hi());
    assertFalse(ix.subscripts().get(1).slice());
    assertInstanceOf(IndexExpr.class, ((IndexExpr) Parse.expr("x[0][1]")).base());
  }

  @Test void listsAndLiterals() {
    assertEquals("zeros([1, 64])", sexp("zeros([1, 64])"));
    assertEquals("[]", sexp("[]"));
    assertEquals("(&& true false)", sexp("true && false"));
    assertEquals(1e-5, ((FloatLit) Parse.expr("1e-5")).value());
    assertEquals(3.5, ((FloatLit) Parse.expr("3.5")).value());
    assertEquals(2.5e10, ((FloatLit) Parse.expr("2.5E+10")).value());
    assertEquals(42L, ((IntLit) Parse.expr("42")).value());
    assertEquals(Long.MAX_VALUE, ((IntLit) Parse.expr("9223372036854775807")).value());
  }

  @Test void stringEscapes() {
    assertEquals("a\"b\\c", ((StringLit) Parse.expr("\"a\\\"b\\\\c\"")).value());
    assertEquals("", ((StringLit) Parse.expr("\"\"")).value());
  }

  @Test void maxAndMinAreCallsWhileMaxEqualsIsAnOperator() {
    assertEquals("(== max 1)", sexp("max==1"));
    assertEquals("(+ max(a, b) min(c))", sexp("max(a, b) + min(c)"));
  }

  @Test void rangesNeedNoSpacesAroundDots() {
    var p = Parse.program("model m(x: f32) -> f32 {\n for i in 0..10 { x = x }\n return x\n}");
    var f = (ForStmt) ((ModelDecl) p.decls().get(0)).body().get(0);
    assertEquals("0", Sexp.of(f.lo()));
    assertEquals("10", Sexp.of(f.hi()));
  }

  @Test void spansCoverTheWholeExpressionEndExclusive() {
    String text = "model m(x: f32) -> f32 {\n  v = (a + b) * c[1:2]\n}\n";
    var p = Parse.program(text);
    var value = ((Assign) ((ModelDecl) p.decls().get(0)).body().get(0)).value();
    assertEquals("(a + b) * c[1:2]", text.substring(value.span().start(), value.span().end()));
    var idx = (IndexExpr) ((BinaryExpr) value).right();
    assertEquals("1:2", text.substring(idx.subscripts().get(0).span().start(), idx.subscripts().get(0).span().end()));
    assertEquals(2, value.span().line());
    assertEquals(7, value.span().column());
  }

  @Test void spansAreCharOffsetsEvenAfterSupplementaryCharacters() {
    String text = "// \uD83D\uDD25 kiln\nmodel m(x: f32) -> f32 {\n  v = abc\n}\n";
    var p = Parse.program(text);
    var value = ((Assign) ((ModelDecl) p.decls().get(0)).body().get(0)).value();
    assertEquals("abc", text.substring(value.span().start(), value.span().end()));
  }
}
