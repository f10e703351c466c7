package dev.kiln.runtime.intrinsics;

import java.util.Objects;

/**
 * One implementation of every intrinsic family, chosen together: the scalar set
 * ({@link ScalarKernels#create()}) or the Vector API set (loaded by {@link KernelSelector}).
 *
 * @param gemm the f32 GEMM micro-kernel
 * @param level1 f32 dot and axpy
 * @param int8 the i8×i8→i32 dot
 * @param simd whether these are the Vector API implementations
 * @param description a one-line description for logs, e.g. {@code "simd Species[float, 8, S_256_BIT]"}
 */
public record KernelSet(GemmMicroKernel gemm, Level1Kernels level1, Int8Kernels int8, boolean simd,
    String description) {

  public KernelSet {
    Objects.requireNonNull(gemm, "gemm");
    Objects.requireNonNull(level1, "level1");
    Objects.requireNonNull(int8, "int8");
    Objects.requireNonNull(description, "description");
  }
}
