package dev.kiln.frontend.op;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.text.TirPrinter;
import dev.kiln.ir.tir.text.TirParser;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lowered IR of matmul and softmax_rows, exactly, in the loop-nest IR's text form. */
class OpLoweringGoldenTest {
  private static void assertLowersTo(String src, Map<String, Object> attrs, String expected) {
    PrimFunc f = OpLowering.lower(OpSources.op(src), attrs);
    String text = TirPrinter.print(f);
    assertEquals(expected, text);
    assertEquals(text, TirPrinter.print(TirParser.parse(text)), "the printed IR parses back to itself");
  }

  @Test
  void matmul() {
    assertLowersTo(OpSources.MATMUL, Map.of(), """
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
        """);
  }

  @Test
  void softmaxRows() {
    assertLowersTo(OpSources.SOFTMAX_ROWS, Map.of(), """
        func softmax_rows(X: f32[N, D]) -> (Y: f32[N, D]) {
          sizes N, D
          block root {
            alloc m: f32[N]
            alloc s: f32[N]
            for i in 0 .. N {
              for j in 0 .. D {
                block m(vi: S[0:N] = i, vj: R[0:D] = j) {
                  reads X[vi, vj]
                  writes m[vi]
                  init { m[vi] = -inf_f32 }
                  m[vi] = max(m[vi], X[vi, vj])
                }
              }
            }
            for i_1 in 0 .. N {
              for j_1 in 0 .. D {
                block s(vi_1: S[0:N] = i_1, vj_1: R[0:D] = j_1) {
                  reads X[vi_1, vj_1], m[vi_1]
                  writes s[vi_1]
                  init { s[vi_1] = 0.0f32 }
                  s[vi_1] = s[vi_1] + exp(X[vi_1, vj_1] - m[vi_1])
                }
              }
            }
            for i_2 in 0 .. N {
              for j_2 in 0 .. D {
                block Y(vi_2: S[0:N] = i_2, vj_2: S[0:D] = j_2) {
                  reads X[vi_2, vj_2], m[vi_2], s[vi_2]
                  writes Y[vi_2, vj_2]
                  Y[vi_2, vj_2] = exp(X[vi_2, vj_2] - m[vi_2]) / s[vi_2]
                }
              }
            }
          }
        }
        """);
  }

  @Test
  void attributesBecomeConstantsAndWhereStartsBecomeLoopMins() {
    String src = """
        op window(X: f32[N]; k: int = 3, lo: int = 1, scale: float = 0.5) -> Y: f32[N - k + 1] {
          Y[i] += X[i + r - lo] * scale where r in lo .. k + lo
        }
        """;
    assertLowersTo(src, Map.of("k", 2L), """
        func window(X: f32[N]) -> (Y: f32[N - 2 + 1]) {
          sizes N
          block root {
            for i in 0 .. N - 2 + 1 {
              for r in 1 .. 3 {
                block Y(vi: S[0:N - 2 + 1] = i, vr: R[1:3] = r) {
                  reads X[vi + vr - 1]
                  writes Y[vi]
                  init { Y[vi] = 0.0f32 }
                  Y[vi] = Y[vi] + X[vi + vr - 1] * 0.5f32
                }
              }
            }
          }
        }
        """);
  }
}
