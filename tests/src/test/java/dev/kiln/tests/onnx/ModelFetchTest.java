package dev.kiln.tests.onnx;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** The fetch: a missing command skips with the reason; a fetched OCR model is the pinned file and is reused. */
class ModelFetchTest {
  @Test
  void aMissingCommandSkipsTheTestSayingWhy() {
    TestAbortedException e = assertThrows(TestAbortedException.class,
        () -> ModelFetch.assumeCommand("kiln-no-such-command-4f2a"));
    assertTrue(e.getMessage().contains("kiln-no-such-command-4f2a not found"), e.getMessage());
  }

  @Test
  void anInstalledCommandDoesNotSkip() {
    assertDoesNotThrow(() -> ModelFetch.assumeCommand("tar"));
  }

  @Test
  void theOcrModelIsCachedUnderTargetWithItsPinnedHash() throws Exception {
    Path first = ModelFetch.ocrClassifier();
    assertTrue(first.toString().contains("target"), first.toString());
    assertEquals(ModelFetch.OCR_SHA256, ModelFetch.sha256(first));
    assertEquals(first, ModelFetch.ocrClassifier());
  }
}
