package dev.kiln.importer.onnx;

import dev.kiln.ir.DType;
import dev.kiln.runtime.ElementType;

/** ONNX element types ({@code TensorProto.DataType} numbers) and their Kiln counterparts. */
final class OnnxTypes {
  private OnnxTypes() {}

  /** The Kiln dtype of an ONNX element type, or null when Kiln has none (string, uint16/32/64, complex). */
  static DType kiln(int onnx) {
    return switch (onnx) {
      case 1 -> DType.F32;
      case 2 -> DType.U8;
      case 3 -> DType.I8;
      case 5 -> DType.I16;
      case 6 -> DType.I32;
      case 7 -> DType.I64;
      case 9 -> DType.BOOL;
      case 10 -> DType.F16;
      case 11 -> DType.F64;
      case 16 -> DType.BF16;
      default -> null;
    };
  }

  /** Like {@link #kiln(int)} but an import error naming {@code what} when there is no Kiln type. */
  static DType require(int onnx, String what) {
    DType t = kiln(onnx);
    if (t == null) throw new ImportException(what + " has ONNX element type " + name(onnx) + ", which Kiln does not have");
    return t;
  }

  static String name(int onnx) {
    return switch (onnx) {
      case 0 -> "undefined";
      case 1 -> "float";
      case 2 -> "uint8";
      case 3 -> "int8";
      case 4 -> "uint16";
      case 5 -> "int16";
      case 6 -> "int32";
      case 7 -> "int64";
      case 8 -> "string";
      case 9 -> "bool";
      case 10 -> "float16";
      case 11 -> "double";
      case 12 -> "uint32";
      case 13 -> "uint64";
      case 14 -> "complex64";
      case 15 -> "complex128";
      case 16 -> "bfloat16";
      default -> "type " + onnx;
    };
  }

  static ElementType runtime(DType t) {
    return ElementType.valueOf(t.name());
  }
}
