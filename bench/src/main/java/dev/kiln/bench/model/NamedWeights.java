package dev.kiln.bench.model;

import dev.kiln.bench.support.RandomData;
import dev.kiln.runtime.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The weights of one benchmark model, generated deterministically and handed unchanged to both
 * Kiln (as the params of the compiled model) and ONNX Runtime (as initializers of the graph).
 * Each tensor's seed is derived from its name, so adding a weight does not change the others.
 */
final class NamedWeights {
  private final Map<String, Tensor> tensors = new LinkedHashMap<>();

  /** Adds weights of a layer with {@code fanIn} inputs (uniform in ±1/sqrt(fanIn)). */
  NamedWeights add(String name, int fanIn, int... shape) {
    tensors.put(name, Tensor.of(RandomData.weights(name.hashCode(), Tensor.checkedSize(shape), fanIn), shape));
    return this;
  }

  /** Adds a tensor filled with {@code value} plus a small deterministic perturbation (norm gains). */
  NamedWeights near(String name, float value, int... shape) {
    float[] data = RandomData.uniform(name.hashCode(), Tensor.checkedSize(shape), 0.1);
    for (int i = 0; i < data.length; i++) {
      data[i] += value;
    }
    tensors.put(name, Tensor.of(data, shape));
    return this;
  }

  /** The tensors by name, for {@code CompileOptions.withWeights}. */
  Map<String, Tensor> tensors() {
    return tensors;
  }

  float[] data(String name) {
    return (float[]) tensors.get(name).data();
  }

  long[] dims(String name) {
    return Arrays.stream(tensors.get(name).shape()).asLongStream().toArray();
  }
}
