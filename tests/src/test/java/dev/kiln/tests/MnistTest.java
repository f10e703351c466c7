package dev.kiln.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Kiln;
import dev.kiln.runtime.CompiledModel;
import dev.kiln.runtime.Tensor;
import dev.kiln.runtime.io.Npy;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The mlp example with its trained weights (examples/mlp/train.py) classifies the 1000 held-out
 * MNIST digits it was not trained on, compiled by Kiln, as well as numpy's forward pass did (95.7%).
 */
class MnistTest {
  @Test
  void theCompiledMlpClassifiesHeldOutDigits() {
    CompiledModel mlp = Kiln.compile(Path.of("examples/mlp/mlp.kiln"));
    Tensor images = Npy.read(Path.of("examples/mlp/test_images.npy"));
    Tensor labels = Npy.read(Path.of("examples/mlp/test_labels.npy"));
    assertArrayEquals(new int[] {1000, 784}, images.shape());
    float[] x = new float[images.size()];
    for (int i = 0; i < x.length; i++) x[i] = (float) (images.getDouble(i) / 255.0);
    Tensor probs = mlp.run(Map.of("x", Tensor.of(x, 1000, 784))).get("output");
    assertArrayEquals(new int[] {1000, 10}, probs.shape());
    int correct = 0;
    for (int n = 0; n < 1000; n++) {
      int best = 0;
      double sum = 0;
      for (int c = 0; c < 10; c++) {
        sum += probs.getDouble(n * 10 + c);
        if (probs.getDouble(n * 10 + c) > probs.getDouble(n * 10 + best)) best = c;
      }
      assertEquals(1.0, sum, 1e-4, "softmax row " + n + " sums to one");
      if (best == labels.getLong(n)) correct++;
    }
    assertTrue(correct >= 950, "held-out accuracy " + correct / 10.0 + "%");
  }
}
