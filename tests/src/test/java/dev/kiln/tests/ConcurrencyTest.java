package dev.kiln.tests;

import dev.kiln.Pipeline;
import dev.kiln.diag.SourceFile;
import dev.kiln.runtime.CompiledModel;
import dev.kiln.runtime.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One CompiledModel run from 8 threads at once gives exactly the results of sequential runs. */
class ConcurrencyTest {
  @Test
  void eightThreadsAgreeWithSequentialRuns() throws Exception {
    SourceFile src = Sources.read(Path.of("examples/transformer/block.kiln"));
    Pipeline.Result r = Pipeline.compile(src, null);
    Random rnd = new Random(7);
    CompiledModel m = r.instantiate(RandomData.params(r.plan().params(), rnd));
    List<Map<String, Tensor>> inputs = new ArrayList<>();
    List<Map<String, Tensor>> expected = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      Map<String, Tensor> in = RandomData.inputs(m.inputs(), Map.of("T", 3 + i % 5), rnd, 0, 1);
      inputs.add(in);
      expected.add(m.run(in));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int offset = t;
        fs.add(pool.submit(() -> {
          for (int rep = 0; rep < 10; rep++) {
            for (int i = 0; i < inputs.size(); i++) {
              int k = (i + offset) % inputs.size();
              Compare.outputs(expected.get(k), m.run(inputs.get(k)), 0, 0, "thread " + offset + " input " + k);
            }
          }
        }));
      }
      for (Future<?> f : fs) f.get();
    } finally {
      pool.shutdownNow();
    }
  }
}
