package dev.kiln.backend.jvm;

import dev.kiln.runtime.Kernel;

/**
 * Defines generated kernel classes. Its parent is the loader that sees {@code dev.kiln.runtime},
 * so generated code can use the runtime and the JDK and nothing of the compiler.
 */
public final class KernelClassLoader extends ClassLoader {
  static { registerAsParallelCapable(); }

  public KernelClassLoader() { this(Kernel.class.getClassLoader()); }

  public KernelClassLoader(ClassLoader parent) { super("kiln-kernels", parent); }

  /** Defines the class {@code name} from {@code bytes}. */
  public Class<?> define(String name, byte[] bytes) {
    return defineClass(name, bytes, 0, bytes.length);
  }

  /** Defines {@code name} and returns a new instance created with its public no-arg constructor. */
  public Kernel instantiate(String name, byte[] bytes) {
    try {
      return (Kernel) define(name, bytes).getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot instantiate kernel class " + name, e);
    }
  }
}
