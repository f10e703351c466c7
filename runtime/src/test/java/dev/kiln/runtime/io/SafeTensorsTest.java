package dev.kiln.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.ElementType;
import dev.kiln.runtime.KilnRuntimeException;
import dev.kiln.runtime.Tensor;
import dev.kiln.runtime.TestTensors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
  @TempDir Path dir;

  @Test
  void roundTripsEveryDtypeInOffsetOrder() {
    LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
    for (ElementType t : ElementType.values()) {
      tensors.put("w." + t.text(), TestTensors.sample(t));
    }
    tensors.put("empty", Tensor.zeros(ElementType.F32, 0, 4));
    tensors.put("scalar", Tensor.scalar(2.5f));
    Path f = dir.resolve("all.safetensors");
    SafeTensors.write(f, tensors, Map.of("format", "pt"));
    LinkedHashMap<String, Tensor> back = SafeTensors.read(f);
    assertEquals(List.copyOf(tensors.keySet()), List.copyOf(back.keySet()));
    assertEquals(tensors, back);
  }

  @Test
  void halfPrecisionIsRoundedOnWrite() {
    float third = 1f / 3f;
    Map<String, Tensor> in = Map.of("h", Tensor.of(ElementType.F16, new float[] {third}, 1),
        "b", Tensor.of(ElementType.BF16, new float[] {third}, 1));
    LinkedHashMap<String, Tensor> back = SafeTensors.read(SafeTensors.toBytes(in, Map.of()), "x");
    assertEquals(Float.float16ToFloat(Float.floatToFloat16(third)), back.get("h").getFloat(0));
    assertEquals(0.333984375f, back.get("b").getFloat(0));
  }

  @Test
  void readsTensorsInOffsetOrderNotHeaderOrder() {
    byte[] file = file("{\"b\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[4,8]},"
        + "\"a\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
        new byte[] {1, 0, 0, 0, 2, 0, 0, 0});
    LinkedHashMap<String, Tensor> t = SafeTensors.read(file, "x");
    assertEquals(List.of("a", "b"), List.copyOf(t.keySet()));
    assertArrayEquals(new int[] {2}, (int[]) t.get("b").data());
  }

  @Test
  void truncatedFilesAreClearErrors() throws Exception {
    byte[] full = SafeTensors.toBytes(Map.of("w", TestTensors.sample(ElementType.F32)), Map.of());
    Path f = dir.resolve("cut.safetensors");
    Files.write(f, Arrays.copyOf(full, full.length - 1));
    var e = assertThrows(KilnRuntimeException.class, () -> SafeTensors.read(f));
    assertTrue(e.getMessage().startsWith(f + ": tensor 'w': data_offsets [0, 24] lie outside"),
        e.getMessage());
    Files.write(f, Arrays.copyOf(full, 20));
    e = assertThrows(KilnRuntimeException.class, () -> SafeTensors.read(f));
    assertTrue(e.getMessage().contains("header length"), e.getMessage());
    Files.write(f, Arrays.copyOf(full, 5));
    e = assertThrows(KilnRuntimeException.class, () -> SafeTensors.read(f));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void corruptHeadersAreClearErrors() {
    assertError(file("{not json", new byte[0]), "header is not valid JSON");
    assertError(file("[1, 2]", new byte[0]), "header is not a JSON object");
    assertError(file("{\"w\":{\"dtype\":\"F8\",\"shape\":[1],\"data_offsets\":[0,1]}}",
        new byte[1]), "unsupported dtype \"F8\"");
    assertError(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}",
        new byte[8]), "data_offsets span 4 bytes but f32[2] needs 8");
    assertError(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}",
        new byte[8]), "bad dimension -1");
    assertError(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", new byte[4]),
        "\"data_offsets\" must be a list of two integers");
    assertError(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", new byte[8]),
        "tensors 'a' and 'b' overlap");
    byte[] hugeHeader = new byte[16];
    ByteBuffer.wrap(hugeHeader).order(ByteOrder.LITTLE_ENDIAN).putLong(-5);
    assertError(hugeHeader, "does not fit in the file");
  }

  private static void assertError(byte[] bytes, String fragment) {
    var e = assertThrows(KilnRuntimeException.class, () -> SafeTensors.read(bytes, "w.st"));
    assertTrue(e.getMessage().startsWith("w.st: "), e.getMessage());
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }

  private static byte[] file(String header, byte[] data) {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(h.length).put(h).put(data);
    return b.array();
  }
}
