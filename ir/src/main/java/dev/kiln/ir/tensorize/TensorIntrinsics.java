package dev.kiln.ir.tensorize;

import dev.kiln.ir.tir.IntrinsicCall;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.text.TirParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of tensor intrinsics. Descriptions are written in the loop-nest IR's text form
 * (docs/ir.md) and parsed once; see {@link TensorIntrinsic} for their conventions.
 *
 * <ul>
 *   <li>{@code jvm.gemm_f32}: {@code C[i, j] (+)= sum_p A[i, p] * B[p, j]}, any strides for A and B,
 *       C contiguous along j — the packed, register-blocked GEMM micro-kernel driver.</li>
 *   <li>{@code jvm.dot_f32}: {@code c (+)= sum_p a[p] * b[p]}.</li>
 *   <li>{@code jvm.fma_f32}: {@code y[i] += a * x[i]} (axpy; y contiguous).</li>
 *   <li>{@code jvm.dot_i8}: {@code c (+)= sum_p i32(a[p]) * i32(b[p])} over i8, into i32.</li>
 * </ul>
 */
public final class TensorIntrinsics {
  private TensorIntrinsics() {}

  private static final Map<String, TensorIntrinsic> ALL = new LinkedHashMap<>();

  static {
    register("jvm.gemm_f32", "gemmF32", "f32 matrix multiply C (+)= A·B with packed operands and an MR×NR Vector API micro-kernel", """
        func gemm_f32(A: f32[LA], B: f32[LB]) -> (C: f32[LC]) {
          sizes LA, LB, LC, m, n, k, a0, ars, acs, b0, brs, bcs, c0, crs, acc
          block root {
            for i in 0 .. m {
              for j in 0 .. n {
                for p in 0 .. k {
                  block C(vi: S[0:m] = i, vj: S[0:n] = j, vp: R[0:k] = p) {
                    init {
                      if acc == 0 {
                        C[c0 + vi * crs + vj] = 0.0f32
                      }
                    }
                    C[c0 + vi * crs + vj] = C[c0 + vi * crs + vj] + A[a0 + vi * ars + vp * acs] * B[b0 + vp * brs + vj * bcs]
                  }
                }
              }
            }
          }
        }
        """);
    register("jvm.dot_f32", "dotF32", "f32 dot product c (+)= a·b (Vector API when both are contiguous)", """
        func dot_f32(A: f32[LA], B: f32[LB]) -> (C: f32[LC]) {
          sizes LA, LB, LC, k, a0, sa, b0, sb, c0, acc
          block root {
            for p in 0 .. k {
              block C(vp: R[0:k] = p) {
                init {
                  if acc == 0 {
                    C[c0] = 0.0f32
                  }
                }
                C[c0] = C[c0] + A[a0 + vp * sa] * B[b0 + vp * sb]
              }
            }
          }
        }
        """);
    register("jvm.fma_f32", "fmaF32", "f32 axpy y[i] += a·x[i] (Vector API fma when x is contiguous)", """
        func fma_f32(A: f32[LA], X: f32[LX]) -> (Y: f32[LY]) {
          sizes LA, LX, LY, n, a0, x0, xs, y0
          block root {
            for i in 0 .. n {
              block Y(vi: S[0:n] = i) {
                Y[y0 + vi] = Y[y0 + vi] + A[a0] * X[x0 + vi * xs]
              }
            }
          }
        }
        """);
    register("jvm.dot_i8", "dotI8I32", "i8×i8→i32 dot product c (+)= a·b, exact in wrapping int arithmetic", """
        func dot_i8(A: i8[LA], B: i8[LB]) -> (C: i32[LC]) {
          sizes LA, LB, LC, k, a0, sa, b0, sb, c0, acc
          block root {
            for p in 0 .. k {
              block C(vp: R[0:k] = p) {
                init {
                  if acc == 0 {
                    C[c0] = 0
                  }
                }
                C[c0] = C[c0] + i32(A[a0 + vp * sa]) * i32(B[b0 + vp * sb])
              }
            }
          }
        }
        """);
  }

  private static void register(String name, String implementation, String summary, String text) {
    PrimFunc desc = TirParser.parse("<intrinsic " + name + ">", text);
    ALL.put(name, new TensorIntrinsic(name, desc, implementation, summary));
  }

  /** The intrinsic named {@code name}, or null. */
  public static TensorIntrinsic get(String name) { return ALL.get(name); }

  /** Every registered intrinsic, in registration order. */
  public static List<TensorIntrinsic> all() { return new ArrayList<>(ALL.values()); }

  /** The registered names. */
  public static List<String> names() { return new ArrayList<>(ALL.keySet()); }

  /**
   * Why {@code call} does not fit its intrinsic (unknown name, wrong buffer or argument count, a
   * buffer of another element type), or null when it fits.
   */
  public static String checkCall(IntrinsicCall call) {
    TensorIntrinsic t = get(call.intrinsic());
    if (t == null) return "unknown intrinsic " + call.intrinsic();
    if (call.buffers().size() != t.buffers().size())
      return "intrinsic " + call.intrinsic() + " takes " + t.buffers().size() + " buffers, got " + call.buffers().size();
    for (int i = 0; i < call.buffers().size(); i++)
      if (call.buffers().get(i).dtype() != t.buffers().get(i).dtype())
        return "buffer " + call.buffers().get(i).name() + " of intrinsic " + call.intrinsic() + " is "
            + call.buffers().get(i).dtype() + ", the description wants " + t.buffers().get(i).dtype();
    if (call.args().size() != t.scalars().size())
      return "intrinsic " + call.intrinsic() + " takes " + t.scalars().size() + " arguments, got " + call.args().size();
    return null;
  }
}
