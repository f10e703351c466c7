package dev.kiln.passes.util;

import java.util.HashSet;
import java.util.Set;

/**
 * Name hints made unique within one kernel, buffers and blocks each in their own namespace. A hint
 * is used as it is when free, otherwise with the first free suffix {@code _1}, {@code _2}, ...
 */
public final class UniqueNames {
  private final Set<String> buffers = new HashSet<>();
  private final Set<String> blocks = new HashSet<>();

  /** A free buffer name for {@code hint}, now taken. */
  public String buffer(String hint) { return take(hint, buffers); }

  /** A free block name for {@code hint}, now taken. */
  public String block(String hint) { return take(hint, blocks); }

  private static String take(String hint, Set<String> used) {
    String n = hint;
    for (int k = 1; !used.add(n); k++) n = hint + "_" + k;
    return n;
  }
}
