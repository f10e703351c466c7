package dev.kiln.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.ElementType;
import dev.kiln.runtime.KilnRuntimeException;
import dev.kiln.runtime.Tensor;
import dev.kiln.runtime.TestTensors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NpyTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(value = ElementType.class, names = "BF16", mode = EnumSource.Mode.EXCLUDE)
  void roundTripsEveryDtype(ElementType dtype) {
    Tensor t = TestTensors.sample(dtype);
    Path f = dir.resolve("t.npy");
    Npy.write(f, t);
    assertEquals(t, Npy.read(f));
  }

  @Test
  void headerIsAlignedAndReadableByNumpyConventions() throws Exception {
    byte[] bytes = Npy.toBytes(Tensor.of(new float[] {1, 2, 3}, 3));
    int headerLen = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
    assertEquals(0, (10 + headerLen) % 64);
    String header = new String(bytes, 10, headerLen, StandardCharsets.ISO_8859_1);
    assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }"));
    assertTrue(header.endsWith("\n"));
    assertEquals(0, Npy.read(Npy.toBytes(Tensor.scalar(5f)), "s").rank());
  }

  @Test
  void readsVersion2Headers() {
    String dict = "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 1), }";
    byte[] bytes = npy(2, dict, new byte[] {5, 0, 0, 0, -1, -1, -1, -1});
    Tensor t = Npy.read(bytes, "v2.npy");
    assertArrayEquals(new int[] {2, 1}, t.shape());
    assertArrayEquals(new int[] {5, -1}, (int[]) t.data());
  }

  @Test
  void rejectsFortranOrderBigEndianUnknownDtypeAndBadMagic() {
    assertError(npy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }", new byte[4]),
        "Fortran-order");
    assertError(npy(1, "{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", new byte[4]),
        "big-endian dtype '>f4'");
    assertError(npy(1, "{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", new byte[8]),
        "unsupported dtype '<c8'");
    assertError("hello world, not numpy".getBytes(StandardCharsets.UTF_8), "not a .npy file");
    var e = assertThrows(KilnRuntimeException.class,
        () -> Npy.toBytes(Tensor.of(ElementType.BF16, new float[1], 1)));
    assertTrue(e.getMessage().contains("bf16"));
  }

  @Test
  void rejectsTruncatedFilesNamingTheFile() throws Exception {
    byte[] full = Npy.toBytes(TestTensors.sample(ElementType.F64));
    Path f = dir.resolve("cut.npy");
    Files.write(f, Arrays.copyOf(full, full.length - 3));
    var e = assertThrows(KilnRuntimeException.class, () -> Npy.read(f));
    assertTrue(e.getMessage().startsWith(f.toString() + ": file is truncated"), e.getMessage());
    Files.write(f, Arrays.copyOf(full, 30));
    e = assertThrows(KilnRuntimeException.class, () -> Npy.read(f));
    assertTrue(e.getMessage().contains("truncated inside the header"), e.getMessage());
  }

  private static void assertError(byte[] bytes, String fragment) {
    var e = assertThrows(KilnRuntimeException.class, () -> Npy.read(bytes, "bad.npy"));
    assertTrue(e.getMessage().startsWith("bad.npy: "), e.getMessage());
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }

  private static byte[] npy(int major, String dict, byte[] data) {
    int prefix = major == 1 ? 10 : 12;
    int total = prefix + dict.length() + 1;
    int padded = (total + 63) / 64 * 64;
    String header = dict + " ".repeat(padded - total) + "\n";
    byte[] out = new byte[padded + data.length];
    byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0};
    System.arraycopy(magic, 0, out, 0, 8);
    int len = header.length();
    out[8] = (byte) len;
    out[9] = (byte) (len >> 8);
    System.arraycopy(header.getBytes(StandardCharsets.ISO_8859_1), 0, out, prefix, len);
    System.arraycopy(data, 0, out, padded, data.length);
    return out;
  }
}
