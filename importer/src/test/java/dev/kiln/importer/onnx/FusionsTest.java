package dev.kiln.importer.onnx;

import static dev.kiln.importer.onnx.OnnxModels.FLOAT;
import static dev.kiln.importer.onnx.OnnxModels.ints;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.AttributeProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FusionsTest {
  @TempDir Path dir;

  private String text(OnnxModels m) throws IOException {
    return Files.readString(OnnxImporter.importModel(m.write(dir, "m.onnx"), dir.resolve("m.kiln"),
        ImportOptions.defaults()).kilnFile());
  }

  /** The nine nodes PyTorch writes for a LayerNorm, then the five of an exact GELU. */
  private static OnnxModels encoder(boolean extraUseOfVariance) {
    String p = "/enc/LayerNorm/";
    OnnxModels m = new OnnxModels(11)
        .input("x", FLOAT, "B", 8L)
        .floats("two", new long[0], 2f).floats("eps", new long[0], 1e-12f)
        .floats("gamma", new long[] {8}, new float[8]).floats("beta", new long[] {8}, new float[8])
        .floats("sqrt2", new long[0], 1.4142135f).floats("one", new long[0], 1f).floats("half", new long[0], 0.5f)
        .node("ReduceMean", p + "ReduceMean", List.of("x"), List.of("m"), ints("axes", -1))
        .node("Sub", p + "Sub", List.of("x", "m"), List.of("d"))
        .node("Pow", p + "Pow", List.of("d", "two"), List.of("sq"))
        .node("ReduceMean", p + "ReduceMean_1", List.of("sq"), List.of("v"), ints("axes", -1))
        .node("Add", p + "Add", List.of("v", "eps"), List.of("ve"))
        .node("Sqrt", p + "Sqrt", List.of("ve"), List.of("s"))
        .node("Div", p + "Div", List.of("d", "s"), List.of("nrm"))
        .node("Mul", p + "Mul", List.of("nrm", "gamma"), List.of("g"))
        .node("Add", p + "Add_1", List.of("g", "beta"), List.of("ln"))
        .node("Div", "/enc/act/Div", List.of("ln", "sqrt2"), List.of("a"))
        .node("Erf", "/enc/act/Erf", List.of("a"), List.of("e"))
        .node("Add", "/enc/act/Add", List.of("e", "one"), List.of("e1"))
        .node("Mul", "/enc/act/Mul", List.of("ln", "e1"), List.of("xe"))
        .node("Mul", "/enc/act/Mul_1", List.of("xe", "half"), List.of("y"))
        .output("y", FLOAT, "B", 8L);
    if (extraUseOfVariance) m.node("Relu", "peek", List.of("v"), List.of("pv")).output("pv", FLOAT, "B", 1L);
    return m;
  }

  @Test void layerNormAndGeluBecomeBuiltins() throws IOException {
    String text = text(encoder(false));
    assertTrue(text.contains("enc_LayerNorm = layer_norm(x, gamma, beta, eps: 1.0E-12)"), text);
    assertTrue(text.contains("y = gelu(enc_LayerNorm)"), text);
    assertEquals(2, text.lines().filter(l -> l.startsWith("  ") && l.contains(" = ")).count(), text);
  }

  @Test void aPatternWhoseIntermediateIsUsedElsewhereStaysDecomposed() throws IOException {
    String text = text(encoder(true));
    assertFalse(text.contains("layer_norm"), text);
    assertTrue(text.contains("mean(x, axis: -1, keepdims: true)") && text.contains("sqrt("), text);
    assertTrue(text.contains("= gelu("), text);
  }

  @Test void hardSwishFromClip() throws IOException {
    AttributeProto min = AttributeProto.newBuilder().setName("min").setType(AttributeProto.AttributeType.FLOAT).setF(0).build();
    AttributeProto max = AttributeProto.newBuilder().setName("max").setType(AttributeProto.AttributeType.FLOAT).setF(6).build();
    OnnxModels m = new OnnxModels(9)
        .input("x", FLOAT, "N", 4L)
        .floats("three", new long[0], 3f).floats("six", new long[0], 6f)
        .node("Add", "p2o.Add.0", List.of("x", "three"), List.of("a"))
        .node("Clip", "p2o.Clip.0", List.of("a"), List.of("c"), min, max)
        .node("Mul", "p2o.Mul.0", List.of("x", "c"), List.of("xm"))
        .node("Div", "p2o.Div.0", List.of("xm", "six"), List.of("hardswish_0.tmp_0"))
        .output("hardswish_0.tmp_0", FLOAT, "N", 4L);
    String text = text(m);
    assertTrue(text.contains("hardswish_0_tmp_0 = hard_swish(x)"), text);
    assertFalse(text.contains("clip("), text);
  }
}
