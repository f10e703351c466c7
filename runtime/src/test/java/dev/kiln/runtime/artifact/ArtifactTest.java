package dev.kiln.runtime.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.CompiledModel;
import dev.kiln.runtime.Kernel;
import dev.kiln.runtime.KilnRuntimeException;
import dev.kiln.runtime.Tensor;
import dev.kiln.runtime.TestKernels;
import dev.kiln.runtime.TestPlans;
import dev.kiln.runtime.plan.Plan;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactTest {
  @TempDir Path dir;

  static Map<String, byte[]> classBytes(Iterable<String> names) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (String name : names) {
      try (InputStream in = TestKernels.class.getClassLoader()
          .getResourceAsStream(name.replace('.', '/') + ".class")) {
        out.put(name, in.readAllBytes());
      }
    }
    return out;
  }

  private Path writeMlp() throws IOException {
    Plan plan = TestPlans.matmulPlan();
    Path kar = dir.resolve("mlp.kar");
    Artifact.write(kar, plan, classBytes(plan.kernelClassNames()),
        new Tensor[] {Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)});
    return kar;
  }

  @Test
  void writesLoadsAndRunsWithKernelsFromTheArtifact() throws IOException {
    Path kar = writeMlp();
    Artifact.Loaded loaded = Artifact.load(kar);
    assertEquals(TestPlans.matmulPlan(), loaded.plan());
    for (Kernel k : loaded.kernels()) {
      assertNotSame(TestKernels.class.getClassLoader(), k.getClass().getClassLoader());
      assertTrue(k.getClass().getClassLoader() instanceof KernelClassLoader);
    }
    CompiledModel model = CompiledModel.load(kar);
    assertEquals("mlp", model.name());
    Tensor y = model.run(Tensor.of(new float[] {1, 1, 0, 2}, 2, 2));
    assertArrayEquals(new float[] {5, 7, 9, 8, 10, 12}, (float[]) y.data());
    try (ZipFile zip = new ZipFile(kar.toFile())) {
      String manifest = new String(zip.getInputStream(zip.getEntry("manifest.json"))
          .readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(manifest.contains("\"formatVersion\" : " + Artifact.FORMAT_VERSION), manifest);
      assertTrue(manifest.contains("\"plan.bin\" : \"" + Artifact.sha256(zip.getInputStream(
          zip.getEntry("plan.bin")).readAllBytes()) + "\""), manifest);
      assertTrue(zip.getEntry("classes/" + TestKernels.AddF32.class.getName() + ".class")
          != null);
      assertTrue(zip.getEntry("weights.safetensors") != null);
    }
    assertEquals(1, Files.list(dir).count(), "no temporary file left behind");
  }

  @Test
  void writingIsDeterministic() throws IOException {
    Path kar = writeMlp();
    byte[] first = Files.readAllBytes(kar);
    assertArrayEquals(first, Files.readAllBytes(writeMlp()));
  }

  @Test
  void tamperedEntryIsAHashMismatch() throws IOException {
    Path kar = writeMlp();
    Path bad = rewrite(kar, (name, bytes) -> {
      if (name.equals("plan.bin")) {
        bytes[bytes.length - 1] ^= 1;
      }
      return bytes;
    });
    var e = assertThrows(KilnRuntimeException.class, () -> CompiledModel.load(bad));
    assertEquals("artifact " + bad + " is corrupt: hash mismatch for plan.bin", e.getMessage());
    Path badClass = rewrite(kar, (name, bytes) -> name.contains(TestKernels.SumF32.class
        .getName()) ? Arrays.copyOf(bytes, 10) : bytes);
    e = assertThrows(KilnRuntimeException.class, () -> CompiledModel.load(badClass));
    assertTrue(e.getMessage().contains("hash mismatch for classes/"), e.getMessage());
    Path missing = rewrite(kar, (name, bytes) -> name.equals("weights.safetensors") ? null
        : bytes);
    e = assertThrows(KilnRuntimeException.class, () -> CompiledModel.load(missing));
    assertTrue(e.getMessage().endsWith("is corrupt: missing entry weights.safetensors"),
        e.getMessage());
  }

  @Test
  void truncatedAndForeignFilesAreRefused() throws IOException {
    Path kar = writeMlp();
    byte[] all = Files.readAllBytes(kar);
    Path cut = Files.write(dir.resolve("cut.kar"), Arrays.copyOf(all, all.length * 2 / 3));
    var e = assertThrows(KilnRuntimeException.class, () -> CompiledModel.load(cut));
    assertTrue(e.getMessage().startsWith("artifact " + cut + " is corrupt"), e.getMessage());
    Path text = Files.writeString(dir.resolve("notes.kar"), "just text");
    e = assertThrows(KilnRuntimeException.class, () -> CompiledModel.load(text));
    assertEquals(text + " is not a Kiln artifact (not a zip file)", e.getMessage());
    Path otherZip = dir.resolve("other.zip");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(otherZip))) {
      z.putNextEntry(new ZipEntry("hello.txt"));
      z.write(1);
    }
    e = assertThrows(KilnRuntimeException.class, () -> CompiledModel.load(otherZip));
    assertEquals(otherZip + " is not a Kiln artifact (no manifest.json)", e.getMessage());
  }

  @Test
  void kernelClassMustImplementKernel() throws IOException {
    Plan plan = TestPlans.matmulPlan();
    Plan wrong = new Plan(plan.modelName(), plan.numSlots(), plan.inputs(), plan.params(),
        plan.outputNames(), plan.body(), java.util.List.of(NotAKernel.class.getName()));
    Path kar = dir.resolve("wrong.kar");
    Artifact.write(kar, wrong, classBytes(wrong.kernelClassNames()),
        new Tensor[] {Tensor.zeros(dev.kiln.runtime.ElementType.F32, 2, 3)});
    var e = assertThrows(KilnRuntimeException.class, () -> CompiledModel.load(kar));
    assertTrue(e.getMessage().endsWith("does not implement dev.kiln.runtime.Kernel"),
        e.getMessage());
  }

  /** Not a kernel: loading an artifact that names it must fail cleanly. */
  public static final class NotAKernel {}

  /** Copies a zip, mapping each entry's bytes (null drops the entry). */
  private Path rewrite(Path kar, BiFunction<String, byte[], byte[]> change) throws IOException {
    Path out = dir.resolve("changed-" + System.nanoTime() + ".kar");
    try (ZipFile in = new ZipFile(kar.toFile());
        OutputStream os = Files.newOutputStream(out);
        ZipOutputStream zip = new ZipOutputStream(os)) {
      Enumeration<? extends ZipEntry> entries = in.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        byte[] bytes = change.apply(e.getName(), in.getInputStream(e).readAllBytes());
        if (bytes != null) {
          zip.putNextEntry(new ZipEntry(e.getName()));
          zip.write(bytes);
          zip.closeEntry();
        }
      }
    }
    return out;
  }
}
