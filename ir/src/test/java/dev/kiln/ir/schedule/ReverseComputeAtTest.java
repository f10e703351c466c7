package dev.kiln.ir.schedule;

import static dev.kiln.ir.schedule.PrimitiveChecks.loop;
import static dev.kiln.ir.schedule.PrimitiveChecks.rejects;
import static dev.kiln.ir.schedule.PrimitiveChecks.replays;
import static dev.kiln.ir.schedule.PrimitiveChecks.sameResults;
import static dev.kiln.ir.schedule.SchedulePrimitivesGoldenTest.assertIr;

import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.text.TirParser;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** reverse_compute_at: before/after IR, the same results under the interpreter, and every rejection. */
class ReverseComputeAtTest {
  /** A matmul into the intermediate C, then {@code Y = max(C + bias, 0)}. */
  static PrimFunc mmRelu() {
    return TirParser.parse("""
        func mm_relu(A: f32[M, K], B: f32[K, N], bias: f32[N]) -> (Y: f32[M, N]) {
          sizes M, N, K
          block root {
            alloc C: f32[M, N]
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
            for i in 0 .. M {
              for j in 0 .. N {
                block Y(vi: S[0:M] = i, vj: S[0:N] = j) {
                  Y[vi, vj] = max(C[vi, vj] + bias[vj], 0.0f32)
                }
              }
            }
          }
        }
        """);
  }

  /** Four 1-d blocks: {@code T = A*2; S = A+1; U = T+S; Y = U*T}. */
  private static final String MIX = """
        func mix(A: f32[N]) -> (Y: f32[N]) {
          sizes N
          block root {
            alloc T: f32[N]
            alloc S: f32[N]
            alloc U: f32[N]
            for i in 0 .. N {
              block T(vi: S[0:N] = i) { T[vi] = A[vi] * 2.0f32 }
            }
            for i in 0 .. N {
              block S(vi: S[0:N] = i) { S[vi] = A[vi] + 1.0f32 }
            }
            for i in 0 .. N {
              block U(vi: S[0:N] = i) { U[vi] = T[vi] + S[vi] }
            }
            for i in 0 .. N {
              block Y(vi: S[0:N] = i) { Y[vi] = U[vi] * T[vi] }
            }
          }
        }
        """;

  private static PrimFunc mix(String from, String to) {
    if (!MIX.contains(from)) throw new IllegalArgumentException(from);
    return TirParser.parse(MIX.replace(from, to));
  }

  private static final Consumer<Schedule> NONE = s -> { };

  @Test void theBiasReluMovesUnderTheTileLoopOfTheMatmul() {
    PrimFunc f = mmRelu();
    Schedule s = new Schedule(f);
    List<LoopRef> i = s.split(loop(s, "C", 0), -1, 4);
    List<LoopRef> j = s.split(loop(s, "C", 2), -1, 8);
    s.reorder(i.get(0), j.get(0), i.get(1), j.get(1));
    s.reverseComputeAt(s.getBlock("Y"), j.get(0));
    assertIr("""
        func mm_relu(A: f32[M, K], B: f32[K, N], bias: f32[N]) -> (Y: f32[M, N]) {
          sizes M, N, K
          block root {
            alloc C: f32[M, N]
            for i_0 in 0 .. (M + 3) / 4 {
              for j_0 in 0 .. (N + 7) / 8 {
                for i_1 in 0 .. 4 {
                  for j_1 in 0 .. 8 {
                    for k in 0 .. K {
                      block C(vi: S[0:M] = i_0 * 4 + i_1, vj: S[0:N] = j_0 * 8 + j_1, vk: R[0:K] = k) where i_0 * 4 + i_1 < M && j_0 * 8 + j_1 < N {
                        init { C[vi, vj] = 0.0f32 }
                        C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]
                      }
                    }
                  }
                }
                for ax0 in 0 .. 4 {
                  for ax1 in 0 .. 8 {
                    block Y(vi_1: S[0:M] = i_0 * 4 + ax0, vj_1: S[0:N] = j_0 * 8 + ax1) where i_0 * 4 + ax0 < M && j_0 * 8 + ax1 < N {
                      Y[vi_1, vj_1] = max(C[vi_1, vj_1] + bias[vj_1], 0.0f32)
                    }
                  }
                }
              }
            }
          }
        }
        """, s.func());
    for (int[] sizes : new int[][] {{5, 9, 3}, {8, 16, 2}, {1, 1, 1}}) sameResults(f, s.func(), sizes);
    replays(f, s);
  }

