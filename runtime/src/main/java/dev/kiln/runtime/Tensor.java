package dev.kiln.runtime;

import java.util.Arrays;

/**
 * An n-dimensional array: an {@link ElementType}, a shape, and a flat row-major primitive array
 * whose class is {@link ElementType#storageClass()}.
 *
 * <p>Tensors are values. {@link #data()} returns the backing array itself, not a copy, so that
 * kernels can read it without copying; once a tensor has been handed to a model (as an input, a
 * param or a constant) it must be treated as immutable: never write into its data. The executor
 * relies on this to share one tensor between several slots. {@link #equals} compares dtype, shape
 * and every element (bitwise for floats, so NaN equals NaN).
 */
public final class Tensor {
  private static final int SUMMARY_VALUES = 6;

  private final ElementType dtype;
  private final int[] shape;
  private final Object data;
  private final int size;

  private Tensor(ElementType dtype, int[] shape, Object data) {
    this.dtype = dtype;
    this.shape = shape;
    this.data = data;
    this.size = checkedSize(shape);
    int length = java.lang.reflect.Array.getLength(data);
    if (length != size) {
      throw new KilnRuntimeException("tensor data has " + length + " elements but shape "
          + dtype.format(shape) + " needs " + size);
    }
  }

  /** A tensor over {@code data} (not copied), whose class must match {@code dtype}'s storage. */
  public static Tensor of(ElementType dtype, Object data, int... shape) {
    if (dtype == null || data == null || shape == null) {
      throw new NullPointerException("dtype, data and shape must not be null");
    }
    if (data.getClass() != dtype.storageClass()) {
      throw new KilnRuntimeException("a " + dtype.text() + " tensor is stored as "
          + dtype.storageClass().getSimpleName() + ", got " + data.getClass().getSimpleName());
    }
    return new Tensor(dtype, shape.clone(), data);
  }

  public static Tensor of(float[] data, int... shape) {
    return of(ElementType.F32, data, shape);
  }

  public static Tensor of(double[] data, int... shape) {
    return of(ElementType.F64, data, shape);
  }

  public static Tensor of(int[] data, int... shape) {
    return of(ElementType.I32, data, shape);
  }

  public static Tensor of(long[] data, int... shape) {
    return of(ElementType.I64, data, shape);
  }

  public static Tensor of(short[] data, int... shape) {
    return of(ElementType.I16, data, shape);
  }

  /** An i8 tensor (use {@code of(ElementType.U8, data, shape)} for u8). */
  public static Tensor of(byte[] data, int... shape) {
    return of(ElementType.I8, data, shape);
  }

  public static Tensor of(boolean[] data, int... shape) {
    return of(ElementType.BOOL, data, shape);
  }

  /** A zero-filled tensor (false for bool). */
  public static Tensor zeros(ElementType dtype, int... shape) {
    return of(dtype, dtype.newArray(checkedSize(shape)), shape);
  }

  /** A 0-d f32 tensor. */
  public static Tensor scalar(float value) {
    return of(new float[] {value});
  }

  /** A 0-d i32 tensor. */
  public static Tensor scalarInt(int value) {
    return of(new int[] {value});
  }

  /** A 0-d bool tensor. */
  public static Tensor scalarBool(boolean value) {
    return of(new boolean[] {value});
  }

  public ElementType dtype() {
    return dtype;
  }

  /** A copy of the shape. */
  public int[] shape() {
    return shape.clone();
  }

  /** The extent of one axis. */
  public int dim(int axis) {
    return shape[axis];
  }

  public int rank() {
    return shape.length;
  }

  /** The number of elements. */
  public int size() {
    return size;
  }

  /** The backing array itself (not a copy): read it, never write it once the tensor is shared. */
  public Object data() {
    return data;
  }

  /** {@code "f32[3, 4]"}. */
  public String typeString() {
    return dtype.format(shape);
  }

  /** The row-major flat index of a multi-index; checks rank and bounds. */
  public int flatIndex(int... idx) {
    if (idx.length != shape.length) {
      throw new IndexOutOfBoundsException("tensor " + typeString() + " needs " + shape.length
          + " indices, got " + idx.length);
    }
    int flat = 0;
    for (int a = 0; a < idx.length; a++) {
      if (idx[a] < 0 || idx[a] >= shape[a]) {
        throw new IndexOutOfBoundsException("index " + idx[a] + " out of bounds for axis " + a
            + " of size " + shape[a]);
      }
      flat = flat * shape[a] + idx[a];
    }
    return flat;
  }

  /** The element at a multi-index, as a float (any dtype; bool reads as 0 or 1). */
  public float getFloat(int... idx) {
    return (float) getDouble(flatIndex(idx));
  }

