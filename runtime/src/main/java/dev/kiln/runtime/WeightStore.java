package dev.kiln.runtime;

import dev.kiln.runtime.io.Npy;
import dev.kiln.runtime.io.SafeTensors;
import dev.kiln.runtime.plan.ParamSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Named weight tensors from one source, and their binding to a model's params.
 *
 * <p>{@link #open(Path)} accepts a {@code .safetensors} file, a single {@code .npy} file (one
 * tensor keyed by the file stem) or a directory of {@code .npy} files (one tensor per file, keyed
 * by stem, in name order). {@link #bind(List)} is all-or-nothing: it checks every param (key
 * present, dtype, shape), collects every problem, and either returns all tensors or throws one
 * {@link KilnRuntimeException} listing each problem with the param's name, its source location
 * and the file. For a missing key it suggests near misses: keys within a small edit distance, or
 * keys that contain the wanted key as a dotted or underscored suffix or vice versa.
 */
public final class WeightStore {
  private static final int MAX_SUGGESTIONS = 3;

  private final String source;
  private final LinkedHashMap<String, Tensor> tensors;

  private WeightStore(String source, LinkedHashMap<String, Tensor> tensors) {
    this.source = source;
    this.tensors = tensors;
  }

  /** A store over tensors already in memory; {@code source} names them in error messages. */
  public static WeightStore of(String source, Map<String, Tensor> tensors) {
    return new WeightStore(source, new LinkedHashMap<>(tensors));
  }

  /** Opens a .safetensors file, a .npy file or a directory of .npy files. */
  public static WeightStore open(Path path) {
    String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
    if (Files.isDirectory(path)) {
      LinkedHashMap<String, Tensor> map = new LinkedHashMap<>();
      List<Path> files;
      try (Stream<Path> s = Files.list(path)) {
        files = s.filter(p -> p.getFileName().toString().endsWith(".npy")).sorted().toList();
      } catch (IOException e) {
        throw new KilnRuntimeException("cannot list " + path + ": " + e.getMessage(), null, e);
      }
      if (files.isEmpty()) {
        throw new KilnRuntimeException("weights directory " + path + " holds no .npy files");
      }
      for (Path f : files) {
        map.put(stem(f.getFileName().toString()), Npy.read(f));
      }
      return new WeightStore(path.toString(), map);
    }
    if (!Files.exists(path)) {
      throw new KilnRuntimeException("weights file " + path + " does not exist");
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".npy")) {
      LinkedHashMap<String, Tensor> map = new LinkedHashMap<>();
      map.put(stem(name), Npy.read(path));
      return new WeightStore(path.toString(), map);
    }
    if (lower.endsWith(".safetensors")) {
      return new WeightStore(path.toString(), SafeTensors.read(path));
    }
    throw new KilnRuntimeException("weights file " + path
        + " must be a .safetensors file, a .npy file or a directory of .npy files");
  }

  /** The file or directory the tensors came from. */
  public String source() {
    return source;
  }

  /** The keys, in file order. */
  public Set<String> keys() {
    return java.util.Collections.unmodifiableSet(tensors.keySet());
  }

  /** The tensor under {@code key}, or null. */
  public Tensor get(String key) {
    return tensors.get(key);
  }

  /** The tensors for {@code params}, in order; throws one exception listing every problem. */
  public Tensor[] bind(List<ParamSpec> params) {
    Tensor[] out = new Tensor[params.size()];
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      ParamSpec p = params.get(i);
      String where = "param '" + p.name() + "'"
          + (p.location() == null ? "" : " (" + p.location() + ")");
      Tensor t = tensors.get(p.key());
      if (t == null) {
        List<String> near = nearMisses(p.key());
        problems.add(where + ": key '" + p.key() + "' not found in " + source
            + (near.isEmpty() ? "" : "; did you mean " + String.join(", ", near.stream()
                .map(k -> "'" + k + "'").toList()) + "?"));
        continue;
      }
      String declared = p.dtype().format(p.shape());
      if (t.dtype() != p.dtype()) {
        problems.add(where + ": declared " + declared + " but key '" + p.key() + "' in "
            + source + " is " + t.typeString() + " (wrong dtype)");
      } else if (!Arrays.equals(t.shape(), p.shape())) {
        problems.add(where + ": declared " + declared + " but key '" + p.key() + "' in "
            + source + " is " + t.typeString() + " (wrong shape)");
      } else {
        out[i] = t;
      }
    }
    if (!problems.isEmpty()) {
      throw new KilnRuntimeException("cannot bind weights from " + source + " ("
          + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "):\n  "
          + String.join("\n  ", problems));
    }
    return out;
  }

  private List<String> nearMisses(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    int limit = Math.max(2, k.length() / 3);
    record Scored(String key, int score) {}
    List<Scored> scored = new ArrayList<>();
    for (String candidate : tensors.keySet()) {
      String c = candidate.toLowerCase(Locale.ROOT);
      int d = editDistance(k, c);
      boolean related = c.endsWith("." + k) || c.endsWith("_" + k) || k.endsWith("." + c)
          || k.endsWith("_" + c);
      if (d <= limit || related) {
        scored.add(new Scored(candidate, related ? Math.min(d, 1) : d));
      }
    }
    return scored.stream().sorted(Comparator.comparingInt(Scored::score)
        .thenComparing(Scored::key)).limit(MAX_SUGGESTIONS).map(Scored::key).toList();
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static String stem(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }
}
