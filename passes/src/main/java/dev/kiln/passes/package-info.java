/**
 * Pass infrastructure: {@link dev.kiln.passes.Pass} (a named graph-module transformation), the
 * {@link dev.kiln.passes.PassContext} (IR printing, verification between passes), the registry
 * {@link dev.kiln.passes.Passes} by stable name, the one ordered {@link dev.kiln.passes.DefaultPipeline}
 * and the {@link dev.kiln.passes.PassManager} that runs a list of passes.
 */
package dev.kiln.passes;
