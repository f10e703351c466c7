package dev.kiln.ir.tir.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ir.DType;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Seq;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.text.TirParser;
import dev.kiln.ir.tir.text.TirPrinter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RewriteAndQueryTest {
  private static final String TWO_NESTS = """
      func two(A: f32[N, 8]) -> (B: f32[N, 8], C: f32[N]) {
        sizes N
        block root {
          for i in 0 .. N {
            for j in 0 .. 8 {
              block B(vi: S[0:N] = i, vj: S[0:8] = j) {
                B[vi, vj] = A[vi, vj] * 2.0f32
              }
            }
          }
          for i in 0 .. N {
            let t: i32 = i + 1
            block C(vi: S[0:N] = i) {
              C[vi] = A[vi, 0]
            }
          }
        }
      }
      """;

  @Test void rewriterKeepsUnchangedSubtreesIdentical() {
    PrimFunc f = TirParser.parse(TWO_NESTS);
    Stmt same = new StmtRewriter().rewrite(f.body());
    assertSame(f.body(), same);
    // Doubling every constant 8 rebuilds only the path down to it.
    Stmt changed = new StmtRewriter() {
      @Override protected Expr rewriteIntImm(IntImm i) { return i.value() == 8 ? Expr.i32(16) : i; }
    }.rewrite(f.body());
    assertNotSame(f.body(), changed);
    Seq before = (Seq) ((BlockRealize) f.body()).block().body();
    Seq after = (Seq) ((BlockRealize) changed).block().body();
    assertNotSame(before.stmts().get(0), after.stmts().get(0));
    assertSame(before.stmts().get(1), after.stmts().get(1));
    assertTrue(TirPrinter.print(changed).contains("for j in 0 .. 16"));
  }

  @Test void substituteReplacesUsesNotBinders() {
    PrimFunc f = TirParser.parse(TWO_NESTS);
    Var n = f.sizeVars().get(0);
    Stmt s = Substitute.stmt(f.body(), Map.of(n, Expr.i32(5)));
    String text = TirPrinter.print(s);
    assertTrue(text.contains("for i in 0 .. 5"), text);
    assertTrue(text.contains("vi: S[0:5] = i"), text);
    For outer = IrQuery.loops(f.body()).get(0);
    Stmt body = Substitute.stmt(outer, Map.of(outer.var(), Expr.i32(3)));
    assertSame(outer.var(), ((For) body).var());
    assertTrue(TirPrinter.print(body).contains("= 3"), TirPrinter.print(body));
    assertThrows(IllegalArgumentException.class,
        () -> Substitute.expr(n, Map.of(n, new IntImm(DType.I64, 1))));
  }

  @Test void freeVarsExcludeBoundVariables() {
    PrimFunc f = TirParser.parse(TWO_NESTS);
    assertEquals(List.copyOf(FreeVars.of(f.body())), f.sizeVars());
    Var a = Var.index("a"), b = Var.index("b");
    assertEquals(List.of(a, b), List.copyOf(FreeVars.of(new Binary(BinOp.ADD, a, new Binary(BinOp.MUL, b, a)))));
    For inner = IrQuery.loops(f.body()).get(1);
    Var i = IrQuery.loops(f.body()).get(0).var();
    assertEquals(List.of(i, f.sizeVars().get(0)), List.copyOf(FreeVars.of(inner)));
  }

  @Test void queriesFindLoopsBlocksParentsAndPaths() {
    PrimFunc f = TirParser.parse(TWO_NESTS);
    assertEquals(List.of("i", "j", "i"), IrQuery.loops(f.body()).stream().map(l -> l.var().name()).toList());
    assertEquals(List.of("root", "B", "C"), IrQuery.blocks(f.body()).stream().map(b -> b.block().name()).toList());
    BlockRealize c = IrQuery.blocks(f.body()).get(2);
    Map<Stmt, Stmt> parents = IrQuery.parents(f.body());
    Stmt let = parents.get(c);
    assertTrue(let instanceof dev.kiln.ir.tir.LetStmt, String.valueOf(let));
    assertSame(IrQuery.loops(f.body()).get(2), parents.get(let));
    List<Stmt> path = IrQuery.pathTo(f.body(), s -> s == c);
    assertEquals(5, path.size());
    assertSame(f.body(), path.get(0));
    assertSame(c, path.get(4));
    assertEquals(List.of(), IrQuery.pathTo(f.body(), s -> false));
    Var j = IrQuery.loops(f.body()).get(1).var();
    assertSame(IrQuery.loops(f.body()).get(1), IrQuery.loopOf(f.body(), j));
  }

  @Test void simplifyStmtUsesLoopBounds() {
    PrimFunc f = TirParser.parse("""
        func g(A: f32[8]) -> (B: f32[8]) {
          block root {
            for i in 0 .. 8 {
              B[i / 8 + i % 8] = A[i * 1 + 0]
            }
          }
        }
        """);
    assertTrue(TirPrinter.print(Simplify.stmt(f.body())).contains("B[i] = A[i]"), TirPrinter.print(Simplify.stmt(f.body())));
  }
}
