package dev.kiln.runtime.intrinsics;

/** Portable {@link Int8Kernels}: widen each byte to {@code int}, multiply, add (wrapping). */
final class ScalarInt8Kernels implements Int8Kernels {

  @Override
  public int dotI8(byte[] a, int aOff, byte[] b, int bOff, int n) {
    int s = 0;
    for (int i = 0; i < n; i++) {
      s += a[aOff + i] * b[bOff + i];
    }
    return s;
  }
}
