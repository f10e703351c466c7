package dev.kiln.ir.schedule;

import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.text.TirParser;

/** Test workloads written in the IR's text form, shaped the way lowered ops are. */
final class Programs {
  private Programs() {}

  /** {@code C[i, j] += A[i, k] * B[k, j]} with symbolic M, N, K. */
  static PrimFunc matmul() {
    return TirParser.parse("""
        func matmul(A: f32[M, K], B: f32[K, N]) -> (C: f32[M, N]) {
          sizes M, N, K
          block root {
            for i in 0 .. M {
              for j in 0 .. N {
                for k in 0 .. K {
                  block C(vi: S[0:M] = i, vj: S[0:N] = j, vk: R[0:K] = k) {
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

  /** The same matmul on constant shapes 64 x 48 x 30. */
  static PrimFunc matmulConst() {
    return TirParser.parse("""
        func matmul(A: f32[64, 30], B: f32[30, 48]) -> (C: f32[64, 48]) {
          block root {
            for i in 0 .. 64 {
              for j in 0 .. 48 {
                for k in 0 .. 30 {
                  block C(vi: S[0:64] = i, vj: S[0:48] = j, vk: R[0:30] = k) {
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

  /** Row softmax through the intermediates m[N] and s[N]: three blocks, each in its own nest. */
  static PrimFunc softmax() {
    return TirParser.parse("""
        func softmax_rows(X: f32[N, D]) -> (Y: f32[N, D]) {
          sizes N, D
          block root {
            alloc m: f32[N]
            alloc s: f32[N]
            for i in 0 .. N {
              for j in 0 .. D {
                block m(vi: S[0:N] = i, vj: R[0:D] = j) {
                  init { m[vi] = -inf_f32 }
                  m[vi] = max(m[vi], X[vi, vj])
                }
              }
            }
            for i in 0 .. N {
              for j in 0 .. D {
                block s(vi: S[0:N] = i, vj: R[0:D] = j) {
                  init { s[vi] = 0.0f32 }
                  s[vi] = s[vi] + exp(X[vi, vj] - m[vi])
                }
              }
            }
            for i in 0 .. N {
              for j in 0 .. D {
                block Y(vi: S[0:N] = i, vj: S[0:D] = j) {
                  Y[vi, vj] = exp(X[vi, vj] - m[vi]) / s[vi]
                }
              }
            }
          }
        }
        """);
  }

  /**
   * An elementwise chain through two intermediates, the second read transposed:
   * {@code T = A * 2; U[i, j] = T[j, i] + 1; Y = U * U - A}, on N x N.
   */
  static PrimFunc chain() { return TirParser.parse(CHAIN); }

  static final String CHAIN = """
        func chain(A: f32[N, N]) -> (Y: f32[N, N]) {
          sizes N
          block root {
            alloc T: f32[N, N]
            alloc U: f32[N, N]
            for i in 0 .. N {
              for j in 0 .. N {
                block T(vi: S[0:N] = i, vj: S[0:N] = j) {
                  T[vi, vj] = A[vi, vj] * 2.0f32
                }
              }
            }
            for i in 0 .. N {
              for j in 0 .. N {
                block U(vi: S[0:N] = i, vj: S[0:N] = j) {
                  U[vi, vj] = T[vj, vi] + 1.0f32
                }
              }
            }
            for i in 0 .. N {
              for j in 0 .. N {
                block Y(vi: S[0:N] = i, vj: S[0:N] = j) {
                  Y[vi, vj] = U[vi, vj] * U[vi, vj] - A[vi, vj]
                }
              }
            }
          }
        }
        """;
}
