package dev.kiln.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Pipeline;
import dev.kiln.backend.jvm.HostCodegen;
import dev.kiln.diag.SourceFile;
import dev.kiln.runtime.CompiledModel;
import dev.kiln.runtime.Kernel;
import dev.kiln.runtime.KilnRuntimeException;
import dev.kiln.runtime.RunOptions;
import dev.kiln.runtime.Tensor;
import dev.kiln.runtime.artifact.Artifact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host module of dynamic models: control flow compiled to bytecode. Every program of
 * tests/programs already runs through it in ProgramsTest (against the interpreter); here: which
 * models get one, the generated code's shape, bit-identical results against the same kernels with
 * interpreted control flow, the while-loop guard, and artifacts that carry the host class.
 */
class HostModuleTest {
  private static final List<String> DYNAMIC = List.of("rnn_for", "while_loop", "early_return", "if_else_chain",
      "nested_loops", "gru_variable_length", "lstm_variable_length", "adaptive_depth");

  @Test
  void dynamicModelsGetAHostModuleAndStraightLineOnesDoNot() {
    for (String name : DYNAMIC) {
      Pipeline.Result r = compile(name);
      assertTrue(r.host() != null, name);
      assertTrue(r.instantiate(RandomData.params(r.plan().params(), new Random(1))).hasHostModule(), name);
    }
    assertNull(compile("broadcasting").host(), "no control flow, no host module");
    String whileSource = HostCodegen.generate(compile("while_loop").plan()).toSource();
    assertTrue(whileSource.contains("while (true)") && whileSource.contains("r.countIteration("), whileSource);
    String forSource = HostCodegen.generate(compile("rnn_for").plan()).toSource();
    assertTrue(forSource.contains("r.setLoopVar(") && forSource.contains("r.block(1);"), forSource);
  }

  @Test
  void hostAndInterpretedControlFlowGiveTheSameBits() {
    for (String name : DYNAMIC) {
      Pipeline.Result r = compile(name);
      Random rnd = new Random(7);
      Tensor[] params = RandomData.params(r.plan().params(), rnd);
      CompiledModel host = r.instantiate(params);
      Kernel[] ks = r.kernels().stream().map(k -> k.kernel()).toArray(Kernel[]::new);
      CompiledModel interpreted = new CompiledModel(r.plan(), ks, params);
      assertFalse(interpreted.hasHostModule());
      assertFalse(host.withoutHostModule().hasHostModule());
      assertTrue(host.withoutHostModule().withOptions(RunOptions.DEFAULT).params().length == params.length);
      for (String dims : List.of("T=0 B=1 N=1", "T=3 B=2 N=5")) {
        for (int c = 0; c < 4; c++) {
          Map<String, Tensor> in = RandomData.inputs(host.inputs(), Sources.dims(dims), rnd, -3, 4);
          Map<String, Tensor> a = host.run(in), b = interpreted.run(in);
          assertEquals(b.keySet(), a.keySet());
          for (String k : a.keySet()) assertEquals(b.get(k), a.get(k), name + " " + k);
        }
      }
    }
  }

  @Test
  void aWhileLoopPastTheBoundFailsAtItsLine() {
    Pipeline.Result r = compile("while_loop");
    CompiledModel m = r.instantiate(RandomData.params(r.plan().params(), new Random(1)))
        .withOptions(new RunOptions(2));
    assertTrue(m.hasHostModule());
    Tensor x = Tensor.of(new float[] {100f, -50f, 7f}, 3);
    KilnRuntimeException e = assertThrows(KilnRuntimeException.class, () -> m.run(Map.of("x", x)));
    assertTrue(e.getMessage().contains("more than 2 iterations"), e.getMessage());
    assertTrue(e.location() != null && e.location().contains("while_loop.kiln:7"), e.location());
  }

  @Test
  void artifactsCarryTheHostModule(@TempDir Path dir) throws Exception {
    Pipeline.Result r = compile("rnn_for");
    Tensor[] params = RandomData.params(r.plan().params(), new Random(3));
    Path kar = dir.resolve("rnn.kar");
    Artifact.write(kar, r.plan(), r.classBytes(), params);
    assertTrue(Files.size(kar) > 0);
    CompiledModel loaded = CompiledModel.load(kar);
    assertTrue(loaded.hasHostModule());
    CompiledModel fresh = r.instantiate(params);
    Map<String, Tensor> in = RandomData.inputs(fresh.inputs(), Sources.dims("T=4"), new Random(4), -3, 4);
    Tensor want = fresh.run(in).values().iterator().next();
    Tensor got = loaded.run(in).values().iterator().next();
    assertArrayEquals((float[]) want.data(), (float[]) got.data());
  }

  private static Pipeline.Result compile(String program) {
    SourceFile src = Sources.read(Path.of("tests/programs/" + program + ".kiln"));
    return Pipeline.compile(src, Sources.directives(src).get("model"));
  }
}