  /** The element at a flat row-major index, as a double (any dtype; bool reads as 0 or 1). */
  public double getDouble(int flat) {
    return switch (dtype) {
      case F32, F16, BF16 -> ((float[]) data)[flat];
      case F64 -> ((double[]) data)[flat];
      case I8 -> ((byte[]) data)[flat];
      case U8 -> ((byte[]) data)[flat] & 0xFF;
      case I16 -> ((short[]) data)[flat];
      case I32 -> ((int[]) data)[flat];
      case I64 -> ((long[]) data)[flat];
      case BOOL -> ((boolean[]) data)[flat] ? 1.0 : 0.0;
    };
  }

  /** The element at a flat index as a long: exact for integers, truncated toward 0 for floats. */
  public long getLong(int flat) {
    return switch (dtype) {
      case I8 -> ((byte[]) data)[flat];
      case U8 -> ((byte[]) data)[flat] & 0xFF;
      case I16 -> ((short[]) data)[flat];
      case I32 -> ((int[]) data)[flat];
      case I64 -> ((long[]) data)[flat];
      default -> (long) getDouble(flat);
    };
  }

  /** A tensor with the same data (shared, not copied) and a new shape of the same size. */
  public Tensor reshape(int... newShape) {
    if (checkedSize(newShape) != size) {
      throw new KilnRuntimeException("cannot reshape " + typeString() + " to "
          + dtype.format(newShape) + ": sizes differ");
    }
    return new Tensor(dtype, newShape.clone(), data);
  }

  /**
   * True when {@code other} has the same shape and every pair of elements satisfies
   * {@code |a - b| <= atol + rtol * |b|} (NumPy's rule; NaN is close to nothing, infinities only
   * to themselves). The dtypes may differ: elements compare as doubles.
   */
  public boolean allClose(Tensor other, double atol, double rtol) {
    if (!Arrays.equals(shape, other.shape)) {
      return false;
    }
    for (int i = 0; i < size; i++) {
      double a = getDouble(i);
      double b = other.getDouble(i);
      if (a == b) {
        continue;
      }
      if (!(Math.abs(a - b) <= atol + rtol * Math.abs(b))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Tensor t) || t.dtype != dtype || !Arrays.equals(t.shape, shape)) {
      return false;
    }
    return switch (dtype) {
      case F32, F16, BF16 -> Arrays.equals((float[]) data, (float[]) t.data);
      case F64 -> Arrays.equals((double[]) data, (double[]) t.data);
      case I8, U8 -> Arrays.equals((byte[]) data, (byte[]) t.data);
      case I16 -> Arrays.equals((short[]) data, (short[]) t.data);
      case I32 -> Arrays.equals((int[]) data, (int[]) t.data);
      case I64 -> Arrays.equals((long[]) data, (long[]) t.data);
      case BOOL -> Arrays.equals((boolean[]) data, (boolean[]) t.data);
    };
  }

  @Override
  public int hashCode() {
    int h = dtype.hashCode() * 31 + Arrays.hashCode(shape);
    int step = Math.max(1, size / 16);
    for (int i = 0; i < size; i += step) {
      h = h * 31 + Double.hashCode(getDouble(i));
    }
    return h;
  }

  /** {@code "f32[2, 3] [1.0, 2.0, ...] min=1.0 max=6.0 mean=3.5"}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(typeString()).append(" [");
    int shown = Math.min(size, SUMMARY_VALUES);
    for (int i = 0; i < shown; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(format(i));
    }
    if (size > shown) {
      sb.append(", ...");
    }
    sb.append(']');
    if (size > 0) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      double sum = 0;
      for (int i = 0; i < size; i++) {
        double v = getDouble(i);
        min = Math.min(min, v);
        max = Math.max(max, v);
        sum += v;
      }
      sb.append(" min=").append(min).append(" max=").append(max)
          .append(" mean=").append(sum / size);
    }
    return sb.toString();
  }

  private String format(int i) {
    return switch (dtype) {
      case F32, F16, BF16 -> Float.toString(((float[]) data)[i]);
      case F64 -> Double.toString(((double[]) data)[i]);
      case BOOL -> Boolean.toString(((boolean[]) data)[i]);
      default -> Long.toString(getLong(i));
    };
  }

  /** The number of elements of a shape; rejects negative dims and sizes over 2^31 - 1. */
  public static int checkedSize(int[] shape) {
    long n = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new KilnRuntimeException("negative dimension " + d + " in shape "
            + Arrays.toString(shape));
      }
      n *= d;
      if (n > Integer.MAX_VALUE) {
        throw new KilnRuntimeException("shape " + Arrays.toString(shape)
            + " has more than 2^31 - 1 elements");
      }
    }
    return (int) n;
  }
}
