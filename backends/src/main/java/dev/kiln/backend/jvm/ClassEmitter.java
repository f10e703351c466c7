package dev.kiln.backend.jvm;

/**
 * Turns a {@link ClassSpec} into class-file bytes. The backend talks to bytecode libraries only
 * through this interface, so Javassist ({@link JavassistClassEmitter}) can be replaced by
 * {@code java.lang.classfile} without touching code generation.
 */
public interface ClassEmitter {
  /**
   * @throws dev.kiln.diag.InternalCompilerError when the spec does not compile (a code generator
   *     bug); the message includes the offending source
   */
  byte[] emit(ClassSpec spec);
}
