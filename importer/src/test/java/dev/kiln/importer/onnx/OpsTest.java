package dev.kiln.importer.onnx;

import static dev.kiln.importer.onnx.OnnxModels.FLOAT;
import static dev.kiln.importer.onnx.OnnxModels.INT64;
import static dev.kiln.importer.onnx.OnnxModels.i;
import static dev.kiln.importer.onnx.OnnxModels.ints;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kiln each translator writes (and that it passes the front end's check, which every import runs). */
class OpsTest {
  @TempDir Path dir;

  private String text(OnnxModels m) throws IOException {
    return Files.readString(OnnxImporter.importModel(m.write(dir, "m.onnx"), dir.resolve("m.kiln"),
        ImportOptions.defaults()).kilnFile());
  }

  private static void has(String text, String line) {
    assertTrue(text.contains("  " + line + "\n"), () -> "missing `" + line + "` in\n" + text);
  }

  @Test void matrixSplitAndIndexing() throws IOException {
    OnnxModels m = new OnnxModels(13)
        .input("x", FLOAT, "N", 6L)
        .floats("w", new long[] {4, 6}, new float[24]).floats("b", new long[] {4}, new float[4])
        .longs("first", new long[0], 0).longs("parts", new long[] {2}, 1, 3)
        .node("Gemm", "fc", List.of("x", "w", "b"), List.of("h"), i("transB", 1))
        .node("Split", "split", List.of("h", "parts"), List.of("h0", "h1"), i("axis", 1))
        .node("Gather", "col", List.of("x", "first"), List.of("c0"), i("axis", 1))
        .node("ReduceSum", "total", List.of("h1", "first"), List.of("s"), i("keepdims", 0))
        .node("ArgMax", "best", List.of("h1"), List.of("k"), i("axis", 1))
        .output("h0", FLOAT, "N", 1L).output("c0", FLOAT, "N").output("s", FLOAT, 3L).output("k", INT64, "N", 1L);
    String text = text(m);
    has(text, "h = x @ transpose(w) + b");
    has(text, "h0 = h[:, :1]");
    has(text, "h1 = h[:, 1:]");
    has(text, "c0 = x[:, 0]");
    has(text, "s = sum(h1, axis: 0)");
    has(text, "k = reshape(argmax(h1, axis: 1), shape: [N, 1])");
  }

  @Test void elementwiseForms() throws IOException {
    OnnxModels m = new OnnxModels(13)
        .input("x", FLOAT, "N", 3L).input("ids", INT64, "N", 3L)
        .floats("two", new long[0], 2f).floats("lo", new long[0], -1f).floats("hi", new long[0], 1f)
        .floats("zero", new long[0], 0f)
        .node("Pow", "sq", List.of("x", "two"), List.of("sq"))
        .node("Clip", "clip", List.of("sq", "lo", "hi"), List.of("cl"))
        .node("Greater", "pos", List.of("x", "zero"), List.of("pos"))
        .node("Where", "pick", List.of("pos", "cl", "zero"), List.of("pk"))
        .node("Cast", "toint", List.of("pk"), List.of("pi"), i("to", 7))
        .node("Add", "sum", List.of("pi", "ids"), List.of("out"))
        .node("Softmax", "sm", List.of("x"), List.of("p"), i("axis", 0))
        .output("out", INT64, "N", 3L).output("p", FLOAT, "N", 3L);
    String text = text(m);
    has(text, "sq = x * x");
    has(text, "cl = clip(sq, -1.0, 1.0)");
    has(text, "pos = x > 0.0");
    has(text, "pk = select(pos, cl, 0.0)");
    has(text, "pi = i64(pk)");
    has(text, "out = pi + ids");
    has(text, "p = softmax(x, axis: 0)");
  }

  @Test void softmaxBeforeOpset13FlattensAtItsAxis() throws IOException {
    OnnxModels m = new OnnxModels(11)
        .input("x", FLOAT, 2L, 3L, 4L)
        .node("Softmax", "sm", List.of("x"), List.of("p"), i("axis", 1))
        .node("Transpose", "t", List.of("p"), List.of("q"), ints("perm", 2, 0, 1))
        .output("q", FLOAT, 4L, 2L, 3L);
    String text = text(m);
    has(text, "p = reshape(softmax(reshape(x, shape: [2, 12]), axis: 1), shape: [2, 3, 4])");
    has(text, "q = transpose(p, perm: [2, 0, 1])");
  }

  @Test void steppedSlicesGatherTheirIndicesAndSpecialForms() throws IOException {
    OnnxModels m = new OnnxModels(13)
        .input("x", FLOAT, 6L, 5L).input("y", FLOAT, 6L, 5L)
        .longs("starts", new long[] {2}, -1, 0).longs("ends", new long[] {2}, Long.MIN_VALUE, 5)
        .longs("axes", new long[] {2}, 0, 1).longs("steps", new long[] {2}, -2, 2)
        .floats("w", new long[] {2, 5, 3}, new float[30])
        .node("Slice", "rev", List.of("x", "starts", "ends", "axes", "steps"), List.of("r"))
        .node("Mod", "fmod", List.of("x", "y"), List.of("md"), i("fmod", 1))
        .node("MatMul", "bmm", List.of("x", "w"), List.of("mm"))
        .output("r", FLOAT, 3L, 3L).output("md", FLOAT, 6L, 5L).output("mm", FLOAT, 2L, 6L, 3L);
    String text = text(m);
    has(text, "r = gather(gather(x, r_indices0, axis: 0), r_indices1, axis: 1)");
    assertTrue(text.contains("param r_indices0: i64[3] from \"r.indices0\""), text);
    has(text, "md = select((x % y) * x < 0.0, (x % y) - y, (x % y))");
    has(text, "mm = (x + zeros([2, 6, 5])) @ w");
  }
}
