package dev.kiln.bench.support;

import java.util.SplittableRandom;

/**
 * Deterministic inputs and weights: uniform floats in [-scale, scale) from a {@link SplittableRandom}
 * seeded per array, so every fork of a benchmark (and every implementation inside it) sees exactly
 * the same data.
 */
public final class RandomData {
  private RandomData() {}

  /** {@code n} uniform floats in [-scale, scale) drawn from seed {@code seed}. */
  public static float[] uniform(long seed, int n, double scale) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
    }
    return out;
  }

  /** Weights of a layer with {@code fanIn} inputs: uniform in ±1/sqrt(fanIn), as common initializers do. */
  public static float[] weights(long seed, int n, int fanIn) {
    return uniform(seed, n, 1.0 / Math.sqrt(fanIn));
  }
}
