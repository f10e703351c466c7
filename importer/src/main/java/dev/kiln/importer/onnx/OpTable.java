package dev.kiln.importer.onnx;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The translators by ONNX operator name, grouped by family (elementwise, shape, network). */
final class OpTable {
  private final Map<String, Translator> table = new TreeMap<>();

  static OpTable standard() {
    OpTable t = new OpTable();
    ElementwiseOps.register(t);
    ShapeOps.register(t);
    NnOps.register(t);
    return t;
  }

  void put(String op, Translator tr) {
    if (table.put(op, tr) != null) throw new IllegalStateException("two translators for " + op);
  }

  Translator get(String op) { return table.get(op); }

  /** The supported operators, sorted. */
  List<String> names() { return List.copyOf(table.keySet()); }
}
