package dev.kiln.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.Pipeline;
import dev.kiln.diag.SourceFile;
import dev.kiln.runtime.CompiledModel;
import dev.kiln.runtime.Tensor;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The random cases ProgramsTest draws for tests/programs/adaptive_depth.kiln (same seeds) take
 * every path of its data-dependent loop: zero, one and two steps, and the early exit at three.
 */
class DynamicPathsTest {
  @Test
  void adaptiveDepthCasesTakeEveryPath() {
    Path p = Path.of("tests/programs/adaptive_depth.kiln");
    SourceFile src = Sources.read(p);
    Pipeline.Result r = Pipeline.compile(src, null);
    int cases = Integer.parseInt(Sources.directives(src).get("cases"));
    Set<Integer> steps = new TreeSet<>();
    for (int seed = 1; seed <= cases; seed++) {
      Random rnd = new Random(1000L * seed + p.getFileName().toString().hashCode());
      Tensor[] params = RandomData.params(r.plan().params(), rnd);
      CompiledModel m = r.instantiate(params);
      Map<String, Tensor> out = m.run(RandomData.inputs(m.inputs(), Sources.dims(""), rnd, -3, 4));
      Tensor k = out.values().stream().skip(1).findFirst().orElseThrow();
      steps.add(((int[]) k.data())[0]);
    }
    assertEquals(Set.of(0, 1, 2, 3), steps, "steps taken over the cases");
  }
}
