package dev.kiln.importer.onnx;

import java.nio.file.Path;
import java.util.List;

/**
 * What an import wrote: the Kiln file, its weights beside it ({@code OUT.safetensors}), the model's
 * name, its input and output names in Kiln (ONNX order; see docs/import.md for how names map) and
 * notes about ONNX semantics that the program keeps only approximately or ignores.
 */
public record ImportResult(Path kilnFile, Path weightsFile, String modelName, List<String> inputNames,
    List<String> outputNames, List<String> unsupportedNotes) {
  public ImportResult {
    inputNames = List.copyOf(inputNames);
    outputNames = List.copyOf(outputNames);
    unsupportedNotes = List.copyOf(unsupportedNotes);
  }
}
