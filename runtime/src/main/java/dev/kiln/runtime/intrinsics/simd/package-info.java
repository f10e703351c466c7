/**
 * Vector API ({@code jdk.incubator.vector}) implementations of the intrinsic families. Nothing
 * outside this package references the incubator module; these classes are loaded only by
 * {@code KernelSelector}, reflectively, after it has checked that the module is in the boot
 * layer. Everything here is package-private except the factory {@link
 * dev.kiln.runtime.intrinsics.simd.SimdKernels}.
 */
package dev.kiln.runtime.intrinsics.simd;
