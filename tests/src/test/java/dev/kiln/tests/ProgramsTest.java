package dev.kiln.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Pipeline;
import dev.kiln.diag.SourceFile;
import dev.kiln.ir.graph.GraphModule;
import dev.kiln.ir.graph.text.GraphParser;
import dev.kiln.ir.graph.text.GraphPrinter;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.StructuralEqual;
import dev.kiln.ir.tir.text.TirParser;
import dev.kiln.ir.tir.text.TirPrinter;
import dev.kiln.runtime.CompiledModel;
import dev.kiln.runtime.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every program in tests/programs/ and every example: compiled to JVM bytecode and run, then
 * compared with the interpreter oracle on the same random weights and inputs, for each set of
 * symbolic dims its header names ({@code // dims: T=0 ; T=1 ; T=4}); integer inputs are drawn
 * from {@code // ints: lo hi}; {@code // cases: n} random cases per dims set. Also checks that the
 * program's graph and loop-nest IR print and parse back exactly.
 */
class ProgramsTest {
  static List<Path> programs() {
    List<Path> all = new ArrayList<>(Sources.kilnFiles(Path.of("tests/programs")));
    for (String ex : List.of("mlp/mlp.kiln", "cnn/cnn.kiln", "transformer/block.kiln")) all.add(Path.of("examples", ex));
    return all;
  }

  @TestFactory
  Stream<DynamicTest> jvmBackendMatchesTheInterpreter() {
    return programs().stream().map(p -> DynamicTest.dynamicTest(p.toString(), () -> differential(p)));
  }

  @TestFactory
  Stream<DynamicTest> irRoundTrips() {
    return programs().stream().map(p -> DynamicTest.dynamicTest(p.toString(), () -> roundTrip(p)));
  }

  static void differential(Path p) {
    SourceFile src = Sources.read(p);
    Map<String, String> d = Sources.directives(src);
    String model = d.get("model");
    Pipeline.Result r = Pipeline.compile(src, model);
    int cases = Integer.parseInt(d.getOrDefault("cases", "2"));
    String[] ints = d.getOrDefault("ints", "-3 4").split("\\s+");
    int lo = Integer.parseInt(ints[0]);
    int hi = Integer.parseInt(ints[1]);
    String dimSets = d.getOrDefault("dims", "");
    int seed = 0;
    for (String dims : dimSets.split(";")) {
      for (int c = 0; c < cases; c++) {
        Random rnd = new Random(1000L * ++seed + p.getFileName().toString().hashCode());
        Tensor[] params = RandomData.params(r.plan().params(), rnd);
        CompiledModel jvm = r.instantiate(params);
        CompiledModel oracle = Oracle.compile(src, model, params);
        Map<String, Tensor> in = RandomData.inputs(jvm.inputs(), Sources.dims(dims), rnd, lo, hi);
        Map<String, Tensor> want = oracle.run(in);
        Map<String, Tensor> got = jvm.run(in);
        Compare.outputs(want, got, 1e-5, 1e-4, p + " dims [" + dims.trim() + "] case " + c);
      }
    }
  }

  static void roundTrip(Path p) {
    SourceFile src = Sources.read(p);
    GraphModule m = Pipeline.frontEnd(src, Sources.directives(src).get("model"));
    String text = GraphPrinter.print(m);
    GraphModule back = GraphParser.parse(p.toString(), text);
    assertEquals(text, GraphPrinter.print(back), "graph IR text round trip of " + p);
    assertEquals(m.kernels().size(), back.kernels().size());
    for (PrimFunc f : m.kernels().values()) {
      String t = TirPrinter.print(f);
      PrimFunc g = TirParser.parse(p.toString(), t);
      assertEquals(t, TirPrinter.print(g), "kernel " + f.name() + " round trip");
      assertTrue(StructuralEqual.equal(f, g), "kernel " + f.name() + " parses back structurally equal");
      assertFalse(t.isBlank());
    }
  }
}
