package dev.kiln.cli;

import dev.kiln.CompileOptions;
import dev.kiln.Pipeline;
import dev.kiln.runtime.artifact.Artifact;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compile", description = "Compile a model into a .kar artifact (generated classes, plan and weights).")
final class CompileCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE.kiln") Path file;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.kar") Path out;

  @Option(names = "--weights", paramLabel = "W.safetensors", description = "weights for the model's params")
  Path weights;

  @Option(names = "--model", description = "the model to compile (default: the file's first)") String model;

  @Override public Integer call() {
    Pipeline.Result r = Pipeline.compile(SourceArgs.read(file), model);
    var params = RunCommand.weights(r, file, weights);
    Artifact.write(out, r.plan(), r.classBytes(), params);
    System.err.println("wrote " + out + " (" + r.kernels().size() + " kernels, " + r.plan().params().size() + " params)");
    return 0;
  }

  static CompileOptions options(String model, Path weights) {
    CompileOptions o = CompileOptions.DEFAULT.withModel(model);
    return weights == null ? o : o.withWeights(weights);
  }
}
