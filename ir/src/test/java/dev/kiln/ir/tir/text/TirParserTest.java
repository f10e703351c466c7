package dev.kiln.ir.tir.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.diag.KilnException;
import dev.kiln.ir.DType;
import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Fixtures;
import dev.kiln.ir.tir.FloatImm;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.IfThenElse;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Store;
import dev.kiln.ir.tir.StructuralEqual;
import dev.kiln.ir.tir.Unary;
import org.junit.jupiter.api.Test;

class TirParserTest {
  @Test
  void parsesHandWrittenMatmulEqualToBuiltOne() {
    PrimFunc f = TirParser.parse("matmul.tir", """
        // comments and free layout are fine
        func matmul(A: f32[M, K], B: f32[K, N]) -> (C: f32[M, N]) {
          sizes M, K, N
          block root { alloc t: f32[M] local
            for i in 0 .. M serial { for j in 0 .. N parallel { for k in 0 .. K {
              block C(vi: S[0:M] = i, vj: S[0:N] = j, vk: R[0:K] = k) {
                reads A[vi, vk], B[vk, vj] writes C[vi, vj]
                init { C[vi, vj] = 0.0f32 }
                C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]
          } } } } }
        }
        """);
    assertNull(StructuralEqual.explain(Fixtures.matmul(), f));
  }

  @Test
  void rangesInvertThePrintedForms() {
    PrimFunc f = TirParser.parse("""
        func f() -> (Y: f32[8]) {
          for i in 2 .. 5 {
            for j in i .. i + 3 {
              for k in i .. 7 {
                Y[k] = 1.0f32
              }
            }
          }
        }
        """);
    For i = (For) f.body();
    assertEquals(new IntImm(DType.I32, 3), i.extent());
    For j = (For) i.body();
    assertSame(i.var(), j.min());
    assertEquals("3", TirPrinter.print(j.extent()));
    For k = (For) j.body();
    assertEquals("7 - i", TirPrinter.print(k.extent()));
  }

  @Test
  void literalsAndNegation() {
    PrimFunc f = TirParser.parse("""
        func f() -> (Y: f32[], Z: i32[]) {
          Y[] = -1.5E-3f32
          Y[] = -inf_f32
          Z[] = -(5)
          Z[] = 3 - -2147483648
          Y[] = f32(Z[])
        }
        """);
    var stmts = ((dev.kiln.ir.tir.Seq) f.body()).stmts();
    assertEquals(new FloatImm(DType.F32, -1.5e-3), ((Store) stmts.get(0)).value());
    assertEquals(new FloatImm(DType.F32, Double.NEGATIVE_INFINITY), ((Store) stmts.get(1)).value());
    assertInstanceOf(Unary.class, ((Store) stmts.get(2)).value());
    assertEquals("3 - -2147483648", TirPrinter.print(((Store) stmts.get(3)).value()));
  }

  @Test
  void elseIfAndPredicate() {
    PrimFunc f = TirParser.parse("""
        func f() -> (Y: i32[4]) {
          for i in 0 .. 4 {
            block b(v: S[0:4] = i) where i < 3 {
              if v < 1 { Y[v] = 0 } else if v < 2 { Y[v] = 1 } else { Y[v] = 2 }
            }
          }
        }
        """);
    BlockRealize r = (BlockRealize) ((For) f.body()).body();
    assertEquals("i < 3", TirPrinter.print(r.predicate()));
    assertInstanceOf(IfThenElse.class, assertInstanceOf(IfThenElse.class, r.block().body()).otherwise());
  }

  private static String error(String text) {
    KilnException e = assertThrows(KilnException.class, () -> TirParser.parse("bad.tir", text));
    return e.diagnostics().get(0).render().lines().findFirst().orElseThrow();
  }

