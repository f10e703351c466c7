package dev.kiln.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ir.graph.GraphModule;
import dev.kiln.ir.graph.text.GraphParser;
import dev.kiln.ir.graph.text.GraphPrinter;
import dev.kiln.runtime.Tensor;
import dev.kiln.runtime.io.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code kiln} command end to end: check, run, print-ir, compile, artifacts, errors. */
class CliTest {
  static final String MLP = "examples/mlp/mlp.kiln";
  static final String X = "x=examples/mlp/x.npy";

  @TempDir Path tmp;

  @Test
  void versionAndHelp() {
    Cli.Result v = Cli.run("--version");
    assertEquals(0, v.code());
    assertTrue(v.out().startsWith("kiln 0.1.0"), v.out());
    Cli.Result h = Cli.run("--help");
    assertEquals(0, h.code());
    assertTrue(h.out().contains("print-ir") && h.out().contains("compile"), h.out());
  }

  @Test
  void checkAcceptsAGoodFileAndReportsABadOneWithLineColumnAndCaret() throws Exception {
    assertEquals(0, Cli.run("check", MLP).code());
    Path bad = tmp.resolve("bad.kiln");
    Files.writeString(bad, "model m(x: f32[4]) -> f32[4] {\n  return relu(y)\n}\n");
    Cli.Result r = Cli.run("check", bad.toString());
    assertEquals(1, r.code(), r.err());
    String[] lines = r.err().split("\n");
    assertEquals(bad + ":2:15: error: unknown name `y` (did you mean `x`?)", lines[0]);
    assertEquals("  return relu(y)", lines[1]);
    assertEquals("              ^", lines[2]);
    assertTrue(!r.err().contains("Exception"), r.err());
  }

  @Test
  void runWritesTheFirstOutputAsNpy() throws Exception {
    Path out = tmp.resolve("y.npy");
    Cli.Result r = Cli.run("run", MLP, "--in", X, "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    Compare.tensors(Npy.read(Path.of("examples/mlp/expected.npy")), Npy.read(out), 1e-5, 1e-4, "kiln run --out");
  }

  @Test
  void runPrintsASummaryWithoutOut() {
    Cli.Result r = Cli.run("run", MLP, "--in", X);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("output: "), r.out());
  }

  @Test
  void aMissingInputIsNamedWithItsType() {
    Cli.Result r = Cli.run("run", MLP);
    assertEquals(1, r.code());
    assertTrue(r.err().contains("x: f32[B, 784]") && r.err().contains("--in"), r.err());
  }

  @Test
  void aMissingWeightsKeyIsNamed() throws Exception {
    Path w = tmp.resolve("w.safetensors");
    dev.kiln.runtime.io.SafeTensors.write(w, java.util.Map.of("w1", Tensor.zeros(dev.kiln.runtime.ElementType.F32, 784, 128)));
    Cli.Result r = Cli.run("run", MLP, "--weights", w.toString(), "--in", X);
    assertEquals(1, r.code());
    assertTrue(r.err().contains("b1") && r.err().contains("fc2.weight"), r.err());
  }

  @Test
  void printIrStagesParseBack() {
    Cli.Result g = Cli.run("print-ir", MLP, "--stage", "graph");
    assertEquals(0, g.code(), g.err());
    GraphModule m = GraphParser.parse(g.out());
    assertEquals(g.out(), GraphPrinter.print(m));
    Cli.Result loops = Cli.run("print-ir", MLP, "--stage", "loops");
    Cli.Result sched = Cli.run("print-ir", MLP, "--stage", "scheduled");
    assertEquals(0, loops.code(), loops.err());
    assertEquals(0, sched.code(), sched.err());
    assertEquals(loops.out(), GraphPrinter.print(GraphParser.parse(loops.out())));
    assertEquals(sched.out(), GraphPrinter.print(GraphParser.parse(sched.out())));
    assertNotEquals(loops.out(), sched.out(), "the mlp's schedule changes its matmul kernels");
    assertTrue(sched.out().contains("parallel"), sched.out());
    Cli.Result part = Cli.run("print-ir", "tests/programs/rnn_for.kiln", "--stage", "partitioned");
    assertEquals(0, part.code(), part.err());
    GraphModule pm = GraphParser.parse(part.out());
    assertEquals(part.out(), GraphPrinter.print(pm));
    assertEquals(List.of("rnn_sg0", "rnn_sg1", "rnn"), pm.funcs().stream().map(f -> f.name()).toList(), part.out());
    assertTrue(part.out().contains("= call rnn_sg1("), "the loop body calls its subgraph\n" + part.out());
  }

