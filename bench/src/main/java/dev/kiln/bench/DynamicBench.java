package dev.kiln.bench;

import dev.kiln.CompileOptions;
import dev.kiln.Kiln;
import dev.kiln.bench.support.Agreement;
import dev.kiln.bench.support.RandomData;
import dev.kiln.bench.support.ThreadSetting;
import dev.kiln.runtime.CompiledModel;
import dev.kiln.runtime.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A dynamic model — an RNN cell (width 64) over a sequence of run-time length T — run three ways
 * on the same weights and input: {@code host}, compiled with its control flow as a generated host
 * module; {@code interpreted}, the same plan and kernels with the loop interpreted by the plan
 * executor; and {@code unrolled}, the static equivalent on the same path (the cell written out T
 * times, no control flow). (host − unrolled) / T is the host's overhead per loop step. The three
 * outputs must agree before anything is measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xss8m", "-Xmx6g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DynamicBench {
  static final int WIDTH = 64;

  /** Sequence length (loop steps). */
  @Param({"16", "64"})
  public int steps;

  /** Threads for Kiln's pool: 1, or all cores (see {@link ThreadSetting}). */
  @Param({"1"})
  public int threads;

  CompiledModel host;
  CompiledModel interpreted;
  CompiledModel unrolled;
  Tensor xs;

  @Setup(Level.Trial)
  public void setup() {
    ThreadSetting.apply(threads);
    Map<String, Tensor> weights = new LinkedHashMap<>();
    weights.put("wx", Tensor.of(RandomData.uniform(1, WIDTH * WIDTH, 0.2), WIDTH, WIDTH));
    weights.put("wh", Tensor.of(RandomData.uniform(2, WIDTH * WIDTH, 0.2), WIDTH, WIDTH));
    weights.put("b", Tensor.of(RandomData.uniform(3, WIDTH, 0.2), WIDTH));
    xs = Tensor.of(RandomData.uniform(4, steps * WIDTH, 1.0), steps, 1, WIDTH);
    host = Kiln.compile(dynamicSource(), CompileOptions.DEFAULT.withWeights(weights));
    if (!host.hasHostModule()) throw new IllegalStateException("the dynamic RNN has no host module");
    interpreted = host.withoutHostModule();
    unrolled = Kiln.compile(unrolledSource(steps), CompileOptions.DEFAULT.withWeights(weights));
    float[] want = (float[]) unrolled.run(xs).data();
    Agreement.check("Kiln RNN host module vs unrolled at T=" + steps, (float[]) host.run(xs).data(), want);
    Agreement.check("Kiln RNN interpreted loop vs unrolled at T=" + steps, (float[]) interpreted.run(xs).data(), want);
  }

  @Benchmark public Tensor host() { return host.run(xs); }

  @Benchmark public Tensor interpreted() { return interpreted.run(xs); }

  @Benchmark public Tensor unrolled() { return unrolled.run(xs); }

  static String header(String shape) {
    return "import \"std/nn\"\n\nmodel rnn(xs: f32[" + shape + ", 1, " + WIDTH + "]) -> f32[1, " + WIDTH + "] {\n"
        + "  param wx: f32[" + WIDTH + ", " + WIDTH + "]\n  param wh: f32[" + WIDTH + ", " + WIDTH + "]\n  param b: f32[" + WIDTH + "]\n"
        + "  h = zeros([1, " + WIDTH + "])\n";
  }

  static String dynamicSource() {
    return header("T") + "  for t in 0 .. T {\n    h = tanh(xs[t] @ wx + h @ wh + b)\n  }\n  return h\n}\n";
  }

  static String unrolledSource(int steps) {
    StringBuilder sb = new StringBuilder(header(String.valueOf(steps)));
    for (int t = 0; t < steps; t++) sb.append("  h = tanh(xs[").append(t).append("] @ wx + h @ wh + b)\n");
    return sb.append("  return h\n}\n").toString();
  }
}
