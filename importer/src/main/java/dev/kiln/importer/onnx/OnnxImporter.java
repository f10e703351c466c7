package dev.kiln.importer.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.kiln.diag.KilnException;
import dev.kiln.diag.SourceFile;
import dev.kiln.frontend.Frontend;
import dev.kiln.runtime.KilnRuntimeException;
import dev.kiln.runtime.io.SafeTensors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * {@code kiln import}: an ONNX model to a Kiln program and its weights.
 *
 * <p>Steps: parse the ModelProto; translate its graph ({@link GraphImporter}); check the program
 * text with the front end ({@link Frontend#check}), so that a file that is written always passes
 * {@code kiln check}; write the program and {@code OUT.safetensors} (the weights, keyed by their
 * ONNX names) to temporary files beside the targets and move them into place. On any error
 * nothing is left behind.
 */
public final class OnnxImporter {
  private OnnxImporter() {}

  public static ImportResult importModel(Path onnxFile, Path outKiln, ImportOptions options) {
    ModelProto model = read(onnxFile);
    String modelName = options.modelName() != null ? options.modelName() : stem(onnxFile);
    if (options.modelName() != null && !Names.isIdentifier(options.modelName())) {
      throw new ImportException("the model name `" + options.modelName() + "` is not a Kiln identifier");
    }
    Path dir = onnxFile.toAbsolutePath().getParent();
    GraphImporter g = new GraphImporter(model, dir, options);
    g.run(modelName, onnxFile.getFileName().toString());
    String text = g.program.render();
    Path weights = outKiln.resolveSibling(stem(outKiln) + ".safetensors");
    check(outKiln, text);
    writeAtomically(outKiln, text, weights, g.program);
    return new ImportResult(outKiln, weights, g.modelName(), g.inputNames(), g.outputNames(), g.notes());
  }

  private static ModelProto read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      ModelProto m = ModelProto.parseFrom(in);
      if (!m.hasGraph()) throw new ImportException("not an ONNX model (no graph)");
      return m;
    } catch (NoSuchFileException e) {
      throw new ImportException("no such file");
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new ImportException("not an ONNX model (the file is not a ModelProto: " + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new ImportException("cannot read the model: " + e.getMessage(), e);
    }
  }

  /** The program must pass the front end's checks; if not, the importer wrote wrong Kiln. */
  private static void check(Path outKiln, String text) {
    try {
      Frontend.check(new SourceFile(outKiln.toString(), text));
    } catch (KilnException e) {
      throw new ImportException("the Kiln program written for this model does not pass `kiln check` (an importer "
          + "limitation or bug):\n" + e.render().strip(), e);
    }
  }

  private static void writeAtomically(Path outKiln, String text, Path weights, KilnProgram p) {
    Path dir = outKiln.toAbsolutePath().getParent();
    Path tmpKiln = null;
    Path tmpWeights = null;
    try {
      Files.createDirectories(dir);
      String tag = Long.toHexString(System.nanoTime());
      tmpKiln = dir.resolve("." + outKiln.getFileName() + "." + tag + ".tmp");
      tmpWeights = dir.resolve("." + weights.getFileName() + "." + tag + ".tmp");
      Files.writeString(tmpKiln, text);
      SafeTensors.write(tmpWeights, p.weights(), Map.of("generator", "kiln import"));
      move(tmpWeights, weights);
      tmpWeights = null;
      move(tmpKiln, outKiln);
      tmpKiln = null;
    } catch (IOException | KilnRuntimeException e) {
      throw new ImportException("cannot write " + outKiln + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(tmpKiln);
      deleteQuietly(tmpWeights);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path p) {
    if (p == null) return;
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // best effort: the temporary file has a hidden name
    }
  }

  static String stem(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }
}
