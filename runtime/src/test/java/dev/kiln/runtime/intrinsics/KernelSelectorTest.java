package dev.kiln.runtime.intrinsics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The selection rule, and the promise that the scalar path never links the incubator module. */
class KernelSelectorTest {

  private static final byte[] VECTOR_PACKAGE =
      "jdk/incubator/vector".getBytes(StandardCharsets.UTF_8);

  @Test
  void decisionTable() {
    assertEquals(KernelSelector.Choice.SIMD, KernelSelector.decide(null, true));
    assertEquals(KernelSelector.Choice.SIMD, KernelSelector.decide("true", true));
    assertEquals(KernelSelector.Choice.SCALAR_REQUESTED, KernelSelector.decide("false", true));
    assertEquals(KernelSelector.Choice.SCALAR_REQUESTED, KernelSelector.decide(" FALSE ", false));
    assertEquals(KernelSelector.Choice.SCALAR_NO_MODULE, KernelSelector.decide(null, false));
    assertEquals(KernelSelector.Choice.SCALAR_NO_MODULE, KernelSelector.decide("true", false));
  }

  @Test
  void surefireRunsWithTheVectorModuleSoTheSimdSetIsSelected() {
    assertTrue(KernelSelector.vectorModulePresent(), "argLine must add jdk.incubator.vector");
    assertTrue(Intrinsics.simdEnabled(), Intrinsics.kernels().description());
    assertFalse(ScalarKernels.create().simd());
  }

  @Test
  void onlyTheSimdPackageReferencesTheIncubatorModule() throws Exception {
    Path dir = classDirectory();
    List<Path> scalarPath = classesIn(dir);
    List<Path> simd = classesIn(dir.resolve("simd"));
    assertTrue(scalarPath.size() >= 10, "found " + scalarPath);
    assertTrue(simd.size() >= 4, "found " + simd);
    for (Path p : scalarPath) {
      assertFalse(contains(Files.readAllBytes(p), VECTOR_PACKAGE), p + " references the module");
    }
    assertTrue(simd.stream().anyMatch(p -> {
      try (InputStream in = Files.newInputStream(p)) {
        return contains(in.readAllBytes(), VECTOR_PACKAGE);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }), "the check would not notice a reference");
  }

  private static Path classDirectory() throws URISyntaxException {
    return Path.of(Intrinsics.class.getResource("Intrinsics.class").toURI()).getParent();
  }

  private static List<Path> classesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".class")).toList();
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
