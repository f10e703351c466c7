package dev.kiln.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.ElementType;
import dev.kiln.runtime.KilnRuntimeException;
import dev.kiln.runtime.Tensor;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reads files written by NumPy 2.4 ({@code np.save}, test resources under {@code npy/}): the
 * values {@code [[-3, -1.5, 0], [1.5, 3, 4.5]]} (doubled and cast for integer types, absolute
 * for u1), so the reader is checked against the real producer, not only against our writer.
 */
class NumpyFilesTest {
  private static byte[] resource(String name) throws IOException {
    try (InputStream in = NumpyFilesTest.class.getResourceAsStream("/npy/" + name)) {
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @CsvSource({"f4, f32, 1", "f8, f64, 1", "f2, f16, 1", "i4, i32, 2", "i8, i64, 2", "i2, i16, 2",
      "i1, i8, 2"})
  void readsSignedTypes(String file, String dtype, double scale) throws IOException {
    Tensor t = Npy.read(resource(file + ".npy"), file);
    assertEquals(ElementType.parse(dtype), t.dtype());
    assertArrayEquals(new int[] {2, 3}, t.shape());
    double[] expected = {-3, -1.5, 0, 1.5, 3, 4.5};
    for (int i = 0; i < 6; i++) {
      assertEquals(expected[i] * scale, t.getDouble(i), file);
    }
  }

  @Test
  void readsUnsignedBoolScalarAndVersion2() throws IOException {
    Tensor u = Npy.read(resource("u1.npy"), "u1");
    assertEquals(ElementType.U8, u.dtype());
    assertEquals(9.0, u.getDouble(5));
    assertEquals(6.0, u.getDouble(0));
    Tensor b = Npy.read(resource("b1.npy"), "b1");
    assertArrayEquals(new boolean[] {true, false, true, false, true, false}, (boolean[]) b.data());
    Tensor s = Npy.read(resource("scalar.npy"), "scalar");
    assertEquals(0, s.rank());
    assertEquals(2.5f, s.getFloat());
    Tensor v2 = Npy.read(resource("v2.npy"), "v2");
    assertArrayEquals(new int[] {3, 2}, v2.shape());
    assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5}, (long[]) v2.data());
  }

  @Test
  void refusesFortranAndBigEndianFilesFromNumpy() throws IOException {
    byte[] fortran = resource("fortran.npy");
    var e = assertThrows(KilnRuntimeException.class, () -> Npy.read(fortran, "fortran.npy"));
    assertTrue(e.getMessage().startsWith("fortran.npy: Fortran-order"), e.getMessage());
    byte[] big = resource("bigendian.npy");
    e = assertThrows(KilnRuntimeException.class, () -> Npy.read(big, "bigendian.npy"));
    assertTrue(e.getMessage().startsWith("bigendian.npy: big-endian dtype '>f4'"), e.getMessage());
  }
}
