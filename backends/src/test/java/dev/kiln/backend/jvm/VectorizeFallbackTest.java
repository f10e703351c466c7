package dev.kiln.backend.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Portability: in a JVM started without {@code --add-modules jdk.incubator.vector}, vectorized
 * loops compile to scalar code that never references the Vector API, results equal the
 * interpreter, and the fallback is announced exactly once.
 */
class VectorizeFallbackTest {
  @Test void withoutTheModuleLoopsRunScalarAndTheNoticeIsPrintedOnce() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        NoVectorModuleMain.class.getName()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("child JVM timed out");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertEquals(0, p.exitValue(), out + "\n" + err);
    assertEquals("module=false vector-refs=false ok", out, err);
    List<String> lines = err.lines().filter(l -> l.contains("jdk.incubator.vector")).toList();
    assertEquals(List.of(VectorSupport.NOT_ENABLED), lines, err);
  }
}
