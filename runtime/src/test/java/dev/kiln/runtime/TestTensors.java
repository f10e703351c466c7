package dev.kiln.runtime;

/** Sample tensors shared by the I/O, codec and artifact tests. */
public final class TestTensors {
  private TestTensors() {}

  /** A [2, 3] tensor of {@code dtype} with distinct values, exact in f16 and bf16 too. */
  public static Tensor sample(ElementType dtype) {
    Object data = dtype.newArray(6);
    for (int i = 0; i < 6; i++) {
      switch (dtype) {
        case F32, F16, BF16 -> ((float[]) data)[i] = i * 1.5f - 3;
        case F64 -> ((double[]) data)[i] = i * 0.1 - 0.25;
        case I8 -> ((byte[]) data)[i] = (byte) (i * 40 - 100);
        case U8 -> ((byte[]) data)[i] = (byte) (i * 50);
        case I16 -> ((short[]) data)[i] = (short) (i * 9000 - 20000);
        case I32 -> ((int[]) data)[i] = i * 1_000_000_007 / 3;
        case I64 -> ((long[]) data)[i] = (long) i * 3_000_000_000L - 7;
        case BOOL -> ((boolean[]) data)[i] = i % 2 == 0;
      }
    }
    return Tensor.of(dtype, data, 2, 3);
  }
}
