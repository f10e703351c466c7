package dev.kiln.bench;

import dev.kiln.Kiln;
import dev.kiln.bench.model.OnnxModelFiles;
import dev.kiln.bench.peer.OrtModel;
import dev.kiln.bench.support.Agreement;
import dev.kiln.bench.support.RandomData;
import dev.kiln.bench.support.ThreadSetting;
import dev.kiln.importer.onnx.ImportOptions;
import dev.kiln.importer.onnx.ImportResult;
import dev.kiln.importer.onnx.OnnxImporter;
import dev.kiln.runtime.CompiledModel;
import dev.kiln.runtime.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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
 * Two pretrained ONNX models, as their publishers ship them, run by ONNX Runtime
 * ({@code onnxruntime}, the original file) and by Kiln ({@code kiln}: the same file through
 * {@code kiln import} — {@link OnnxImporter} — then {@link Kiln#compile(Path)}), on the same input,
 * at {@code threads} threads each:
 * <ul>
 *   <li>{@code minilm}: all-MiniLM-L6-v2 (6-layer BERT, width 384), batch 1, sequence 128: token ids
 *       drawn uniformly from the vocabulary between [CLS] and [SEP], attention mask all ones,
 *       token types 0; output last_hidden_state [1, 128, 384]. Imported with its symbolic
 *       batch and sequence dims, as {@code kiln import} writes it by default.</li>
 *   <li>{@code ocr}: PaddleOCR's text-direction classifier (ch_ppocr_mobile_v2.0_cls), input
 *       1×3×48×192 uniform in [-1, 1); output the two class probabilities. Imported with that input
 *       shape fixed ({@code --input-shape x=1,3,48,192}), as one deploys it for a fixed crop.</li>
 * </ul>
 * The trial setup fetches the model ({@link OnnxModelFiles}), imports it into a temporary
 * directory, runs ONNX Runtime once for the reference, and checks Kiln's output against it
 * ({@link Agreement}) before anything is measured. Warm-up: see {@link #kiln()}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xss8m", "-Xmx6g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ImportedModelsBench {
  static final int SEQUENCE = 128;
  static final List<Long> OCR_SHAPE = List.of(1L, 3L, 48L, 192L);

  /** The model: {@code minilm} (sequence 128) or {@code ocr} (1×3×48×192). */
  @Param({"minilm", "ocr"})
  public String model;

  /** Threads for both implementations: 1, or all cores (see {@link ThreadSetting}). */
  @Param({"1"})
  public int threads;

  CompiledModel kiln;
  Map<String, Tensor> inputs;
  OrtModel ort;
  Path dir;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    ThreadSetting.apply(threads);
    dir = Files.createTempDirectory("kiln-imported-bench");
    Path onnx;
    ImportOptions options = ImportOptions.defaults().withModelName(model);
    switch (model) {
      case "minilm" -> {
        onnx = OnnxModelFiles.miniLm(dir);
        inputs = miniLmInputs();
      }
      case "ocr" -> {
        onnx = OnnxModelFiles.ocrClassifier();
        options = options.withInputShape("x", OCR_SHAPE);
        inputs = Map.of("x", Tensor.of(RandomData.uniform(7, 3 * 48 * 192, 1.0), 1, 3, 48, 192));
      }
      default -> throw new IllegalStateException("unknown model '" + model + "': use minilm or ocr");
    }
    ort = new OrtModel(onnx, threads).inputs(inputs);
    float[] reference = ort.output();
    ImportResult imported = OnnxImporter.importModel(onnx, dir.resolve(model + ".kiln"), options);
    kiln = Kiln.compile(imported.kilnFile());
    Tensor out = kiln.run(inputs).values().iterator().next();
    Agreement.check("Kiln (kiln import) vs ONNX Runtime on " + model, (float[]) out.data(), reference);
  }

  /** Token ids between [CLS] (101) and [SEP] (102), drawn from the WordPiece vocabulary's ordinary tokens. */
  static Map<String, Tensor> miniLmInputs() {
    SplittableRandom r = new SplittableRandom(11);
    long[] ids = new long[SEQUENCE];
    long[] mask = new long[SEQUENCE];
    for (int i = 0; i < SEQUENCE; i++) {
      ids[i] = i == 0 ? 101 : i == SEQUENCE - 1 ? 102 : r.nextLong(1996, 30522);
      mask[i] = 1;
    }
    Map<String, Tensor> in = new LinkedHashMap<>();
    in.put("input_ids", Tensor.of(ids, 1, SEQUENCE));
    in.put("attention_mask", Tensor.of(mask, 1, SEQUENCE));
    in.put("token_type_ids", Tensor.of(new long[SEQUENCE], 1, SEQUENCE));
    return in;
  }

  @TearDown(Level.Trial)
  public void close() {
    ort.close();
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.delete(p);
      }
      Files.delete(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Kiln's compiled model is a few hundred generated kernel classes, each called once per run, so
   * the JIT needs on the order of a hundred runs (about 15 s for the OCR model on this machine)
   * before the time settles: Kiln gets a longer warm-up than the class default.
   */
  @Benchmark
  @Warmup(iterations = 8, time = 2)
  public Map<String, Tensor> kiln() {
    return kiln.run(inputs);
  }

  @Benchmark
  public int onnxruntime() {
    return ort.run();
  }
}
