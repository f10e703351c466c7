/**
 * Tensor file formats: NumPy {@code .npy} ({@link dev.kiln.runtime.io.Npy}) and
 * {@code .safetensors} ({@link dev.kiln.runtime.io.SafeTensors}), both little-endian, both
 * validated before any data is trusted. A malformed file is a
 * {@link dev.kiln.runtime.KilnRuntimeException} that names the file.
 */
package dev.kiln.runtime.io;
