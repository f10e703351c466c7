package dev.kiln.backend.jvm;

import dev.kiln.ir.tir.PrimFunc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JVM bytecode backend: each PrimFunc becomes one public class in package
 * {@value #PACKAGE} implementing {@code dev.kiln.runtime.Kernel} (see {@link KernelCodegen} for
 * the translation), emitted through a {@link ClassEmitter} and defined in a fresh
 * {@link KernelClassLoader}. Setting the system property {@value #DUMP_PROPERTY} to a directory
 * writes each generated class's source ({@code .java}) and bytes ({@code .class}) there.
 */
public final class JvmBackend {
  public static final String PACKAGE = "kiln.gen";
  public static final String DUMP_PROPERTY = "kiln.dumpClasses";
  private static final AtomicLong SERIAL = new AtomicLong();

  private final ClassEmitter emitter;
  private final JvmOptions options;

  public JvmBackend() { this(new JavassistClassEmitter()); }

  public JvmBackend(ClassEmitter emitter) { this(emitter, JvmOptions.defaults()); }

  public JvmBackend(JvmOptions options) { this(new JavassistClassEmitter(), options); }

  public JvmBackend(ClassEmitter emitter, JvmOptions options) {
    this.emitter = emitter;
    this.options = options;
  }

  public JvmOptions options() { return options; }

  /** Compiles one kernel under a fresh unique class name. */
  public CompiledKernel compile(PrimFunc f) {
    String name = PACKAGE + ".K" + SERIAL.incrementAndGet() + "_" + JavaSyntax.sanitize(f.name());
    return define(List.of(emit(f, name)), new KernelClassLoader()).get(0);
  }

  /**
   * Compiles kernels named {@code <classPrefix>_<function name>} (sanitized; a numeric suffix
   * keeps them distinct), all defined in one new class loader, in the order given.
   */
  public List<CompiledKernel> compileAll(String classPrefix, List<PrimFunc> fs) {
    String prefix = JavaSyntax.sanitize(classPrefix);
    Set<String> used = new HashSet<>();
    List<Emitted> emitted = new ArrayList<>();
    for (PrimFunc f : fs) {
      String base = PACKAGE + "." + prefix + "_" + JavaSyntax.sanitize(f.name());
      String name = base;
      for (int k = 2; !used.add(name); k++) name = base + "_" + k;
      emitted.add(emit(f, name));
    }
    return define(emitted, new KernelClassLoader());
  }

  /** The class spec {@code f} compiles to with the default options (for inspection and tests). */
  public static ClassSpec generate(PrimFunc f, String className) {
    return KernelCodegen.generate(f, className, JvmOptions.defaults());
  }

  /** The class spec {@code f} compiles to with {@code options}. */
  public static ClassSpec generate(PrimFunc f, String className, JvmOptions options) {
    return KernelCodegen.generate(f, className, options);
  }

  private record Emitted(ClassSpec spec, byte[] bytes) {}

  private Emitted emit(PrimFunc f, String className) {
    ClassSpec spec = KernelCodegen.generate(f, className, options);
    byte[] bytes = emitter.emit(spec);
    dump(spec, bytes);
    return new Emitted(spec, bytes);
  }

  private static List<CompiledKernel> define(List<Emitted> emitted, KernelClassLoader loader) {
    List<CompiledKernel> out = new ArrayList<>();
    for (Emitted e : emitted)
      out.add(new CompiledKernel(e.spec().name(), e.bytes(), loader.instantiate(e.spec().name(), e.bytes())));
    return out;
  }

  static void dump(ClassSpec spec, byte[] bytes) {
    String dir = System.getProperty(DUMP_PROPERTY);
    if (dir == null || dir.isEmpty()) return;
    try {
      Path d = Path.of(dir);
      Files.createDirectories(d);
      Files.writeString(d.resolve(spec.simpleName() + ".java"), spec.toSource());
      Files.write(d.resolve(spec.simpleName() + ".class"), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot dump " + spec.name() + " to " + dir, e);
    }
  }
}
