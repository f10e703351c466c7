package dev.kiln.importer.onnx;

import dev.kiln.ir.DType;
import dev.kiln.runtime.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The Kiln program being written, part by part, and its text: a header comment, {@code import
 * "std/nn"}, then {@code model NAME(inputs) -> outputs { params; lines; return ... }}, two-space
 * indented, one statement per line. It also collects the weights (safetensors key → tensor) that
 * the params read.
 */
final class KilnProgram {
  private final List<String> header = new ArrayList<>();
  private final List<String> inputs = new ArrayList<>();
  private final List<String> outputs = new ArrayList<>();
  private final List<String> params = new ArrayList<>();
  private final List<String> lines = new ArrayList<>();
  private final List<String> returns = new ArrayList<>();
  private final LinkedHashMap<String, Tensor> weights = new LinkedHashMap<>();
  private String name = "model";

  void name(String n) { name = n; }

  void comment(String text) { header.add("// " + text); }

  void input(String n, DType t, List<Dim> shape) { inputs.add(n + ": " + type(t, shape)); }

  void output(String n, DType t, List<Dim> shape) { outputs.add(n + ": " + type(t, shape)); }

  /** A param read from the weights file by {@code key} (the ONNX name). */
  void param(String n, String key, Tensor value, DType t, List<Dim> shape) {
    params.add("param " + n + ": " + type(t, shape) + (key.equals(n) ? "" : " from " + quote(key)));
    weights.put(key, value);
  }

  void line(String target, String expr) { lines.add(target + " = " + expr); }

  void returns(String expr) { returns.add(expr); }

  LinkedHashMap<String, Tensor> weights() { return weights; }

  int lineCount() { return lines.size(); }

  static String type(DType t, List<Dim> shape) {
    List<String> ds = new ArrayList<>();
    for (Dim d : shape) ds.add(d.text());
    return t.text() + "[" + String.join(", ", ds) + "]";
  }

  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  String render() {
    StringBuilder b = new StringBuilder();
    for (String h : header) b.append(h).append('\n');
    b.append("import \"std/nn\"\n\n");
    b.append("model ").append(name).append('(');
    b.append(String.join(", ", inputs));
    b.append(")\n    -> ").append(String.join(", ", outputs)).append(" {\n");
    for (String p : params) b.append("  ").append(p).append('\n');
    for (String l : lines) b.append("  ").append(l).append('\n');
    b.append("  return ").append(String.join(", ", returns)).append('\n');
    b.append("}\n");
    return b.toString();
  }
}
