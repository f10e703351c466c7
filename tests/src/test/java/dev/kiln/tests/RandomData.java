package dev.kiln.tests;

import dev.kiln.runtime.ElementType;
import dev.kiln.runtime.Tensor;
import dev.kiln.runtime.plan.Dim;
import dev.kiln.runtime.plan.InputSpec;
import dev.kiln.runtime.plan.ParamSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Seeded random tensors for model inputs and weights. */
final class RandomData {
  private RandomData() {}

  static Tensor random(ElementType t, int[] shape, Random rnd, double scale, int intLo, int intHi) {
    return dev.kiln.runtime.RandomTensors.random(t, shape, rnd, scale, intLo, intHi);
  }

  static Tensor[] params(List<ParamSpec> specs, Random rnd) {
    Tensor[] out = new Tensor[specs.size()];
    for (int i = 0; i < out.length; i++) {
      ParamSpec p = specs.get(i);
      int fanIn = p.shape().length > 0 ? p.shape()[0] : 1;
      out[i] = random(p.dtype(), p.shape(), rnd, 1.0 / Math.sqrt(Math.max(1, fanIn)), -3, 4);
    }
    return out;
  }

  static Map<String, Tensor> inputs(List<InputSpec> specs, Map<String, Integer> dims, Random rnd, int intLo,
      int intHi) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (InputSpec s : specs) {
      int[] shape = new int[s.shape().size()];
      for (int a = 0; a < shape.length; a++) {
        shape[a] = switch (s.shape().get(a)) {
          case Dim.Fixed f -> f.value();
          case Dim.Symbol y -> dims.getOrDefault(y.name(), 3);
        };
      }
      out.put(s.name(), random(s.dtype(), shape, rnd, 1.0, intLo, intHi));
    }
    return out;
  }
}
