package dev.kiln.runtime;

import java.util.Locale;

/**
 * The element types of Kiln tensors, with their in-memory storage as fixed by {@link Kernel}:
 * f32, f16 and bf16 are held as {@code float[]} (f16 and bf16 are converted only on file I/O),
 * f64 as {@code double[]}, i8 and u8 as {@code byte[]} (u8 read unsigned), i16 as
 * {@code short[]}, i32 as {@code int[]}, i64 as {@code long[]}, bool as {@code boolean[]}.
 */
public enum ElementType {
  F32("f32", 4, float[].class),
  F64("f64", 8, double[].class),
  F16("f16", 2, float[].class),
  BF16("bf16", 2, float[].class),
  I8("i8", 1, byte[].class),
  U8("u8", 1, byte[].class),
  I16("i16", 2, short[].class),
  I32("i32", 4, int[].class),
  I64("i64", 8, long[].class),
  BOOL("bool", 1, boolean[].class);

  private final String text;
  private final int bytes;
  private final Class<?> storage;

  ElementType(String text, int bytes, Class<?> storage) {
    this.text = text;
    this.bytes = bytes;
    this.storage = storage;
  }

  /** The name used in Kiln source: {@code "f32"}, {@code "bool"}, ... */
  public String text() {
    return text;
  }

  /** The size of one element in files (not in memory: f16 is 2 bytes here, a float in memory). */
  public int bytes() {
    return bytes;
  }

  /** The class of the primitive array that holds elements of this type in memory. */
  public Class<?> storageClass() {
    return storage;
  }

  /** True for the floating-point types. */
  public boolean isFloat() {
    return this == F32 || this == F64 || this == F16 || this == BF16;
  }

  /** True for the integer types (not bool). */
  public boolean isInteger() {
    return this == I8 || this == U8 || this == I16 || this == I32 || this == I64;
  }

  /** A new zero-filled storage array of {@code n} elements. */
  public Object newArray(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("negative array size " + n);
    }
    return switch (this) {
      case F32, F16, BF16 -> new float[n];
      case F64 -> new double[n];
      case I8, U8 -> new byte[n];
      case I16 -> new short[n];
      case I32 -> new int[n];
      case I64 -> new long[n];
      case BOOL -> new boolean[n];
    };
  }

  /** Parses a type name as written in Kiln source ({@code "f32"}); case-insensitive. */
  public static ElementType parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (ElementType e : values()) {
      if (e.text.equals(t)) {
        return e;
      }
    }
    throw new KilnRuntimeException("unknown element type '" + text
        + "' (expected one of f32 f64 f16 bf16 i8 u8 i16 i32 i64 bool)");
  }

  /** {@code "f32[3, 4]"}; a 0-d shape prints as {@code "f32[]"}. */
  public String format(int[] shape) {
    StringBuilder sb = new StringBuilder(text).append('[');
    for (int i = 0; i < shape.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(shape[i]);
    }
    return sb.append(']').toString();
  }

  @Override
  public String toString() {
    return text;
  }
}
