package dev.kiln.tests.onnx;

import static dev.kiln.tests.onnx.OnnxGraphs.f;
import static dev.kiln.tests.onnx.OnnxGraphs.i;
import static dev.kiln.tests.onnx.OnnxGraphs.ints;
import static dev.kiln.tests.onnx.OnnxGraphs.s;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The importer's operators beyond the two target models' ("and friends"): the other unary and
 * variadic elementwise ops, comparisons and logic feeding Where, more reductions, Gemm,
 * LayerNormalization, LogSoftmax, pooling variants, Squeeze/Expand/ConstantOfShape, each imported,
 * compiled by Kiln and compared with ONNX Runtime as in {@link OnnxOpsTest}.
 */
class OnnxMoreOpsTest {
  @TempDir Path dir;

  private void check(OnnxGraphs g, String out) {
    KilnImport.agrees(g, g.model(out), dir, 23);
  }

  private void check(OnnxGraphs g, String out, DataType type) {
    KilnImport.agrees(g, g.model(out, type), dir, 23);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"Tanh, -3, 3", "Sigmoid, -6, 6", "Exp, -3, 3", "Log, 0.01, 5", "Neg, -2, 2", "Abs, -2, 2",
      "Reciprocal, 0.2, 3", "Floor, -5, 5", "Ceil, -5, 5", "Round, -5, 5", "Softplus, -5, 5", "Identity, -1, 1",
      "HardSwish, -5, 5"})
  void unary(String op, double lo, double hi) {
    OnnxGraphs g = OnnxGraphs.graph(op.toLowerCase(java.util.Locale.ROOT));
    check(g, g.op(op, g.f32Range("x", lo, hi, 3, 7)));
  }

  @Test
  void leakyReluAndElu() {
    OnnxGraphs g = OnnxGraphs.graph("leaky_elu");
    String x = g.f32Range("x", -3, 3, 4, 5);
    check(g, g.op("Add", g.node("LeakyRelu", List.of(x), f("alpha", 0.1f)), g.node("Elu", List.of(x), f("alpha", 0.7f))));
  }

  @Test
  void geluAtOpset20BothApproximations() {
    OnnxGraphs g = OnnxGraphs.graph("gelu20", 20);
    String x = g.f32Range("x", -4, 4, 3, 8);
    check(g, g.op("Sub", g.op("Gelu", x), g.node("Gelu", List.of(x), s("approximate", "tanh"))));
  }

  @Test
  void variadicMinMaxSumWithBroadcasting() {
    OnnxGraphs g = OnnxGraphs.graph("variadic");
    String a = g.f32("a", 2, 3);
    String b = g.f32("b", 3);
    String c = g.f32("c", 2, 1);
    check(g, g.op("Sum", g.op("Min", a, b, c), g.op("Max", a, b, c), a));
  }

  @Test
  void powWithATensorExponent() {
    OnnxGraphs g = OnnxGraphs.graph("pow_tensor");
    check(g, g.op("Pow", g.f32Range("x", 0.2, 3, 2, 4), g.f32Range("y", -2, 2, 4)));
  }

  @Test
  void integerModTakesTheSignOfTheDivisor() {
    OnnxGraphs g = OnnxGraphs.graph("int_mod");
    check(g, g.op("Mod", g.i64("x", -20, 20, 3, 4), g.longs1("y", 3, -4, 5, -2)), DataType.INT64);
  }

  @Test
  void comparisonsAndLogicFeedWhere() {
    OnnxGraphs g = OnnxGraphs.graph("logic");
    String a = g.f32("a", 3, 6);
    String b = g.f32("b", 6);
    String lt = g.op("Less", a, b);
    String ge = g.op("GreaterOrEqual", a, g.floats("t", new float[] {0.25f}));
    String eq = g.op("Equal", g.op("Floor", g.op("Mul", a, g.floats("four", new float[] {4f}))), g.floats("one", new float[] {1f}));
    String cond = g.op("Or", g.op("And", lt, g.op("Not", ge)), g.op("Or", g.op("LessOrEqual", a, b), eq));
    check(g, g.op("Where", cond, a, b));
  }

  @Test
  void equalOfTwoBoolTensors() {
    OnnxGraphs g = OnnxGraphs.graph("bool_equal");
    String a = g.f32("a", 3, 6);
    String b = g.f32("b", 6);
    check(g, g.op("Where", g.op("Equal", g.op("Less", a, b), g.op("Greater", a, g.floats("z", new float[] {0f}))), a, b));
  }

  @Test
  void aComparisonAsABoolOutput() {
    OnnxGraphs g = OnnxGraphs.graph("bool_out");
    check(g, g.op("Greater", g.f32("a", 2, 5), g.f32("b", 5)), DataType.BOOL);
  }

  @Test
  void reduceSumWithAxesAsAnInputAndNoKeepdims() {
    OnnxGraphs g = OnnxGraphs.graph("reduce_sum");
    check(g, g.node("ReduceSum", List.of(g.f32("x", 2, 3, 4), g.longs1("axes", 0, -1)), i("keepdims", 0)));
  }

  @Test
  void reduceMaxAndMinKeepDims() {
    OnnxGraphs g = OnnxGraphs.graph("reduce_max_min");
    String x = g.f32("x", 2, 3, 4);
    check(g, g.op("Sub", g.node("ReduceMax", List.of(x), ints("axes", 1)), g.node("ReduceMin", List.of(x), ints("axes", 1))));
  }

  @Test
  void argMaxGivesInt64Indices() {
    OnnxGraphs g = OnnxGraphs.graph("argmax");
    check(g, g.node("ArgMax", List.of(g.f32("x", 3, 7)), i("axis", 1), i("keepdims", 0)), DataType.INT64);
  }

  @Test
  void gemmWithTransposedBAlphaBetaAndBias() {
    OnnxGraphs g = OnnxGraphs.graph("gemm");
    check(g, g.node("Gemm", List.of(g.f32("a", 3, 6), g.randomFloats("b", 4, 0.5, 5, 6), g.randomFloats("c", 5, 1, 5)),
        i("transB", 1), f("alpha", 0.5f), f("beta", 2f)));
  }

  @Test
  void layerNormalizationOverTheLastAxis() {
    OnnxGraphs g = OnnxGraphs.graph("layernorm17");
    check(g, g.node("LayerNormalization", List.of(g.f32Range("x", -2, 2, 2, 3, 8), g.randomFloats("gamma", 1, 1, 8),
        g.randomFloats("beta", 2, 1, 8)), i("axis", -1), f("epsilon", 1e-5f)));
  }

  @Test
  void logSoftmax() {
    OnnxGraphs g = OnnxGraphs.graph("log_softmax");
    check(g, g.op("LogSoftmax", g.f32Range("x", -4, 4, 3, 5)));
  }

  @Test
  void averagePoolExcludesPadding() {
    OnnxGraphs g = OnnxGraphs.graph("avgpool");
    check(g, g.node("AveragePool", List.of(g.f32("x", 1, 2, 7, 6)), ints("kernel_shape", 3, 3), ints("strides", 2, 2),
        ints("pads", 1, 1, 1, 1)));
  }

  @Test
  void globalMaxPool() {
    OnnxGraphs g = OnnxGraphs.graph("global_max");
    check(g, g.op("GlobalMaxPool", g.f32("x", 2, 3, 4, 5)));
  }

  @Test
  void squeezeAndExpand() {
    OnnxGraphs g = OnnxGraphs.graph("squeeze_expand");
    String sq = g.op("Squeeze", g.f32("x", 1, 4, 1), g.longs1("axes", 0, -1));
    check(g, g.op("Expand", sq, g.longs1("shape", 3, 4)));
  }

  @Test
  void constantOfShapeFromAShape() {
    OnnxGraphs g = OnnxGraphs.graph("const_of_shape");
    String x = g.f32("x", 2, 3);
    String ones = g.node("ConstantOfShape", List.of(g.op("Shape", x)), OnnxGraphs.tensor("value", new float[] {1.5f}, 1));
    check(g, g.op("Mul", x, ones));
  }

  @Test
  void dropoutIsTheIdentityAtInference() {
    OnnxGraphs g = OnnxGraphs.graph("dropout");
    check(g, g.op("Relu", g.op("Dropout", g.f32("x", 2, 6))));
  }

  @Test
  void castLikeAnInt64Tensor() {
    OnnxGraphs g = OnnxGraphs.graph("cast_like");
    check(g, g.op("CastLike", g.f32Range("x", -4, 4, 2, 3), g.longs1("like", 0)), DataType.INT64);
  }
}
