package dev.kiln.cli;

import dev.kiln.Pipeline;
import dev.kiln.runtime.CompiledModel;
import dev.kiln.runtime.RunOptions;
import dev.kiln.runtime.Tensor;
import dev.kiln.runtime.WeightStore;
import dev.kiln.runtime.io.Npy;
import dev.kiln.runtime.plan.InputSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", description = "Compile (or load a .kar) and run a model on .npy inputs.")
final class RunCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "a .kiln source or a .kar artifact") Path file;

  @Option(names = "--model", description = "the model to run (default: the file's first)") String model;

  @Option(names = "--weights", paramLabel = "W.safetensors",
      description = "weights for the model's params (default: FILE's name with .safetensors, if it exists)")
  Path weights;

  @Option(names = "--in", paramLabel = "NAME=FILE.npy", description = "an input tensor (repeat for each input)")
  List<String> inputs = new ArrayList<>();

  @Option(names = "--out", paramLabel = "FILE.npy", description = "write the first output here instead of printing")
  Path out;

  @Option(names = "--max-loop-iters", defaultValue = "10000000",
      description = "stop a while loop after this many iterations (default: ${DEFAULT-VALUE})")
  long maxLoopIters;

  @Override public Integer call() throws IOException {
    CompiledModel m;
    if (file.toString().endsWith(".kar")) {
      if (model != null || weights != null) {
        throw new ErrorReporter.UserError("--model and --weights do not apply to an artifact: it holds both");
      }
      if (!Files.exists(file)) throw new ErrorReporter.UserError("no such file: " + file);
      m = CompiledModel.load(file);
    } else {
      Pipeline.Result r = Pipeline.compile(SourceArgs.read(file), model);
      m = r.instantiate(weights(r, file, weights));
    }
    m = m.withOptions(new RunOptions(maxLoopIters));
    Map<String, Tensor> in = readInputs(m);
    Map<String, Tensor> result = m.run(in);
    if (out != null) {
      Tensor first = result.values().iterator().next();
      Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".kiln-out", ".npy");
      try {
        Npy.write(tmp, first);
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } else {
      for (var e : result.entrySet()) System.out.println(e.getKey() + ": " + e.getValue());
    }
    return 0;
  }

  private Map<String, Tensor> readInputs(CompiledModel m) {
    Map<String, Path> files = new LinkedHashMap<>();
    for (String s : inputs) {
      int eq = s.indexOf('=');
      if (eq <= 0) throw new ErrorReporter.UserError("--in expects NAME=FILE.npy, got '" + s + "'");
      files.put(s.substring(0, eq), Path.of(s.substring(eq + 1)));
    }
    List<String> missing = new ArrayList<>();
    for (InputSpec spec : m.inputs()) {
      if (!files.containsKey(spec.name())) missing.add(spec.name() + ": " + spec.typeString());
    }
    if (!missing.isEmpty()) {
      throw new ErrorReporter.UserError("model `" + m.name() + "` needs input" + (missing.size() == 1 ? " " : "s ")
          + String.join(", ", missing) + "; pass each with --in NAME=FILE.npy");
    }
    Map<String, Tensor> in = new LinkedHashMap<>();
    for (var e : files.entrySet()) in.put(e.getKey(), Npy.read(e.getValue()));
    return in;
  }

  /** The weights of a compiled model: --weights, else FILE.safetensors beside the source, else none. */
  static Tensor[] weights(Pipeline.Result r, Path source, Path weights) {
    if (r.plan().params().isEmpty()) return new Tensor[0];
    Path w = weights;
    if (w == null) {
      String n = source.getFileName().toString();
      Path beside = source.resolveSibling(n.substring(0, Math.max(0, n.lastIndexOf('.'))) + ".safetensors");
      if (Files.exists(beside)) w = beside;
    }
    if (w == null) {
      throw new ErrorReporter.UserError("model `" + r.plan().modelName() + "` has " + r.plan().params().size()
          + " params; pass their weights with --weights W.safetensors");
    }
    return WeightStore.open(w).bind(r.plan().params());
  }
}
