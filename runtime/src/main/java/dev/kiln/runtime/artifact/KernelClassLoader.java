package dev.kiln.runtime.artifact;

import dev.kiln.runtime.Kernel;
import dev.kiln.runtime.plan.HostProgram;
import dev.kiln.runtime.KilnRuntimeException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Map;

/**
 * Defines the classes of one artifact in a fresh class loader whose parent is the loader of the
 * runtime itself (so kernels see {@link Kernel} and whatever the runtime sees), one loader per
 * artifact so two artifacts never share classes. Classes are defined lazily by binary name from
 * the artifact's bytes, child-first: an artifact class wins over a same-named parent class.
 * {@link #instantiate} creates each kernel through its public no-arg constructor and checks that
 * it implements {@link Kernel}.
 */
final class KernelClassLoader extends ClassLoader {
  private final Map<String, byte[]> classes;

  KernelClassLoader(String artifactName, Map<String, byte[]> classes) {
    super("kiln-artifact:" + artifactName, Kernel.class.getClassLoader());
    this.classes = Map.copyOf(classes);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!classes.containsKey(name)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        c = findClass(name);
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = classes.get(name);
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, bytes, 0, bytes.length);
  }

  /** One new instance of each named kernel class, in order. */
  /** Defines the host-module class {@code name} (with the kernels' loader) and instantiates it. */
  static HostProgram instantiateHost(String artifactName, String name, Map<String, byte[]> classes) {
    String what = "artifact " + artifactName + ": host class " + name;
    try {
      Class<?> c = Class.forName(name, true, new KernelClassLoader(artifactName, classes));
      if (!HostProgram.class.isAssignableFrom(c)) {
        throw new KilnRuntimeException(what + " does not implement " + HostProgram.class.getName());
      }
      return (HostProgram) c.getConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new KilnRuntimeException(what + " cannot be loaded: " + e, null, e);
    }
  }

  static Kernel[] instantiate(String artifactName, List<String> names,
      Map<String, byte[]> classes) {
    KernelClassLoader loader = new KernelClassLoader(artifactName, classes);
    Kernel[] kernels = new Kernel[names.size()];
    for (int i = 0; i < kernels.length; i++) {
      String name = names.get(i);
      String what = "artifact " + artifactName + ": kernel class " + name;
      if (!classes.containsKey(name)) {
        throw new KilnRuntimeException(what + " is missing from the artifact");
      }
      try {
        Class<?> c = Class.forName(name, true, loader);
        if (!Kernel.class.isAssignableFrom(c)) {
          throw new KilnRuntimeException(what + " does not implement " + Kernel.class.getName());
        }
        Constructor<?> ctor = c.getConstructor();
        kernels[i] = (Kernel) ctor.newInstance();
      } catch (ClassNotFoundException | LinkageError e) {
        throw new KilnRuntimeException(what + " cannot be loaded: " + e, null, e);
      } catch (NoSuchMethodException | IllegalAccessException | InstantiationException e) {
        throw new KilnRuntimeException(what + " has no public no-arg constructor", null, e);
      } catch (InvocationTargetException e) {
        throw new KilnRuntimeException(what + " failed in its constructor: " + e.getCause(),
            null, e.getCause());
      }
    }
    return kernels;
  }
}