  @Test
  void errorsCarryFileLineAndColumn() {
    assertEquals("bad.tir:2:10: error: unknown name 'q'", error("""
        func f() -> (Y: f32[4]) {
          Y[0] = q
        }
        """));
    assertEquals("bad.tir:1:21: error: unknown name 'N'", error("""
        func f() -> (Y: f32[N]) {
        }
        """));
    assertEquals("bad.tir:2:3: error: expected a statement, found '+'", error("""
        func f() -> (Y: f32[4]) {
          + 1
        }
        """));
    assertEquals("bad.tir:2:10: error: a float constant needs a dtype suffix, as in '1.0f32'", error("""
        func f() -> (Y: f32[4]) {
          Y[0] = 1.0
        }
        """));
    assertEquals("bad.tir:2:3: error: store of i32 into f32 buffer Y", error("""
        func f() -> (Y: f32[4]) {
          Y[0] = 1
        }
        """));
    assertEquals("bad.tir:2:15: error: operands of ADD differ: f32 vs i32", error("""
        func f() -> (Y: f32[4]) {
          Y[0] = Y[1] + 1
        }
        """));
    assertEquals("bad.tir:2:9: error: 'Y' is a buffer, not a variable", error("""
        func f() -> (Y: f32[4]) {
          Y[0 + Y] = 1.0f32
        }
        """));
    assertEquals("bad.tir:2:19: error: unknown loop kind 'sideways'", error("""
        func f() -> (Y: f32[4]) {
          for i in 0 .. 4 sideways { }
        }
        """));
    assertEquals("bad.tir:2:14: error: expected 'S' (spatial) or 'R' (reduce), found 'Q'", error("""
        func f() -> (Y: f32[4]) {
          block b(v: Q[0:4] = 0) { }
        }
        """));
    assertEquals("bad.tir:3:1: error: expected '}', found end of input", error("""
        func f() -> (Y: f32[4]) {
          Y[0] = 1.0f32
        """));
    assertEquals("bad.tir:1:14: error: unexpected character '@'", error("func f() -> (@)"));
    assertEquals("bad.tir:2:10: error: 'exp' takes 1 argument, found 2", error("""
        func f() -> (Y: f32[4]) {
          Y[0] = exp(1.0f32, 2.0f32)
        }
        """));
    assertEquals("bad.tir:2:10: error: integer constant out of range: 99999999999999999999", error("""
        func f() -> (Y: i64[4]) {
          Y[0] = 99999999999999999999i64
        }
        """));
  }

  @Test
  void parsesARegionOfALargerFileWithSpansIntoThatFile() {
    String text = "graph stuff\nfunc f() -> (Y: f32[4]) {\n  Y[0] = 1.0f32\n}\nmore stuff\n";
    dev.kiln.diag.SourceFile file = new dev.kiln.diag.SourceFile("model.kg", text);
    int start = text.indexOf("func");
    int end = text.indexOf("more");
    assertEquals("Y[0] = 1.0f32\n", TirPrinter.print(TirParser.parse(file, start, end).body()));
    String bad = text.replace("1.0f32", "1.0");
    KilnException e = assertThrows(KilnException.class,
        () -> TirParser.parse(new dev.kiln.diag.SourceFile("model.kg", bad), start, bad.indexOf("more")));
    assertEquals("model.kg:3:10: error: a float constant needs a dtype suffix, as in '1.0f32'",
        e.diagnostics().get(0).render().lines().findFirst().orElseThrow());
  }

  /** Damaged text is either still a valid function or a user error with a known span, never a crash. */
  @Test
  void mutatedTextFailsOnlyWithDiagnostics() {
    java.util.Random rnd = new java.util.Random(7);
    String alphabet = "{}[]()<>=!-+*/%:,.\"_ aS0f3i";
    int errors = 0;
    for (int n = 0; n < 400; n++) {
      String text = TirPrinter.print(dev.kiln.ir.tir.RandomTir.generate(n));
      StringBuilder sb = new StringBuilder(text);
      for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
        int at = rnd.nextInt(sb.length());
        if (rnd.nextBoolean()) sb.deleteCharAt(at);
        else sb.insert(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
      }
      try {
        TirParser.parse("m.tir", sb.toString());
      } catch (KilnException e) {
        errors++;
        assertTrue(e.diagnostics().get(0).span().isKnown(), e.getMessage());
      }
    }
    assertTrue(errors > 200, "most mutations should be errors: " + errors);
  }
}
