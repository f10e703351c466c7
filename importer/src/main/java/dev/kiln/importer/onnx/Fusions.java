package dev.kiln.importer.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recognizes decomposed layers that exporters write node by node and replaces each by the one
 * ONNX node that Kiln has a builtin for, so the program reads (and runs) as {@code layer_norm},
 * {@code gelu} and {@code hard_swish}:
 * <ul>
 *   <li>LayerNormalization: {@code m = ReduceMean(x, [-1]); d = x - m; v = ReduceMean(d^2, [-1]);
 *       y = d / Sqrt(v + eps) * gamma + beta} with gamma, beta constant vectors;
 *   <li>Gelu: {@code x * (Erf(x / √2) + 1) * 0.5} (also {@code x * 0.7071..} and either operand order);
 *   <li>HardSwish: {@code x * Clip(x + 3, 0, 6) / 6}.
 * </ul>
 * Algorithm: index producers and consumer counts; at each candidate anchor (ReduceMean, Erf, Clip)
 * walk the expected chain; every intermediate must have only consumers inside the pattern and not
 * be a graph output. A match removes its nodes and puts the fused node where the last one was
 * (its inputs are all defined before that point, so the order stays topological). The fused
 * value is named after the path its nodes share ({@code /encoder/layer.0/intermediate/...})
 * unless it is a graph output, which keeps its own name.
 */
final class Fusions {
  private final Map<String, NodeProto> producer = new HashMap<>();
  private final Map<String, List<NodeProto>> consumers = new HashMap<>();
  private final Map<String, TensorProto> constants = new HashMap<>();
  private final Set<String> graphOutputs = new HashSet<>();
  private final int opset;

