package dev.kiln.runtime.io;

import dev.kiln.runtime.ElementType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Converts tensor storage arrays to and from little-endian bytes, one element after another,
 * using each type's file width ({@link ElementType#bytes()}). f16 goes through the JDK's IEEE
 * binary16 conversions; bf16 keeps the top 16 bits of the float, rounding to nearest-even on
 * write (NaN stays a quiet NaN). bool is one byte, 0 or 1 on write, any nonzero byte true on read.
 */
public final class ElementCodec {
  private ElementCodec() {}

  /** Reads {@code n} elements from {@code src} at its position (advancing it). */
  public static Object decode(ElementType dtype, ByteBuffer src, int n) {
    ByteBuffer b = src.slice(src.position(), n * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    src.position(src.position() + n * dtype.bytes());
    Object out = dtype.newArray(n);
    switch (dtype) {
      case F32 -> b.asFloatBuffer().get((float[]) out);
      case F64 -> b.asDoubleBuffer().get((double[]) out);
      case I16 -> b.asShortBuffer().get((short[]) out);
      case I32 -> b.asIntBuffer().get((int[]) out);
      case I64 -> b.asLongBuffer().get((long[]) out);
      case I8, U8 -> b.get((byte[]) out);
      case F16 -> {
        float[] f = (float[]) out;
        for (int i = 0; i < n; i++) {
          f[i] = Float.float16ToFloat(b.getShort());
        }
      }
      case BF16 -> {
        float[] f = (float[]) out;
        for (int i = 0; i < n; i++) {
          f[i] = Float.intBitsToFloat((b.getShort() & 0xFFFF) << 16);
        }
      }
      case BOOL -> {
        boolean[] z = (boolean[]) out;
        for (int i = 0; i < n; i++) {
          z[i] = b.get() != 0;
        }
      }
    }
    return out;
  }

  /** Writes every element of {@code data} (storage of {@code dtype}) into {@code dst}. */
  public static void encode(ElementType dtype, Object data, ByteBuffer dst) {
    int n = java.lang.reflect.Array.getLength(data);
    ByteBuffer b = dst.slice(dst.position(), n * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    dst.position(dst.position() + n * dtype.bytes());
    switch (dtype) {
      case F32 -> b.asFloatBuffer().put((float[]) data);
      case F64 -> b.asDoubleBuffer().put((double[]) data);
      case I16 -> b.asShortBuffer().put((short[]) data);
      case I32 -> b.asIntBuffer().put((int[]) data);
      case I64 -> b.asLongBuffer().put((long[]) data);
      case I8, U8 -> b.put((byte[]) data);
      case F16 -> {
        for (float v : (float[]) data) {
          b.putShort(Float.floatToFloat16(v));
        }
      }
      case BF16 -> {
        for (float v : (float[]) data) {
          b.putShort(toBf16(v));
        }
      }
      case BOOL -> {
        for (boolean v : (boolean[]) data) {
          b.put((byte) (v ? 1 : 0));
        }
      }
    }
  }

  /** The bf16 bits of a float, rounded to nearest-even. */
  public static short toBf16(float v) {
    int bits = Float.floatToRawIntBits(v);
    if (Float.isNaN(v)) {
      return (short) ((bits >>> 16) | 0x0040);
    }
    int rounded = bits + 0x7FFF + ((bits >>> 16) & 1);
    return (short) (rounded >>> 16);
  }
}
