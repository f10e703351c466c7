package dev.kiln.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.ElementType;
import dev.kiln.runtime.Tensor;
import dev.kiln.runtime.io.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run-time errors of dynamic models, through `kiln run` with the host module: a condition on a
 * non-scalar, a while loop past `--max-loop-iters`, and inputs (or an output) whose shapes
 * contradict the model's symbolic dims. Each is exit 1 with `file:line:col: error: ...`, the model line and a caret — no
 * hang and no stack trace.
 */
class DynamicErrorsTest {
  @TempDir Path tmp;

  private Path npy(String name, Tensor t) throws Exception {
    Path p = tmp.resolve(name + ".npy");
    Npy.write(p, t);
    return p;
  }

  private static void located(Cli.Result r, String first, String line, String caret) {
    assertEquals(1, r.code(), r.err());
    String[] lines = r.err().split("\n");
    assertEquals(first, lines[0], r.err());
    assertEquals(line, lines[1], r.err());
    assertEquals(caret, lines[2], r.err());
    assertFalse(r.err().contains("\tat "), "stack trace: " + r.err());
  }

  @Test
  void aConditionOnANonScalarNamesTheIf() throws Exception {
    Path src = tmp.resolve("cond.kiln");
    Files.writeString(src, "model cond(x: f32[N]) -> f32[N] {\n  if x > 0.0 {\n    return x\n  }\n  return x * 2.0\n}\n");
    Path x = npy("x", Tensor.of(new float[] {1, -2, 3}, 3));
    Cli.Result r = Cli.run("run", src.toString(), "--in", "x=" + x);
    located(r, src + ":2:3: error: condition must be a scalar, got bool[3]", "  if x > 0.0 {", "  ^");
    // The same model with one element runs: the condition is a scalar then.
    Path one = npy("one", Tensor.of(new float[] {-2}, 1));
    assertEquals(0, Cli.run("run", src.toString(), "--in", "x=" + one).code());
  }

  @Test
  void aWhileLoopPastTheBoundNamesTheLoop() throws Exception {
    Path src = tmp.resolve("spin.kiln");
    Files.writeString(src, "model spin(x: f32[1]) -> f32[1] {\n  while max(x) > 0.0 {\n    x = x + 1.0\n  }\n  return x\n}\n");
    Path x = npy("x", Tensor.of(new float[] {1}, 1));
    Cli.Result r = Cli.run("run", src.toString(), "--in", "x=" + x, "--max-loop-iters", "50");
    located(r, src + ":2:3: error: while loop ran more than 50 iterations (raise RunOptions.maxLoopIters if this is intended)",
        "  while max(x) > 0.0 {", "  ^");
  }

  @Test
  void anOutputContradictingItsDeclaredSymbolicDimNamesTheModelSignature() throws Exception {
    // [-1, 4] from [B, 6] has B·6/4 rows, which the compiler cannot prove equal to the declared B.
    Path src = tmp.resolve("rows.kiln");
    Files.writeString(src, "model rows(x: f32[B, 6]) -> f32[B, 4] {\n  return reshape(x, shape: [-1, 4])\n}\n");
    Path x = npy("x", Tensor.zeros(ElementType.F32, 2, 6));
    located(Cli.run("run", src.toString(), "--in", "x=" + x),
        src + ":1:1: error: output 'output' axis 0 is 3 where the model declares B (2 from the inputs)",
        "model rows(x: f32[B, 6]) -> f32[B, 4] {", "^");
    // The passing side of the check runs on every model of the test suite with symbolic outputs.
  }

  @Test
  void inputsContradictingASymbolicDimNameTheModelSignature() throws Exception {
    Path src = tmp.resolve("pair.kiln");
    Files.writeString(src, "model pair(a: f32[T, 2], b: f32[T, 2]) -> f32[T, 2] {\n  for i in 0 .. 2 {\n    a = a + b\n  }\n  return a\n}\n");
    Path a = npy("a", Tensor.zeros(ElementType.F32, 3, 2));
    Path b = npy("b", Tensor.zeros(ElementType.F32, 5, 2));
    Cli.Result r = Cli.run("run", src.toString(), "--in", "a=" + a, "--in", "b=" + b);
    located(r, src + ":1:1: error: input 'b' axis 0: symbol T is 5 here but 3 at input 'a' axis 0",
        "model pair(a: f32[T, 2], b: f32[T, 2]) -> f32[T, 2] {", "^");
    Path c = npy("c", Tensor.zeros(ElementType.F32, 3, 4));
    r = Cli.run("run", src.toString(), "--in", "a=" + a, "--in", "b=" + c);
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().startsWith(src + ":1:1: error: input 'b' axis 1: expected 2"), r.err());
  }
}
