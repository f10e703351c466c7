package dev.kiln;

import dev.kiln.diag.SourceFile;
import dev.kiln.runtime.CompiledModel;
import dev.kiln.runtime.KilnRuntimeException;
import dev.kiln.runtime.Tensor;
import dev.kiln.runtime.WeightStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedding facade: compile a Kiln model in-process and get a {@link CompiledModel}.
 * <pre>{@code
 * CompiledModel m = Kiln.compile(Path.of("examples/mlp/mlp.kiln"));
 * Map<String, Tensor> out = m.run(Map.of("x", Npy.read(Path.of("examples/mlp/input.npy"))));
 * }</pre>
 * A program error throws {@link dev.kiln.diag.KilnException} (its {@code render()} is the
 * compiler's diagnostics); a weights error throws {@link KilnRuntimeException}.
 */
public final class Kiln {
  public static final String VERSION = "0.1.0-SNAPSHOT";

  private Kiln() {}

  /**
   * Compiles the first model of a file. Its weights, if it has params, are read from the
   * safetensors file beside it with the same name ({@code mlp.kiln} → {@code mlp.safetensors}).
   */
  public static CompiledModel compile(Path file) {
    Path beside = file.resolveSibling(stem(file) + ".safetensors");
    return compile(file, Files.exists(beside) ? CompileOptions.DEFAULT.withWeights(beside) : CompileOptions.DEFAULT);
  }

  public static CompiledModel compile(Path file, CompileOptions options) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return compile(new SourceFile(file.toString(), text), options);
  }

  /** Compiles source text (named {@code <string>} in diagnostics); imports resolve against the working directory. */
  public static CompiledModel compile(String source, CompileOptions options) {
    return compile(new SourceFile("<string>", source), options);
  }

  /** Compiles source text of a model without params. */
  public static CompiledModel compile(String source) {
    return compile(source, CompileOptions.DEFAULT);
  }

  static CompiledModel compile(SourceFile source, CompileOptions options) {
    Pipeline.Result r = Pipeline.compile(source, options.model());
    return r.instantiate(weights(r, options));
  }

  static Tensor[] weights(Pipeline.Result r, CompileOptions options) {
    if (r.plan().params().isEmpty()) return new Tensor[0];
    WeightStore store;
    if (options.weights() != null) store = WeightStore.of("the given weights", options.weights());
    else if (options.weightsFile() != null) store = WeightStore.open(options.weightsFile());
    else {
      throw new KilnRuntimeException("model `" + r.plan().modelName() + "` has " + r.plan().params().size()
          + " params but no weights were given (pass a safetensors file)");
    }
    return store.bind(r.plan().params());
  }

  private static String stem(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }
}
