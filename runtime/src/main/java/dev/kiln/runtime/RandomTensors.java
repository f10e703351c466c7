package dev.kiln.runtime;

import java.util.Random;

/** Seeded random tensors, for benchmarks ({@code kiln bench --random-weights}) and tests. */
public final class RandomTensors {
  private RandomTensors() {}

  /**
   * Floats are Gaussian with standard deviation {@code scale}; integers are uniform in
   * [{@code intLo}, {@code intHi}); booleans are fair coin flips.
   */
  public static Tensor random(ElementType t, int[] shape, Random rnd, double scale, int intLo, int intHi) {
    int n = Tensor.checkedSize(shape);
    Object data = t.newArray(n);
    for (int i = 0; i < n; i++) {
      switch (data) {
        case float[] a -> a[i] = (float) (rnd.nextGaussian() * scale);
        case double[] a -> a[i] = rnd.nextGaussian() * scale;
        case int[] a -> a[i] = intLo + rnd.nextInt(intHi - intLo);
        case long[] a -> a[i] = intLo + rnd.nextInt(intHi - intLo);
        case short[] a -> a[i] = (short) (intLo + rnd.nextInt(intHi - intLo));
        case byte[] a -> a[i] = (byte) (intLo + rnd.nextInt(intHi - intLo));
        case boolean[] a -> a[i] = rnd.nextBoolean();
        default -> throw new IllegalStateException("unexpected storage " + data.getClass());
      }
    }
    return Tensor.of(t, data, shape);
  }
}