  private Fusions(GraphProto g, int opset) {
    this.opset = opset;
    for (TensorProto t : g.getInitializerList()) constants.put(t.getName(), t);
    for (ValueInfoProto o : g.getOutputList()) graphOutputs.add(o.getName());
    for (NodeProto n : g.getNodeList()) {
      for (String o : n.getOutputList()) producer.put(o, n);
      for (String i : n.getInputList()) consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n);
      if (n.getOpType().equals("Constant")) {
        for (AttributeProto a : n.getAttributeList()) {
          if (a.getName().equals("value") && a.hasT()) constants.put(n.getOutput(0), a.getT());
        }
      }
    }
  }

  /** A fused node and the nodes it replaces (the last one in graph order is where it goes). */
  private record Match(NodeProto fused, List<NodeProto> nodes) {}

  /** The graph's nodes with every recognized pattern fused; {@code hints} receives names for fused outputs. */
  static List<NodeProto> apply(GraphProto g, int opset, Map<String, String> hints) {
    Fusions f = new Fusions(g, opset);
    Map<NodeProto, NodeProto> replaceAt = new HashMap<>();
    Set<NodeProto> removed = new HashSet<>();
    for (NodeProto n : g.getNodeList()) {
      if (removed.contains(n)) continue;
      Match m = switch (n.getOpType()) {
        case "ReduceMean" -> f.layerNorm(n);
        case "Erf" -> f.gelu(n);
        case "Clip" -> f.hardSwish(n);
        default -> null;
      };
      if (m == null || m.nodes.stream().anyMatch(removed::contains)) continue;
      NodeProto last = m.nodes.get(m.nodes.size() - 1);
      removed.addAll(m.nodes);
      replaceAt.put(last, m.fused);
      String hint = commonPath(m.nodes);
      if (hint != null && !f.graphOutputs.contains(m.fused.getOutput(0))) hints.put(m.fused.getOutput(0), hint);
    }
    List<NodeProto> out = new ArrayList<>();
    for (NodeProto n : g.getNodeList()) {
      if (replaceAt.containsKey(n)) out.add(replaceAt.get(n));
      else if (!removed.contains(n)) out.add(n);
    }
    return out;
  }

  // --- patterns ------------------------------------------------------------------------------

  private Match layerNorm(NodeProto mean) {
    if (!lastAxisMean(mean)) return null;
    String x = mean.getInput(0);
    NodeProto sub = only(mean.getOutput(0), "Sub");
    if (sub == null || !sub.getInput(0).equals(x) || !sub.getInput(1).equals(mean.getOutput(0))) return null;
    List<NodeProto> users = consumers.getOrDefault(sub.getOutput(0), List.of());
    if (users.size() != 2) return null;
    NodeProto pow = users.stream().filter(u -> u.getOpType().equals("Pow")).findFirst().orElse(null);
    NodeProto div = users.stream().filter(u -> u.getOpType().equals("Div")).findFirst().orElse(null);
    if (pow == null || div == null || !pow.getInput(0).equals(sub.getOutput(0)) || scalar(pow.getInput(1)) != 2.0) return null;
    NodeProto var = only(pow.getOutput(0), "ReduceMean");
    if (var == null || !lastAxisMean(var)) return null;
    NodeProto add = only(var.getOutput(0), "Add");
    if (add == null) return null;
    Double eps = scalar(other(add, var.getOutput(0)));
    NodeProto sqrt = only(add.getOutput(0), "Sqrt");
    if (eps == null || sqrt == null || only(sqrt.getOutput(0), "Div") != div) return null;
    if (!div.getInput(0).equals(sub.getOutput(0)) || !div.getInput(1).equals(sqrt.getOutput(0))) return null;
    NodeProto mul = only(div.getOutput(0), "Mul");
    if (mul == null) return null;
    String gamma = other(mul, div.getOutput(0));
    NodeProto addBeta = only(mul.getOutput(0), "Add");
    if (addBeta == null || !vector(gamma)) return null;
    String beta = other(addBeta, mul.getOutput(0));
    if (!vector(beta)) return null;
    NodeProto fused = NodeProto.newBuilder().setOpType("LayerNormalization").setName(addBeta.getName())
        .addInput(x).addInput(gamma).addInput(beta).addOutput(addBeta.getOutput(0))
        .addAttribute(AttributeProto.newBuilder().setName("epsilon").setType(AttributeProto.AttributeType.FLOAT)
            .setF(eps.floatValue()))
        .build();
    return new Match(fused, List.of(mean, sub, pow, var, add, sqrt, div, mul, addBeta));
  }

  private Match gelu(NodeProto erf) {
    NodeProto scale = producer.get(erf.getInput(0));
    if (scale == null || !single(erf.getInput(0))) return null;
    String x;
    if (scale.getOpType().equals("Div") && near(scalar(scale.getInput(1)), Math.sqrt(2))) x = scale.getInput(0);
    else if (scale.getOpType().equals("Mul") && near(scalar(scale.getInput(1)), Math.sqrt(0.5))) x = scale.getInput(0);
    else if (scale.getOpType().equals("Mul") && near(scalar(scale.getInput(0)), Math.sqrt(0.5))) x = scale.getInput(1);
    else return null;
    NodeProto plus = only(erf.getOutput(0), "Add");
    if (plus == null || !near(scalar(other(plus, erf.getOutput(0))), 1.0)) return null;
    NodeProto times = only(plus.getOutput(0), "Mul");
    if (times == null || !x.equals(other(times, plus.getOutput(0)))) return null;
    NodeProto half = only(times.getOutput(0), "Mul");
    if (half == null || !near(scalar(other(half, times.getOutput(0))), 0.5)) return null;
    NodeProto fused = NodeProto.newBuilder().setOpType("Gelu").setName(half.getName()).addInput(x)
        .addOutput(half.getOutput(0)).build();
    return new Match(fused, List.of(scale, erf, plus, times, half));
  }

  private Match hardSwish(NodeProto clip) {
    NodeProto plus = producer.get(clip.getInput(0));
    if (plus == null || !plus.getOpType().equals("Add") || !single(clip.getInput(0))) return null;
    String x = plus.getInput(0);
    if (!near(scalar(plus.getInput(1)), 3.0)) return null;
    if (!clipBounds(clip, 0.0, 6.0)) return null;
    NodeProto times = only(clip.getOutput(0), "Mul");
    if (times == null || !x.equals(other(times, clip.getOutput(0)))) return null;
    NodeProto div = only(times.getOutput(0), "Div");
    if (div == null || !div.getInput(0).equals(times.getOutput(0)) || !near(scalar(div.getInput(1)), 6.0)) return null;
    NodeProto fused = NodeProto.newBuilder().setOpType("HardSwish").setName(div.getName()).addInput(x)
        .addOutput(div.getOutput(0)).build();
    return new Match(fused, List.of(plus, clip, times, div));
  }

  // --- helpers -------------------------------------------------------------------------------

  private boolean clipBounds(NodeProto clip, double lo, double hi) {
    if (opset < 11) {
      Double min = null;
      Double max = null;
      for (AttributeProto a : clip.getAttributeList()) {
        if (a.getName().equals("min")) min = (double) a.getF();
        if (a.getName().equals("max")) max = (double) a.getF();
      }
      return min != null && max != null && min == lo && max == hi;
    }
    return clip.getInputCount() == 3 && near(scalar(clip.getInput(1)), lo) && near(scalar(clip.getInput(2)), hi);
  }

  /** A ReduceMean over the last axis only, keeping it (axes as attribute, as before opset 18). */
  private boolean lastAxisMean(NodeProto n) {
    if (!n.getOpType().equals("ReduceMean") || n.getInputCount() != 1) return false;
    List<Long> axes = null;
    long keep = 1;
    for (AttributeProto a : n.getAttributeList()) {
      if (a.getName().equals("axes")) axes = a.getIntsList();
      if (a.getName().equals("keepdims")) keep = a.getI();
    }
    return keep == 1 && axes != null && axes.equals(List.of(-1L));
  }

  /** The single consumer of {@code value} when it has op {@code op} and the value is not a graph output. */
  private NodeProto only(String value, String op) {
    if (!single(value)) return null;
    NodeProto n = consumers.get(value).get(0);
    return n.getOpType().equals(op) && n.getOutputCount() == 1 ? n : null;
  }

  private boolean single(String value) {
    List<NodeProto> users = consumers.get(value);
    return users != null && users.size() == 1 && !graphOutputs.contains(value);
  }

  /** The input of a two-input node that is not {@code value} (null when the node does not read it once). */
  private static String other(NodeProto n, String value) {
    if (n.getInputCount() != 2) return null;
    if (n.getInput(0).equals(value) && !n.getInput(1).equals(value)) return n.getInput(1);
    if (n.getInput(1).equals(value) && !n.getInput(0).equals(value)) return n.getInput(0);
    return null;
  }

  /** The value of a one-element float constant, or null. */
  private Double scalar(String name) {
    TensorProto t = name == null ? null : constants.get(name);
    if (t == null || t.getDataType() != 1) return null;
    long n = 1;
    for (long d : t.getDimsList()) n *= d;
    if (n != 1) return null;
    Const c = Const.fromProto(t, "constant `" + name + "`", null);
    return c.realAt(0);
  }

  private boolean vector(String name) {
    TensorProto t = name == null ? null : constants.get(name);
    return t != null && t.getDimsCount() == 1 && t.getDataType() == 1;
  }

  private static boolean near(Double v, double want) {
    return v != null && Math.abs(v - want) <= 1e-6 * Math.max(1, Math.abs(want));
  }

  /** The path the node names share ({@code /a/b/C} and {@code /a/b/D} share {@code /a/b}), or null. */
  private static String commonPath(List<NodeProto> nodes) {
    String first = nodes.get(0).getName();
    int end = first.lastIndexOf('/');
    if (end <= 0) return null;
    String prefix = first.substring(0, end);
    for (NodeProto n : nodes) {
      while (!n.getName().startsWith(prefix + "/")) {
        int cut = prefix.lastIndexOf('/');
        if (cut <= 0) return null;
        prefix = prefix.substring(0, cut);
      }
    }
    return prefix;
  }
}
