package dev.kiln.importer.onnx;

import dev.kiln.ir.DType;
import java.util.ArrayList;
import java.util.List;

/** A value of the ONNX graph while it is imported: a Kiln variable, or a tensor known at import time. */
sealed interface Val permits Val.Var, Val.Known {
  DType dtype();

  List<Dim> shape();

  default int rank() { return shape().size(); }

  /** A Kiln variable (a model input, a param, or the result of a line) with its inferred type. */
  record Var(String name, DType dtype, List<Dim> shape) implements Val {
    public Var {
      shape = List.copyOf(shape);
    }
  }

  /** A constant: an initializer, a Constant node, or a folded result; {@code onnxName} names it in the graph. */
  record Known(Const value, String onnxName) implements Val {
    @Override public DType dtype() { return value.dtype; }

    @Override public List<Dim> shape() {
      List<Dim> s = new ArrayList<>();
      for (long d : value.shape) s.add(Dim.of(d));
      return s;
    }
  }
}