  @Test void softmaxOutputUnderTheRowLoopOfItsSumKeepsItsOtherAxisWhole() {
    PrimFunc f = Programs.softmax();
    Schedule s = new Schedule(f);
    s.reverseComputeAt(s.getBlock("Y"), loop(s, "s", 0));
    assertIr("""
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
            for i_1 in 0 .. N {
              for j_1 in 0 .. D {
                block s(vi_1: S[0:N] = i_1, vj_1: R[0:D] = j_1) {
                  init { s[vi_1] = 0.0f32 }
                  s[vi_1] = s[vi_1] + exp(X[vi_1, vj_1] - m[vi_1])
                }
              }
              for ax0 in 0 .. D {
                block Y(vi_2: S[0:N] = i_1, vj_2: S[0:D] = ax0) {
                  Y[vi_2, vj_2] = exp(X[vi_2, vj_2] - m[vi_2]) / s[vi_2]
                }
              }
            }
          }
        }
        """, s.func());
    sameResults(f, s.func(), 3, 5);
    replays(f, s);
  }

  @Test void atTheInnermostLoopTheConsumerComputesOnePoint() {
    PrimFunc f = Programs.chain();
    Schedule s = new Schedule(f);
    s.reverseComputeAt(s.getBlock("Y"), loop(s, "U", 1));
    assertIr("""
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
            for i_1 in 0 .. N {
              for j_1 in 0 .. N {
                block U(vi_1: S[0:N] = i_1, vj_1: S[0:N] = j_1) {
                  U[vi_1, vj_1] = T[vj_1, vi_1] + 1.0f32
                }
                block Y(vi_2: S[0:N] = i_1, vj_2: S[0:N] = j_1) {
                  Y[vi_2, vj_2] = U[vi_2, vj_2] * U[vi_2, vj_2] - A[vi_2, vj_2]
                }
              }
            }
          }
        }
        """, s.func());
    sameResults(f, s.func(), 4);
  }

  @Test void anOverApproximatedRegionAfterFuseAndSplitStillComputesTheSame() {
    PrimFunc f = Programs.chain();
    Schedule s = new Schedule(f);
    LoopRef fused = s.fuse(loop(s, "U", 0), loop(s, "U", 1));
    List<LoopRef> p = s.split(fused, -1, 5);
    s.reverseComputeAt(s.getBlock("Y"), p.get(0));
    for (int n : new int[] {1, 3, 4, 7}) sameResults(f, s.func(), n);
    replays(f, s);
  }

  @Test void rejectsTheRootBlock() {
    rejects(Programs.chain(), NONE, s -> s.reverseComputeAt(s.getBlock("root"), loop(s, "U", 0)), "it is the root block");
  }

  @Test void rejectsAnAnnotatedLoop() {
    rejects(Programs.chain(), s -> s.parallel(loop(s, "U", 0)), s -> s.reverseComputeAt(s.getBlock("Y"), loop(s, "U", 0)),
        "block `Y` at loop `i`", "the loop is parallel");
  }

  @Test void rejectsALoopAfterTheBlock() {
    rejects(Programs.chain(), NONE, s -> s.reverseComputeAt(s.getBlock("T"), loop(s, "U", 0)),
        "the loop does not come before the block");
  }

  @Test void rejectsALoopThatProducesNothingTheBlockReads() {
    rejects(Programs.chain(), NONE, s -> s.reverseComputeAt(s.getBlock("Y"), loop(s, "T", 0)),
        "no block under the loop writes a tensor the block reads");
  }

  @Test void rejectsTwoTensorsWrittenUnderTheLoop() {
    rejects(TirParser.parse("""
        func two(A: f32[N]) -> (Y: f32[N]) {
          sizes N
          block root {
            alloc T: f32[N]
            alloc S: f32[N]
            for i in 0 .. N {
              block T(vi: S[0:N] = i) { T[vi] = A[vi] * 2.0f32 }
              block S(vi: S[0:N] = i) { S[vi] = A[vi] + 1.0f32 }
            }
            for i in 0 .. N {
              block Y(vi: S[0:N] = i) { Y[vi] = T[vi] + S[vi] }
            }
          }
        }
        """), NONE, s -> s.reverseComputeAt(s.getBlock("Y"), loop(s, "T", 0)),
        "the block reads 2 tensors written under the loop (`T`, `S`); it must read one");
  }

