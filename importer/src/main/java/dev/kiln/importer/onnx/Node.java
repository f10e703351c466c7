package dev.kiln.importer.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.kiln.ir.DType;
import java.util.List;

/**
 * One ONNX node as a translator sees it: its inputs as {@link Val}s, its attributes, and ways to
 * define its outputs (a Kiln line, an alias of another value, or a constant).
 */
final class Node {
  final NodeProto proto;
  final Attrs attrs;
  final GraphImporter im;

  Node(NodeProto proto, GraphImporter im) {
    this.proto = proto;
    this.attrs = new Attrs(proto);
    this.im = im;
  }

  /** The node's name, or its first output's name when it has none. */
  static String label(NodeProto n) {
    if (!n.getName().isEmpty()) return n.getName();
    return n.getOutputCount() > 0 ? n.getOutput(0) : n.getOpType();
  }

  String op() { return proto.getOpType(); }

  int opset() { return im.opset; }

  /** The number of inputs, counting omitted optional ones in the middle. */
  int inputCount() { return proto.getInputCount(); }

  boolean has(int i) { return i < proto.getInputCount() && !proto.getInput(i).isEmpty(); }

  /** Input {@code i}; an error when it is missing. */
  Val in(int i) {
    if (!has(i)) throw new ImportException("input " + i + " is missing");
    return im.value(proto.getInput(i));
  }

  /** Input {@code i}, or null when it is omitted. */
  Val opt(int i) { return has(i) ? in(i) : null; }

  /** Input {@code i}, which must be known at import time. */
  Const known(int i, String what) {
    Val v = in(i);
    if (v instanceof Val.Known k) return k.value();
    throw new ImportException("its " + what + " (input " + i + ", `" + proto.getInput(i) + "`) is computed at run time;"
        + " Kiln needs it at import time");
  }

  /** Whether output {@code i} exists and has a name. */
  boolean wants(int i) { return i < proto.getOutputCount() && !proto.getOutput(i).isEmpty(); }

  /** The Kiln text of a tensor operand (a known one becomes a param). */
  String ref(Val v) { return im.ref(v, "a constant of node `" + label(proto) + "`"); }

  /**
   * The Kiln text of an elementwise operand next to {@code other}: a literal when it is a known
   * scalar whose broadcast does not grow {@code other}'s shape, else {@link #ref}.
   */
  String arg(Val v, Val other) {
    if (v instanceof Val.Known k && k.value().size() == 1 && (other == null || k.rank() <= other.rank())
        && !k.value().isSymbolic()) {
      DType t = other != null && !(other instanceof Val.Known) ? other.dtype() : v.dtype();
      String lit = Literals.of(k.value().realAt(0), t);
      if (lit != null) return lit;
    }
    return ref(v);
  }

  /** Defines output {@code i} as a new Kiln variable {@code = expr}. */
  Val.Var out(int i, String expr, DType t, List<Dim> shape) {
    String onnx = proto.getOutput(i);
    String name = im.names.fresh(hint(onnx));
    im.program.line(name, expr);
    Val.Var v = new Val.Var(name, t, shape);
    im.bind(onnx, v);
    return v;
  }

  /** Output {@code i} is the same value as {@code v} (Identity, Dropout, a no-op reshape). */
  void alias(int i, Val v) { im.bind(proto.getOutput(i), v); }

  /** Output {@code i} is known at import time. */
  void fold(int i, Const c) { im.bind(proto.getOutput(i), new Val.Known(c, proto.getOutput(i))); }

  ImportException unsupported(String why) {
    return new ImportException("node `" + label(proto) + "` (" + op() + "): " + why);
  }

  /**
   * A readable variable name for an output: its ONNX name without the {@code _output_N} suffix
   * that exporters add to node names; the node name when the output name is only a number.
   */
  private String hint(String onnx) {
    String preferred = im.hints.get(onnx);
    if (preferred != null) return preferred;
    String h = onnx.replaceFirst("_output_\\d+$", "");
    if (h.matches("[0-9]*") && !proto.getName().isEmpty()) h = proto.getName();
    if (h.matches("[0-9]*")) h = op().toLowerCase(java.util.Locale.ROOT) + "_" + h;
    return h;
  }
}