  @Test
  void compiledArtifactsRunAndTamperingIsRefused() throws Exception {
    Path kar = tmp.resolve("mlp.kar");
    Cli.Result c = Cli.run("compile", MLP, "-o", kar.toString());
    assertEquals(0, c.code(), c.err());
    Path out = tmp.resolve("y.npy");
    Cli.Result r = Cli.run("run", kar.toString(), "--in", X, "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    Compare.tensors(Npy.read(Path.of("examples/mlp/expected.npy")), Npy.read(out), 1e-5, 1e-4, "artifact run");

    byte[] bytes = Files.readAllBytes(kar);
    Path truncated = tmp.resolve("truncated.kar");
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    Cli.Result t = Cli.run("run", truncated.toString(), "--in", X);
    assertEquals(1, t.code(), t.err());
    assertTrue(t.err().startsWith("error: "), t.err());

    Path tampered = tmp.resolve("tampered.kar");
    byte[] copy = bytes.clone();
    int mid = copy.length / 3;
    copy[mid] ^= 0x5a;
    Files.write(tampered, copy);
    Cli.Result x = Cli.run("run", tampered.toString(), "--in", X);
    assertEquals(1, x.code(), x.err());
    assertTrue(!x.err().contains("Exception"), x.err());
  }

  @Test
  void aRunTimeIndexOutOfBoundsPointsAtTheModelLine() throws Exception {
    Path src = tmp.resolve("pick.kiln");
    Files.writeString(src, "model pick(xs: f32[T, 4], i: i32[]) -> f32[4] {\n  return xs[i] * 2.0\n}\n");
    Path xs = tmp.resolve("xs.npy");
    Path i = tmp.resolve("i.npy");
    Npy.write(xs, Tensor.zeros(dev.kiln.runtime.ElementType.F32, 3, 4));
    Npy.write(i, Tensor.scalarInt(7));
    Cli.Result r = Cli.run("run", src.toString(), "--in", "xs=" + xs, "--in", "i=" + i);
    assertEquals(1, r.code(), r.err());
    String[] lines = r.err().split("\n");
    assertEquals(src + ":2:13: error: index 7 out of bounds for axis 0 of size 3", lines[0]);
    assertEquals("  return xs[i] * 2.0", lines[1]);
    assertEquals("            ^", lines[2]);
  }

  @Test
  void benchEndsWithOneLineOfJson() {
    Cli.Result r = Cli.run("bench", MLP, "--shape", "x=2x784", "--iters", "3", "--warmup", "1", "--json");
    assertEquals(0, r.code(), r.err());
    String[] lines = r.out().strip().split("\n");
    String last = lines[lines.length - 1];
    assertTrue(last.startsWith("{") && last.endsWith("}"), last);
    for (String key : new String[] {"\"median_ms\":", "\"p90_ms\":", "\"min_ms\":", "\"gflops\":"}) {
      assertTrue(last.contains(key), last);
    }
    // 2x784 @ 784x128 and 2x128 @ 128x10 multiply-adds, plus the elementwise work: at least 2*(2*784*128 + 2*128*10)
    long flops = Long.parseLong(last.replaceAll(".*\"flops\":(\\d+).*", "$1"));
    assertTrue(flops >= 2L * (2 * 784 * 128 + 2 * 128 * 10), last);
  }

  @Test
  void benchNamesAnInputWithoutAShape() {
    Cli.Result r = Cli.run("bench", MLP, "--iters", "1");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("x: f32[B, 784]") && r.err().contains("--shape"), r.err());
  }

  @Test
  void bindIsAUserErrorOnTheJvmBackend() throws Exception {
    Path src = tmp.resolve("bound.kiln");
    Files.writeString(src, "op mm(A: f32[M, K], B: f32[K, N]) -> C: f32[M, N] {\n  C[i, j] += A[i, k] * B[k, j]\n}\n"
        + "model m(a: f32[4, 4], b: f32[4, 4]) -> f32[4, 4] {\n  return mm(a, b)\n}\n"
        + "schedule mm {\n  bind(i, \"threadIdx.x\")\n}\n");
    assertEquals(0, Cli.run("check", src.toString()).code(), "bind itself is valid");
    Cli.Result r = Cli.run("compile", src.toString(), "-o", tmp.resolve("m.kar").toString());
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().startsWith("error: kernel `mm` binds loop `i` to threadIdx.x"), r.err());
  }
}
