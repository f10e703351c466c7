package dev.kiln.bench;

import dev.kiln.bench.model.ConvLayer;
import dev.kiln.bench.peer.OrtModel;
import dev.kiln.bench.support.Agreement;
import dev.kiln.bench.support.ThreadSetting;
import dev.kiln.runtime.CompiledModel;
import dev.kiln.runtime.Tensor;
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
import java.util.concurrent.TimeUnit;

/**
 * A ResNet-style 3×3 convolution layer ({@link ConvLayer}: 1×64×56×56, 64 filters, pad 1):
 * Kiln's std/nn {@code conv2d} with a hand-written schedule ({@code kiln}) against one ONNX
 * Runtime Conv node ({@code onnxruntime}). The trial setup runs ONNX Runtime once for the
 * reference output; Kiln's output must agree with it before Kiln is measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xss8m", "-Xmx6g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class Conv2dBench {
  /** Threads for both implementations: 1, or all cores (see {@link ThreadSetting}). */
  @Param({"1"})
  public int threads;

  ConvLayer workload;
  float[] reference;

  @Setup(Level.Trial)
  public void setup() {
    ThreadSetting.apply(threads);
    workload = new ConvLayer();
    try (OrtModel ort = session(workload, threads)) {
      reference = ort.output();
    }
  }

  static OrtModel session(ConvLayer workload, int threads) {
    return new OrtModel(workload.onnx(), threads).input("x", workload.input(), workload.inputShape());
  }

  /** Kiln's compiled model and its input. */
  @State(Scope.Benchmark)
  public static class KilnModel {
    CompiledModel model;
    Tensor x;

    @Setup(Level.Trial)
    public void setup(Conv2dBench w) {
      model = w.workload.kiln();
      x = w.workload.kilnInput();
      Agreement.check("Kiln conv2d vs ONNX Runtime Conv", (float[]) model.run(x).data(), w.reference);
    }
  }

  /** The ONNX Runtime session. */
  @State(Scope.Benchmark)
  public static class Ort {
    OrtModel ort;

    @Setup(Level.Trial)
    public void setup(Conv2dBench w) {
      ort = session(w.workload, w.threads);
    }

    @TearDown(Level.Trial)
    public void close() {
      ort.close();
    }
  }

  @Benchmark
  public Tensor kiln(KilnModel s) {
    return s.model.run(s.x);
  }

  @Benchmark
  public int onnxruntime(Ort s) {
    return s.ort.run();
  }
}
