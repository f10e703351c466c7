package dev.kiln.passes;

import dev.kiln.diag.KilnException;
import dev.kiln.passes.fusion.FuseElementwise;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The registry of passes by stable name. Each lookup makes a new pass object, so passes may keep
 * per-run state. An unknown name is the user's error (the CLI takes names from the command line).
 */
public final class Passes {
  private static final Map<String, Supplier<Pass>> REGISTRY = new LinkedHashMap<>();

  static {
    register(FuseElementwise.NAME, FuseElementwise::new);
  }

  private Passes() {}

  private static void register(String name, Supplier<Pass> make) {
    if (REGISTRY.putIfAbsent(name, make) != null) throw new IllegalStateException("pass " + name + " registered twice");
  }

  /** The names of all registered passes, in registration order. */
  public static Set<String> names() { return java.util.Collections.unmodifiableSet(REGISTRY.keySet()); }

  /** A new instance of the pass named {@code name}. */
  public static Pass byName(String name) {
    Supplier<Pass> s = REGISTRY.get(name);
    if (s == null) throw new KilnException("unknown pass '" + name + "'; known passes: " + String.join(", ", names()));
    return s.get();
  }

  /** The passes of a comma-separated list such as {@code "fuse-elementwise"}; blanks around names are ignored. */
  public static List<Pass> parseList(String commaSeparated) {
    List<Pass> out = new ArrayList<>();
    for (String n : commaSeparated.split(",")) {
      if (!n.isBlank()) out.add(byName(n.strip()));
    }
    return out;
  }
}
