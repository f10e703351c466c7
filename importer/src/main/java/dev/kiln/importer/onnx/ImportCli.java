package dev.kiln.importer.onnx;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The behaviour of {@code kiln import} apart from option parsing (which picocli does in the cli
 * module): parsing {@code --input-shape NAME=d0,d1,..} values, running the import, and reporting.
 * A failure prints {@code MODEL.onnx: error: message} and returns exit code 1, with no stack
 * trace; success prints one summary line.
 */
public final class ImportCli {
  private ImportCli() {}

  /** One {@code --input-shape} value: {@code NAME=d0,d1,...}; a dimension of -1 keeps the model's own. */
  public record InputShape(String input, List<Long> dims) {
    public static InputShape parse(String spec) {
      int eq = spec.lastIndexOf('=');
      if (eq <= 0 || eq == spec.length() - 1) {
        throw new ImportException("expected NAME=d0,d1,... (such as input_ids=1,128), got `" + spec + "`");
      }
      List<Long> dims = new ArrayList<>();
      for (String d : spec.substring(eq + 1).split(",", -1)) {
        try {
          long v = Long.parseLong(d.strip());
          if (v < -1 || v == 0) throw new NumberFormatException();
          dims.add(v);
        } catch (NumberFormatException e) {
          throw new ImportException("`" + d + "` in `" + spec + "` is not a dimension (a positive integer, or -1"
              + " to keep the model's)");
        }
      }
      return new InputShape(spec.substring(0, eq), dims);
    }
  }

  /** Imports and reports; returns the exit code (0, or 1 on an import error). */
  public static int run(Path model, Path out, String name, List<String> inputShapes, PrintWriter stdout, PrintWriter stderr) {
    try {
      ImportOptions o = ImportOptions.defaults().withModelName(name);
      for (String s : inputShapes) {
        InputShape p = InputShape.parse(s);
        o = o.withInputShape(p.input(), p.dims());
      }
      ImportResult r = OnnxImporter.importModel(model, out, o);
      stdout.println("wrote " + r.kilnFile() + " (model `" + r.modelName() + "`, inputs " + String.join(", ", r.inputNames())
          + "; outputs " + String.join(", ", r.outputNames()) + ") and " + r.weightsFile());
      for (String note : r.unsupportedNotes()) stdout.println("note: " + note);
      stdout.flush();
      return 0;
    } catch (ImportException e) {
      stderr.println(model + ": error: " + e.getMessage());
      stderr.flush();
      return 1;
    }
  }
}
