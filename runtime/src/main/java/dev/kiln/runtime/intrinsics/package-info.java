/**
 * Tensor intrinsics: hand-written micro-kernels that generated code (and later {@code tensorize})
 * calls. {@link dev.kiln.runtime.intrinsics.Intrinsics} is the static entry point; each family is
 * an interface ({@link dev.kiln.runtime.intrinsics.GemmMicroKernel},
 * {@link dev.kiln.runtime.intrinsics.Level1Kernels}, {@link dev.kiln.runtime.intrinsics.Int8Kernels})
 * with a scalar implementation here and a Vector API one in {@code .simd}, which is loaded only
 * when {@code jdk.incubator.vector} is enabled. {@link dev.kiln.runtime.intrinsics.Sgemm} is the
 * cache-blocked GEMM driver over any micro-kernel. See {@code docs/intrinsics.md}.
 */
package dev.kiln.runtime.intrinsics;
