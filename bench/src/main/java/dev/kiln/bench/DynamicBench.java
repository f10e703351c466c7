package dev.kiln.bench;

import dev.kiln.CompileOptions;
import dev.kiln.Kiln;
import dev.kiln.bench.model.DynamicModels;
import dev.kiln.bench.support.Agreement;
import dev.kiln.bench.support.ThreadSetting;
import dev.kiln.runtime.CompiledModel;
import dev.kiln.runtime.Tensor;
import java.util.List;
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
 * The dynamic models of issue 4 ({@link DynamicModels}: RNN, GRU and LSTM over a run-time
 * sequence length, a layer repeated a data-dependent number of times, an early-exit classifier on
 * either path), each run three ways on the same weights and input: {@code host}, compiled with its
 * control flow as a generated host module; {@code interpreted}, the same plan and kernels with the
 * control flow interpreted by the plan executor; and {@code staticPath}, the static equivalent on
 * the same path (loop bodies written out, the early exit's straight line; no control flow).
 * (host − staticPath) / steps is the host's overhead per control-flow step. The three outputs must
 * agree before anything is measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xss8m", "-Xmx6g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DynamicBench {
  /** The case, {@code model:path} (see {@link DynamicModels#CASES}). */
  @Param({"rnn:16", "rnn:64", "gru:32", "lstm:32", "adaptive:16", "early_exit:exit", "early_exit:full"})
  public String path;

  /** Threads for Kiln's pool: 1, or all cores (see {@link ThreadSetting}). */
  @Param({"1"})
  public int threads;

  CompiledModel host;
  CompiledModel interpreted;
  CompiledModel staticPath;
  Map<String, Tensor> inputs;
  Map<String, Tensor> staticInputs;

  @Setup(Level.Trial)
  public void setup() {
    ThreadSetting.apply(threads);
    DynamicModels m = DynamicModels.of(path);
    inputs = m.inputs();
    staticInputs = m.staticInputs();
    host = Kiln.compile(m.dynamicSource(), CompileOptions.DEFAULT.withWeights(m.weights()));
    if (!host.hasHostModule()) throw new IllegalStateException(path + " has no host module");
    interpreted = host.withoutHostModule();
    staticPath = Kiln.compile(m.staticSource(), CompileOptions.DEFAULT.withWeights(m.weights()));
    List<Tensor> want = List.copyOf(staticPath.run(staticInputs).values());
    agree("host module", host.run(inputs), want);
    agree("interpreted control flow", interpreted.run(inputs), want);
  }

  private void agree(String what, Map<String, Tensor> got, List<Tensor> want) {
    List<Tensor> g = List.copyOf(got.values());
    if (g.size() != want.size()) throw new IllegalStateException(path + ": " + what + " returned " + g.size() + " outputs");
    for (int i = 0; i < g.size(); i++) {
      Agreement.check("Kiln " + path + " " + what + " vs static path, output " + i,
          (float[]) g.get(i).data(), (float[]) want.get(i).data());
    }
  }

  @Benchmark public Map<String, Tensor> host() { return host.run(inputs); }

  @Benchmark public Map<String, Tensor> interpreted() { return interpreted.run(inputs); }

  @Benchmark public Map<String, Tensor> staticPath() { return staticPath.run(staticInputs); }
}
