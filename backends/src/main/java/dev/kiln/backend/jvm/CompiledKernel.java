package dev.kiln.backend.jvm;

import dev.kiln.runtime.Kernel;

/**
 * One compiled PrimFunc: the generated class's binary name, its class-file bytes (enough to
 * define it again in any loader that sees {@code dev.kiln.runtime}, as the artifact loader does),
 * and a ready instance.
 */
public record CompiledKernel(String className, byte[] classBytes, Kernel kernel) {}
