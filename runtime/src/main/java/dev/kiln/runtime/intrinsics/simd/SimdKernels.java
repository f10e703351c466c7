package dev.kiln.runtime.intrinsics.simd;

import dev.kiln.runtime.intrinsics.GemmMicroKernel;
import dev.kiln.runtime.intrinsics.KernelSet;
import jdk.incubator.vector.FloatVector;

/**
 * Factory of the Vector API kernel set; called reflectively by
 * {@code dev.kiln.runtime.intrinsics.KernelSelector} only when {@code jdk.incubator.vector} is in
 * the boot layer. The GEMM tile is chosen by the preferred species: with 16 or more float lanes
 * (AVX-512, 32 vector registers) an 8×2L tile, otherwise a 4×2L tile (AVX2 / 16 registers);
 * see the kernels for why.
 */
public final class SimdKernels {

  private SimdKernels() {}

  /** The Vector API implementations of every family. */
  public static KernelSet create() {
    int lanes = FloatVector.SPECIES_PREFERRED.length();
    GemmMicroKernel gemm = lanes >= 16 ? new SimdGemm8x2() : new SimdGemm4x2();
    return new KernelSet(gemm, new SimdLevel1Kernels(), new SimdInt8Kernels(), true,
        "simd " + FloatVector.SPECIES_PREFERRED + ", gemm " + gemm.mr() + "x" + gemm.nr());
  }
}
