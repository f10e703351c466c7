package dev.kiln.importer.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.kiln.ir.DType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Translates one ONNX graph into a {@link KilnProgram}.
 *
 * <p>Algorithm. (1) Initializers become {@link Val.Known} constants (decoded lazily). (2) Each graph
 * input that is not an initializer becomes a model input; its dims become integers or named
 * dimensions ({@link Dim#sym}), shared by name across inputs, with the {@code --input-shape}
 * overrides applied. (3) Nodes are visited in the graph's order (ONNX requires a topological one).
 * A node whose op {@link Folding} knows and whose inputs are all known (or, for Shape and Size,
 * whose input has an inferred shape) is evaluated at import time and produces no Kiln. Every other
 * node goes to its translator in {@link OpTable}, which infers the output's dtype and symbolic
 * shape and writes one line; a known tensor it reads becomes a literal (a scalar beside a tensor)
 * or a {@code param} written to the weights (once, named after its ONNX name). (4) The graph
 * outputs, in ONNX order, become the model's outputs; their shapes must be integers or input
 * dimension names, as Kiln model signatures require. Before (3), {@link Fusions} replaces
 * decomposed layer norms, GELUs and hard-swishes by single nodes.
 */
final class GraphImporter {
  final Names names = new Names();
  final KilnProgram program = new KilnProgram();
  final List<String> notes = new ArrayList<>();
  final int opset;
  private final Map<String, Val> values = new HashMap<>();
  private final Map<String, Val.Var> materialized = new HashMap<>();
  private final Map<String, Dim> dimsByName = new HashMap<>();
  /** Preferred variable names for some ONNX values (fused layers are named after their shared path). */
  final Map<String, String> hints = new HashMap<>();
  private final Set<String> noteSet = new LinkedHashSet<>();
  private final ModelProto model;
  private final Path baseDir;
  private final ImportOptions options;
  private final List<String> inputNames = new ArrayList<>();
  private final List<String> outputNames = new ArrayList<>();

  GraphImporter(ModelProto model, Path baseDir, ImportOptions options) {
    this.model = model;
    this.baseDir = baseDir;
    this.options = options;
    int v = -1;
    for (OperatorSetIdProto o : model.getOpsetImportList()) {
      if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) v = (int) o.getVersion();
    }
    if (v < 0) throw new ImportException("the model imports no version of the default ONNX operator set");
    this.opset = v;
    for (String r : Names.RESERVED) names.reserve(r);
  }

  private String modelName;

  String modelName() { return modelName; }

  List<String> inputNames() { return inputNames; }

  List<String> outputNames() { return outputNames; }

  List<String> notes() { return new ArrayList<>(noteSet); }

  void note(String s) { noteSet.add(s); }

  void run(String modelName, String sourceName) {
    GraphProto g = model.getGraph();
    this.modelName = names.fresh(modelName);
    program.name(this.modelName);
    program.comment("Imported from " + sourceName + " by `kiln import` (ONNX opset " + opset
        + (model.getProducerName().isEmpty() ? "" : ", produced by " + model.getProducerName() + " "
            + model.getProducerVersion()).strip() + ").");
    Set<String> initializers = new HashSet<>();
    for (TensorProto t : g.getInitializerList()) {
      initializers.add(t.getName());
      values.put(t.getName(), new Val.Known(Const.fromProto(t, "initializer `" + t.getName() + "`", baseDir), t.getName()));
    }
    for (String unknown : options.inputShapes().keySet()) {
      boolean found = g.getInputList().stream().anyMatch(v -> v.getName().equals(unknown) && !initializers.contains(unknown));
      if (!found) {
        List<String> inputs = g.getInputList().stream().map(ValueInfoProto::getName).filter(n -> !initializers.contains(n))
            .toList();
        throw new ImportException("--input-shape names `" + unknown + "`, which is not an input of the model; its inputs: "
            + String.join(", ", inputs));
      }
    }
    for (ValueInfoProto in : g.getInputList()) {
      if (!initializers.contains(in.getName())) fixNamedDims(in);
    }
    for (ValueInfoProto in : g.getInputList()) {
      if (!initializers.contains(in.getName())) input(in);
    }
    OpTable table = OpTable.standard();
    for (NodeProto n : Fusions.apply(g, opset, hints)) node(n, table);
    for (ValueInfoProto out : g.getOutputList()) output(out);
  }

  /**
   * An {@code --input-shape} value fixes a named dimension everywhere: {@code input_ids=1,128}
   * also fixes {@code batch_size} and {@code sequence_length} of the other inputs.
   */
  private void fixNamedDims(ValueInfoProto in) {
    List<Long> override = options.inputShapes().get(in.getName());
    if (override == null) return;
    List<TensorShapeProto.Dimension> ds = in.getType().getTensorType().getShape().getDimList();
    for (int a = 0; a < Math.min(ds.size(), override.size()); a++) {
      TensorShapeProto.Dimension d = ds.get(a);
      if (!d.hasDimParam() || d.getDimParam().isEmpty() || override.get(a) < 0) continue;
      Dim before = dimsByName.putIfAbsent(d.getDimParam(), Dim.of(override.get(a)));
      if (before != null && before.value() != override.get(a)) {
        throw new ImportException("--input-shape gives the dimension `" + d.getDimParam() + "` two sizes, " + before
            + " and " + override.get(a));
      }
    }
  }

  private void input(ValueInfoProto in) {
    if (!in.getType().hasTensorType()) throw new ImportException("input `" + in.getName() + "` is not a tensor");
    var tt = in.getType().getTensorType();
    DType t = OnnxTypes.require(tt.getElemType(), "input `" + in.getName() + "`");
    List<Long> override = options.inputShapes().get(in.getName());
    List<TensorShapeProto.Dimension> ds = tt.getShape().getDimList();
    if (!tt.hasShape()) {
      if (override == null) {
        throw new ImportException("input `" + in.getName() + "` has no shape in the model; give one with --input-shape");
      }
      ds = java.util.Collections.nCopies(override.size(), TensorShapeProto.Dimension.getDefaultInstance());
    }
    if (override != null && override.size() != ds.size()) {
      throw new ImportException("--input-shape gives " + override.size() + " dimensions for input `" + in.getName()
          + "`, which has " + ds.size());
    }
    String name = names.fresh(in.getName());
    List<Dim> shape = new ArrayList<>();
    for (int a = 0; a < ds.size(); a++) {
      TensorShapeProto.Dimension d = ds.get(a);
      if (override != null && override.get(a) >= 0) {
        if (d.hasDimValue() && d.getDimValue() > 0 && d.getDimValue() != override.get(a)) {
          throw new ImportException("--input-shape sets dimension " + a + " of `" + in.getName() + "` to "
              + override.get(a) + ", but the model fixes it to " + d.getDimValue());
        }
        shape.add(Dim.of(override.get(a)));
      } else if (d.hasDimValue() && d.getDimValue() > 0) {
        shape.add(Dim.of(d.getDimValue()));
      } else {
        String param = d.hasDimParam() && !d.getDimParam().isEmpty() ? d.getDimParam() : in.getName() + "_dim" + a;
        shape.add(dimsByName.computeIfAbsent(param, p -> Dim.sym(names.fresh(p))));
      }
    }
    program.input(name, t, shape);
    inputNames.add(name);
    values.put(in.getName(), new Val.Var(name, t, shape));
  }

  private void node(NodeProto n, OpTable table) {
    if (!n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx")) {
      throw new ImportException("node `" + Node.label(n) + "` uses operator `" + n.getOpType() + "` of domain `"
          + n.getDomain() + "`; only the default ONNX domain is supported");
    }
    Node node = new Node(n, this);
    if (Folding.tryFold(node)) return;
    Translator tr = table.get(n.getOpType());
    if (tr == null) {
      throw new ImportException("unsupported operator `" + n.getOpType() + "` at node `" + Node.label(n)
          + "`; supported operators: " + String.join(", ", table.names()));
    }
    try {
      tr.translate(node);
    } catch (ImportException e) {
      if (e.getMessage().startsWith("node `")) throw e;
      throw new ImportException("node `" + Node.label(n) + "` (" + n.getOpType() + "): " + e.getMessage(), e);
    }
  }

  private void output(ValueInfoProto out) {
    Val v = values.get(out.getName());
    if (v == null) throw new ImportException("graph output `" + out.getName() + "` is never computed");
    String ref = ref(v, out.getName());
    String name = Names.sanitize(out.getName());
    String base = name;
    for (int k = 2; outputNames.contains(name); k++) name = base + "_" + k;
    for (Dim d : v.shape()) {
      if (!d.isConstant() && !d.isSymbol()) {
        throw new ImportException("output `" + out.getName() + "` has the dimension `" + d + "`, an expression; a Kiln "
            + "model's outputs need numbers or input dimension names (fix the input shape with --input-shape)");
      }
    }
    program.output(name, v.dtype(), v.shape());
    program.returns(ref);
    outputNames.add(name);
  }

  /** The value an ONNX name holds; an error when it was never defined. */
  Val value(String onnxName) {
    Val v = values.get(onnxName);
    if (v == null) throw new ImportException("value `" + onnxName + "` is used before it is defined");
    return v;
  }

  void bind(String onnxName, Val v) {
    values.put(onnxName, v);
  }

  /** The Kiln name of a value used as a tensor: a known one becomes a param (once). */
  String ref(Val v, String what) {
    return switch (v) {
      case Val.Var var -> var.name();
      case Val.Known k -> materialize(k, what).name();
    };
  }

  Val.Var materialize(Val.Known k, String what) {
    Val.Var done = materialized.get(k.onnxName());
    if (done != null) return done;
    String n = names.fresh(k.onnxName());
    program.param(n, k.onnxName(), k.value().toTensor(what), k.dtype(), k.shape());
    Val.Var v = new Val.Var(n, k.dtype(), k.shape());
    materialized.put(k.onnxName(), v);
    return v;
  }
}
