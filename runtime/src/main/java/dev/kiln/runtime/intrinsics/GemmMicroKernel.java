package dev.kiln.runtime.intrinsics;

/**
 * The f32 GEMM micro-kernel family: one register-blocked {@code MR×NR} tile of
 * {@code C (+)= Apanel · Bpanel} over {@code kc} steps of the shared dimension.
 *
 * <p>Operand layouts (both produced by {@link Packing}):
 * <ul>
 *   <li>{@code a}: a packed A sliver, {@code kc × MR} floats from {@code aOff}; element
 *       {@code (i, p)} (row {@code i} of the tile, step {@code p}) is at {@code aOff + p*MR + i}.</li>
 *   <li>{@code b}: a packed B sliver, {@code kc × NR} floats from {@code bOff}; element
 *       {@code (p, j)} is at {@code bOff + p*NR + j}.</li>
 *   <li>{@code c}: row-major with row stride {@code ldc}; element {@code (i, j)} of the tile is at
 *       {@code cOff + i*ldc + j}. The whole {@code MR×NR} tile must lie inside {@code c}.</li>
 * </ul>
 * With {@code accumulate} the tile is updated ({@code C += A·B}); without it, overwritten
 * ({@code C = A·B}, C's previous contents are never read). {@code kc} may be 0.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface GemmMicroKernel {

  /** Rows of the register tile. */
  int mr();

  /** Columns of the register tile (a multiple of the SIMD lane count on the vector path). */
  int nr();

  /** Computes one tile; see the class comment for the exact contract. */
  void compute(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc,
      boolean accumulate);
}
