package dev.kiln.backend.jvm;

import static dev.kiln.backend.jvm.Ir.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.kiln.ir.DType;
import dev.kiln.ir.interp.Interpreter;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.Call;
import dev.kiln.ir.tir.ForKind;
import dev.kiln.ir.tir.LetStmt;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Var;
import dev.kiln.runtime.Kernel;
import dev.kiln.runtime.parallel.KilnPool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Parallel loops on the shared pool (thread counts, captured locals, nesting) and many threads invoking one kernel at once. */
class ParallelAndConcurrencyTest {
  @Test void parallelOuterLoopOfMatmul() {
    PrimFunc f = StmtNodesTest.matmul(ForKind.PARALLEL, ForKind.SERIAL);
    assertTrue(JvmBackend.generate(f, "kiln.gen.P").toSource().contains("dev.kiln.runtime.parallel.KilnPool.parallelFor("));
    Kernel k = Differential.check(f, new int[] {37, 11, 19});
    Differential.check(f, k, new int[] {1, 3, 2}, 5, false, false);
  }

  @Test void resultsEqualTheInterpreterForAnyThreadCount() {
    PrimFunc f = StmtNodesTest.matmul(ForKind.PARALLEL, ForKind.SERIAL);
    Kernel k = Differential.BACKEND.compile(f).kernel();
    int before = KilnPool.threads();
    try {
      for (int t : new int[] {1, 2, 3, 7}) {
        KilnPool.setThreads(t);
        Differential.check(f, k, new int[] {29, 6, 13}, t, true, false);
        Differential.check(f, k, new int[] {1, 2, 3}, t, false, false);
      }
    } finally {
      KilnPool.setThreads(before);
    }
  }

  @Test void parallelBodyCapturesLetsBlockVarsAndAllocsAndNestsParallel() {
    // for a (serial): let s = a * 10 in for i (parallel): block{alloc t[2]} for j (parallel): Y[a, i, j] = ...
    Var n = Var.index("n");
    Buffer x = buf("X", DType.F32, n), y = buf("Y", DType.F32, c(3), n, c(4)), t = buf("t", DType.F32, c(2));
    Var a = Var.index("a"), s = Var.index("s"), i = Var.index("i"), j = Var.index("j"), vi = Var.index("vi");
    Stmt inner = loop(ForKind.PARALLEL, j, c(0), c(4), store(y,
        add(mul(load(x, vi), new dev.kiln.ir.tir.Cast(DType.F32, add(s, j))),
            new Call("erf", DType.F32, List.of(load(x, vi)))), a, vi, j));
    Stmt blk = block("row", List.of(spatial(vi, n)), List.of(i), null,
        seq(store(t, load(x, vi), c(0)), inner), t);
    Stmt body = loop(a, c(3), new LetStmt(s, mul(a, c(10)), loop(ForKind.PARALLEL, i, c(0), n, blk)));
    Differential.check(new PrimFunc("captures", List.of(x), List.of(y), List.of(n), root(body)), new int[] {23});
  }

  @Test void eightThreadsInvokeOneKernelConcurrently() throws Exception {
    PrimFunc f = StmtNodesTest.matmul(ForKind.PARALLEL, ForKind.SERIAL);
    Kernel k = Differential.BACKEND.compile(f).kernel();
    int[] sizes = {24, 16, 20};
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int tIdx = 0; tIdx < 8; tIdx++) {
        long seed = 100 + tIdx;
        results.add(pool.submit(() -> {
          for (int rep = 0; rep < 5; rep++) {
            Object[] in = Differential.inputs(f, sizes, seed + rep, false, false);
            float[] want = (float[]) Interpreter.runAllocating(f, in, sizes)[0];
            float[] got = (float[]) Differential.run(f, k, in, sizes)[0];
            if (!Arrays.equals(want, got)) return false;
          }
          return true;
        }));
      }
      for (Future<Boolean> r : results) assertTrue(r.get(), "a concurrent invocation differed from the interpreter");
    } finally {
      pool.shutdownNow();
    }
  }
}
