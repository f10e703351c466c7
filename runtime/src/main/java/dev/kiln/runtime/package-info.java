/**
 * The Kiln runtime: everything an application needs to load and run a precompiled Kiln model,
 * and nothing from the compiler.
 *
 * <p>{@link dev.kiln.runtime.Tensor} and {@link dev.kiln.runtime.ElementType} are the values a
 * model consumes and produces; {@link dev.kiln.runtime.CompiledModel} is the entry point
 * ({@code CompiledModel.load(path).run(inputs)}); {@link dev.kiln.runtime.WeightStore} binds weight
 * files to a model's params; {@link dev.kiln.runtime.Kernel} is the calling convention of one
 * compiled loop nest. Every error the user can cause (bad inputs, bad weight files, bad artifacts,
 * data-dependent failures such as an out-of-bounds index) is a
 * {@link dev.kiln.runtime.KilnRuntimeException}.
 */
package dev.kiln.runtime;
