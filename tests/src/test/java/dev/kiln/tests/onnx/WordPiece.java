package dev.kiln.tests.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The BERT WordPiece tokenizer of a Hugging Face {@code tokenizer.json} (read with Jackson, which
 * the runtime already depends on): only {@code model.vocab} (token → id) is used.
 *
 * <p>Algorithm, as BERT's uncased tokenizer: drop control characters and map every whitespace
 * character to a space; put spaces around CJK ideographs; lower-case; strip accents (NFD, then
 * drop combining marks); split on whitespace, and split every punctuation character (ASCII
 * symbols or a Unicode P* category) into a token of its own. Each word then becomes word pieces by
 * greedy longest match from the left, pieces after the first prefixed with {@code ##}; a word with
 * no complete match, or longer than 100 characters, is {@code [UNK]}. {@link #encode} frames the
 * pieces as {@code [CLS] … [SEP]}, truncates to the length (keeping [SEP]) or pads with {@code [PAD]},
 * with attention mask 1 on real tokens and 0 on padding, and token type ids 0.
 */
final class WordPiece {
  private static final int MAX_WORD_CHARS = 100;

  /** One sentence encoded to a fixed length. */
  record Encoding(long[] inputIds, long[] attentionMask, long[] tokenTypeIds, int realTokens) {}

  private final Map<String, Integer> vocab;

  private WordPiece(Map<String, Integer> vocab) {
    this.vocab = vocab;
  }

  /** Reads the vocabulary of a tokenizer.json. */
  static WordPiece fromTokenizerJson(InputStream json) {
    try {
      JsonNode v = new ObjectMapper().readTree(json).path("model").path("vocab");
      if (!v.isObject() || v.isEmpty()) {
        throw new IllegalArgumentException("tokenizer.json has no model.vocab object");
      }
      Map<String, Integer> vocab = new HashMap<>();
      for (Map.Entry<String, JsonNode> e : v.properties()) {
        vocab.put(e.getKey(), e.getValue().asInt());
      }
      return new WordPiece(vocab);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read tokenizer.json", e);
    }
  }

  /** The id of a token; throws if the vocabulary lacks it. */
  int id(String token) {
    Integer id = vocab.get(token);
    if (id == null) {
      throw new IllegalArgumentException("token '" + token + "' is not in the vocabulary");
    }
    return id;
  }

  /** The word pieces of {@code text}, without [CLS]/[SEP]. */
  List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    for (String word : words(text)) {
      out.addAll(pieces(word));
    }
    return out;
  }

  /** {@code [CLS] pieces [SEP]}, truncated or padded to {@code length}. */
  Encoding encode(String text, int length) {
    if (length < 2) {
      throw new IllegalArgumentException("length " + length + " leaves no room for [CLS] and [SEP]");
    }
    List<String> pieces = tokens(text);
    int real = Math.min(pieces.size(), length - 2) + 2;
    long[] ids = new long[length];
    long[] mask = new long[length];
    ids[0] = id("[CLS]");
    for (int i = 1; i < real - 1; i++) {
      ids[i] = id(pieces.get(i - 1));
    }
    ids[real - 1] = id("[SEP]");
    long pad = id("[PAD]");
    for (int i = 0; i < length; i++) {
      mask[i] = i < real ? 1 : 0;
      if (i >= real) {
        ids[i] = pad;
      }
    }
    return new Encoding(ids, mask, new long[length], real);
  }

  private static List<String> words(String text) {
    StringBuilder clean = new StringBuilder();
    text.codePoints().forEach(c -> {
      if (c == 0 || c == 0xFFFD || (isControl(c) && !Character.isWhitespace(c))) {
        return;
      }
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        clean.append(' ');
      } else if (isCjk(c)) {
        clean.append(' ').appendCodePoint(c).append(' ');
      } else {
        clean.appendCodePoint(c);
      }
    });
    String lower = clean.toString().toLowerCase(java.util.Locale.ROOT);
    String stripped = Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{Mn}", "");
    List<String> out = new ArrayList<>();
    for (String chunk : stripped.trim().split(" +")) {
      StringBuilder word = new StringBuilder();
      chunk.codePoints().forEach(c -> {
        if (isPunctuation(c)) {
          if (!word.isEmpty()) {
            out.add(word.toString());
            word.setLength(0);
          }
          out.add(new String(Character.toChars(c)));
        } else {
          word.appendCodePoint(c);
        }
      });
      if (!word.isEmpty()) {
        out.add(word.toString());
      }
    }
    return out;
  }

  private List<String> pieces(String word) {
    if (word.codePointCount(0, word.length()) > MAX_WORD_CHARS) {
      return List.of("[UNK]");
    }
    List<String> out = new ArrayList<>();
    int start = 0;
    while (start < word.length()) {
      String found = null;
      int end = word.length();
      while (end > start) {
        String piece = (start > 0 ? "##" : "") + word.substring(start, end);
        if (vocab.containsKey(piece)) {
          found = piece;
          break;
        }
        end = word.offsetByCodePoints(end, -1);
      }
      if (found == null) {
        return List.of("[UNK]");
      }
      out.add(found);
      start = end;
    }
    return out;
  }

  private static boolean isControl(int c) {
    if (c == '\t' || c == '\n' || c == '\r') {
      return false;
    }
    int t = Character.getType(c);
    return t == Character.CONTROL || t == Character.FORMAT;
  }

  private static boolean isPunctuation(int c) {
    if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
      return true;
    }
    return switch (Character.getType(c)) {
      case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
           Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
           Character.OTHER_PUNCTUATION -> true;
      default -> false;
    };
  }

  private static boolean isCjk(int c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
        || (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF)
        || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
  }
}
