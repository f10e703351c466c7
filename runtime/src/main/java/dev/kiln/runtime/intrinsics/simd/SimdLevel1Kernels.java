package dev.kiln.runtime.intrinsics.simd;

import dev.kiln.runtime.intrinsics.Level1Kernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API {@link Level1Kernels}.
 *
 * <p>{@code dot}: four independent accumulator vectors over blocks of 4·L elements (hiding the
 * FMA latency), then one accumulator over whole vectors, a lane reduction, and a scalar tail.
 * {@code axpy}: one fused multiply-add per vector, then a scalar tail that also uses
 * {@link Math#fma} so every element is rounded the same way.
 */
final class SimdLevel1Kernels implements Level1Kernels {

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  @Override
  public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
    FloatVector s0 = FloatVector.zero(S);
    FloatVector s1 = FloatVector.zero(S);
    FloatVector s2 = FloatVector.zero(S);
    FloatVector s3 = FloatVector.zero(S);
    int i = 0;
    for (; i + 4 * L <= n; i += 4 * L) {
      s0 = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), s0);
      s1 = FloatVector.fromArray(S, a, aOff + i + L)
          .fma(FloatVector.fromArray(S, b, bOff + i + L), s1);
      s2 = FloatVector.fromArray(S, a, aOff + i + 2 * L)
          .fma(FloatVector.fromArray(S, b, bOff + i + 2 * L), s2);
      s3 = FloatVector.fromArray(S, a, aOff + i + 3 * L)
          .fma(FloatVector.fromArray(S, b, bOff + i + 3 * L), s3);
    }
    for (; i + L <= n; i += L) {
      s0 = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), s0);
    }
    float sum = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      sum = Math.fma(a[aOff + i], b[bOff + i], sum);
    }
    return sum;
  }

  @Override
  public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
    FloatVector av = FloatVector.broadcast(S, alpha);
    int i = 0;
    for (; i + L <= n; i += L) {
      FloatVector.fromArray(S, x, xOff + i)
          .fma(av, FloatVector.fromArray(S, y, yOff + i))
          .intoArray(y, yOff + i);
    }
    for (; i < n; i++) {
      y[yOff + i] = Math.fma(x[xOff + i], alpha, y[yOff + i]);
    }
  }

  @Override
  public void axpy4(int n, float a0, float a1, float a2, float a3, float[] x, int xOff, int ldx, float[] y, int yOff) {
    FloatVector v0 = FloatVector.broadcast(S, a0);
    FloatVector v1 = FloatVector.broadcast(S, a1);
    FloatVector v2 = FloatVector.broadcast(S, a2);
    FloatVector v3 = FloatVector.broadcast(S, a3);
    int x1 = xOff + ldx;
    int x2 = x1 + ldx;
    int x3 = x2 + ldx;
    int i = 0;
    for (; i + L <= n; i += L) {
      FloatVector acc = FloatVector.fromArray(S, y, yOff + i);
      acc = FloatVector.fromArray(S, x, xOff + i).fma(v0, acc);
      acc = FloatVector.fromArray(S, x, x1 + i).fma(v1, acc);
      acc = FloatVector.fromArray(S, x, x2 + i).fma(v2, acc);
      acc = FloatVector.fromArray(S, x, x3 + i).fma(v3, acc);
      acc.intoArray(y, yOff + i);
    }
    for (; i < n; i++) {
      float acc = y[yOff + i];
      acc = Math.fma(x[xOff + i], a0, acc);
      acc = Math.fma(x[x1 + i], a1, acc);
      acc = Math.fma(x[x2 + i], a2, acc);
      acc = Math.fma(x[x3 + i], a3, acc);
      y[yOff + i] = acc;
    }
  }
}
