package dev.kiln.ir.tir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.diag.InternalCompilerError;
import dev.kiln.ir.DType;
import dev.kiln.ir.tir.text.TirParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerifierTest {
  private static void assertOnlyProblem(String expectedPart, PrimFunc f) {
    List<String> ps = Verifier.problems(f);
    assertEquals(1, ps.size(), ps::toString);
    assertTrue(ps.get(0).contains(expectedPart), ps.get(0));
  }

  private static void assertOnlyProblem(String expectedPart, String text) {
    assertOnlyProblem(expectedPart, TirParser.parse(text));
  }

  @Test
  void fixturesAreWellFormed() {
    Verifier.verify(Fixtures.matmul());
    Verifier.verify(Fixtures.softmaxLike());
    Verifier.verify(Fixtures.kinds());
  }

  @Test
  void verifyThrowsInternalErrorListingEveryProblem() {
    PrimFunc f = TirParser.parse("""
        func bad() -> (Y: f32[4]) {
          for i in 0 .. 4 {
            block b(v: S[0:4] = i) {
              Y[i] = 1.0f32
              Y[1i64] = 2.0f32
            }
          }
        }
        """);
    InternalCompilerError e = assertThrows(InternalCompilerError.class, () -> Verifier.verify(f));
    assertTrue(e.getMessage().startsWith("IR verification of 'bad' failed: 2 problem(s)"), e.getMessage());
    assertTrue(e.getMessage().contains("variable i"), e.getMessage());
    assertTrue(e.getMessage().contains("store of Y with i64 index 1i64"), e.getMessage());
  }

  @Test
  void blocksHideOuterLoopVariables() {
    assertOnlyProblem("variable i (", """
        func f() -> (Y: f32[4]) {
          for i in 0 .. 4 {
            block b(v: S[0:4] = i) { Y[i] = 1.0f32 }
          }
        }
        """);
  }

  @Test
  void reduceVariableBoundToParallelLoop() {
    assertOnlyProblem("block b: reduce iteration variable v is bound to parallel loop variable i", """
        func f() -> (Y: f32[1]) {
          for i in 0 .. 4 parallel {
            block b(v: R[0:4] = i + 0) { Y[0] = Y[0] + 1.0f32 }
          }
        }
        """);
    assertOnlyProblem("bound to vectorized loop variable j", """
        func f() -> (Y: f32[1]) {
          for j in 0 .. 4 vectorized {
            block b(v: R[0:4] = j) { Y[0] = Y[0] + 1.0f32 }
          }
        }
        """);
    assertEquals(List.of(), Verifier.problems(TirParser.parse("""
        func f() -> (Y: f32[1]) {
          for j in 0 .. 4 unroll {
            block b(v: R[0:4] = j) { Y[0] = Y[0] + 1.0f32 }
          }
        }
        """)));
  }

  @Test
  void typeAndRankProblems() {
    assertOnlyProblem("reads Y with 2 ranges, rank 1", """
        func f() -> (Y: f32[4]) {
          block b { reads Y[0, 1] }
        }
        """);
    assertOnlyProblem("bounds of loop i are i32/i32, variable is i64", """
        func f() -> (Y: f32[4]) {
          for i: i64 in 0 .. 4 { Y[0] = 1.0f32 }
        }
        """);
    assertOnlyProblem("iteration variable v differs from its dtype i32", """
        func f() -> (Y: f32[4]) {
          block b(v: S[0:4] = 1i64) { Y[v] = 1.0f32 }
        }
        """);
    Buffer y = new Buffer("Y", DType.F64, List.of());
    Expr badCall = new Call("exp", DType.F64, List.of(new FloatImm(DType.F32, 1.0)));
    assertOnlyProblem("must have one argument of its dtype f64",
        new PrimFunc("f", List.of(), List.of(y), List.of(), new Store(y, List.of(), badCall)));
  }

  @Test
  void outOfScopeAndDoubleBinding() {
    Buffer y = new Buffer("Y", DType.I32, List.of(Expr.i32(4)));
    Var x = Var.index("x");
    Stmt letThenUse = Seq.of(List.of(new LetStmt(x, Expr.i32(1), new Store(y, List.of(x), x)),
        new Store(y, List.of(Expr.i32(0)), x)));
    assertOnlyProblem("variable x (", new PrimFunc("f", List.of(), List.of(y), List.of(), letThenUse));

    Var i = Var.index("i");
    Stmt twice = Seq.of(List.of(For.serial(i, Expr.i32(0), Expr.i32(4), new Store(y, List.of(i), i)),
        For.serial(i, Expr.i32(0), Expr.i32(4), new Store(y, List.of(i), i))));
    assertOnlyProblem("variable i (", new PrimFunc("f", List.of(), List.of(y), List.of(), twice));
    assertTrue(Verifier.problems(new PrimFunc("f", List.of(), List.of(y), List.of(), twice)).get(0).contains("bound twice"));
  }

  @Test
  void undeclaredAndDoublyAllocatedBuffers() {
    Buffer y = new Buffer("Y", DType.I32, List.of(Expr.i32(4)));
    Buffer stray = new Buffer("stray", DType.I32, List.of(Expr.i32(4)));
    assertOnlyProblem("store of buffer stray that is neither a parameter nor allocated",
        new PrimFunc("f", List.of(), List.of(y), List.of(), new Store(stray, List.of(Expr.i32(0)), Expr.i32(1))));

    Buffer t = new Buffer("t", DType.I32, List.of(Expr.i32(4)));
    Stmt inner = Fixtures.root(List.of(t), new Store(t, List.of(Expr.i32(0)), Expr.i32(1)));
    assertOnlyProblem("buffer t is declared twice",
        new PrimFunc("f", List.of(), List.of(y), List.of(), Fixtures.root(List.of(t), inner)));

    Buffer local = new Buffer("l", DType.I32, List.of(Expr.i32(4)));
    Stmt afterBlock = Seq.of(List.of(Fixtures.root(List.of(local), new Store(local, List.of(Expr.i32(0)), Expr.i32(1))),
        new Store(local, List.of(Expr.i32(0)), Expr.i32(2))));
    assertOnlyProblem("store of buffer l that is neither",
        new PrimFunc("f", List.of(), List.of(y), List.of(), afterBlock));
  }

  @Test
  void randomFunctionsAreWellFormed() {
    for (long seed = 1000; seed < 1100; seed++) {
      long s = seed;
      assertEquals(List.of(), Verifier.problems(RandomTir.generate(seed)), () -> "seed " + s);
    }
  }
}