  @Test void rejectsAProducerThatIsAParameter() {
    rejects(TirParser.parse("""
        func two(A: f32[N]) -> (Y: f32[N], Z: f32[N]) {
          sizes N
          block root {
            for i in 0 .. N {
              block Y(vi: S[0:N] = i) { Y[vi] = A[vi] * 2.0f32 }
            }
            for i in 0 .. N {
              block Z(vi: S[0:N] = i) { Z[vi] = Y[vi] + 1.0f32 }
            }
          }
        }
        """), NONE, s -> s.reverseComputeAt(s.getBlock("Z"), loop(s, "Y", 0)), "`Y` is a parameter of the function");
  }

  @Test void rejectsABlockThatAlsoWritesWhatItReads() {
    rejects(mix("block Y(vi: S[0:N] = i) { Y[vi] = U[vi] * T[vi] }", "block Y(vi: S[0:N] = i) { U[vi] = U[vi] * T[vi] }"), NONE,
        s -> s.reverseComputeAt(s.getBlock("Y"), loop(s, "U", 0)), "the block also writes `U`");
  }

  @Test void rejectsAnotherWriterOutsideTheLoop() {
    rejects(mix("block S(vi: S[0:N] = i) { S[vi] = A[vi] + 1.0f32 }", "block S(vi: S[0:N] = i) { T[vi] = A[vi] + 1.0f32 }"),
        NONE, s -> s.reverseComputeAt(s.getBlock("U"), loop(s, "T", 0)),
        "block `S` also writes `T` but is not under the loop");
  }

  @Test void rejectsABlockBetweenThatWritesWhatTheBlockReads() {
    rejects(mix("", ""), NONE, s -> s.reverseComputeAt(s.getBlock("U"), loop(s, "T", 0)),
        "block `S` writes `S`, which the block reads, and comes between the loop and the block");
    rejects(mix("", ""), NONE, s -> s.reverseComputeAt(s.getBlock("Y"), loop(s, "T", 0)),
        "block `U` writes `U`, which the block reads");
  }

  @Test void rejectsABlockBetweenThatReadsWhatTheBlockWrites() {
    rejects(mix("S[vi] = A[vi] + 1.0f32", "S[vi] = A[vi] + U[vi]"), NONE, s -> s.reverseComputeAt(s.getBlock("U"), loop(s, "T", 0)),
        "block `S` uses `U`, which the block writes, and comes between the loop and the block");
  }

  @Test void rejectsAReductionLoopOfTheProducer() {
    rejects(mmRelu(), NONE, s -> s.reverseComputeAt(s.getBlock("Y"), loop(s, "C", 2)),
        "loop `k` binds reduction iter var `vk` of block `C`", "partial results");
  }

  @Test void rejectsAReadThatIsNotAPlainIterationVariable() {
    rejects(mix("Y[vi] = U[vi] * T[vi]", "Y[vi] = U[N - 1 - vi] * T[vi]"), NONE,
        s -> s.reverseComputeAt(s.getBlock("Y"), loop(s, "U", 0)),
        "its read of `U` does not read dimension 0 at a spatial iteration variable covering it");
  }

  @Test void rejectsReadsAtDifferentIndices() {
    rejects(TirParser.parse(Programs.CHAIN.replace("U[vi, vj] * U[vi, vj]", "U[vi, vj] * U[vj, vi]")), NONE,
        s -> s.reverseComputeAt(s.getBlock("Y"), loop(s, "U", 1)), "its reads of `U` use different indices");
  }

  @Test void rejectsALoopInsideABlock() {
    rejects(mmRelu(), s -> {
      List<LoopRef> i = s.split(loop(s, "C", 0), -1, 4);
      s.blockize(i.get(1));
    }, s -> s.reverseComputeAt(s.getBlock("Y"), loop(s, "C", 0)), "the loop is inside block `C_o`");
  }

  @Test void rejectsAProducerInsideAnotherBlockUnderTheLoop() {
    rejects(mmRelu(), s -> {
      List<LoopRef> i = s.split(loop(s, "C", 0), -1, 4);
      s.blockize(i.get(1));
    }, s -> s.reverseComputeAt(s.getBlock("Y"), loop(s, "C_o", 0)), "block `C` is inside another block under the loop");
  }

  @Test void rejectsABlockWhoseLoopsHoldAnother() {
    rejects(Programs.chain(), s -> s.reverseComputeAt(s.getBlock("U"), loop(s, "T", 1)),
        s -> s.reverseComputeAt(s.getBlock("U"), loop(s, "T", 0)),
        "the block's loops hold other statements or are not a whole top-level loop nest");
  }
}
