package dev.kiln.importer.onnx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to import: the Kiln model's name (null: from the ONNX file's name) and input dimensions to
 * fix to constants (by ONNX input name; like onnxsim's overwrite-input-shape).
 */
public record ImportOptions(String modelName, Map<String, List<Long>> inputShapes) {
  public ImportOptions {
    inputShapes = Map.copyOf(inputShapes == null ? Map.of() : inputShapes);
  }

  /** The model named after the file, no input shape overrides. */
  public static ImportOptions defaults() {
    return new ImportOptions(null, Map.of());
  }

  public ImportOptions withModelName(String n) {
    return new ImportOptions(n, inputShapes);
  }

  /** Fixes every dimension of ONNX input {@code input} (a dimension of -1 keeps the model's own). */
  public ImportOptions withInputShape(String input, List<Long> dims) {
    Map<String, List<Long>> m = new LinkedHashMap<>(inputShapes);
    m.put(input, List.copyOf(dims));
    return new ImportOptions(modelName, m);
  }
}
