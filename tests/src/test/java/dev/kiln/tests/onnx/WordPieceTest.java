package dev.kiln.tests.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The test tokenizer against ids that BERT's uncased vocabulary is known to give (the same ids the
 * Hugging Face tokenizer produces for these texts), plus the framing, truncation and padding rules.
 */
class WordPieceTest {
  static WordPiece wp;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = ModelFetch.miniLmTokenizer()) {
      wp = WordPiece.fromTokenizerJson(in);
    }
  }

  @Test
  void punctuationSplitsAndTextIsLowerCased() {
    WordPiece.Encoding e = wp.encode("Hello, world!", 8);
    assertArrayEquals(new long[] {101, 7592, 1010, 2088, 999, 102, 0, 0}, e.inputIds());
    assertArrayEquals(new long[] {1, 1, 1, 1, 1, 1, 0, 0}, e.attentionMask());
    assertArrayEquals(new long[8], e.tokenTypeIds());
    assertEquals(6, e.realTokens());
  }

  @Test
  void wordsSplitIntoLongestPiecesAndAccentsAreStripped() {
    assertEquals(List.of("token", "##ization", "cafe"), wp.tokens("Tokenization  Café"));
    assertEquals(List.of("[UNK]"), wp.tokens("\u2603"));
  }

  @Test
  void longTextIsTruncatedKeepingSep() {
    WordPiece.Encoding e = wp.encode("hello world hello world", 4);
    assertArrayEquals(new long[] {101, 7592, 2088, 102}, e.inputIds());
    assertArrayEquals(new long[] {1, 1, 1, 1}, e.attentionMask());
  }
}
