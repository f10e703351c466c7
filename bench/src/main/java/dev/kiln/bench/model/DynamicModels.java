package dev.kiln.bench.model;

import dev.kiln.bench.support.RandomData;
import dev.kiln.runtime.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dynamic examples of issue 4 as benchmark cases, each with its static equivalent on one path.
 *
 * <p>A case is named {@code model:path}: {@code rnn:T}, {@code gru:T}, {@code lstm:T} (a cell of
 * width {@value #WIDTH} over a sequence of run-time length T), {@code adaptive:N} (one layer
 * repeated while a counter is below a run-time input, N times), {@code early_exit:exit} and
 * {@code early_exit:full} (a classifier that returns after its first head when the head is
 * confident enough, with the threshold given as an input so one compiled model takes either path).
 * The static equivalent is the same computation on that path with the control flow gone: the loop
 * body written out T (N) times with constant indices, or the straight line the early exit takes.
 * {@link #steps} is the number of control-flow steps on the path (loop iterations, or 1 for the
 * single branch of the early exit), for the overhead per step.
 */
public record DynamicModels(String name, String dynamicSource, String staticSource, Map<String, Tensor> weights,
    Map<String, Tensor> inputs, int steps) {
  public static final int WIDTH = 64;

  /** The cases the benchmark runs. */
  public static final List<String> CASES = List.of("rnn:16", "rnn:64", "gru:32", "lstm:32", "adaptive:16",
      "early_exit:exit", "early_exit:full");

  /** The case named {@code name} ({@code model:path}). */
  public static DynamicModels of(String name) {
    String[] p = name.split(":", 2);
    if (p.length != 2) throw new IllegalArgumentException("a case is model:path, got " + name);
    return switch (p[0]) {
      case "rnn", "gru", "lstm" -> recurrent(name, p[0], Integer.parseInt(p[1]));
      case "adaptive" -> adaptive(name, Integer.parseInt(p[1]));
      case "early_exit" -> earlyExit(name, p[1]);
      default -> throw new IllegalArgumentException("unknown dynamic model " + p[0] + " (rnn, gru, lstm, adaptive, early_exit)");
    };
  }

  /** The cell of each recurrent model, one statement per line, reading {@code x} and the states. */
  private static List<String> cell(String model) {
    return switch (model) {
      case "rnn" -> List.of("h = tanh(x @ wx + h @ wh + b)");
      case "gru" -> List.of(
          "z = sigmoid(x @ wz + h @ uz + bz)",
          "r = sigmoid(x @ wr + h @ ur + br)",
          "n = tanh(x @ wn + (r * h) @ un + bn)",
          "h = (1.0 - z) * n + z * h");
      case "lstm" -> List.of(
          "i = sigmoid(x @ wi + h @ ui + bi)",
          "f = sigmoid(x @ wf + h @ uf + bf)",
          "o = sigmoid(x @ wo + h @ uo + bo)",
          "g = tanh(x @ wg + h @ ug + bg)",
          "c = f * c + i * g",
          "h = o * tanh(c)");
      default -> throw new IllegalArgumentException(model);
    };
  }

  /** Weight matrices ({@code w*} input→hidden, {@code u*} hidden→hidden) and biases of a cell. */
  private static List<String> cellParams(String model) {
    return switch (model) {
      case "rnn" -> List.of("wx", "wh", "b");
      case "gru" -> List.of("wz", "uz", "bz", "wr", "ur", "br", "wn", "un", "bn");
      case "lstm" -> List.of("wi", "ui", "bi", "wf", "uf", "bf", "wo", "uo", "bo", "wg", "ug", "bg");
      default -> throw new IllegalArgumentException(model);
    };
  }

  private static DynamicModels recurrent(String name, String model, int steps) {
    List<String> params = cellParams(model);
    boolean lstm = model.equals("lstm");
    StringBuilder dyn = new StringBuilder(recurrentHeader(model, "T", params, lstm));
    dyn.append("  for t in 0 .. T {\n    x = xs[t]\n");
    for (String s : cell(model)) dyn.append("    ").append(s).append('\n');
    dyn.append("  }\n").append(lstm ? "  return h, c\n}\n" : "  return h\n}\n");
    StringBuilder stat = new StringBuilder(recurrentHeader(model, String.valueOf(steps), params, lstm));
    for (int t = 0; t < steps; t++) {
      stat.append("  x = xs[").append(t).append("]\n");
      for (String s : cell(model)) stat.append("  ").append(s).append('\n');
    }
    stat.append(lstm ? "  return h, c\n}\n" : "  return h\n}\n");
    Map<String, Tensor> w = new LinkedHashMap<>();
    long seed = 1;
    for (String p : params) {
      w.put(p, p.startsWith("b") ? Tensor.of(RandomData.uniform(seed++, WIDTH, 0.1), WIDTH)
          : Tensor.of(RandomData.weights(seed++, WIDTH * WIDTH, WIDTH), WIDTH, WIDTH));
    }
    Map<String, Tensor> in = Map.of("xs", Tensor.of(RandomData.uniform(100, steps * WIDTH, 1.0), steps, 1, WIDTH));
    return new DynamicModels(name, dyn.toString(), stat.toString(), w, in, steps);
  }

  private static String recurrentHeader(String model, String length, List<String> params, boolean lstm) {
    StringBuilder sb = new StringBuilder("import \"std/nn\"\n\nmodel ").append(model).append("(xs: f32[").append(length)
        .append(", 1, ").append(WIDTH).append("]) -> f32[1, ").append(WIDTH).append(']');
    if (lstm) sb.append(", f32[1, ").append(WIDTH).append(']');
    sb.append(" {\n");
    for (String p : params) {
      sb.append("  param ").append(p).append(p.startsWith("b") ? ": f32[" + WIDTH + "]\n" : ": f32[" + WIDTH + ", " + WIDTH + "]\n");
    }
    sb.append("  h = zeros([1, ").append(WIDTH).append("])\n");
    if (lstm) sb.append("  c = zeros([1, ").append(WIDTH).append("])\n");
    return sb.toString();
  }

  private static DynamicModels adaptive(String name, int steps) {
    String header = "import \"std/nn\"\n\nmodel adapt(x: f32[1, " + WIDTH + "]%s) -> f32[1, " + WIDTH + "] {\n"
        + "  param w: f32[" + WIDTH + ", " + WIDTH + "]\n  param b: f32[" + WIDTH + "]\n  h = x\n";
    String dyn = header.formatted(", n: f32[1]") + "  k = zeros([1], dtype: i32)\n  while f32(max(k)) < max(n) {\n    h = tanh(h @ w + b)\n"
        + "    k = k + 1\n  }\n  return h\n}\n";
    StringBuilder stat = new StringBuilder(header.formatted(""));
    for (int i = 0; i < steps; i++) stat.append("  h = tanh(h @ w + b)\n");
    stat.append("  return h\n}\n");
    Map<String, Tensor> w = new LinkedHashMap<>();
    w.put("w", Tensor.of(RandomData.weights(1, WIDTH * WIDTH, WIDTH), WIDTH, WIDTH));
    w.put("b", Tensor.of(RandomData.uniform(2, WIDTH, 0.1), WIDTH));
    Map<String, Tensor> in = new LinkedHashMap<>();
    in.put("x", Tensor.of(RandomData.uniform(100, WIDTH, 1.0), 1, WIDTH));
    in.put("n", Tensor.of(new float[] {steps}, 1));
    return new DynamicModels(name, dyn, stat.toString(), w, in, steps);
  }

  private static DynamicModels earlyExit(String name, String path) {
    boolean exit = switch (path) {
      case "exit" -> true;
      case "full" -> false;
      default -> throw new IllegalArgumentException("early_exit paths are exit and full, got " + path);
    };
    int hidden = 256;
    int classes = 10;
    String sig = "(x: f32[1, " + WIDTH + "]" + "%s) -> f32[1, " + classes + "] {\n"
        + "  param w1: f32[" + WIDTH + ", " + hidden + "]\n  param e1: f32[" + hidden + ", " + classes + "]\n"
        + "  param w2: f32[" + hidden + ", " + hidden + "]\n  param e2: f32[" + hidden + ", " + classes + "]\n"
        + "  h = relu(x @ w1)\n";
    String dyn = "import \"std/nn\"\n\nmodel early_exit" + sig.formatted(", thr: f32[1]")
        + "  p = softmax(h @ e1, axis: 1)\n  if max(p) > max(thr) {\n    return p\n  }\n"
        + "  h = relu(h @ w2)\n  return softmax(h @ e2, axis: 1)\n}\n";
    String stat = "import \"std/nn\"\n\nmodel early_exit_" + path + sig.formatted("")
        + (exit ? "  return softmax(h @ e1, axis: 1)\n}\n" : "  h = relu(h @ w2)\n  return softmax(h @ e2, axis: 1)\n}\n");
    Map<String, Tensor> w = new LinkedHashMap<>();
    w.put("w1", Tensor.of(RandomData.weights(1, WIDTH * hidden, WIDTH), WIDTH, hidden));
    w.put("e1", Tensor.of(RandomData.weights(2, hidden * classes, hidden), hidden, classes));
    w.put("w2", Tensor.of(RandomData.weights(3, hidden * hidden, hidden), hidden, hidden));
    w.put("e2", Tensor.of(RandomData.weights(4, hidden * classes, hidden), hidden, classes));
    Map<String, Tensor> in = new LinkedHashMap<>();
    in.put("x", Tensor.of(RandomData.uniform(100, WIDTH, 1.0), 1, WIDTH));
    // max(p) lies in (0, 1]: a threshold of 0 always exits, one of 1 never does.
    in.put("thr", Tensor.of(new float[] {exit ? 0f : 1f}, 1));
    return new DynamicModels(name, dyn, stat, w, in, 1);
  }

  /** The inputs the static equivalent takes (those it declares). */
  public Map<String, Tensor> staticInputs() {
    Map<String, Tensor> m = new LinkedHashMap<>(inputs);
    m.remove("n");
    m.remove("thr");
    return m;
  }
}
