package dev.kiln.backend.jvm;

import dev.kiln.ir.DType;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether generated code may use the JDK Vector API, and its spellings. The API lives in the
 * incubating module {@value #MODULE}; generated classes reference it only when that module is in
 * the boot layer (the JVM was started with {@code --add-modules jdk.incubator.vector}) and the
 * system property {@value #PROPERTY} is not {@code false}. Otherwise vectorized loops run as scalar
 * loops, and the first such loop prints {@value #NOT_ENABLED} once per JVM.
 */
final class VectorSupport {
  static final String MODULE = "jdk.incubator.vector";
  /** The switch shared with the runtime's micro-kernels: {@code -Dkiln.simd=false} turns SIMD off. */
  static final String PROPERTY = "kiln.simd";
  static final String NOT_ENABLED = "Kiln: jdk.incubator.vector is not enabled; vectorized loops run as scalar code";
  static final String PKG = "jdk.incubator.vector.";

  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private VectorSupport() {}

  /** Whether the boot layer holds the Vector API module. */
  static boolean modulePresent() { return ModuleLayer.boot().findModule(MODULE).isPresent(); }

  /** Whether this JVM's generated code uses the Vector API (module present, not switched off). */
  static boolean enabledByDefault() {
    String p = System.getProperty(PROPERTY);
    return modulePresent() && !(p != null && p.trim().equalsIgnoreCase("false"));
  }

  /** Prints {@link #NOT_ENABLED} the first time it is called when the module is absent. */
  static void noteScalarFallback() {
    if (!modulePresent() && WARNED.compareAndSet(false, true)) System.err.println(NOT_ENABLED);
  }

  private static volatile int preferredBits = -1;

  /** The bit size of this JVM's preferred vector shape (0 when the module is absent), read reflectively. */
  static int preferredBits() {
    int b = preferredBits;
    if (b < 0) {
      try {
        Object species = Class.forName(PKG + "FloatVector").getField("SPECIES_PREFERRED").get(null);
        b = (Integer) Class.forName(PKG + "VectorSpecies").getMethod("vectorBitSize").invoke(species);
      } catch (ReflectiveOperationException | LinkageError e) {
        b = 0;
      }
      preferredBits = b;
    }
    return b;
  }

  /**
   * The species field for a loop of {@code lane} elements: {@code SPECIES_PREFERRED}, unless the
   * loop has a constant trip count {@code extent} too short for it, in which case the widest
   * standard shape (128 to 256 bits) that still holds at least two lanes and fits the trip count,
   * so short loops (a split's inner factor) still run vectorized instead of as the scalar tail.
   * Not 64 bits: HotSpot does not compile every operation of 64-bit float vectors to vector
   * instructions on x86 (masks, blends and some lanewise operations fall back to Java code, which
   * profiles of the OCR classifier showed as its top frames), so a trip count under four floats
   * runs as the scalar tail.
   */
  static String speciesField(DType lane, Long extent) {
    String cls = vectorClass(lane);
    int elemBits = lane == DType.F64 ? 64 : 32;
    int pref = preferredBits();
    if (extent != null && extent * elemBits < pref) {
      long bits = Long.highestOneBit(Math.max(1, extent * elemBits));
      if (bits >= 128 && bits >= 2L * elemBits) return cls + ".SPECIES_" + bits;
    }
    return cls + ".SPECIES_PREFERRED";
  }

  /** The vector class for lanes of {@code t}, or null when {@code t} has no vector lowering. */
  static String vectorClass(DType t) {
    return switch (t) {
      case F32 -> PKG + "FloatVector";
      case F64 -> PKG + "DoubleVector";
      case I32 -> PKG + "IntVector";
      default -> null;
    };
  }
}
