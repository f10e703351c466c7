package dev.kiln.importer.onnx;

/** Translates one ONNX node into Kiln: infers its outputs' types and writes at most one line per output. */
@FunctionalInterface
interface Translator {
  void translate(Node n);
}
