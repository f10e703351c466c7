package dev.kiln.cli;

import dev.kiln.importer.onnx.ImportCli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true, description = "Import an ONNX model: write a Kiln program (OUT.kiln) and its weights "
    + "(OUT.safetensors beside it). See docs/import.md.")
final class ImportCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL.onnx") Path model;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.kiln", description = "the Kiln file to write")
  Path out;

  @Option(names = "--name", paramLabel = "MODEL_NAME", description = "the Kiln model's name (default: from MODEL.onnx)")
  String name;

  @Option(names = "--input-shape", paramLabel = "NAME=d0,d1,..",
      description = "fix the dimensions of an input to constants (-1 keeps one symbolic); repeat for each input")
  List<String> inputShapes = new ArrayList<>();

  @Override public Integer call() {
    return ImportCli.run(model, out, name, inputShapes, spec.commandLine().getOut(), spec.commandLine().getErr());
  }
}
