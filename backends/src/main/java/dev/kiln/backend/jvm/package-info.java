/**
 * The JVM bytecode backend: {@link dev.kiln.backend.jvm.JvmBackend} turns loop-nest PrimFuncs
 * into classes implementing {@code dev.kiln.runtime.Kernel}, generated as Java source
 * ({@link dev.kiln.backend.jvm.KernelCodegen}) and compiled to bytecode behind the
 * {@link dev.kiln.backend.jvm.ClassEmitter} interface (Javassist today).
 */
package dev.kiln.backend.jvm;
