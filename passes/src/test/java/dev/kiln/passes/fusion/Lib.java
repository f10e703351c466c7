package dev.kiln.passes.fusion;

import java.util.List;

/** Kernels in the loop-nest IR's text form, for graph modules written by tests. */
final class Lib {
  private Lib() {}

  static final String RELU = """
      func relu(X: f32[N, 8]) -> (Y: f32[N, 8]) {
        sizes N
        block root {
          for i in 0 .. N {
            for j in 0 .. 8 {
              block Y(vi: S[0:N] = i, vj: S[0:8] = j) {
                Y[vi, vj] = max(X[vi, vj], 0.0f32)
              }
            }
          }
        }
      }
      """;

  static final String ADD = """
      func add(X0: f32[N, 8], X1: f32[N, 8]) -> (Y: f32[N, 8]) {
        sizes N
        block root {
          for i in 0 .. N {
            for j in 0 .. 8 {
              block Y(vi: S[0:N] = i, vj: S[0:8] = j) {
                Y[vi, vj] = X0[vi, vj] + X1[vi, vj]
              }
            }
          }
        }
      }
      """;

  /** Adds a bias broadcast over the rows: an elementwise kernel with a broadcast read. */
  static final String ADDB = """
      func addb(X0: f32[N, 8], X1: f32[8]) -> (Y: f32[N, 8]) {
        sizes N
        block root {
          for i in 0 .. N {
            for j in 0 .. 8 {
              block Y(vi: S[0:N] = i, vj: S[0:8] = j) {
                Y[vi, vj] = X0[vi, vj] + X1[vj]
              }
            }
          }
        }
      }
      """;

  static final String MM = """
      func mm(A: f32[N, 8], W: f32[8, 8]) -> (C: f32[N, 8]) {
        sizes N
        block root {
          for i in 0 .. N {
            for j in 0 .. 8 {
              for k in 0 .. 8 {
                block C(vi: S[0:N] = i, vj: S[0:8] = j, vk: R[0:8] = k) {
                  init { C[vi, vj] = 0.0f32 }
                  C[vi, vj] = C[vi, vj] + A[vi, vk] * W[vk, vj]
                }
              }
            }
          }
        }
      }
      """;

  /** Reverses each row: a computed index, so not elementwise. */
  static final String REV = """
      func rev(X: f32[N, 8]) -> (Y: f32[N, 8]) {
        sizes N
        block root {
          for i in 0 .. N {
            for j in 0 .. 8 {
              block Y(vi: S[0:N] = i, vj: S[0:8] = j) {
                Y[vi, vj] = X[vi, 7 - vj]
              }
            }
          }
        }
      }
      """;

  /** Subtracts each row's maximum: a reduction into an intermediate, so not elementwise. */
  static final String NORM = """
      func norm(X: f32[N, 8]) -> (Y: f32[N, 8]) {
        sizes N
        block root {
          alloc m: f32[N]
          for i in 0 .. N {
            for j in 0 .. 8 {
              block m(vi: S[0:N] = i, vj: R[0:8] = j) {
                init { m[vi] = -inf_f32 }
                m[vi] = max(m[vi], X[vi, vj])
              }
            }
          }
          for i2 in 0 .. N {
            for j2 in 0 .. 8 {
              block Y(wi: S[0:N] = i2, wj: S[0:8] = j2) {
                Y[wi, wj] = X[wi, wj] - m[wi]
              }
            }
          }
        }
      }
      """;

  /** Doubles its input; its size variable has another name than the others'. */
  static final String SCALE = """
      func scale(X: f32[M, 8]) -> (Y: f32[M, 8]) {
        sizes M
        block root {
          for i in 0 .. M {
            for j in 0 .. 8 {
              block Y(vi: S[0:M] = i, vj: S[0:8] = j) {
                Y[vi, vj] = X[vi, vj] * 2.0f32
              }
            }
          }
        }
      }
      """;

  /** Every kernel above. */
  static final List<String> ALL = List.of(RELU, ADD, ADDB, MM, REV, NORM, SCALE);

  /** The kernels named, followed by {@code graph}. */
  static String module(String graph, String... kernels) {
    return String.join("", kernels) + graph;
  }
}
