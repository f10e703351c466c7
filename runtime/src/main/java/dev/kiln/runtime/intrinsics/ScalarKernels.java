package dev.kiln.runtime.intrinsics;

/** Factory of the portable kernel set; it references no {@code jdk.incubator.vector} type. */
public final class ScalarKernels {

  private ScalarKernels() {}

  /** The scalar implementations of every family. */
  public static KernelSet create() {
    return new KernelSet(new ScalarGemmMicroKernel(), new ScalarLevel1Kernels(),
        new ScalarInt8Kernels(), false, "scalar");
  }
}
