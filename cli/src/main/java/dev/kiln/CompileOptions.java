package dev.kiln;

import dev.kiln.runtime.Tensor;
import java.nio.file.Path;
import java.util.Map;

/**
 * Options of {@link Kiln#compile}: which model of the file (null: the first), and where its
 * weights come from — a safetensors or .npy file, a map of tensors, or none (for a model without
 * params). Immutable; each {@code with*} returns a copy.
 */
public record CompileOptions(String model, Path weightsFile, Map<String, Tensor> weights) {
  public static final CompileOptions DEFAULT = new CompileOptions(null, null, null);

  public static CompileOptions defaults() { return DEFAULT; }

  public CompileOptions withModel(String name) { return new CompileOptions(name, weightsFile, weights); }

  public CompileOptions withWeights(Path file) { return new CompileOptions(model, file, null); }

  public CompileOptions withWeights(Map<String, Tensor> tensors) { return new CompileOptions(model, null, Map.copyOf(tensors)); }
}
