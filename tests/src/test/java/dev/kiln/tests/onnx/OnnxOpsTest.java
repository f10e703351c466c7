package dev.kiln.tests.onnx;

import static dev.kiln.tests.onnx.OnnxGraphs.f;
import static dev.kiln.tests.onnx.OnnxGraphs.i;
import static dev.kiln.tests.onnx.OnnxGraphs.ints;
import static dev.kiln.tests.onnx.OnnxGraphs.sym;
import static dev.kiln.tests.onnx.OnnxGraphs.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.kiln.importer.onnx.ImportException;
import dev.kiln.runtime.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One small ONNX graph per supported operator and per attribute variant that changes the
 * semantics (broadcasting, negative axes, keepdims, permutations, gather axes, slice steps,
 * convolution stride/padding/groups, opset-dependent forms ...), each imported into a temporary
 * directory, compiled with Kiln and run on seeded random inputs, and compared with ONNX Runtime on
 * the same inputs within 1e-3 + 1e-3·|reference| ({@link KilnImport#agrees}). Plus the error for an
 * operator the importer does not support.
 */
class OnnxOpsTest {
  @TempDir Path dir;

  private Map<String, Tensor> check(OnnxGraphs g, String out) {
    return KilnImport.agrees(g, g.model(out), dir, 17);
  }

  private Map<String, Tensor> check(OnnxGraphs g, String out, DataType type) {
    return KilnImport.agrees(g, g.model(out, type), dir, 17);
  }

  // ---- elementwise arithmetic and broadcasting

  @Test
  void addBroadcastsATrailingVector() {
    OnnxGraphs g = OnnxGraphs.graph("add_bcast");
    check(g, g.op("Add", g.f32("a", 2, 3, 4), g.f32("b", 4)));
  }

  @Test
  void subBroadcastsBothOperands() {
    OnnxGraphs g = OnnxGraphs.graph("sub_bcast");
    check(g, g.op("Sub", g.f32("a", 2, 1, 4), g.f32("b", 3, 1)));
  }

  @Test
  void mulByAnInitializer() {
    OnnxGraphs g = OnnxGraphs.graph("mul_init");
    check(g, g.op("Mul", g.f32("a", 3, 4), g.randomFloats("w", 5, 2.0, 3, 4)));
  }

  @Test
  void divByAScalarInitializerAndByATensor() {
    OnnxGraphs g = OnnxGraphs.graph("div");
    String q = g.op("Div", g.f32("a", 2, 3), g.floats("s", new float[] {8f}));
    check(g, g.op("Div", q, g.f32Range("b", 0.5, 2, 2, 3)));
  }

  @Test
  void powWithScalarExponents() {
    OnnxGraphs g = OnnxGraphs.graph("pow");
    String x = g.f32Range("x", 0.1, 2, 2, 5);
    String sq = g.op("Pow", x, g.floats("two", new float[] {2f}));
    check(g, g.op("Add", sq, g.op("Pow", x, g.floats("half", new float[] {0.5f}))));
  }

  @Test
  void sqrt() {
    OnnxGraphs g = OnnxGraphs.graph("sqrt");
    check(g, g.op("Sqrt", g.f32Range("x", 0.01, 4, 3, 4)));
  }

  @Test
  void erf() {
    OnnxGraphs g = OnnxGraphs.graph("erf");
    check(g, g.op("Erf", g.f32Range("x", -3, 3, 4, 8)));
  }

  @Test
  void geluAsMiniLmWritesIt() {
    OnnxGraphs g = OnnxGraphs.graph("gelu");
    String x = g.f32Range("x", -4, 4, 2, 6);
    String e = g.op("Erf", g.op("Div", x, g.floats("sqrt2", new float[] {1.4142135f})));
    String h = g.op("Mul", g.op("Mul", x, g.op("Add", e, g.floats("one", new float[] {1f}))),
        g.floats("half", new float[] {0.5f}));
    check(g, h);
  }

  @Test
  void relu() {
    OnnxGraphs g = OnnxGraphs.graph("relu");
    check(g, g.op("Relu", g.f32("x", 2, 3, 4)));
  }

  @Test
  void clipWithBoundsAsInputs() {
    OnnxGraphs g = OnnxGraphs.graph("clip11", 11);
    check(g, g.op("Clip", g.f32Range("x", -8, 8, 2, 8), g.floats("lo", new float[] {0f}), g.floats("hi", new float[] {6f})));
  }

  @Test
  void clipWithBoundsAsAttributesAtOpset9() {
    OnnxGraphs g = OnnxGraphs.graph("clip9", 9);
    check(g, g.node("Clip", List.of(g.f32Range("x", -8, 8, 2, 8)), f("min", -1f), f("max", 2.5f)));
  }

  @Test
  void hardSigmoid() {
    OnnxGraphs g = OnnxGraphs.graph("hard_sigmoid");
    check(g, g.node("HardSigmoid", List.of(g.f32Range("x", -5, 5, 4, 6)), f("alpha", 0.2f), f("beta", 0.5f)));
  }

  @Test
  void constantNodeFeedsAnAdd() {
    OnnxGraphs g = OnnxGraphs.graph("constant");
    String c = g.node("Constant", List.of(), tensor("value", new float[] {1, -2, 3}, 3));
    check(g, g.op("Add", g.f32("x", 2, 3), c));
  }

  // ---- softmax and reductions

  @Test
  void softmaxOverTheLastAxis() {
    OnnxGraphs g = OnnxGraphs.graph("softmax_last");
    check(g, g.op("Softmax", g.f32Range("x", -4, 4, 2, 3, 5)));
  }

  @Test
  void softmaxOverAMiddleAxis() {
    OnnxGraphs g = OnnxGraphs.graph("softmax_axis1");
    check(g, g.node("Softmax", List.of(g.f32Range("x", -4, 4, 2, 3, 5)), i("axis", 1)));
  }

  @Test
  void softmaxAtOpset11WithANegativeAxis() {
    OnnxGraphs g = OnnxGraphs.graph("softmax11", 11);
    check(g, g.node("Softmax", List.of(g.f32Range("x", -4, 4, 2, 3, 5)), i("axis", -1)));
  }

  @Test
  void reduceMeanKeepsDimsOverANegativeAxis() {
    OnnxGraphs g = OnnxGraphs.graph("mean_keep");
    check(g, g.node("ReduceMean", List.of(g.f32("x", 2, 3, 6)), ints("axes", -1)));
  }

  @Test
  void reduceMeanDropsDimsWhenKeepdimsIsZero() {
    OnnxGraphs g = OnnxGraphs.graph("mean_drop");
    check(g, g.node("ReduceMean", List.of(g.f32("x", 2, 3, 6)), ints("axes", 1), i("keepdims", 0)));
  }

  @Test
  void layerNormAsMiniLmWritesIt() {
    OnnxGraphs g = OnnxGraphs.graph("layer_norm");
    String x = g.f32Range("x", -2, 2, 2, 4, 8);
    String d = g.op("Sub", x, g.node("ReduceMean", List.of(x), ints("axes", -1)));
    String v = g.node("ReduceMean", List.of(g.op("Pow", d, g.floats("two", new float[] {2f}))), ints("axes", -1));
    String n = g.op("Div", d, g.op("Sqrt", g.op("Add", v, g.floats("eps", new float[] {1e-12f}))));
    check(g, g.op("Add", g.op("Mul", n, g.randomFloats("gamma", 3, 1, 8)), g.randomFloats("beta", 4, 1, 8)));
  }

  // ---- layout: transpose, reshape, unsqueeze, flatten, concat

  @Test
  void transposeWithAPermutation() {
    OnnxGraphs g = OnnxGraphs.graph("transpose_perm");
    check(g, g.node("Transpose", List.of(g.f32("x", 2, 3, 4, 5)), ints("perm", 0, 2, 1, 3)));
  }

  @Test
  void transposeDefaultReversesTheAxes() {
    OnnxGraphs g = OnnxGraphs.graph("transpose_default");
    check(g, g.op("Transpose", g.f32("x", 2, 3, 4)));
  }

  @Test
  void reshapeWithZeroAndMinusOne() {
    OnnxGraphs g = OnnxGraphs.graph("reshape_static");
    check(g, g.op("Reshape", g.f32("x", 2, 3, 4), g.longs1("shape", 0, -1, 2)));
  }

  @Test
  void reshapeToSymbolicDimsBuiltFromShape() {
    OnnxGraphs g = OnnxGraphs.graph("reshape_symbolic", 11);
    String x = g.f32("x", sym("batch", 2), sym("seq", 3), 8);
    String shape = g.op("Shape", x);
    String b = g.node("Unsqueeze", List.of(g.op("Gather", shape, g.longs("i0", new long[] {0}))), ints("axes", 0));
    String t = g.node("Unsqueeze", List.of(g.op("Gather", shape, g.longs("i1", new long[] {1}))), ints("axes", 0));
    String target = g.node("Concat", List.of(b, t, g.longs1("heads", 2), g.longs1("width", 4)), i("axis", 0));
    check(g, g.op("Reshape", x, target));
  }

  @Test
  void unsqueezeWithAxesAsAnInput() {
    OnnxGraphs g = OnnxGraphs.graph("unsqueeze13");
    check(g, g.op("Unsqueeze", g.f32("x", 3, 4), g.longs1("axes", 0, -1)));
  }

  @Test
  void unsqueezeWithAxesAsAnAttributeAtOpset11() {
    OnnxGraphs g = OnnxGraphs.graph("unsqueeze11", 11);
    check(g, g.node("Unsqueeze", List.of(g.f32("x", 3, 4)), ints("axes", 1)));
  }

  @Test
  void flatten() {
    OnnxGraphs g = OnnxGraphs.graph("flatten");
    check(g, g.node("Flatten", List.of(g.f32("x", 2, 3, 2, 2)), i("axis", 1)));
  }

  @Test
  void concatAlongANegativeAxis() {
    OnnxGraphs g = OnnxGraphs.graph("concat");
    check(g, g.node("Concat", List.of(g.f32("a", 2, 3), g.f32("b", 2, 5), g.randomFloats("c", 9, 1, 2, 1)), i("axis", -1)));
  }

  // ---- indexing: gather, slice, where, cast

  @Test
  void gatherOnAxis0IsAnEmbeddingLookup() {
    OnnxGraphs g = OnnxGraphs.graph("gather0");
    String table = g.randomFloats("table", 11, 1, 10, 4);
    check(g, g.op("Gather", table, g.i64("ids", 0, 10, 2, 3)));
  }

  @Test
  void gatherOnAxis1WithConstantIndices() {
    OnnxGraphs g = OnnxGraphs.graph("gather1");
    check(g, g.node("Gather", List.of(g.f32("x", 3, 5), g.longs1("idx", 4, 0, 2)), i("axis", 1)));
  }

  @Test
  void sliceWithStepsOnTwoAxes() {
    OnnxGraphs g = OnnxGraphs.graph("slice_steps");
    check(g, g.op("Slice", g.f32("x", 6, 10), g.longs1("starts", 1, 0), g.longs1("ends", 6, 9),
        g.longs1("axes", 0, 1), g.longs1("steps", 2, 3)));
  }

  @Test
  void sliceBackwardsWithNegativeBoundsAndAxis() {
    OnnxGraphs g = OnnxGraphs.graph("slice_negative");
    check(g, g.op("Slice", g.f32("x", 4, 10), g.longs1("starts", -2), g.longs1("ends", -9), g.longs1("axes", -1),
        g.longs1("steps", -2)));
  }

  @Test
  void sliceWithoutAxesClampsEndsPastTheDim() {
    OnnxGraphs g = OnnxGraphs.graph("slice_clamp");
    check(g, g.op("Slice", g.f32("x", 4, 6), g.longs1("starts", 1, 2), g.longs1("ends", 100, Long.MAX_VALUE)));
  }

  @Test
  void positionIdsAsMiniLmSlicesThem() {
    OnnxGraphs g = OnnxGraphs.graph("position_ids", 11);
    String x = g.f32("x", sym("batch", 2), sym("seq", 5), 4);
    String seq = g.node("Unsqueeze", List.of(g.op("Gather", g.op("Shape", x), g.longs("i1", new long[] {1}))),
        ints("axes", 0));
    String ids = g.op("Slice", g.longs("position_ids", new long[] {0, 1, 2, 3, 4, 5, 6, 7}, 1, 8),
        g.longs1("zero", 0), seq, g.longs1("axis1", 1));
    String pos = g.op("Gather", g.randomFloats("positions", 12, 1, 8, 4), ids);
    check(g, g.op("Add", x, pos));
  }

  @Test
  void whereSelectsByAComparison() {
    OnnxGraphs g = OnnxGraphs.graph("where");
    String a = g.f32("a", 2, 5);
    String b = g.f32("b", 5);
    check(g, g.op("Where", g.op("Greater", a, b), a, g.floats("zero", new float[] {0f})));
  }

  @Test
  void castOfAnIntegerMaskToFloatAsMiniLmBuildsTheAttentionBias() {
    OnnxGraphs g = OnnxGraphs.graph("cast_mask");
    String m = g.node("Cast", List.of(g.i64("mask", 0, 2, 2, 5)), i("to", DataType.FLOAT.getNumber()));
    String bias = g.op("Mul", g.op("Sub", g.floats("one", new float[] {1f}), m), g.floats("big", new float[] {-10000f}));
    check(g, g.op("Add", g.f32("scores", 2, 5), bias));
  }

  @Test
  void castOfFloatToInt64TruncatesTowardZero() {
    OnnxGraphs g = OnnxGraphs.graph("cast_trunc");
    check(g, g.node("Cast", List.of(g.f32Range("x", -5, 5, 3, 4)), i("to", DataType.INT64.getNumber())), DataType.INT64);
  }

  // ---- matrix products

  @Test
  void matMul2d() {
    OnnxGraphs g = OnnxGraphs.graph("matmul2d");
    check(g, g.op("MatMul", g.f32("a", 3, 7), g.randomFloats("w", 2, 0.5, 7, 5)));
  }

  @Test
  void matMulOfABatchByAWeightMatrix() {
    OnnxGraphs g = OnnxGraphs.graph("matmul_linear");
    String y = g.op("MatMul", g.f32("x", sym("batch", 2), sym("seq", 4), 16), g.randomFloats("w", 3, 0.25, 16, 8));
    check(g, g.op("Add", y, g.randomFloats("bias", 4, 0.1, 8)));
  }

  @Test
  void matMulOfTwoBatchedOperands() {
    OnnxGraphs g = OnnxGraphs.graph("matmul_batched");
    check(g, g.op("MatMul", g.f32("q", 2, 3, 4, 8), g.f32("k", 2, 3, 8, 4)));
  }

  @Test
  void matMulBroadcastsTheBatch() {
    OnnxGraphs g = OnnxGraphs.graph("matmul_bcast");
    check(g, g.op("MatMul", g.f32("a", 2, 1, 3, 4), g.f32("b", 3, 4, 5)));
  }

  // ---- convolution and pooling

  @Test
  void conv3x3WithPaddingAndBias() {
    OnnxGraphs g = OnnxGraphs.graph("conv_pad");
    check(g, g.node("Conv", List.of(g.f32("x", 1, 3, 8, 8), g.randomFloats("w", 5, 0.3, 4, 3, 3, 3),
        g.randomFloats("b", 6, 0.1, 4)), ints("kernel_shape", 3, 3), ints("pads", 1, 1, 1, 1)));
  }

  @Test
  void convWithPerAxisStrideAndAsymmetricPads() {
    OnnxGraphs g = OnnxGraphs.graph("conv_stride");
    check(g, g.node("Conv", List.of(g.f32("x", 2, 2, 9, 8), g.randomFloats("w", 5, 0.3, 3, 2, 3, 2)),
        ints("strides", 2, 1), ints("pads", 1, 0, 0, 1)));
  }

  @Test
  void depthwiseConvWithStride2x1And5x5Kernel() {
    OnnxGraphs g = OnnxGraphs.graph("conv_depthwise");
    check(g, g.node("Conv", List.of(g.f32("x", 1, 4, 12, 10), g.randomFloats("w", 5, 0.2, 4, 1, 5, 5)),
        i("group", 4), ints("kernel_shape", 5, 5), ints("strides", 2, 1), ints("pads", 2, 2, 2, 2)));
  }

  @Test
  void groupedConv1x1() {
    OnnxGraphs g = OnnxGraphs.graph("conv_grouped");
    check(g, g.node("Conv", List.of(g.f32("x", 1, 4, 5, 5), g.randomFloats("w", 5, 0.5, 6, 2, 1, 1)), i("group", 2)));
  }

  @Test
  void maxPool3x3Stride2Pad1() {
    OnnxGraphs g = OnnxGraphs.graph("maxpool");
    check(g, g.node("MaxPool", List.of(g.f32("x", 1, 3, 9, 8)), ints("kernel_shape", 3, 3), ints("strides", 2, 2),
        ints("pads", 1, 1, 1, 1)));
  }

  @Test
  void maxPool2x2() {
    OnnxGraphs g = OnnxGraphs.graph("maxpool2");
    check(g, g.node("MaxPool", List.of(g.f32("x", 2, 3, 8, 6)), ints("kernel_shape", 2, 2), ints("strides", 2, 2)));
  }

  @Test
  void batchNormalizationInInferenceMode() {
    OnnxGraphs g = OnnxGraphs.graph("batchnorm");
    String x = g.f32("x", 2, 3, 4, 5);
    check(g, g.node("BatchNormalization", List.of(x, g.randomFloats("scale", 1, 1, 3), g.randomFloats("bias", 2, 1, 3),
        g.randomFloats("mean", 3, 0.5, 3), g.floats("var", new float[] {0.5f, 1f, 2f}, 3)), f("epsilon", 1e-5f)));
  }

  @Test
  void batchNormalizationAtOpset9() {
    OnnxGraphs g = OnnxGraphs.graph("batchnorm9", 9);
    String x = g.f32("x", 1, 2, 3, 3);
    check(g, g.node("BatchNormalization", List.of(x, g.randomFloats("scale", 1, 1, 2), g.randomFloats("bias", 2, 1, 2),
        g.randomFloats("mean", 3, 0.5, 2), g.floats("var", new float[] {0.25f, 4f}, 2)), f("epsilon", 1e-3f),
        f("momentum", 0.9f)));
  }

  @Test
  void globalAveragePool() {
    OnnxGraphs g = OnnxGraphs.graph("gap");
    check(g, g.op("GlobalAveragePool", g.f32("x", 2, 3, 5, 7)));
  }

  // ---- graph structure and errors

  @Test
  void outputsKeepTheOnnxOrder() {
    OnnxGraphs g = OnnxGraphs.graph("two_outputs");
    String x = g.f32("x", 2, 3);
    String second = g.op("Relu", x);
    String first = g.op("Erf", x);
    g.output(first).output(second);
    KilnImport.Imported k = KilnImport.compile(g.model(), dir, "two_outputs");
    assertEquals(List.of(first, second), k.result().outputNames());
    assertEquals(k.result().outputNames(), k.model().outputNames());
    Map<String, Tensor> in = g.randomInputs(3);
    Compare.outputs(OrtReference.runOnce(g.model(), in), k.model().run(in), "two_outputs");
  }

  @Test
  void anUnsupportedOperatorIsAnErrorNamingOpNodeAndTheSupportedOps() throws Exception {
    OnnxGraphs g = OnnxGraphs.graph("unsupported");
    String y = g.op("Det", g.f32("x", 3, 3));
    Path onnx = dir.resolve("unsupported.onnx");
    Files.write(onnx, g.model(y).toByteArray());
    Path out = dir.resolve("unsupported.kiln");
    ImportException e = assertThrows(ImportException.class,
        () -> dev.kiln.importer.onnx.OnnxImporter.importModel(onnx, out, dev.kiln.importer.onnx.ImportOptions.defaults()));
    String m = e.getMessage();
    assertTrue(m.contains("Det"), m);
    assertTrue(m.contains(y + "_node"), "names the node: " + m);
    for (String op : List.of("MatMul", "Conv", "Gather", "Softmax")) {
      assertTrue(m.contains(op), "lists supported op " + op + ": " + m);
    }
    assertFalse(Files.exists(out), "nothing written");
    assertFalse(Files.exists(dir.resolve("unsupported.safetensors")), "no weights written");
  }
}
