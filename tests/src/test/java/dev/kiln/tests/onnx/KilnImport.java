package dev.kiln.tests.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.kiln.Kiln;
import dev.kiln.importer.onnx.ImportOptions;
import dev.kiln.importer.onnx.ImportResult;
import dev.kiln.importer.onnx.OnnxImporter;
import dev.kiln.runtime.CompiledModel;
import dev.kiln.runtime.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The path under test, end to end: an ONNX model file → {@link OnnxImporter#importModel} (a
 * {@code .kiln} file and its safetensors beside it) → {@link Kiln#compile(Path)} → a
 * {@link CompiledModel}. {@link #agrees} runs a test graph both ways, Kiln and ONNX Runtime, on the
 * graph's seeded random inputs and compares every output ({@link Compare}).
 */
final class KilnImport {
  /** An imported and compiled model, with what the importer reported. */
  record Imported(ImportResult result, CompiledModel model) {
    /** The Kiln program the importer wrote (for failure messages). */
    String source() {
      try {
        return Files.readString(result.kilnFile());
      } catch (IOException e) {
        return "(cannot read " + result.kilnFile() + ": " + e.getMessage() + ")";
      }
    }
  }

  private KilnImport() {}

  /** Imports an ONNX file into {@code dir}/{@code name}.kiln and compiles it. */
  static Imported compile(Path onnx, Path dir, String name, ImportOptions options) {
    ImportResult r = OnnxImporter.importModel(onnx, dir.resolve(name + ".kiln"), options.withModelName(name));
    return new Imported(r, Kiln.compile(r.kilnFile()));
  }

  /** Writes {@code model} to {@code dir}/{@code name}.onnx, then imports and compiles it. */
  static Imported compile(ModelProto model, Path dir, String name) {
    Path onnx = dir.resolve(name + ".onnx");
    try {
      Files.write(onnx, model.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return compile(onnx, dir, name, ImportOptions.defaults());
  }

  /**
   * Kiln agrees with ONNX Runtime on {@code model} for the graph's random inputs drawn from
   * {@code seed}; returns Kiln's outputs.
   */
  static Map<String, Tensor> agrees(OnnxGraphs graph, ModelProto model, Path dir, long seed) {
    String name = model.getGraph().getName();
    Map<String, Tensor> inputs = graph.randomInputs(seed);
    Map<String, Tensor> want = OrtReference.runOnce(model, inputs);
    Imported kiln = compile(model, dir, name);
    Map<String, Tensor> got = kiln.model().run(inputs);
    try {
      Compare.outputs(want, got, name);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\nKiln program:\n" + kiln.source(), e);
    }
    return got;
  }
}
