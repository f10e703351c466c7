package dev.kiln.bench.model;

import dev.kiln.CompileOptions;
import dev.kiln.Kiln;
import dev.kiln.diag.KilnException;
import dev.kiln.runtime.CompiledModel;
import dev.kiln.runtime.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Loads the Kiln model of a benchmark from the bench resources ({@code dev/kiln/bench/*.kiln}),
 * substitutes its {@code {{NAME}}} placeholders, and compiles it with {@link Kiln#compile}. A
 * compile error is rethrown with the compiler's rendered diagnostics, so a failing fork says why.
 */
final class KilnSource {
  private KilnSource() {}

  static String text(String resource, Map<String, ?> substitutions) {
    String text;
    try (InputStream in = KilnSource.class.getResourceAsStream("/dev/kiln/bench/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("missing bench resource " + resource);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Map.Entry<String, ?> e : substitutions.entrySet()) {
      text = text.replace("{{" + e.getKey() + "}}", String.valueOf(e.getValue()));
    }
    return text;
  }

  static CompiledModel compile(String resource, Map<String, ?> substitutions, Map<String, Tensor> weights) {
    String source = text(resource, substitutions);
    try {
      return weights.isEmpty() ? Kiln.compile(source)
          : Kiln.compile(source, CompileOptions.DEFAULT.withWeights(weights));
    } catch (KilnException e) {
      throw new IllegalStateException("Kiln rejected " + resource + ":\n" + e.render(), e);
    }
  }
}
