package dev.kiln.ir.schedule;

import static dev.kiln.ir.schedule.SchedulePrimitivesGoldenTest.assertIr;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kiln.ir.interp.Interpreter;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.StructuralEqual;
import dev.kiln.ir.tir.text.TirParser;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Before/after tests of cache_read and cache_write, each also run under the interpreter. */
class CachePrimitivesGoldenTest {
  private static void sameResults(PrimFunc original, PrimFunc scheduled, int... sizes) {
    Random rnd = new Random(4);
    Object[] in = Interpreter.allocateOutputs(
        new PrimFunc("in", List.of(), original.inputs(), original.sizeVars(), original.body()), sizes);
    for (Object a : in) {
      float[] x = (float[]) a;
      for (int k = 0; k < x.length; k++) x[k] = rnd.nextInt(9) - 4;
    }
    assertArrayEquals((float[]) Interpreter.runAllocating(original, in, sizes)[0],
        (float[]) Interpreter.runAllocating(scheduled, in, sizes)[0], 1e-4f);
  }

  @Test void cacheReadOfAnInputForEveryReaderAndCacheWrite() {
    Schedule s = new Schedule(Programs.matmulConst());
    assertEquals("A_local", s.cacheRead(null, "A").name());
    assertEquals("C_local", s.cacheWrite(s.getBlock("C")).name());
    assertIr("""
        func matmul(A: f32[64, 30], B: f32[30, 48]) -> (C: f32[64, 48]) {
          block root {
            alloc A_local: f32[64, 30] local
            alloc C_local: f32[64, 48] local
            for ax0 in 0 .. 64 {
              for ax1 in 0 .. 30 {
                block A_local(v0: S[0:64] = ax0, v1: S[0:30] = ax1) {
                  A_local[v0, v1] = A[v0, v1]
                }
              }
            }
            for i in 0 .. 64 {
              for j in 0 .. 48 {
                for k in 0 .. 30 {
                  block C(vi: S[0:64] = i, vj: S[0:48] = j, vk: R[0:30] = k) {
                    init { C_local[vi, vj] = 0.0f32 }
                    C_local[vi, vj] = C_local[vi, vj] + A_local[vi, vk] * B[vk, vj]
                  }
                }
              }
            }
            for ax0 in 0 .. 64 {
              for ax1 in 0 .. 48 {
                block C_local(v0: S[0:64] = ax0, v1: S[0:48] = ax1) {
                  C[v0, v1] = C_local[v0, v1]
                }
              }
            }
          }
        }
        """, s.func());
    sameResults(Programs.matmulConst(), s.func());
  }

  @Test void cacheReadForOneBlockGoesJustBeforeItAndKeepsRegions() {
    PrimFunc f = TirParser.parse("""
        func two(X: f32[N]) -> (Y: f32[N], Z: f32[N]) {
          sizes N
          block root {
            for i in 0 .. N {
              block Y(vi: S[0:N] = i) {
                reads X[vi]
                writes Y[vi]
                Y[vi] = X[vi] + 1.0f32
              }
            }
            for i in 0 .. N {
              block Z(vi: S[0:N] = i) {
                reads X[vi], Y[vi]
                writes Z[vi]
                Z[vi] = X[vi] * Y[vi]
              }
            }
          }
        }
        """);
    Schedule s = new Schedule(f);
    s.cacheRead(s.getBlock("Z"), "X");
    assertIr("""
        func two(X: f32[N]) -> (Y: f32[N], Z: f32[N]) {
          sizes N
          block root {
            alloc X_local: f32[N] local
            for i in 0 .. N {
              block Y(vi: S[0:N] = i) {
                reads X[vi]
                writes Y[vi]
                Y[vi] = X[vi] + 1.0f32
              }
            }
            for ax0 in 0 .. N {
              block X_local(v0: S[0:N] = ax0) {
                reads X[v0]
                writes X_local[v0]
                X_local[v0] = X[v0]
              }
            }
            for i in 0 .. N {
              block Z(vi: S[0:N] = i) {
                reads X_local[vi], Y[vi]
                writes Z[vi]
                Z[vi] = X_local[vi] * Y[vi]
              }
            }
          }
        }
        """, s.func());
  }

  @Test void cacheNamesAvoidTakenNamesAndTheTraceReplays() {
    PrimFunc f = Programs.softmax();
    Schedule s = new Schedule(f);
    s.cacheRead(s.getBlock("Y"), "m");
    BlockRef second = s.cacheRead(s.getBlock("s"), "m");
    assertEquals("m_local_1", second.name());
    s.cacheWrite(s.getBlock("Y"));
    Schedule r = s.trace().replay(f);
    assertNull(StructuralEqual.explain(s.func(), r.func()));
    assertEquals(s.trace(), r.trace());
    sameResults(f, s.func(), 3, 5);
  }
}
