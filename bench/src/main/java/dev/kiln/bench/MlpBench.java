package dev.kiln.bench;

import dev.kiln.bench.model.Mlp;
import dev.kiln.bench.model.OrtWorkload;
import org.openjdk.jmh.annotations.Param;

/**
 * The 784-512-512-10 perceptron ({@link Mlp}) at batch 1 and 64: Kiln's {@code mlp.kiln} against
 * the same graph in ONNX Runtime.
 */
public class MlpBench extends OrtComparisonBench {
  /** The batch: rows of the input x[batch, 784]. */
  @Param({"1", "64"})
  public int batch;

  @Override protected OrtWorkload workload() { return new Mlp(batch); }

  @Override protected String label() { return "Kiln mlp.kiln vs ONNX Runtime at batch " + batch; }
}
