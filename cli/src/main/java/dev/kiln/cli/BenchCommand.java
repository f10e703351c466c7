package dev.kiln.cli;

import dev.kiln.Pipeline;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.util.FlopCounter;
import dev.kiln.runtime.CompiledModel;
import dev.kiln.runtime.Kernel;
import dev.kiln.runtime.Tensor;
import dev.kiln.runtime.io.Npy;
import dev.kiln.runtime.parallel.KilnPool;
import dev.kiln.runtime.plan.Dim;
import dev.kiln.runtime.plan.InputSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Compiles once, warms up, then times whole-model runs. FLOPs are counted from the loop-nest IR
 * of every kernel call one instrumented run makes (so data-dependent control flow is counted as
 * it actually ran). Threads: parallel loops run on the runtime's shared {@link KilnPool}, sized by
 * {@code --threads} (default: its own default, all cores or {@code -Dkiln.threads}); N threads are
 * the calling thread plus N-1 workers.
 */
@Command(name = "bench", description = "Time a model: median, p90 and min latency, and GFLOP/s.")
final class BenchCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE.kiln") Path file;

  @Option(names = "--model", description = "the model (default: the file's first)") String model;

  @Option(names = "--weights", paramLabel = "W.safetensors") Path weights;

  @Option(names = "--random-weights", description = "use seeded random weights instead of a file")
  boolean randomWeights;

  @Option(names = "--in", paramLabel = "NAME=FILE.npy", description = "an input from a file") List<String> inputs = new ArrayList<>();

  @Option(names = "--shape", paramLabel = "NAME=64x784", description = "a random input of this shape")
  List<String> shapes = new ArrayList<>();

  @Option(names = "--threads", description = "threads for parallel loops (default: all cores)") Integer threads;

  @Option(names = "--iters", defaultValue = "50", description = "timed runs (default: ${DEFAULT-VALUE})") int iters;

  @Option(names = "--warmup", defaultValue = "20", description = "untimed runs first (default: ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--json", description = "end with one line of JSON") boolean json;

  @Override public Integer call() {
    if (threads != null) configureThreads(threads);
    if (iters < 1) throw new ErrorReporter.UserError("--iters must be at least 1");
    Pipeline.Result r = Pipeline.compile(SourceArgs.read(file), model);
    Random rnd = new Random(42);
    CompiledModel m = r.instantiate(weights(r, rnd));
    Map<String, Tensor> in = inputs(m, rnd);

    long flops = countFlops(r, m, in);
    for (int i = 0; i < warmup; i++) m.run(in);
    double[] ms = new double[iters];
    for (int i = 0; i < iters; i++) {
      long t0 = System.nanoTime();
      m.run(in);
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    double median = ms[(iters - 1) / 2];
    double p90 = ms[Math.min(iters - 1, (int) Math.ceil(iters * 0.9) - 1)];
    double min = ms[0];
    double gflops = flops / (median * 1e6);
    int t = KilnPool.threads();
    System.out.printf(Locale.ROOT, "%s: %d runs after %d warm-up, %d thread%s%n", r.plan().modelName(), iters, warmup,
        t, t == 1 ? "" : "s");
    System.out.printf(Locale.ROOT, "  median %.3f ms   p90 %.3f ms   min %.3f ms%n", median, p90, min);
    System.out.printf(Locale.ROOT, "  %.3f GFLOP per run, %.2f GFLOP/s at the median%n", flops / 1e9, gflops);
    if (json) {
      System.out.printf(Locale.ROOT, "{\"model\":\"%s\",\"median_ms\":%.6f,\"p90_ms\":%.6f,\"min_ms\":%.6f,"
          + "\"gflops\":%.6f,\"flops\":%d,\"iters\":%d,\"threads\":%d}%n", r.plan().modelName(), median, p90, min,
          gflops, flops, iters, t);
    }
    return 0;
  }

  private static void configureThreads(int n) {
    if (n < 1) throw new ErrorReporter.UserError("--threads must be at least 1");
    KilnPool.setThreads(n);
  }

  private Tensor[] weights(Pipeline.Result r, Random rnd) {
    if (r.plan().params().isEmpty()) return new Tensor[0];
    if (!randomWeights) return RunCommand.weights(r, file, weights);
    Tensor[] out = new Tensor[r.plan().params().size()];
    for (int i = 0; i < out.length; i++) {
      var p = r.plan().params().get(i);
      out[i] = random(p.dtype(), p.shape(), rnd);
    }
    return out;
  }

  private Map<String, Tensor> inputs(CompiledModel m, Random rnd) {
    Map<String, Tensor> in = new LinkedHashMap<>();
    for (String s : inputs) {
      String[] kv = split(s, "--in");
      in.put(kv[0], Npy.read(Path.of(kv[1])));
    }
    for (String s : shapes) {
      String[] kv = split(s, "--shape");
      InputSpec spec = m.inputs().stream().filter(x -> x.name().equals(kv[0])).findFirst()
          .orElseThrow(() -> new ErrorReporter.UserError("model `" + m.name() + "` has no input `" + kv[0] + "`"));
      int[] shape;
      try {
        shape = Arrays.stream(kv[1].split("x")).mapToInt(Integer::parseInt).toArray();
      } catch (NumberFormatException e) {
        throw new ErrorReporter.UserError("--shape expects NAME=D1xD2x..., got '" + s + "'");
      }
      in.put(kv[0], random(spec.dtype(), shape, rnd));
    }
    List<String> missing = new ArrayList<>();
    for (InputSpec spec : m.inputs()) {
      if (in.containsKey(spec.name())) continue;
      boolean fixed = spec.shape().stream().allMatch(d -> d instanceof Dim.Fixed);
      if (!fixed) {
        missing.add(spec.name() + ": " + spec.typeString());
        continue;
      }
      int[] shape = spec.shape().stream().mapToInt(d -> ((Dim.Fixed) d).value()).toArray();
      in.put(spec.name(), random(spec.dtype(), shape, rnd));
    }
    if (!missing.isEmpty()) {
      throw new ErrorReporter.UserError("give a shape or file for input" + (missing.size() == 1 ? " " : "s ")
          + String.join(", ", missing) + " (--shape NAME=64x784 or --in NAME=FILE.npy)");
    }
    return in;
  }

  private static String[] split(String s, String flag) {
    int eq = s.indexOf('=');
    if (eq <= 0) throw new ErrorReporter.UserError(flag + " expects NAME=..., got '" + s + "'");
    return new String[] {s.substring(0, eq), s.substring(eq + 1)};
  }

  /** One run with counting kernels: each call adds its kernel's FLOPs for the sizes it ran with. */
  private static long countFlops(Pipeline.Result r, CompiledModel m, Map<String, Tensor> in) {
    List<PrimFunc> fs = new ArrayList<>(r.module().kernels().values());
    AtomicLong total = new AtomicLong();
    Kernel[] counting = new Kernel[fs.size()];
    for (int i = 0; i < counting.length; i++) {
      PrimFunc f = fs.get(i);
      Kernel k = r.kernels().get(i).kernel();
      counting[i] = (arrays, sizes) -> {
        total.addAndGet(FlopCounter.count(f, sizes));
        k.invoke(arrays, sizes);
      };
    }
    new CompiledModel(m.plan(), counting, m.params()).run(in);
    return total.get();
  }

  static Tensor random(dev.kiln.runtime.ElementType t, int[] shape, Random rnd) {
    return dev.kiln.runtime.RandomTensors.random(t, shape, rnd, 1.0, 0, 4);
  }
}
