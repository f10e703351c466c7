package dev.kiln.importer.onnx;

import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.kiln.ir.DType;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Decodes the elements of an ONNX {@code TensorProto} into the array the Kiln runtime stores for
 * its dtype. ONNX puts data in {@code raw_data} (little-endian), in a typed repeated field
 * ({@code float_data}, {@code int32_data} for every type of 32 bits or fewer, with float16 and
 * bfloat16 as their bit patterns, {@code int64_data}, {@code double_data}), or in an external file
 * beside the model ({@code data_location = EXTERNAL} with location, offset and length).
 */
final class TensorData {
  private TensorData() {}

  static Object decode(TensorProto t, DType dtype, int n, Path baseDir) {
    ByteBuffer raw = null;
    if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) raw = external(t, baseDir);
    else if (!t.getRawData().isEmpty()) raw = t.getRawData().asReadOnlyByteBuffer();
    if (raw != null) {
      raw = raw.order(ByteOrder.LITTLE_ENDIAN);
      long want = (long) n * switch (dtype) {
        case BOOL, I8, U8 -> 1;
        default -> dtype.bytes();
      };
      if (raw.remaining() != want) {
        throw new ImportException("tensor `" + t.getName() + "` has " + raw.remaining() + " bytes of data, expected " + want);
      }
      return fromRaw(raw, dtype, n);
    }
    return fromFields(t, dtype, n);
  }

  private static Object fromRaw(ByteBuffer b, DType dtype, int n) {
    switch (dtype) {
      case F32 -> { float[] a = new float[n]; b.asFloatBuffer().get(a); return a; }
      case F64 -> { double[] a = new double[n]; b.asDoubleBuffer().get(a); return a; }
      case F16, BF16 -> {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = half(b.getShort(b.position() + 2 * i), dtype);
        return a;
      }
      case I64 -> { long[] a = new long[n]; b.asLongBuffer().get(a); return a; }
      case I32 -> { int[] a = new int[n]; b.asIntBuffer().get(a); return a; }
      case I16 -> { short[] a = new short[n]; b.asShortBuffer().get(a); return a; }
      case I8, U8 -> { byte[] a = new byte[n]; b.get(a); return a; }
      case BOOL -> {
        boolean[] a = new boolean[n];
        for (int i = 0; i < n; i++) a[i] = b.get(b.position() + i) != 0;
        return a;
      }
    }
    throw new IllegalStateException(dtype.toString());
  }

  private static Object fromFields(TensorProto t, DType dtype, int n) {
    int have = switch (dtype) {
      case F32 -> t.getFloatDataCount();
      case F64 -> t.getDoubleDataCount();
      case I64 -> t.getInt64DataCount();
      default -> t.getInt32DataCount();
    };
    if (have != n) throw new ImportException("tensor `" + t.getName() + "` has " + have + " elements, its shape says " + n);
    switch (dtype) {
      case F32 -> { float[] a = new float[n]; for (int i = 0; i < n; i++) a[i] = t.getFloatData(i); return a; }
      case F64 -> { double[] a = new double[n]; for (int i = 0; i < n; i++) a[i] = t.getDoubleData(i); return a; }
      case I64 -> { long[] a = new long[n]; for (int i = 0; i < n; i++) a[i] = t.getInt64Data(i); return a; }
      default -> {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) a[i] = t.getInt32Data(i);
        if (dtype == DType.F16 || dtype == DType.BF16) {
          float[] f = new float[n];
          for (int i = 0; i < n; i++) f[i] = half((short) a[i], dtype);
          return f;
        }
        return fromLongs(dtype, a);
      }
    }
  }

  /** The runtime storage of integer or bool values. */
  static Object fromLongs(DType dtype, long[] v) {
    int n = v.length;
    switch (dtype) {
      case I64 -> { return v.clone(); }
      case I32 -> { int[] a = new int[n]; for (int i = 0; i < n; i++) a[i] = (int) v[i]; return a; }
      case I16 -> { short[] a = new short[n]; for (int i = 0; i < n; i++) a[i] = (short) v[i]; return a; }
      case I8, U8 -> { byte[] a = new byte[n]; for (int i = 0; i < n; i++) a[i] = (byte) v[i]; return a; }
      case BOOL -> { boolean[] a = new boolean[n]; for (int i = 0; i < n; i++) a[i] = v[i] != 0; return a; }
      default -> throw new IllegalStateException("not an integer type: " + dtype);
    }
  }

  private static float half(short bits, DType dtype) {
    return dtype == DType.BF16 ? Float.intBitsToFloat((bits & 0xffff) << 16) : Float.float16ToFloat(bits);
  }

  private static ByteBuffer external(TensorProto t, Path baseDir) {
    String location = null;
    long offset = 0;
    long length = -1;
    for (StringStringEntryProto e : t.getExternalDataList()) {
      switch (e.getKey()) {
        case "location" -> location = e.getValue();
        case "offset" -> offset = Long.parseLong(e.getValue());
        case "length" -> length = Long.parseLong(e.getValue());
        default -> { }
      }
    }
    if (location == null) throw new ImportException("tensor `" + t.getName() + "` has external data without a location");
    Path file = baseDir.resolve(location);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long len = length >= 0 ? length : f.length() - offset;
      byte[] bytes = new byte[Math.toIntExact(len)];
      f.seek(offset);
      f.readFully(bytes);
      return ByteBuffer.wrap(bytes);
    } catch (IOException | NumberFormatException e) {
      throw new ImportException("cannot read the external data of tensor `" + t.getName() + "` from " + file + ": "
          + e.getMessage(), e);
    }
  }
}
