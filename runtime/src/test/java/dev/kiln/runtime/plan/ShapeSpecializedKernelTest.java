package dev.kiln.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.runtime.Kernel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-shape cache of a specialized kernel: compile once per shape, bounded, generic fallback. */
class ShapeSpecializedKernelTest {
  /** A kernel that writes a marker and the sizes it was given into its one output. */
  private record Marker(int mark) implements Kernel {
    @Override public void invoke(Object[] arrays, int[] sizes) {
      int[] out = (int[]) arrays[0];
      out[0] = mark;
      out[1] = sizes.length;
    }
  }

  @Test
  void eachShapeIsCompiledOnceAndRunWithoutSizes() {
    List<String> compiled = new ArrayList<>();
    ShapeSpecializedKernel k = new ShapeSpecializedKernel(new Marker(-1), s -> {
      compiled.add(s[0] + "x" + s[1]);
      return new Marker(s[0] * 100 + s[1]);
    }, 4);
    int[] out = new int[2];
    k.invoke(new Object[] {out}, new int[] {3, 4});
    assertArrayEquals(new int[] {304, 0}, out, "the specialization runs, with no sizes");
    k.invoke(new Object[] {out}, new int[] {3, 4});
    k.invoke(new Object[] {out}, new int[] {5, 6});
    assertArrayEquals(new int[] {506, 0}, out);
    assertEquals(List.of("3x4", "5x6"), compiled);
    assertEquals(2, k.cachedShapes());
  }

  @Test
  void theCacheIsBoundedLeastRecentlyUsedFirst() {
    ShapeSpecializedKernel k = new ShapeSpecializedKernel(new Marker(-1), s -> new Marker(s[0]), 2);
    int[] out = new int[2];
    for (int n : new int[] {1, 2, 1, 3, 1, 2}) k.invoke(new Object[] {out}, new int[] {n});
    assertEquals(2, k.cachedShapes());
    assertEquals(4, k.specializationsCompiled(), "1, 2, 3 and 2 again (evicted by 3, since 1 was used more recently)");
  }

  @Test
  void aShapeTheCompilerRefusesRunsTheGenericKernel() {
    ShapeSpecializedKernel k = new ShapeSpecializedKernel(new Marker(-1), s -> {
      if (s[0] == 0) throw new IllegalStateException("no");
      return s[0] == 1 ? null : new Marker(7);
    }, 4);
    int[] out = new int[2];
    k.invoke(new Object[] {out}, new int[] {0});
    assertArrayEquals(new int[] {-1, 1}, out, "generic kernel, given the sizes");
    k.invoke(new Object[] {out}, new int[] {1});
    assertArrayEquals(new int[] {-1, 1}, out);
    k.invoke(new Object[] {out}, new int[] {2});
    assertArrayEquals(new int[] {7, 0}, out);
    assertEquals(1, k.specializationsCompiled());
  }
}
