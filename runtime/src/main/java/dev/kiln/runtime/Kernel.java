package dev.kiln.runtime;

/**
 * A compiled loop-nest kernel (one PrimFunc). The calling convention, shared with the reference
 * interpreter so results compare directly:
 * <ul>
 *   <li>{@code arrays}: one flat row-major primitive array per parameter, inputs then outputs:
 *       f32, f16, bf16 → {@code float[]}; f64 → {@code double[]}; i8, u8 → {@code byte[]};
 *       i16 → {@code short[]}; i32 → {@code int[]}; i64 → {@code long[]}; bool → {@code boolean[]}.
 *       Outputs are allocated by the caller at their full size.</li>
 *   <li>{@code sizes}: the values of the kernel's symbolic size variables, in declaration order.</li>
 * </ul>
 * Implementations are stateless and safe to call from many threads at once.
 */
public interface Kernel {
  void invoke(Object[] arrays, int[] sizes);
}
