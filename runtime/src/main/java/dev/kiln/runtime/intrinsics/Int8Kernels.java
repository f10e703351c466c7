package dev.kiln.runtime.intrinsics;

/**
 * The int8 family used by quantized kernels. {@link #dotI8} multiplies signed bytes exactly and
 * sums in 32-bit two's-complement arithmetic (wrapping like Java {@code int}), so every
 * implementation returns the same bits. Implementations are stateless and thread-safe.
 */
public interface Int8Kernels {

  /** Returns {@code sum_{i<n} (int) a[aOff+i] * (int) b[bOff+i]}, wrapping on overflow. */
  int dotI8(byte[] a, int aOff, byte[] b, int bOff, int n);
}
