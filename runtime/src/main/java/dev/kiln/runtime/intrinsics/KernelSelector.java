package dev.kiln.runtime.intrinsics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Chooses the kernel set once per JVM.
 *
 * <p>Algorithm: the Vector API set is used when the system property {@value #PROPERTY} is not
 * {@code false} and the boot layer contains {@code jdk.incubator.vector} (the application was
 * started with {@code --add-modules jdk.incubator.vector}). That set lives in
 * {@code dev.kiln.runtime.intrinsics.simd} and is loaded only here, reflectively by name, so no
 * class on the scalar path links against the incubator module. When the module is missing (and
 * SIMD was not switched off on purpose) one line, {@link #NOT_ENABLED}, goes to stderr, once per
 * JVM. A failure to load the SIMD set (which would be a packaging bug) also falls back to scalar,
 * saying why.
 */
final class KernelSelector {

  /** System property: {@code false} forces the scalar kernels; anything else means "SIMD if possible". */
  static final String PROPERTY = "kiln.simd";

  static final String VECTOR_MODULE = "jdk.incubator.vector";

  static final String NOT_ENABLED = "Kiln: jdk.incubator.vector is not enabled; using scalar "
      + "kernels (add --add-modules jdk.incubator.vector for SIMD)";

  private static final String SIMD_FACTORY = "dev.kiln.runtime.intrinsics.simd.SimdKernels";

  private static final AtomicBoolean WARNED = new AtomicBoolean();

  /** The outcome of {@link #decide}. */
  enum Choice { SIMD, SCALAR_REQUESTED, SCALAR_NO_MODULE }

  private KernelSelector() {}

  /** Pure decision from the property value (may be null) and the module's presence. */
  static Choice decide(String property, boolean modulePresent) {
    if (property != null && property.trim().equalsIgnoreCase("false")) {
      return Choice.SCALAR_REQUESTED;
    }
    return modulePresent ? Choice.SIMD : Choice.SCALAR_NO_MODULE;
  }

  /** Whether the boot layer has the Vector API module. */
  static boolean vectorModulePresent() {
    return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
  }

  /** Selects the set for this JVM from {@code System.getProperty("kiln.simd")} and the boot layer. */
  static KernelSet select() {
    return switch (decide(System.getProperty(PROPERTY), vectorModulePresent())) {
      case SIMD -> loadSimd();
      case SCALAR_REQUESTED -> ScalarKernels.create();
      case SCALAR_NO_MODULE -> {
        warnOnce(NOT_ENABLED);
        yield ScalarKernels.create();
      }
    };
  }

  /** Loads the Vector API set; callers must have checked that the module is present. */
  static KernelSet loadSimd() {
    try {
      Class<?> factory = Class.forName(SIMD_FACTORY, true, KernelSelector.class.getClassLoader());
      return (KernelSet) MethodHandles.publicLookup()
          .findStatic(factory, "create", MethodType.methodType(KernelSet.class))
          .invoke();
    } catch (Throwable e) {
      warnOnce("Kiln: could not load the SIMD kernels (" + e + "); using scalar kernels");
      return ScalarKernels.create();
    }
  }

  private static void warnOnce(String line) {
    if (WARNED.compareAndSet(false, true)) {
      System.err.println(line);
    }
  }
}
