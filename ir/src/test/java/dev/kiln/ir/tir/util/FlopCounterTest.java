package dev.kiln.ir.tir.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.text.TirParser;
import org.junit.jupiter.api.Test;

class FlopCounterTest {
  static final String MATMUL = """
      func matmul(A: f32[M, K], B: f32[K, N]) -> (C: f32[M, N]) {
        sizes M, K, N
        block root {
          for i in 0 .. M {
            for j in 0 .. N {
              for k in 0 .. K {
                block C(vi: S[0:M] = i, vj: S[0:N] = j, vk: R[0:K] = k) {
                  reads A[vi, vk], B[vk, vj]
                  writes C[vi, vj]
                  init { C[vi, vj] = 0.0f32 }
                  C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]
                }
              }
            }
          }
        }
      }
      """;

  @Test
  void matmulCountsTwoFlopsPerMultiplyAdd() {
    PrimFunc f = TirParser.parse(MATMUL);
    assertEquals(2L * 3 * 5 * 7, FlopCounter.count(f, new int[] {3, 7, 5}));
    assertEquals(2L * 1024 * 1024 * 1024, FlopCounter.count(f, new int[] {1024, 1024, 1024}));
    assertEquals(0, FlopCounter.count(f, new int[] {0, 7, 5}));
  }

  @Test
  void integerIndexArithmeticAndCastsAreFree() {
    PrimFunc f = TirParser.parse("""
        func g(X: f32[N]) -> (Y: f32[N]) {
          sizes N
          block root {
            for i in 0 .. N {
              block Y(vi: S[0:N] = i) {
                reads X[vi]
                writes Y[vi]
                Y[vi] = exp(X[vi]) * f32(vi + 1)
              }
            }
          }
        }
        """);
    assertEquals(2L * 10, FlopCounter.count(f, new int[] {10}));
  }
}
