package dev.kiln.passes.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ir.interp.Interpreter;
import dev.kiln.ir.tir.ForKind;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Verifier;
import dev.kiln.ir.tir.text.TirParser;
import dev.kiln.ir.tir.text.TirPrinter;
import dev.kiln.ir.tir.util.IrQuery;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Default schedules keep results (interpreter, same inputs) and make the expected loop structure. */
class DefaultScheduleTest {
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

  /** A (min, +) product: GEMM-shaped, but no tensor intrinsic computes it, so the tiling rules apply. */
  static final String MIN_PLUS = MATMUL.replace("init { C[vi, vj] = 0.0f32 }", "init { C[vi, vj] = 3.0e38f32 }")
      .replace("C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]", "C[vi, vj] = min(C[vi, vj], A[vi, vk] + B[vk, vj])");

  static final String BATCHED = """
      func bmm(A: f32[Bt, M, K], B: f32[Bt, K, N]) -> (C: f32[Bt, M, N]) {
        sizes Bt, M, K, N
        block root {
          for b in 0 .. Bt {
            for i in 0 .. M {
              for j in 0 .. N {
                for k in 0 .. K {
                  block C(vb: S[0:Bt] = b, vi: S[0:M] = i, vj: S[0:N] = j, vk: R[0:K] = k) {
                    init { C[vb, vi, vj] = 0.0f32 }
                    C[vb, vi, vj] = C[vb, vi, vj] + A[vb, vi, vk] * B[vb, vk, vj]
                  }
                }
              }
            }
          }
        }
      }
      """;

  static final String CONV = """
      func conv(X: f32[2, 3, 10, 12], W: f32[8, 3, 3, 3]) -> (Y: f32[2, 8, 8, 10]) {
        block root {
          for n in 0 .. 2 {
            for f in 0 .. 8 {
              for y in 0 .. 8 {
                for x in 0 .. 10 {
                  for c in 0 .. 3 {
                    for ky in 0 .. 3 {
                      for kx in 0 .. 3 {
                        block Y(vn: S[0:2] = n, vf: S[0:8] = f, vy: S[0:8] = y, vx: S[0:10] = x,
                                vc: R[0:3] = c, vky: R[0:3] = ky, vkx: R[0:3] = kx) {
                          init { Y[vn, vf, vy, vx] = 0.0f32 }
                          Y[vn, vf, vy, vx] = Y[vn, vf, vy, vx] + X[vn, vc, vy + vky, vx + vkx] * W[vf, vc, vky, vkx]
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
      """;

  @Test
  void aMatmulBecomesOneGemmCall() {
    PrimFunc f = TirParser.parse(MATMUL);
    PrimFunc g = DefaultSchedule.apply(f);
    Verifier.verify(g);
    assertTrue(IrQuery.loops(g.body()).isEmpty(), TirPrinter.print(g));
    assertTrue(TirPrinter.print(g).contains("intrinsic \"jvm.gemm_f32\"(A, B, C; M, N, K, 0, K, 1, 0, N, 1, 0, N, 0)"), TirPrinter.print(g));
    for (int[] sizes : new int[][] {{1, 3, 5}, {7, 16, 33}, {2, 0, 1}}) assertSameResults(f, g, sizes);
  }

  @Test
  void aBatchedMatmulCallsGemmPerBatchInAParallelLoop() {
    PrimFunc f = TirParser.parse(BATCHED);
    PrimFunc g = DefaultSchedule.apply(f);
    Verifier.verify(g);
    var loops = IrQuery.loops(g.body());
    assertEquals(1, loops.size(), TirPrinter.print(g));
    assertEquals(ForKind.PARALLEL, loops.get(0).kind(), TirPrinter.print(g));
    assertSameResults(f, g, new int[] {3, 5, 4, 6});
  }

  @Test
  void aConvolutionCallsGemmOverFiltersColumnsAndChannels() {
    PrimFunc f = TirParser.parse(CONV);
    PrimFunc g = DefaultSchedule.apply(f);
    Verifier.verify(g);
    List<String> names = IrQuery.loops(g.body()).stream().map(l -> l.var().name()).toList();
    assertEquals(List.of("n_y_fused", "ky", "kx"), names, TirPrinter.print(g));
    assertEquals(ForKind.PARALLEL, IrQuery.loops(g.body()).get(0).kind());
    assertTrue(TirPrinter.print(g).contains("intrinsic \"jvm.gemm_f32\"(W, X, Y;"), TirPrinter.print(g));
    assertSameResults(f, g, new int[] {});
  }

