package dev.kiln.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Pipeline;
import dev.kiln.diag.SourceFile;
import dev.kiln.runtime.CompiledModel;
import dev.kiln.runtime.Tensor;
import dev.kiln.runtime.WeightStore;
import dev.kiln.runtime.io.Npy;
import dev.kiln.runtime.io.SafeTensors;
import dev.kiln.runtime.plan.InputSpec;
import dev.kiln.runtime.plan.ParamSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The examples under examples/: each folder holds a model, its weights ({@code <name>.safetensors}),
 * one {@code <input>.npy} per model input and {@code expected.npy}, the first output as computed
 * by the interpreter oracle. The test compiles the model to bytecode and checks it reproduces the
 * expected output. With {@code -Dkiln.regenerate=true} it first writes seeded random weights and
 * inputs where the folder has none (the mlp's are trained on MNIST by examples/mlp/train.py), and
 * the expected outputs.
 */
class ExamplesTest {
  record Example(String dir, String file, Map<String, Integer> dims) {}

  static final List<Example> EXAMPLES = List.of(
      new Example("examples/mlp", "mlp", Map.of("B", 4)),
      new Example("examples/cnn", "cnn", Map.of("N", 2)),
      new Example("examples/transformer", "block", Map.of("T", 10)));

  @TestFactory
  Stream<DynamicTest> examplesReproduceTheirExpectedOutputs() {
    return EXAMPLES.stream().map(e -> DynamicTest.dynamicTest(e.dir(), () -> check(e)));
  }

  static void check(Example e) throws Exception {
    Path dir = Path.of(e.dir());
    Path source = dir.resolve(e.file() + ".kiln");
    Path weights = dir.resolve(e.file() + ".safetensors");
    SourceFile src = Sources.read(source);
    Pipeline.Result r = Pipeline.compile(src, null);
    if (Boolean.getBoolean("kiln.regenerate")) regenerate(e, src, r, weights);
    Tensor[] params = WeightStore.open(weights).bind(r.plan().params());
    CompiledModel m = r.instantiate(params);
    Map<String, Tensor> in = new LinkedHashMap<>();
    for (InputSpec s : m.inputs()) in.put(s.name(), Npy.read(dir.resolve(s.name() + ".npy")));
    Tensor got = m.run(in).values().iterator().next();
    Tensor want = Npy.read(dir.resolve("expected.npy"));
    Compare.tensors(want, got, 1e-5, 1e-4, e.dir());
    assertTrue(want.size() > 0);
  }

  private static void regenerate(Example e, SourceFile src, Pipeline.Result r, Path weights) throws Exception {
    Path dir = Path.of(e.dir());
    Random rnd = new Random(e.file().hashCode());
    if (!Files.exists(weights)) {
      Tensor[] params = RandomData.params(r.plan().params(), rnd);
      Map<String, Tensor> named = new LinkedHashMap<>();
      List<ParamSpec> specs = r.plan().params();
      for (int i = 0; i < specs.size(); i++) named.put(specs.get(i).key(), params[i]);
      SafeTensors.write(weights, named);
    }
    Tensor[] params = WeightStore.open(weights).bind(r.plan().params());
    Map<String, Tensor> in = RandomData.inputs(r.plan().inputs(), e.dims(), rnd, 0, 10);
    for (var x : in.entrySet()) {
      Path file = dir.resolve(x.getKey() + ".npy");
      if (Files.exists(file)) x.setValue(Npy.read(file));
      else Npy.write(file, x.getValue());
    }
    Tensor out = Oracle.compile(src, null, params).run(in).values().iterator().next();
    Npy.write(dir.resolve("expected.npy"), out);
  }
}
