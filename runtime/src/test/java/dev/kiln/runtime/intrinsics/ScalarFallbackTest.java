package dev.kiln.runtime.intrinsics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link IntrinsicsProbe} in child JVMs: without {@code --add-modules jdk.incubator.vector}
 * (scalar kernels, exactly one warning line on stderr) and with the module but
 * {@code -Dkiln.simd=false} (scalar kernels, no warning).
 */
class ScalarFallbackTest {

  @Test
  void withoutTheModuleRunsScalarAndWarnsOnce() throws Exception {
    Result r = probe(List.of());
    assertEquals("simd=false ok=true", r.stdout.strip(), r.stderr);
    List<String> lines = r.stderr.lines().filter(l -> l.startsWith("Kiln:")).toList();
    assertEquals(List.of(KernelSelector.NOT_ENABLED), lines, r.stderr);
  }

  @Test
  void propertyForcesScalarWithoutWarning() throws Exception {
    Result r = probe(List.of("--add-modules", "jdk.incubator.vector", "-Dkiln.simd=false"));
    assertEquals("simd=false ok=true", r.stdout.strip(), r.stderr);
    assertEquals(List.of(), r.stderr.lines().filter(l -> l.startsWith("Kiln:")).toList());
  }

  private record Result(String stdout, String stderr) {}

  private static Result probe(List<String> jvmArgs) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xshare:auto");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(IntrinsicsProbe.class.getName());
    Process p = new ProcessBuilder(cmd).start();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    String out = read(p.getInputStream());
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("probe JVM did not finish");
    }
    assertEquals(0, p.exitValue(), err.join());
    return new Result(out, err.join());
  }

  private static String read(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
