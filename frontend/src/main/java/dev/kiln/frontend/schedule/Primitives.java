package dev.kiln.frontend.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * The schedule primitives the language names (DSL.md): those this version applies, and those it
 * recognizes but does not yet support (a diagnostic, not "unknown primitive").
 */
final class Primitives {
  private Primitives() {}

  static final List<String> SUPPORTED = List.of("split", "fuse", "reorder", "parallel", "vectorize", "unroll",
      "bind", "compute_inline", "reverse_compute_inline", "decompose_reduction", "cache_read", "cache_write",
      "compute_at");

  static final List<String> NOT_YET_SUPPORTED = List.of("reverse_compute_at", "rfactor", "blockize", "tensorize");

  static List<String> all() {
    List<String> all = new ArrayList<>(SUPPORTED);
    all.addAll(NOT_YET_SUPPORTED);
    return all;
  }
}
