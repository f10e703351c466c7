package dev.kiln.frontend.schedule;

import java.util.ArrayList;
import java.util.List;

/** The schedule primitives the language names (DSL.md); this version applies all of them. */
final class Primitives {
  private Primitives() {}

  static final List<String> SUPPORTED = List.of("split", "fuse", "reorder", "parallel", "vectorize", "unroll",
      "bind", "compute_inline", "reverse_compute_inline", "decompose_reduction", "cache_read", "cache_write",
      "compute_at", "reverse_compute_at", "rfactor", "blockize", "tensorize");

  static List<String> all() { return new ArrayList<>(SUPPORTED); }
}
