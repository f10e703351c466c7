package dev.kiln.runtime.intrinsics;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The arrays a model never writes: its weights. A {@link dev.kiln.runtime.CompiledModel} marks its
 * params' arrays here when it is built, and the GEMM driver keeps a packed copy of a constant B
 * operand instead of packing it on every call (as ONNX Runtime prepacks constant initializers).
 *
 * <p>Arrays are held weakly and compared by identity, so marking keeps nothing alive. The contract
 * this relies on: weights bound to a model are not modified afterwards (build a new model to change
 * them).
 */
public final class ConstantOperands {
  private static final Map<Object, Boolean> CONSTANT = Collections.synchronizedMap(new WeakHashMap<>());

  private ConstantOperands() {}

  /** Marks {@code array} (a tensor's data) as never written from now on. */
  public static void markConstant(Object array) {
    CONSTANT.put(array, Boolean.TRUE);
  }

  /** Whether {@code array} was marked constant. */
  public static boolean isConstant(Object array) {
    return CONSTANT.containsKey(array);
  }
}
