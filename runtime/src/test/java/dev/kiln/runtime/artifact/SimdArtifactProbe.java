package dev.kiln.runtime.artifact;

import dev.kiln.runtime.CompiledModel;
import dev.kiln.runtime.KilnRuntimeException;
import java.nio.file.Path;

/** Run in a child JVM by {@link SimdArtifactTest}: loads an artifact and prints what loading said. */
public final class SimdArtifactProbe {
  private SimdArtifactProbe() {}

  public static void main(String[] args) {
    try {
      CompiledModel.load(Path.of(args[0]));
      System.out.println("loaded");
    } catch (KilnRuntimeException e) {
      System.out.println("refused: " + e.getMessage());
    }
  }
}
