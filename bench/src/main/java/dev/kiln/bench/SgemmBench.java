package dev.kiln.bench;

import dev.kiln.bench.model.SgemmProblem;
import dev.kiln.bench.peer.OpenBlasGemm;
import dev.kiln.bench.peer.OrtModel;
import dev.kiln.bench.support.Agreement;
import dev.kiln.bench.support.ThreadSetting;
import dev.kiln.runtime.CompiledModel;
import dev.kiln.runtime.Tensor;
import dev.kiln.runtime.intrinsics.Intrinsics;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ForkJoinPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Single-precision GEMM, C = A·B row-major, at 256³, 512³, 1024³ and M×N×K = 1024×4096×1024:
 * <ul>
 *   <li>{@code kiln}: the Kiln model {@code sgemm.kiln} ({@code a @ b} scheduled with
 *       {@code tensorize(i, "jvm.gemm_f32")}) compiled by {@code Kiln.compile};
 *   <li>{@code kilnIntrinsic}: the runtime's Vector API sgemm driver
 *       ({@code Intrinsics.sgemm}/{@code sgemmParallel}) called directly;
 *   <li>{@code openblas}: OpenBLAS {@code cblas_sgemm} on operands in native memory;
 *   <li>{@code onnxruntime}: one ONNX MatMul node with both operands as inputs.
 * </ul>
 * The trial setup computes the reference C with OpenBLAS and checks it on sampled entries against
 * double-precision dot products; every implementation's setup runs it once and checks its C
 * against the reference before any measurement.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xss8m", "-Xmx6g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SgemmBench {
  /** M×N×K. */
  @Param({"256x256x256", "512x512x512", "1024x1024x1024", "1024x4096x1024"})
  public String shape;

  /** Threads for every implementation: 1, or all cores (see {@link ThreadSetting}). */
  @Param({"1"})
  public int threads;

  SgemmProblem problem;
  float[] reference;

  @Setup(Level.Trial)
  public void setup() {
    ThreadSetting.apply(threads);
    problem = SgemmProblem.parse(shape);
    try (OpenBlasGemm blas = new OpenBlasGemm(problem.m(), problem.n(), problem.k(), problem.a(), problem.b(), threads)) {
      blas.run();
      reference = blas.output();
    }
    checkSampled(problem, reference);
  }

  /** The reference against exact dot products at 256 random positions. */
  private static void checkSampled(SgemmProblem p, float[] c) {
    SplittableRandom r = new SplittableRandom(7);
    float[] got = new float[256];
    float[] exact = new float[256];
    for (int s = 0; s < got.length; s++) {
      int i = r.nextInt(p.m());
      int j = r.nextInt(p.n());
      double sum = 0;
      for (int q = 0; q < p.k(); q++) {
        sum += (double) p.a()[i * p.k() + q] * p.b()[q * p.n() + j];
      }
      got[s] = c[i * p.n() + j];
      exact[s] = (float) sum;
    }
    Agreement.check("OpenBLAS sgemm " + p.m() + "x" + p.n() + "x" + p.k() + " vs exact sampled dots", got, exact);
  }

  /** Kiln's compiled model and its inputs. */
  @State(Scope.Benchmark)
  public static class KilnModel {
    CompiledModel model;
    Tensor a;
    Tensor b;

    @Setup(Level.Trial)
    public void setup(SgemmBench w) {
      model = w.problem.kiln();
      a = w.problem.kilnA();
      b = w.problem.kilnB();
      Agreement.check("Kiln sgemm.kiln vs OpenBLAS at " + w.shape, (float[]) model.run(a, b).data(), w.reference);
    }
  }

  /** The runtime's sgemm intrinsic and its output buffer. */
  @State(Scope.Benchmark)
  public static class KilnIntrinsic {
    SgemmProblem p;
    int threads;
    float[] c;

    @Setup(Level.Trial)
    public void setup(SgemmBench w) {
      p = w.problem;
      threads = w.threads;
      c = new float[p.m() * p.n()];
      run();
      Agreement.check("Kiln Intrinsics.sgemm (simd=" + Intrinsics.simdEnabled() + ") vs OpenBLAS at " + w.shape, c,
          w.reference);
    }

    void run() {
      if (threads == 1) {
        Intrinsics.sgemm(p.m(), p.n(), p.k(), p.a(), p.k(), p.b(), p.n(), c, p.n());
      } else {
        Intrinsics.sgemmParallel(p.m(), p.n(), p.k(), p.a(), p.k(), p.b(), p.n(), c, p.n(),
            ForkJoinPool.commonPool(), threads);
      }
    }
  }

  /** OpenBLAS on native copies of the operands. */
  @State(Scope.Benchmark)
  public static class Blas {
    OpenBlasGemm blas;

    @Setup(Level.Trial)
    public void setup(SgemmBench w) {
      SgemmProblem p = w.problem;
      blas = new OpenBlasGemm(p.m(), p.n(), p.k(), p.a(), p.b(), w.threads);
      blas.run();
      Agreement.check("OpenBLAS vs its reference run at " + w.shape, blas.output(), w.reference);
    }

    @TearDown(Level.Trial)
    public void close() {
      blas.close();
    }
  }

  /** An ONNX Runtime session of one MatMul. */
  @State(Scope.Benchmark)
  public static class Ort {
    OrtModel ort;

    @Setup(Level.Trial)
    public void setup(SgemmBench w) {
      SgemmProblem p = w.problem;
      ort = new OrtModel(p.onnx(), w.threads).input("a", p.a(), p.m(), p.k()).input("b", p.b(), p.k(), p.n());
      Agreement.check("ONNX Runtime MatMul vs OpenBLAS at " + w.shape, ort.output(), w.reference);
    }

    @TearDown(Level.Trial)
    public void close() {
      ort.close();
    }
  }

  @Benchmark
  public Tensor kiln(KilnModel s) {
    return s.model.run(s.a, s.b);
  }

  @Benchmark
  public float[] kilnIntrinsic(KilnIntrinsic s) {
    s.run();
    return s.c;
  }

  @Benchmark
  public void openblas(Blas s) {
    s.blas.run();
  }

  @Benchmark
  public int onnxruntime(Ort s) {
    return s.ort.run();
  }
}
