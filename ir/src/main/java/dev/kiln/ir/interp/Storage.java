package dev.kiln.ir.interp;

import dev.kiln.diag.InternalCompilerError;
import dev.kiln.ir.DType;

/**
 * Flat primitive arrays as the calling convention stores each dtype (see
 * {@code dev.kiln.runtime.Kernel}), and the interpreter's scalar value encoding:
 * integers and booleans are {@code long} (i8, u8, i16, i32 hold an int value; u8 reads as
 * {@code b & 0xFF}; bool is 0/1), floats are {@code double} (f32, f16, bf16 hold a float value
 * exactly). Stores narrow: i8/u8 to byte, i16 to short, f32/f16/bf16 to float.
 */
public final class Storage {
  private Storage() {}

  /** The Java array class that holds elements of {@code t}. */
  public static Class<?> arrayClass(DType t) {
    return switch (t) {
      case F32, F16, BF16 -> float[].class;
      case F64 -> double[].class;
      case I8, U8 -> byte[].class;
      case I16 -> short[].class;
      case I32 -> int[].class;
      case I64 -> long[].class;
      case BOOL -> boolean[].class;
    };
  }

  /** A zeroed array of {@code length} elements of {@code t}. */
  public static Object allocate(DType t, int length) {
    return switch (t) {
      case F32, F16, BF16 -> new float[length];
      case F64 -> new double[length];
      case I8, U8 -> new byte[length];
      case I16 -> new short[length];
      case I32 -> new int[length];
      case I64 -> new long[length];
      case BOOL -> new boolean[length];
    };
  }

  public static int length(Object array) {
    return java.lang.reflect.Array.getLength(array);
  }

  /** Reads an integer or boolean element in the interpreter's encoding. */
  public static long readInt(Object array, DType t, int offset) {
    return switch (t) {
      case I8 -> ((byte[]) array)[offset];
      case U8 -> ((byte[]) array)[offset] & 0xFF;
      case I16 -> ((short[]) array)[offset];
      case I32 -> ((int[]) array)[offset];
      case I64 -> ((long[]) array)[offset];
      case BOOL -> ((boolean[]) array)[offset] ? 1 : 0;
      default -> throw new InternalCompilerError("integer read of a " + t + " buffer");
    };
  }

  /** Reads a floating-point element. */
  public static double readFloat(Object array, DType t, int offset) {
    return switch (t) {
      case F32, F16, BF16 -> ((float[]) array)[offset];
      case F64 -> ((double[]) array)[offset];
      default -> throw new InternalCompilerError("float read of a " + t + " buffer");
    };
  }

  /** Writes an integer or boolean value, narrowing as the element type requires. */
  public static void writeInt(Object array, DType t, int offset, long v) {
    switch (t) {
      case I8, U8 -> ((byte[]) array)[offset] = (byte) v;
      case I16 -> ((short[]) array)[offset] = (short) v;
      case I32 -> ((int[]) array)[offset] = (int) v;
      case I64 -> ((long[]) array)[offset] = v;
      case BOOL -> ((boolean[]) array)[offset] = v != 0;
      default -> throw new InternalCompilerError("integer write to a " + t + " buffer");
    }
  }

  /** Writes a floating-point value, rounding to float for f32/f16/bf16. */
  public static void writeFloat(Object array, DType t, int offset, double v) {
    switch (t) {
      case F32, F16, BF16 -> ((float[]) array)[offset] = (float) v;
      case F64 -> ((double[]) array)[offset] = v;
      default -> throw new InternalCompilerError("float write to a " + t + " buffer");
    }
  }
}
