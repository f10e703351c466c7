package dev.kiln.runtime.plan;

import dev.kiln.runtime.Kernel;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A shape-generic kernel that is also specialized per concrete shape on first use: each distinct
 * {@code sizes} vector gets a kernel compiled for those constant sizes (by {@code compiler}, which
 * the compiler supplies; the runtime itself compiles nothing), kept in a bounded
 * least-recently-used cache of {@code capacity} shapes per kernel. A specialized kernel has no
 * size variables, so it is invoked with no sizes. When the compiler gives up on a shape (returns
 * null or throws), that shape runs the generic kernel from then on. Thread-safe: the cache is
 * guarded by this object, and a shape is compiled once.
 */
public final class ShapeSpecializedKernel implements Kernel {
  private static final int[] NO_SIZES = new int[0];

  private final Kernel generic;
  private final Function<int[], Kernel> compiler;
  private final Map<Key, Kernel> cache;
  private long compiled;

  private record Key(int[] sizes) {
    @Override public boolean equals(Object o) { return o instanceof Key k && Arrays.equals(sizes, k.sizes); }

    @Override public int hashCode() { return Arrays.hashCode(sizes); }
  }

  public ShapeSpecializedKernel(Kernel generic, Function<int[], Kernel> compiler, int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    this.generic = generic;
    this.compiler = compiler;
    this.cache = new LinkedHashMap<>(16, 0.75f, true) {
      @Override protected boolean removeEldestEntry(Map.Entry<Key, Kernel> eldest) { return size() > capacity; }
    };
  }

  @Override public void invoke(Object[] arrays, int[] sizes) {
    Kernel k = forShape(sizes);
    if (k == generic) generic.invoke(arrays, sizes);
    else k.invoke(arrays, NO_SIZES);
  }

  /** The kernel that runs {@code sizes}: the cached specialization, a new one, or the generic kernel. */
  synchronized Kernel forShape(int[] sizes) {
    Key key = new Key(sizes.clone());
    Kernel k = cache.get(key);
    if (k != null) return k;
    try {
      k = compiler.apply(sizes.clone());
    } catch (RuntimeException e) {
      k = null;
    }
    if (k == null) k = generic;
    else compiled++;
    cache.put(key, k);
    return k;
  }

  /** Shapes currently cached (for tests and diagnostics). */
  public synchronized int cachedShapes() { return cache.size(); }

  /** Specializations compiled so far, evicted ones included. */
  public synchronized long specializationsCompiled() { return compiled; }
}