  @Test
  void anElementwiseProducerIsInlinedIntoItsOnlyElementwiseConsumer() {
    PrimFunc f = TirParser.parse("""
        func bias_relu(X: f32[N, M], B: f32[M]) -> (Y: f32[N, M]) {
          sizes N, M
          block root {
            alloc t: f32[N, M]
            alloc u: f32[N, M]
            for i in 0 .. N {
              for j in 0 .. M {
                block t(vi: S[0:N] = i, vj: S[0:M] = j) {
                  t[vi, vj] = X[vi, vj] + B[vj]
                }
              }
            }
            for i in 0 .. N {
              for j in 0 .. M {
                block u(vi: S[0:N] = i, vj: S[0:M] = j) {
                  u[vi, vj] = t[vi, vj] * 2.0f32
                }
              }
            }
            for i in 0 .. N {
              for j in 0 .. M {
                block Y(vi: S[0:N] = i, vj: S[0:M] = j) {
                  Y[vi, vj] = max(u[vi, vj], t[vi, vj])
                }
              }
            }
          }
        }
        """);
    PrimFunc g = DefaultSchedule.apply(f);
    Verifier.verify(g);
    String printed = TirPrinter.print(g);
    assertTrue(!printed.contains("block u") && !printed.contains("alloc u"), "u has one elementwise reader: inlined\n" + printed);
    assertTrue(printed.contains("alloc t"), "t has two readers: kept\n" + printed);
    assertSameResults(f, g, new int[] {3, 37});
  }

  static final String STATIC_MATMUL = MIN_PLUS.replace("A: f32[M, K], B: f32[K, N]) -> (C: f32[M, N])",
      "A: f32[64, K], B: f32[K, 128]) -> (C: f32[64, 128])").replace("sizes M, K, N", "sizes K")
      .replace("0 .. M", "0 .. 64").replace("0 .. N", "0 .. 128").replace("S[0:M]", "S[0:64]")
      .replace("S[0:N]", "S[0:128]");

  @Test
  void aStaticMinPlusProductIsTiledWithAPackedPanelVectorizedAndParallel() {
    PrimFunc f = TirParser.parse(STATIC_MATMUL);
    PrimFunc g = DefaultSchedule.apply(f);
    Verifier.verify(g);
    String printed = TirPrinter.print(g);
    var loops = IrQuery.loops(g.body());
    assertEquals(List.of("j_0", "ax0", "ax1", "i_0", "k", "i_1", "j_1"), loops.stream().map(l -> l.var().name()).toList(), printed);
    assertTrue(printed.contains("block B_local(v0: S[0:K] = ax0, v1: S[0:128] = j_0 * 16 + ax1)"),
        "B's K x 16 column panel is copied through cache_read + compute_at under the column tile loop\n" + printed);
    assertEquals(ForKind.PARALLEL, loops.get(3).kind(), "the row tiles run in parallel under the shared panel\n" + printed);
    var last = loops.get(loops.size() - 1);
    assertEquals(ForKind.VECTORIZED, last.kind(), printed);
    assertEquals(16L, ((dev.kiln.ir.tir.IntImm) last.extent()).value());
    assertSameResults(f, g, new int[] {24});
    assertSameResults(f, g, new int[] {1});
  }

  @Test
  void aConstantReductionIsSplitIntoPanelsOfItsOwn() {
    PrimFunc f = TirParser.parse(STATIC_MATMUL.replace("A: f32[64, K], B: f32[K, 128]", "A: f32[64, 192], B: f32[192, 128]")
        .replace("sizes K", "").replace("0 .. K", "0 .. 192").replace("R[0:K]", "R[0:192]"));
    PrimFunc g = DefaultSchedule.apply(f);
    Verifier.verify(g);
    String printed = TirPrinter.print(g);
    assertTrue(printed.contains("for k_0 in 0 .. 3 {\n        for ax0 in 0 .. 64 {\n          for ax1 in 0 .. 16 {"),
        "a 64 x 16 panel per column tile and reduction block\n" + printed);
    assertSameResults(f, g, new int[] {});
  }

  @Test
  void aSymbolicMinPlusProductMovesItsColumnLoopInsideTheReduction() {
    PrimFunc f = TirParser.parse(MIN_PLUS);
    PrimFunc g = DefaultSchedule.apply(f);
    Verifier.verify(g);
    var loops = IrQuery.loops(g.body());
    assertEquals("k", loops.get(1).var().name(), TirPrinter.print(g));
    assertEquals(ForKind.PARALLEL, loops.get(0).kind(), TirPrinter.print(g));
    for (int[] sizes : new int[][] {{1, 3, 5}, {7, 16, 33}, {2, 1, 1}}) assertSameResults(f, g, sizes);
  }

  static void assertSameResults(PrimFunc f, PrimFunc g, int[] sizes) {
    Random rnd = new Random(sizes.length * 31L + (sizes.length > 0 ? sizes[0] : 0));
    Object[] in = new Object[f.inputs().size()];
    for (int i = 0; i < in.length; i++) {
      int n = 1;
      for (var d : f.inputs().get(i).shape()) n *= evalDim(d, f, sizes);
      float[] a = new float[n];
      for (int k = 0; k < n; k++) a[k] = (float) rnd.nextGaussian();
      in[i] = a;
    }
    Object[] want = Interpreter.runAllocating(f, in, sizes);
    Object[] got = Interpreter.runAllocating(g, in, sizes);
    for (int i = 0; i < want.length; i++) assertArrayEquals((float[]) want[i], (float[]) got[i], 1e-4f);
    assertTrue(want.length > 0);
  }

  private static int evalDim(dev.kiln.ir.tir.Expr d, PrimFunc f, int[] sizes) {
    if (d instanceof dev.kiln.ir.tir.IntImm k) return (int) k.value();
    return sizes[f.sizeVars().indexOf((dev.kiln.ir.tir.Var) d)];
  }
}
