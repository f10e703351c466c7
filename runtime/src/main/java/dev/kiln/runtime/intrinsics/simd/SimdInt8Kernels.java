package dev.kiln.runtime.intrinsics.simd;

import dev.kiln.runtime.intrinsics.Int8Kernels;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API {@link Int8Kernels}.
 *
 * <p>Algorithm: bytes are loaded L at a time with a byte species whose lane count equals that of
 * the int species (a quarter of its bits: 64-bit bytes for 256-bit ints, 128-bit for 512-bit),
 * sign-extended to ints ({@code castShape}, a single {@code vpmovsxbd} on x86), multiplied and
 * added into two independent int accumulators; the lanes are then summed and a scalar loop does
 * the tail. Int arithmetic wraps exactly like the scalar loop, so results are bit-identical.
 */
final class SimdInt8Kernels implements Int8Kernels {

  private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED.vectorBitSize() >= 256
      ? IntVector.SPECIES_PREFERRED : IntVector.SPECIES_256;
  private static final VectorSpecies<Byte> B =
      ByteVector.SPECIES_64.withShape(VectorShape.forBitSize(I.vectorBitSize() / 4));
  private static final int L = I.length();

  @Override
  public int dotI8(byte[] a, int aOff, byte[] b, int bOff, int n) {
    IntVector s0 = IntVector.zero(I);
    IntVector s1 = IntVector.zero(I);
    int i = 0;
    for (; i + 2 * L <= n; i += 2 * L) {
      s0 = s0.add(widen(a, aOff + i).mul(widen(b, bOff + i)));
      s1 = s1.add(widen(a, aOff + i + L).mul(widen(b, bOff + i + L)));
    }
    for (; i + L <= n; i += L) {
      s0 = s0.add(widen(a, aOff + i).mul(widen(b, bOff + i)));
    }
    int sum = s0.add(s1).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      sum += a[aOff + i] * b[bOff + i];
    }
    return sum;
  }

  private static IntVector widen(byte[] x, int off) {
    return (IntVector) ByteVector.fromArray(B, x, off).castShape(I, 0);
  }
}
