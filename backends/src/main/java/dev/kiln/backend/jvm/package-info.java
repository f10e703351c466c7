/**
 * The JVM bytecode backend: {@link dev.kiln.backend.jvm.JvmBackend} turns loop-nest PrimFuncs
 * into classes implementing {@code dev.kiln.runtime.Kernel}, generated as Java source
 * ({@link dev.kiln.backend.jvm.KernelCodegen}; vectorized loops through the JDK Vector API in
 * {@link dev.kiln.backend.jvm.VectorLoopEmitter}; parallel loops on the runtime's shared
 * {@code KilnPool}) and compiled to bytecode behind the {@link dev.kiln.backend.jvm.ClassEmitter}
 * interface (Javassist today). {@link dev.kiln.backend.jvm.JvmOptions} holds the switches.
 */
package dev.kiln.backend.jvm;
