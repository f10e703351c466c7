package dev.kiln.runtime.io;

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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files, format versions 1, 2 and 3 (read) and 1 or 2 (write).
 *
 * <p>Layout: the magic {@code \x93NUMPY}, a major and minor version byte, the header length
 * (2 bytes little-endian in v1, 4 in v2/v3), a Python dict literal
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }} padded with spaces and a
 * newline so the data starts at a multiple of 64, then the elements in C order. Supported descrs:
 * {@code <f4 <f8 <f2 <i4 <i8 <i2 |i1 |u1 |b1} (one-byte types also with {@code <} or {@code =}).
 * Fortran order, big-endian data, any other dtype, a bad header or a truncated file is a
 * {@link KilnRuntimeException} naming the file. bf16 has no npy dtype and cannot be written.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private Npy() {}

  /** Reads a .npy file. */
  public static Tensor read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new KilnRuntimeException("cannot read " + file + ": " + IoErrors.describe(e), null, e);
    }
    return read(bytes, file.toString());
  }

  /** Reads .npy content; {@code name} names the source in error messages. */
  public static Tensor read(byte[] bytes, String name) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 10 || !startsWithMagic(bytes)) {
      throw bad(name, "not a .npy file (no \\x93NUMPY magic)");
    }
    int major = bytes[6] & 0xFF;
    int headerLen;
    int headerStart;
    if (major == 1) {
      headerLen = b.getShort(8) & 0xFFFF;
      headerStart = 10;
    } else if (major == 2 || major == 3) {
      if (bytes.length < 12) {
        throw bad(name, "file is truncated inside the header");
      }
      headerLen = b.getInt(8);
      headerStart = 12;
    } else {
      throw bad(name, "unsupported .npy format version " + major);
    }
    if (headerLen < 0 || (long) headerStart + headerLen > bytes.length) {
      throw bad(name, "file is truncated inside the header");
    }
    String header = new String(bytes, headerStart, headerLen,
        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    ElementType dtype = parseDescr(header, name);
    Matcher fortran = FORTRAN.matcher(header);
    if (!fortran.find()) {
      throw bad(name, "header has no 'fortran_order'");
    }
    if (fortran.group(1).equals("True")) {
      throw bad(name, "Fortran-order arrays are not supported; save with C order "
          + "(numpy.ascontiguousarray)");
    }
    int[] shape = parseShape(header, name);
    int n = Tensor.checkedSize(shape);
    long needed = (long) n * dtype.bytes();
    int dataStart = headerStart + headerLen;
    if (bytes.length - dataStart < needed) {
      throw bad(name, "file is truncated: " + dtype.format(shape) + " needs " + needed
          + " data bytes, found " + (bytes.length - dataStart));
    }
    b.position(dataStart);
    return Tensor.of(dtype, ElementCodec.decode(dtype, b, n), shape);
  }

  /** Writes a tensor as a .npy file (v1, or v2 when the header needs it). */
  public static void write(Path file, Tensor t) {
    try {
      Files.write(file, toBytes(t));
    } catch (IOException e) {
      throw new KilnRuntimeException("cannot write " + file + ": " + e.getMessage(), null, e);
    }
  }

  /** The .npy encoding of a tensor. */
  public static byte[] toBytes(Tensor t) {
    StringBuilder shape = new StringBuilder("(");
    int[] dims = t.shape();
    for (int d : dims) {
      shape.append(d).append(", ");
    }
    if (dims.length > 1) {
      shape.setLength(shape.length() - 2);
    } else if (dims.length == 1) {
      shape.setLength(shape.length() - 1);
    }
    shape.append(')');
    String dict = "{'descr': '" + descr(t.dtype()) + "', 'fortran_order': False, 'shape': "
        + shape + ", }";
    int major = dict.length() + 1 + 10 <= 65535 ? 1 : 2;
    int prefix = major == 1 ? 10 : 12;
    int total = prefix + dict.length() + 1;
    int padded = (total + 63) / 64 * 64;
    String header = dict + " ".repeat(padded - total) + "\n";
    long dataBytes = (long) t.size() * t.dtype().bytes();
    if (padded + dataBytes > Integer.MAX_VALUE - 8) {
      throw new KilnRuntimeException("tensor " + t.typeString() + " is too large for one .npy");
    }
    ByteBuffer b = ByteBuffer.allocate((int) (padded + dataBytes)).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).put((byte) major).put((byte) 0);
    if (major == 1) {
      b.putShort((short) header.length());
    } else {
      b.putInt(header.length());
    }
    b.put(header.getBytes(StandardCharsets.ISO_8859_1));
    ElementCodec.encode(t.dtype(), t.data(), b);
    return b.array();
  }

  private static String descr(ElementType dtype) {
    return switch (dtype) {
      case F32 -> "<f4";
      case F64 -> "<f8";
      case F16 -> "<f2";
      case I32 -> "<i4";
      case I64 -> "<i8";
      case I16 -> "<i2";
      case I8 -> "|i1";
      case U8 -> "|u1";
      case BOOL -> "|b1";
      case BF16 -> throw new KilnRuntimeException(
          "bf16 has no .npy dtype; store bf16 tensors in .safetensors");
    };
  }

  private static ElementType parseDescr(String header, String name) {
    Matcher m = DESCR.matcher(header);
    if (!m.find()) {
      throw bad(name, "header has no simple 'descr' (structured dtypes are not supported)");
    }
    String d = m.group(1);
    if (d.length() == 3 && (d.charAt(0) == '|' || d.charAt(0) == '<' || d.charAt(0) == '=')
        && d.charAt(2) == '1') {
      switch (d.charAt(1)) {
        case 'i': return ElementType.I8;
        case 'u': return ElementType.U8;
        case 'b': return ElementType.BOOL;
        default: break;
      }
    }
    if (d.startsWith(">")) {
      throw bad(name, "big-endian dtype '" + d + "' is not supported; convert with "
          + "array.astype(array.dtype.newbyteorder('<'))");
    }
    return switch (d) {
      case "<f4" -> ElementType.F32;
      case "<f8" -> ElementType.F64;
      case "<f2" -> ElementType.F16;
      case "<i4" -> ElementType.I32;
      case "<i8" -> ElementType.I64;
      case "<i2" -> ElementType.I16;
      default -> throw bad(name, "unsupported dtype '" + d
          + "' (supported: <f4 <f8 <f2 <i4 <i8 <i2 |i1 |u1 |b1)");
    };
  }

  private static int[] parseShape(String header, String name) {
    Matcher m = SHAPE.matcher(header);
    if (!m.find()) {
      throw bad(name, "header has no 'shape'");
    }
    List<Integer> dims = new ArrayList<>();
    for (String part : m.group(1).split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      try {
        dims.add(Integer.parseInt(p.endsWith("L") ? p.substring(0, p.length() - 1) : p));
      } catch (NumberFormatException e) {
        throw bad(name, "bad shape '(" + m.group(1) + ")'");
      }
    }
    int[] shape = new int[dims.size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = dims.get(i);
      if (shape[i] < 0) {
        throw bad(name, "negative dimension in shape '(" + m.group(1) + ")'");
      }
    }
    return shape;
  }

  private static boolean startsWithMagic(byte[] bytes) {
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  private static KilnRuntimeException bad(String name, String why) {
    return new KilnRuntimeException(name + ": " + why);
  }
}
