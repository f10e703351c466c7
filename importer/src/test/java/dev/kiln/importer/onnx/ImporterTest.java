package dev.kiln.importer.onnx;

import static dev.kiln.importer.onnx.OnnxModels.FLOAT;
import static dev.kiln.importer.onnx.OnnxModels.INT64;
import static dev.kiln.importer.onnx.OnnxModels.i;
import static dev.kiln.importer.onnx.OnnxModels.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.Tensor;
import dev.kiln.runtime.io.SafeTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImporterTest {
  @TempDir Path dir;

  private String importText(OnnxModels m, ImportOptions o) throws IOException {
    ImportResult r = OnnxImporter.importModel(m.write(dir, "m.onnx"), dir.resolve("m.kiln"), o);
    return Files.readString(r.kilnFile());
  }

  /** Shape → Gather → Unsqueeze → Concat of symbolic dims folds into reshape targets that name them. */
  @Test void shapeSubgraphsFoldSymbolically() throws IOException {
    OnnxModels m = new OnnxModels(11)
        .input("x", FLOAT, "B", "T", 384L)
        .longs("zero", new long[0], 0).longs("one", new long[0], 1).longs("heads", new long[] {2}, 12, 32)
        .longs("flat", new long[] {2}, -1, 384).longs("width", new long[] {1}, 384)
        .node("Shape", "shape", List.of("x"), List.of("s"))
        .node("Gather", "g0", List.of("s", "zero"), List.of("b"), i("axis", 0))
        .node("Gather", "g1", List.of("s", "one"), List.of("t"), i("axis", 0))
        .node("Unsqueeze", "u0", List.of("b"), List.of("ub"), ints("axes", 0))
        .node("Unsqueeze", "u1", List.of("t"), List.of("ut"), ints("axes", 0))
        .node("Concat", "cat", List.of("ub", "ut", "heads"), List.of("target"), i("axis", 0))
        .node("Reshape", "/attn/Reshape", List.of("x", "target"), List.of("/attn/Reshape_output_0"))
        .node("Transpose", "tr", List.of("/attn/Reshape_output_0"), List.of("y"), ints("perm", 0, 2, 1, 3))
        .node("Reshape", "flatten", List.of("x", "flat"), List.of("rows"))
        .node("Relu", "act", List.of("rows"), List.of("act"))
        .node("Concat", "cat2", List.of("ub", "ut", "width"), List.of("back"), i("axis", 0))
        .node("Reshape", "unflatten", List.of("act", "back"), List.of("z"))
        .output("y", FLOAT, "B", 12L, "T", 32L)
        .output("z", FLOAT, "B", "T", 384L);
    String text = importText(m, ImportOptions.defaults());
    assertTrue(text.contains("attn_Reshape = reshape(x, shape: [B, T, 12, 32])"), text);
    assertTrue(text.contains("y = transpose(attn_Reshape, perm: [0, 2, 1, 3])"), text);
    assertTrue(text.contains("rows = reshape(x, shape: [B * T, 384])"), text);
    assertTrue(text.contains("z = reshape(act, shape: [B, T, 384])"), text);
    assertTrue(text.contains("-> y: f32[B, 12, T, 32], z: f32[B, T, 384]"), text);
    assertFalse(text.contains("Shape") || text.contains("Gather") || text.contains("Concat"), text);
  }

  @Test void outputsMustHaveNamedOrConstantDims() throws IOException {
    OnnxModels m = new OnnxModels(13)
        .input("x", FLOAT, "B", "T", 4L)
        .longs("flat", new long[] {2}, -1, 4)
        .node("Reshape", "flatten", List.of("x", "flat"), List.of("rows"))
        .output("rows", FLOAT, "BT", 4L);
    ImportException e = assertThrows(ImportException.class, () -> importText(m, ImportOptions.defaults()));
    assertTrue(e.getMessage().contains("output `rows` has the dimension `B * T`"), e.getMessage());
    String fixed = importText(m, ImportOptions.defaults().withInputShape("x", List.of(2L, 3L, 4L)));
    assertTrue(fixed.contains("-> rows: f32[6, 4]"), fixed);
  }

  @Test void symbolicReshapeNamesTheModelDims() throws IOException {
    OnnxModels m = new OnnxModels(13)
        .input("x", FLOAT, "B", "T", 384L)
        .longs("zero", new long[0], 0).longs("one", new long[0], 1).longs("axes0", new long[] {1}, 0)
        .longs("heads", new long[] {2}, 12, 32)
        .node("Shape", "shape", List.of("x"), List.of("s"))
        .node("Gather", "g0", List.of("s", "zero"), List.of("b"))
        .node("Gather", "g1", List.of("s", "one"), List.of("t"))
        .node("Unsqueeze", "u0", List.of("b", "axes0"), List.of("ub"))
        .node("Unsqueeze", "u1", List.of("t", "axes0"), List.of("ut"))
        .node("Concat", "cat", List.of("ub", "ut", "heads"), List.of("target"), i("axis", 0))
        .node("Reshape", "r", List.of("x", "target"), List.of("y"))
        .output("y", FLOAT, "B", "T", 12L, 32L);
    String text = importText(m, ImportOptions.defaults());
    assertTrue(text.contains("model m(x: f32[B, T, 384])"), text);
    assertTrue(text.contains("y = reshape(x, shape: [B, T, 12, 32])"), text);
    assertTrue(text.contains("-> y: f32[B, T, 12, 32]"), text);
  }

  @Test void scalarConstantsAreLiteralsAndTensorsAreParams() throws IOException {
    OnnxModels m = new OnnxModels(13)
        .input("x", FLOAT, "N", 4L)
        .floats("half", new long[0], 0.5f)
        .floats("layer.bias", new long[] {4}, 1f, 2f, 3f, 4f)
        .node("Mul", "scale", List.of("x", "half"), List.of("scaled"))
        .node("Add", "bias", List.of("scaled", "layer.bias"), List.of("out"))
        .output("out", FLOAT, "N", 4L);
    String text = importText(m, ImportOptions.defaults());
    assertTrue(text.contains("scaled = x * 0.5"), text);
    assertTrue(text.contains("param layer_bias: f32[4] from \"layer.bias\""), text);
    assertTrue(text.contains("out = scaled + layer_bias"), text);
    Map<String, Tensor> w = SafeTensors.read(dir.resolve("m.safetensors"));
    assertEquals(List.of("layer.bias"), List.copyOf(w.keySet()));
    assertArrayEquals(new float[] {1f, 2f, 3f, 4f}, (float[]) w.get("layer.bias").data());
  }

  @Test void inputShapeFixesNamedDimsOfEveryInput() throws IOException {
    OnnxModels m = new OnnxModels(13)
        .input("input_ids", INT64, "batch", "seq")
        .input("attention_mask", INT64, "batch", "seq")
        .node("Add", "add", List.of("input_ids", "attention_mask"), List.of("sum"))
        .output("sum", INT64, "batch", "seq");
    String text = importText(m, ImportOptions.defaults().withInputShape("input_ids", List.of(2L, 5L)));
    assertTrue(text.contains("(input_ids: i64[2, 5], attention_mask: i64[2, 5])"), text);
    assertTrue(text.contains("-> sum: i64[2, 5]"), text);
    ImportException wrongRank = assertThrows(ImportException.class,
        () -> importText(m, ImportOptions.defaults().withInputShape("input_ids", List.of(2L))));
    assertTrue(wrongRank.getMessage().contains("gives 1 dimensions for input `input_ids`"), wrongRank.getMessage());
    ImportException unknown = assertThrows(ImportException.class,
        () -> importText(m, ImportOptions.defaults().withInputShape("ids", List.of(2L, 5L))));
    assertTrue(unknown.getMessage().contains("`ids`, which is not an input"), unknown.getMessage());
  }

  @Test void slicesOfSymbolicAndStaticAxes() throws IOException {
    OnnxModels m = new OnnxModels(13)
        .input("ids", INT64, "B", "T")
        .longs("pos", new long[] {1, 16}, new long[16])
        .longs("one", new long[0], 1).longs("zero1", new long[] {1}, 0).longs("one1", new long[] {1}, 1)
        .longs("end", new long[] {1}, Long.MAX_VALUE).longs("axes0", new long[] {1}, 0)
        .node("Shape", "shape", List.of("ids"), List.of("s"))
        .node("Gather", "g1", List.of("s", "one"), List.of("t"))
        .node("Unsqueeze", "u", List.of("t", "axes0"), List.of("tt"))
        .node("Slice", "positions", List.of("pos", "zero1", "tt", "one1"), List.of("p"))
        .node("Slice", "tail", List.of("ids", "one1", "end", "one1"), List.of("rest"))
        .node("Add", "add", List.of("p", "ids"), List.of("sum"))
        .output("sum", INT64, "B", "T").output("rest", INT64, "B", "T2");
    ImportException e = assertThrows(ImportException.class, () -> importText(m, ImportOptions.defaults()));
    assertTrue(e.getMessage().contains("output `rest` has the dimension `T - 1`"), e.getMessage());
    OnnxModels m2 = new OnnxModels(13)
        .input("ids", INT64, "B", "T")
        .longs("pos", new long[] {1, 16}, new long[16])
        .longs("one", new long[0], 1).longs("zero1", new long[] {1}, 0).longs("one1", new long[] {1}, 1)
        .longs("axes0", new long[] {1}, 0)
        .node("Shape", "shape", List.of("ids"), List.of("s"))
        .node("Gather", "g1", List.of("s", "one"), List.of("t"))
        .node("Unsqueeze", "u", List.of("t", "axes0"), List.of("tt"))
        .node("Slice", "positions", List.of("pos", "zero1", "tt", "one1"), List.of("p"))
        .node("Add", "add", List.of("p", "ids"), List.of("sum"))
        .output("sum", INT64, "B", "T");
    String text = importText(m2, ImportOptions.defaults());
    assertTrue(text.contains("positions = pos[:, 0:T]") || text.contains("p = pos[:, 0:T]"), text);
  }

  @Test void unsupportedOperatorNamesOpNodeAndSupportedList() throws IOException {
    OnnxModels m = new OnnxModels(13)
        .input("x", FLOAT, 2L)
        .node("Relu", "ok", List.of("x"), List.of("r"))
        .node("FancyOp", "/block/fancy", List.of("r"), List.of("y"))
        .output("y", FLOAT, 2L);
    Path out = dir.resolve("m.kiln");
    Files.writeString(out, "previous contents");
    ImportException e = assertThrows(ImportException.class,
        () -> OnnxImporter.importModel(m.write(dir, "m.onnx"), out, ImportOptions.defaults()));
    String msg = e.getMessage();
    assertTrue(msg.contains("unsupported operator `FancyOp` at node `/block/fancy`"), msg);
    assertTrue(msg.contains("supported operators: Abs, Add, And, ArgMax, AveragePool, BatchNormalization"), msg);
    assertTrue(msg.contains("Conv") && msg.contains("Softmax") && msg.contains("Where"), msg);
    assertEquals("previous contents", Files.readString(out));
    try (var files = Files.list(dir)) {
      assertEquals(List.of("m.kiln", "m.onnx"), files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test void badAttributeIsReportedWithTheNode() throws IOException {
    OnnxModels m = new OnnxModels(13)
        .input("x", FLOAT, 1L, 1L, 8L, 8L)
        .floats("w", new long[] {1, 1, 3, 3}, new float[9])
        .node("Conv", "dilated", List.of("x", "w"), List.of("y"), ints("dilations", 2, 2))
        .output("y", FLOAT, 1L, 1L, 4L, 4L);
    ImportException e = assertThrows(ImportException.class, () -> importText(m, ImportOptions.defaults()));
    assertTrue(e.getMessage().contains("node `dilated` (Conv): dilations [2, 2] (only 1 is supported)"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("m.kiln")));
    assertFalse(Files.exists(dir.resolve("m.safetensors")));
  }

  @Test void convolutionAttributesBecomeStdNnArguments() throws IOException {
    OnnxModels m = new OnnxModels(13)
        .input("x", FLOAT, "N", 4L, 16L, 16L)
        .floats("dw", new long[] {4, 1, 5, 5}, new float[100])
        .floats("b", new long[] {4}, new float[4])
        .node("Conv", "depthwise", List.of("x", "dw", "b"), List.of("y"), ints("strides", 2, 1),
            ints("pads", 2, 2, 2, 2), i("group", 4), ints("kernel_shape", 5, 5))
        .node("MaxPool", "pool", List.of("y"), List.of("z"), ints("kernel_shape", 2, 2), ints("strides", 2, 2))
        .node("GlobalAveragePool", "gap", List.of("z"), List.of("g"))
        .output("g", FLOAT, "N", 4L, 1L, 1L);
    String text = importText(m, ImportOptions.defaults());
    assertTrue(text.contains("y = conv2d(x, dw, stride: [2, 1], pad: 2, groups: 4) + reshape(b, shape: [4, 1, 1])"), text);
    assertTrue(text.contains("z = max_pool2d(y, size: 2, stride: 2)"), text);
    assertTrue(text.contains("g = mean(z, axis: [2, 3], keepdims: true)"), text);
  }
}
