package dev.kiln.ir.tir.text;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Gives every variable and buffer (identity objects whose name hints may repeat) a unique printed
 * name. Algorithm: on first encounter, sanitize the hint; if that name is taken, append
 * {@code _1}, {@code _2}, ... until it is free. Names are global to one printed unit (no
 * shadowing), so text read back yields objects whose hints are already unique and re-print
 * unchanged. Variables and buffers share one namespace.
 */
final class Names {
  private final Map<Object, String> names = new IdentityHashMap<>();
  private final Set<String> used = new HashSet<>();

  String of(Object node, String hint) {
    String n = names.get(node);
    if (n != null) return n;
    String base = Literals.sanitize(hint);
    n = base;
    for (int k = 1; used.contains(n); k++) n = base + "_" + k;
    used.add(n);
    names.put(node, n);
    return n;
  }
}
