package dev.kiln.runtime.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.runtime.ElementType;
import dev.kiln.runtime.KilnRuntimeException;
import dev.kiln.runtime.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The safetensors format: an 8-byte little-endian header length {@code N}, {@code N} bytes of
 * JSON mapping each tensor name to {@code {"dtype", "shape", "data_offsets": [begin, end]}}
 * (offsets relative to the data section that follows the header; an optional
 * {@code "__metadata__"} maps strings to strings), then the data section.
 *
 * <p>Reading validates everything before trusting it: the header length lies within the file,
 * the header is a JSON object, every dtype is one of F32 F64 F16 BF16 I8 U8 I16 I32 I64 BOOL,
 * every shape is a list of non-negative integers, every offset pair lies within the data section
 * and spans exactly dtype size × element count bytes, and no two tensors overlap. Tensors come
 * back in offset order. Writing lays tensors out in map order and pads the header with spaces
 * to a multiple of 8 bytes.
 */
public final class SafeTensors {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String METADATA = "__metadata__";

  private SafeTensors() {}

  /** Reads a .safetensors file. */
  public static LinkedHashMap<String, Tensor> read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new KilnRuntimeException("cannot read " + file + ": " + IoErrors.describe(e), null, e);
    } catch (OutOfMemoryError e) {
      throw new KilnRuntimeException("cannot read " + file + ": file too large", null, e);
    }
    return read(bytes, file.toString());
  }

  /** Reads safetensors content; {@code name} names the source in error messages. */
  public static LinkedHashMap<String, Tensor> read(byte[] bytes, String name) {
    if (bytes.length < 8) {
      throw bad(name, "file is truncated (" + bytes.length + " bytes, no header length)");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    long headerLen = b.getLong(0);
    if (headerLen < 2 || headerLen > bytes.length - 8L) {
      throw bad(name, "header length " + Long.toUnsignedString(headerLen)
          + " does not fit in the file (" + bytes.length + " bytes); the file is truncated "
          + "or not a safetensors file");
    }
    int dataStart = 8 + (int) headerLen;
    JsonNode root;
    try {
      root = JSON.readTree(new String(bytes, 8, (int) headerLen, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw bad(name, "header is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw bad(name, "header is not a JSON object");
    }
    List<Entry> entries = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (!f.getKey().equals(METADATA)) {
        entries.add(parseEntry(f.getKey(), f.getValue(), bytes.length - dataStart, name));
      }
    }
    entries.sort(Comparator.comparingLong(Entry::begin));
    LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
    long previousEnd = 0;
    String previous = null;
    for (Entry e : entries) {
      if (e.begin < previousEnd) {
        throw bad(name, "tensors '" + previous + "' and '" + e.key + "' overlap");
      }
      b.position(dataStart + (int) e.begin);
      int n = Tensor.checkedSize(e.shape);
      out.put(e.key, Tensor.of(e.dtype, ElementCodec.decode(e.dtype, b, n), e.shape));
      previousEnd = e.end;
      previous = e.key;
    }
    return out;
  }

  /** Writes tensors (in map order) without metadata. */
  public static void write(Path file, Map<String, Tensor> tensors) {
    write(file, tensors, Map.of());
  }

  /** Writes tensors (in map order) with string metadata. */
  public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
    try {
      Files.write(file, toBytes(tensors, metadata));
    } catch (IOException e) {
      throw new KilnRuntimeException("cannot write " + file + ": " + e.getMessage(), null, e);
    }
  }

  /** The safetensors encoding of tensors (in map order) and metadata. */
  public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
    ObjectNode header = JSON.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode meta = header.putObject(METADATA);
      metadata.forEach(meta::put);
    }
    long offset = 0;
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      if (e.getKey().equals(METADATA)) {
        throw new KilnRuntimeException("'" + METADATA + "' cannot name a tensor");
      }
      Tensor t = e.getValue();
      ObjectNode node = header.putObject(e.getKey());
      node.put("dtype", t.dtype().text().toUpperCase(Locale.ROOT));
      var shape = node.putArray("shape");
      for (int d : t.shape()) {
        shape.add(d);
      }
      long end = offset + (long) t.size() * t.dtype().bytes();
      node.putArray("data_offsets").add(offset).add(end);
      offset = end;
    }
    byte[] json;
    try {
      json = JSON.writeValueAsBytes(header);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a safetensors header", e);
    }
    int headerLen = (json.length + 7) / 8 * 8;
    long total = 8L + headerLen + offset;
    if (total > Integer.MAX_VALUE - 8) {
      throw new KilnRuntimeException("tensors too large for one in-memory safetensors file ("
          + total + " bytes)");
    }
    ByteBuffer b = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(headerLen).put(json);
    for (int i = json.length; i < headerLen; i++) {
      b.put((byte) ' ');
    }
    for (Tensor t : tensors.values()) {
      ElementCodec.encode(t.dtype(), t.data(), b);
    }
    return b.array();
  }

  private record Entry(String key, ElementType dtype, int[] shape, long begin, long end) {}

  private static Entry parseEntry(String key, JsonNode node, long dataLen, String name) {
    String where = "tensor '" + key + "'";
    if (!node.isObject()) {
      throw bad(name, where + ": header entry is not an object");
    }
    JsonNode dt = node.get("dtype");
    if (dt == null || !dt.isTextual()) {
      throw bad(name, where + ": missing \"dtype\"");
    }
    ElementType dtype = parseDtype(dt.asText());
    if (dtype == null) {
      throw bad(name, where + ": unsupported dtype \"" + dt.asText()
          + "\" (supported: F32 F64 F16 BF16 I8 U8 I16 I32 I64 BOOL)");
    }
    JsonNode sh = node.get("shape");
    if (sh == null || !sh.isArray()) {
      throw bad(name, where + ": missing \"shape\" list");
    }
    int[] shape = new int[sh.size()];
    for (int i = 0; i < shape.length; i++) {
      JsonNode d = sh.get(i);
      if (!d.canConvertToInt() || !d.isIntegralNumber() || d.asInt() < 0) {
        throw bad(name, where + ": bad dimension " + d + " in shape " + sh);
      }
      shape[i] = d.asInt();
    }
    JsonNode off = node.get("data_offsets");
    if (off == null || !off.isArray() || off.size() != 2 || !off.get(0).isIntegralNumber()
        || !off.get(1).isIntegralNumber()) {
      throw bad(name, where + ": \"data_offsets\" must be a list of two integers");
    }
    long begin = off.get(0).asLong();
    long end = off.get(1).asLong();
    if (begin < 0 || end < begin || end > dataLen) {
      throw bad(name, where + ": data_offsets [" + begin + ", " + end
          + "] lie outside the data section (" + dataLen + " bytes); the file is truncated "
          + "or corrupt");
    }
    long expected;
    try {
      expected = (long) Tensor.checkedSize(shape) * dtype.bytes();
    } catch (KilnRuntimeException e) {
      throw bad(name, where + ": " + e.getMessage());
    }
    if (end - begin != expected) {
      throw bad(name, where + ": data_offsets span " + (end - begin) + " bytes but "
          + dtype.format(shape) + " needs " + expected);
    }
    return new Entry(key, dtype, shape, begin, end);
  }

  private static ElementType parseDtype(String s) {
    for (ElementType e : ElementType.values()) {
      if (e.text().toUpperCase(Locale.ROOT).equals(s)) {
        return e;
      }
    }
    return null;
  }

  private static KilnRuntimeException bad(String name, String why) {
    return new KilnRuntimeException(name + ": " + why);
  }
}
