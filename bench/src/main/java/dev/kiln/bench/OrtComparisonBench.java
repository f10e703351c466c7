package dev.kiln.bench;

import dev.kiln.bench.model.OrtWorkload;
import dev.kiln.bench.peer.OrtModel;
import dev.kiln.bench.support.Agreement;
import dev.kiln.bench.support.ThreadSetting;
import dev.kiln.runtime.CompiledModel;
import dev.kiln.runtime.Tensor;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A workload ({@link #workload()}) measured as Kiln's compiled model ({@code kiln}) and as the
 * equivalent ONNX graph in ONNX Runtime ({@code onnxruntime}), same weights and input, at
 * {@code threads} threads each. The trial setup runs ONNX Runtime once for the reference output;
 * Kiln's output must agree with it before anything is measured. Subclasses name the workload
 * (JMH inherits these benchmark methods and states into each concrete subclass).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xss8m", "-Xmx6g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class OrtComparisonBench {
  /** Threads for both implementations: 1, or all cores (see {@link ThreadSetting}). */
  @Param({"1"})
  public int threads;

  CompiledModel model;
  Tensor x;
  OrtModel ort;

  /** The workload, built after the parameters are set. */
  protected abstract OrtWorkload workload();

  /** How the agreement check names the comparison. */
  protected abstract String label();

  @Setup(Level.Trial)
  public void setup() {
    ThreadSetting.apply(threads);
    OrtWorkload w = workload();
    ort = new OrtModel(w.onnx(), threads).input("x", w.input(), w.inputShape());
    float[] reference = ort.output();
    model = w.kiln();
    x = w.kilnInput();
    Agreement.check(label(), (float[]) model.run(x).data(), reference);
  }

  @TearDown(Level.Trial)
  public void close() {
    ort.close();
  }

  @Benchmark
  public Tensor kiln() {
    return model.run(x);
  }

  @Benchmark
  public int onnxruntime() {
    return ort.run();
  }
}
