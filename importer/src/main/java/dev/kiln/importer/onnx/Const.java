package dev.kiln.importer.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import dev.kiln.ir.DType;
import dev.kiln.runtime.Tensor;
import java.util.Arrays;

/**
 * A tensor whose value the importer knows: an initializer, a {@code Constant} node or a folded
 * result. Its elements are held as the runtime stores them ({@code float[]} for f32, {@code long[]}
 * for i64, ...) or, for integer tensors computed from shapes, as {@link Dim}s that may be
 * symbolic ({@code Shape(x)} of an input with a named batch dimension). Initializers are decoded
 * from their protobuf only when first read.
 */
final class Const {
  final DType dtype;
  final long[] shape;
  private Object data;                 // a runtime storage array, or Dim[]; null until decoded
  private TensorProto proto;           // the undecoded source, or null
  private final java.nio.file.Path baseDir;

  private Const(DType dtype, long[] shape, Object data, TensorProto proto, java.nio.file.Path baseDir) {
    this.dtype = dtype;
    this.shape = shape;
    this.data = data;
    this.proto = proto;
    this.baseDir = baseDir == null ? java.nio.file.Path.of(".") : baseDir;
  }

  static Const fromProto(TensorProto t, String what, java.nio.file.Path baseDir) {
    DType d = OnnxTypes.require(t.getDataType(), what);
    long[] s = new long[t.getDimsCount()];
    for (int i = 0; i < s.length; i++) s[i] = t.getDims(i);
    return new Const(d, s, null, t, baseDir);
  }

  /** An integer or bool tensor from Dims (bool: 0 or 1). */
  static Const ofDims(DType dtype, long[] shape, Dim[] elems) {
    return new Const(dtype, shape, elems, null, null);
  }

  /** A floating-point tensor (values rounded to the dtype's precision). */
  static Const ofReals(DType dtype, long[] shape, double[] v) {
    if (dtype == DType.F64) return new Const(dtype, shape, v.clone(), null, null);
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
    return new Const(dtype, shape, f, null, null);
  }

  /** Any dtype from doubles (integers truncated, bools nonzero). */
  static Const of(DType dtype, long[] shape, double[] v) {
    if (dtype.isFloat()) return ofReals(dtype, shape, v);
    Dim[] d = new Dim[v.length];
    for (int i = 0; i < v.length; i++) d[i] = Dim.of(dtype.isBool() ? (v[i] != 0 ? 1 : 0) : (long) v[i]);
    return ofDims(dtype, shape, d);
  }

  int rank() { return shape.length; }

  long size() {
    long n = 1;
    for (long d : shape) n *= d;
    return n;
  }

  private Object data() {
    if (data == null) {
      data = TensorData.decode(proto, dtype, Math.toIntExact(size()), baseDir);
      proto = null;
    }
    return data;
  }

  /** True when some element is a symbolic Dim (the tensor cannot be written as data). */
  boolean isSymbolic() {
    if (data() instanceof Dim[] ds) {
      for (Dim d : ds) if (!d.isConstant()) return true;
    }
    return false;
  }

  /** Element {@code i} (row-major) as a Dim; integer and bool tensors only. */
  Dim dimAt(int i) {
    return switch (data()) {
      case Dim[] a -> a[i];
      case long[] a -> Dim.of(a[i]);
      case int[] a -> Dim.of(a[i]);
      case short[] a -> Dim.of(a[i]);
      case byte[] a -> Dim.of(dtype == DType.U8 ? a[i] & 0xff : a[i]);
      case boolean[] a -> Dim.of(a[i] ? 1 : 0);
      default -> throw new ImportException("a " + dtype + " tensor where integers are expected");
    };
  }

  /** Element {@code i} as a double (a symbolic element is an error). */
  double realAt(int i) {
    return switch (data()) {
      case float[] a -> a[i];
      case double[] a -> a[i];
      default -> {
        Dim d = dimAt(i);
        if (!d.isConstant()) throw new ImportException("the shape value " + d + " is used as a number");
        yield d.value();
      }
    };
  }

  /** All elements as Dims. */
  Dim[] dims() {
    Dim[] out = new Dim[Math.toIntExact(size())];
    for (int i = 0; i < out.length; i++) out[i] = dimAt(i);
    return out;
  }

  /** All elements as longs (an error when symbolic). */
  long[] longs() {
    long[] out = new long[Math.toIntExact(size())];
    for (int i = 0; i < out.length; i++) {
      Dim d = dimAt(i);
      if (!d.isConstant()) throw new ImportException("expected constant integers, got the shape value " + d);
      out[i] = d.value();
    }
    return out;
  }

  double[] reals() {
    double[] out = new double[Math.toIntExact(size())];
    for (int i = 0; i < out.length; i++) out[i] = realAt(i);
    return out;
  }

  /** The runtime tensor written to the weights file. */
  Tensor toTensor(String what) {
    int[] s = new int[shape.length];
    for (int i = 0; i < s.length; i++) s[i] = Math.toIntExact(shape[i]);
    Object d = data();
    if (d instanceof Dim[] dims) {
      if (isSymbolic()) throw new ImportException(what + " depends on symbolic dimensions " + Arrays.toString(dims)
          + " and cannot be stored as a weight");
      d = TensorData.fromLongs(dtype, longs());
    } else if (d instanceof double[] r && dtype != DType.F64) {
      float[] f = new float[r.length];
      for (int i = 0; i < r.length; i++) f[i] = (float) r[i];
      d = f;
    }
    return Tensor.of(OnnxTypes.runtime(dtype), d, s);
  }
}
