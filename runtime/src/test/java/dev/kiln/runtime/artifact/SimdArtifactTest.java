package dev.kiln.runtime.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.ElementType;
import dev.kiln.runtime.KilnRuntimeException;
import dev.kiln.runtime.Tensor;
import dev.kiln.runtime.plan.Dim;
import dev.kiln.runtime.plan.InputSpec;
import dev.kiln.runtime.plan.Instr;
import dev.kiln.runtime.plan.Plan;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An artifact whose classes use the Vector API is refused with a clear message in a JVM started
 * without {@code --add-modules jdk.incubator.vector}; where the module is present the check passes.
 */
class SimdArtifactTest {
  static final String SIMD_CLASS = "dev.kiln.runtime.intrinsics.simd.SimdLevel1Kernels";

  @TempDir Path tmp;

  private Path simdArtifact() throws Exception {
    byte[] bytes;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(SIMD_CLASS.replace('.', '/') + ".class")) {
      bytes = in.readAllBytes();
    }
    Plan plan = new Plan("m", 1,
        List.of(new InputSpec("x", ElementType.F32, List.of(new Dim.Fixed(2)), 0)), List.of(), List.of("y"),
        List.of(new Instr.Return(new int[] {0})), List.of(SIMD_CLASS));
    Path kar = tmp.resolve("simd.kar");
    Artifact.write(kar, plan, Map.of(SIMD_CLASS, bytes), new Tensor[0]);
    return kar;
  }

  @Test
  void withoutTheModuleTheArtifactIsRefusedWithAdvice() throws Exception {
    Path kar = simdArtifact();
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), SimdArtifactProbe.class.getName(),
        kar.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe finished");
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("refused: ") && out.contains("--add-modules jdk.incubator.vector"), out);
  }

  @Test
  void withTheModuleTheVectorCheckPasses() throws Exception {
    Path kar = simdArtifact();
    KilnRuntimeException e = assertThrows(KilnRuntimeException.class, () -> dev.kiln.runtime.CompiledModel.load(kar));
    assertFalse(e.getMessage().contains("--add-modules"), "the module is present here: " + e.getMessage());
  }
}
