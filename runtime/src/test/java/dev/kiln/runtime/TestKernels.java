package dev.kiln.runtime;

/**
 * Hand-written kernels following the {@link Kernel} calling convention, used by the executor,
 * model and artifact tests. Index 0.. of {@link #ALL} is the kernel number plans use.
 */
public final class TestKernels {
  private TestKernels() {}

  public static final int ADD = 0;
  public static final int MATMUL = 1;
  public static final int SUM = 2;
  public static final int GREATER = 3;
  public static final int ADD_I32 = 4;
  public static final int LESS_I32 = 5;
  public static final int EQ_I32 = 6;

  /** One instance of each kernel, indexed by the constants above. */
  public static Kernel[] all() {
    return new Kernel[] {new AddF32(), new MatMulF32(), new SumF32(), new GreaterF32(),
        new AddI32(), new LessI32(), new EqI32()};
  }

  /** The binary class names of {@link #all()}, in order. */
  public static java.util.List<String> classNames() {
    return java.util.Arrays.stream(all()).map(k -> k.getClass().getName()).toList();
  }

  /** C[i] = A[i] + B[i]; sizes = {N}. */
  public static final class AddF32 implements Kernel {
    @Override
    public void invoke(Object[] arrays, int[] sizes) {
      float[] a = (float[]) arrays[0];
      float[] b = (float[]) arrays[1];
      float[] c = (float[]) arrays[2];
      for (int i = 0; i < sizes[0]; i++) {
        c[i] = a[i] + b[i];
      }
    }
  }

  /** C[M, N] = A[M, K] @ B[K, N]; sizes = {M, K, N}. */
  public static final class MatMulF32 implements Kernel {
    @Override
    public void invoke(Object[] arrays, int[] sizes) {
      float[] a = (float[]) arrays[0];
      float[] b = (float[]) arrays[1];
      float[] c = (float[]) arrays[2];
      int m = sizes[0];
      int k = sizes[1];
      int n = sizes[2];
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          float s = 0;
          for (int r = 0; r < k; r++) {
            s += a[i * k + r] * b[r * n + j];
          }
          c[i * n + j] = s;
        }
      }
    }
  }

  /** S[] = sum of X[N]; sizes = {N}. */
  public static final class SumF32 implements Kernel {
    @Override
    public void invoke(Object[] arrays, int[] sizes) {
      float[] x = (float[]) arrays[0];
      float s = 0;
      for (int i = 0; i < sizes[0]; i++) {
        s += x[i];
      }
      ((float[]) arrays[1])[0] = s;
    }
  }

  /** C[] = A[] > B[] on 0-d f32; no sizes. */
  public static final class GreaterF32 implements Kernel {
    @Override
    public void invoke(Object[] arrays, int[] sizes) {
      ((boolean[]) arrays[2])[0] = ((float[]) arrays[0])[0] > ((float[]) arrays[1])[0];
    }
  }

  /** C[] = A[] + B[] on 0-d i32. */
  public static final class AddI32 implements Kernel {
    @Override
    public void invoke(Object[] arrays, int[] sizes) {
      ((int[]) arrays[2])[0] = ((int[]) arrays[0])[0] + ((int[]) arrays[1])[0];
    }
  }

  /** C[] = A[] < B[] on 0-d i32. */
  public static final class LessI32 implements Kernel {
    @Override
    public void invoke(Object[] arrays, int[] sizes) {
      ((boolean[]) arrays[2])[0] = ((int[]) arrays[0])[0] < ((int[]) arrays[1])[0];
    }
  }

  /** C[] = A[] == B[] on 0-d i32. */
  public static final class EqI32 implements Kernel {
    @Override
    public void invoke(Object[] arrays, int[] sizes) {
      ((boolean[]) arrays[2])[0] = ((int[]) arrays[0])[0] == ((int[]) arrays[1])[0];
    }
  }
}
