package dev.kiln.backend.jvm;

import static dev.kiln.backend.jvm.Ir.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.kiln.ir.DType;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.ForKind;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Var;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scalar loops without avoidable per-iteration work: block predicates that bound the loop
 * variable become loop bounds (the split of a predicate, and serial loops whose guarded iterations
 * are skipped, bit-exact for every comparison and both signs of the loop variable), and row
 * offsets are hoisted out of innermost loops.
 */
class ScalarLoopsTest {
  @Test void splitsBoundsFromTheRest() {
    Var v = Var.index("v"), n = Var.index("n"), o = Var.index("o");
    Expr pred = bin(BinOp.AND, bin(BinOp.AND, lt(add(mul(o, c(4)), v), n), bin(BinOp.GE, sub(c(10), v), c(2))),
        bin(BinOp.AND, lt(o, n), lt(mul(v, c(2)), n)));
    LoopBounds.Split s = LoopBounds.of(pred, v);
    assertEquals(2, s.uppers().size(), "o*4 + v < n and 10 - v >= 2 are upper bounds");
    assertEquals(0, s.lowers().size());
    assertEquals(2, s.rest().size(), "o < n does not use v; v*2 < n has coefficient 2");
  }

  /** Row offsets of the innermost loop are locals computed before it: accesses are a[off + j]. */
  @Test void rowOffsetsAreHoistedOutOfInnermostLoops() {
    PrimFunc f = StmtNodesTest.matmul(ForKind.SERIAL, ForKind.SERIAL);
    String src = JvmBackend.generate(f, "kiln.gen.H", JvmOptions.scalar()).toSource();
    assertTrue(java.util.regex.Pattern.compile("C_\\d+\\[\\(off_\\d+ \\+ j_\\d+\\)\\] = ").matcher(src).find(), src);
    assertTrue(java.util.regex.Pattern.compile("B_\\d+\\[\\(off_\\d+ \\+ j_\\d+\\)\\]").matcher(src).find(), src);
    var k = new JvmBackend(JvmOptions.scalar()).compile(f).kernel();
    for (int[] s : new int[][] {{3, 5, 7}, {1, 1, 1}, {0, 2, 2}, {9, 16, 4}}) Differential.check(f, k, s, s[2], true, false);
  }

  /** Y[i] = X[i] + 1 where (pred(i)) over a serial loop, for each comparison and sign. */
  @Test void serialLoopsRunOnlyTheAdmittedIterations() {
    Var n = Var.index("n"), i = Var.index("i"), vi = Var.index("vi");
    Buffer x = buf("X", DType.F32, n), y = buf("Y", DType.F32, n);
    for (BinOp op : List.of(BinOp.LT, BinOp.LE, BinOp.GT, BinOp.GE)) {
      for (boolean flip : new boolean[] {false, true}) {
        Expr lhs = flip ? sub(c(9), i) : add(i, c(2));
        Expr pred = bin(BinOp.AND, bin(op, lhs, sub(n, c(3))), bin(BinOp.GT, n, c(1)));
        Stmt blk = block("Y", List.of(spatial(vi, n)), List.of(i), pred, null, store(y, add(load(x, vi), f(1)), vi));
        PrimFunc f = new PrimFunc("bound_" + op + flip, List.of(x), List.of(y), List.of(n),
            root(loop(ForKind.SERIAL, i, c(0), n, blk)));
        String src = JvmBackend.generate(f, "kiln.gen.B", JvmOptions.scalar()).toSource();
        assertTrue(src.contains("Math.max(") || src.contains("Math.min("), src);
        var k = new JvmBackend(JvmOptions.scalar()).compile(f).kernel();
        for (int s : new int[] {0, 1, 2, 5, 6, 7, 12, 20}) Differential.check(f, k, new int[] {s}, s, true, true);
      }
    }
  }
}
