package dev.kiln.tests.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.importer.onnx.ImportOptions;
import dev.kiln.runtime.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * all-MiniLM-L6-v2 (the ONNX file inside the langchain4j jar) imported once with its symbolic
 * batch and sequence dims, compiled by Kiln, and run on real English sentences tokenized with its
 * own WordPiece vocabulary ({@link WordPiece}) at sequence lengths 16 (truncated) and 100 (padded),
 * and as a padded batch of two; last_hidden_state must agree with ONNX Runtime's on the same ids
 * within 1e-3 + 1e-3·|reference| everywhere, padding positions included.
 */
class MiniLmImportTest {
  static final String SHORT = "The quick brown fox jumps over the lazy dog while the farmer watches from "
      + "behind the old wooden fence.";
  static final String LONG = "Kiln compiles deep-learning models written in a small tensor language into "
      + "bytecode for the Java virtual machine. It imports ONNX files, fuses operators, and schedules loops, "
      + "so that a sentence-embedding model can run inside any Java program without native code.";
  static final String OTHER = "A man is playing a guitar on the street.";

  @TempDir static Path dir;
  static KilnImport.Imported kiln;
  static OrtReference ort;
  static WordPiece tokenizer;

  @BeforeAll
  static void importOnce() throws IOException {
    try (InputStream in = ModelFetch.miniLmTokenizer()) {
      tokenizer = WordPiece.fromTokenizerJson(in);
    }
    Path onnx = ModelFetch.miniLm(dir);
    kiln = KilnImport.compile(onnx, dir, "minilm", ImportOptions.defaults());
    ort = OrtReference.of(onnx);
  }

  @AfterAll
  static void close() {
    if (ort != null) {
      ort.close();
    }
  }

  @Test
  void theImportKeepsTheOnnxInputsAndOutput() {
    assertEquals(List.of("input_ids", "attention_mask", "token_type_ids"), kiln.result().inputNames());
    assertEquals(List.of("last_hidden_state"), kiln.result().outputNames());
  }

  @Test
  void sequence16TruncatedSentence() {
    WordPiece.Encoding e = tokenizer.encode(SHORT, 16);
    assertEquals(16, e.realTokens(), "the sentence is longer than 16 tokens, so it is truncated");
    agree(List.of(e), 16);
  }

  @Test
  void sequence100PaddedParagraph() {
    WordPiece.Encoding e = tokenizer.encode(LONG, 100);
    assertTrue(e.realTokens() > 40 && e.realTokens() < 100, "padded: " + e.realTokens() + " real tokens");
    agree(List.of(e), 100);
  }

  @Test
  void batchOfTwoWithPadding() {
    agree(List.of(tokenizer.encode(OTHER, 16), tokenizer.encode(SHORT, 16)), 16);
  }

  private static void agree(List<WordPiece.Encoding> batch, int length) {
    Map<String, Tensor> inputs = inputs(batch, length);
    Map<String, Tensor> want = ort.run(inputs);
    Map<String, Tensor> got = kiln.model().run(inputs);
    Tensor hidden = got.values().iterator().next();
    assertArrayEquals(new int[] {batch.size(), length, 384}, hidden.shape());
    Compare.outputs(want, got, "MiniLM batch " + batch.size() + " sequence " + length);
  }

  static Map<String, Tensor> inputs(List<WordPiece.Encoding> batch, int length) {
    long[] ids = new long[batch.size() * length];
    long[] mask = new long[ids.length];
    long[] types = new long[ids.length];
    for (int b = 0; b < batch.size(); b++) {
      WordPiece.Encoding e = batch.get(b);
      System.arraycopy(e.inputIds(), 0, ids, b * length, length);
      System.arraycopy(e.attentionMask(), 0, mask, b * length, length);
      System.arraycopy(e.tokenTypeIds(), 0, types, b * length, length);
    }
    Map<String, Tensor> in = new LinkedHashMap<>();
    in.put("input_ids", Tensor.of(ids, batch.size(), length));
    in.put("attention_mask", Tensor.of(mask, batch.size(), length));
    in.put("token_type_ids", Tensor.of(types, batch.size(), length));
    return in;
  }
}
