package dev.kiln.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kiln.runtime.Tensor;
import java.util.Map;

/** Output comparison with an absolute + relative tolerance and a message naming the first difference. */
final class Compare {
  private Compare() {}

  static void outputs(Map<String, Tensor> expected, Map<String, Tensor> actual, double atol, double rtol, String what) {
    assertEquals(expected.keySet(), actual.keySet(), what + ": output names");
    for (String k : expected.keySet()) tensors(expected.get(k), actual.get(k), atol, rtol, what + ", output " + k);
  }

  static void tensors(Tensor e, Tensor a, double atol, double rtol, String what) {
    assertEquals(e.dtype(), a.dtype(), what + ": dtype");
    assertArrayEquals(e.shape(), a.shape(), what + ": shape");
    for (int i = 0; i < e.size(); i++) {
      double x = e.getDouble(i);
      double y = a.getDouble(i);
      boolean same = Double.isNaN(x) ? Double.isNaN(y) : x == y || Math.abs(x - y) <= atol + rtol * Math.abs(x);
      if (!same) fail(what + ": element " + i + " differs: expected " + x + ", got " + y);
    }
  }
}
