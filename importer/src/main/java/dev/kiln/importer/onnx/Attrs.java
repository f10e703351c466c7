package dev.kiln.importer.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.List;

/** Typed reads of a node's attributes, with defaults. */
final class Attrs {
  private final NodeProto node;

  Attrs(NodeProto node) {
    this.node = node;
  }

  AttributeProto get(String name) {
    for (AttributeProto a : node.getAttributeList()) if (a.getName().equals(name)) return a;
    return null;
  }

  boolean has(String name) { return get(name) != null; }

  long i(String name, long dflt) {
    AttributeProto a = get(name);
    return a == null ? dflt : a.getI();
  }

  float f(String name, float dflt) {
    AttributeProto a = get(name);
    return a == null ? dflt : a.getF();
  }

  String s(String name, String dflt) {
    AttributeProto a = get(name);
    return a == null ? dflt : a.getS().toStringUtf8();
  }

  /** The ints of an attribute, or null when it is absent. */
  List<Long> ints(String name) {
    AttributeProto a = get(name);
    return a == null ? null : a.getIntsList();
  }

  TensorProto t(String name) {
    AttributeProto a = get(name);
    return a == null ? null : a.getT();
  }
}
