/**
 * Kiln artifacts ({@code .kar}): a precompiled model in one zip file, written by the compiler
 * ({@link dev.kiln.runtime.artifact.Artifact#write}) and loaded by the runtime
 * ({@link dev.kiln.runtime.artifact.Artifact#load}, used by
 * {@link dev.kiln.runtime.CompiledModel#load}). Entries: {@code manifest.json} (format version,
 * model name, Kiln version, SHA-256 of every other entry), {@code plan.bin}
 * ({@link dev.kiln.runtime.artifact.PlanCodec}), {@code classes/<binary name>.class} per kernel
 * class, and {@code weights.safetensors} (the bound params keyed by param key). Loading verifies
 * every hash before it trusts anything.
 */
package dev.kiln.runtime.artifact;
