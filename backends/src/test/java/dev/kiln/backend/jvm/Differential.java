package dev.kiln.backend.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kiln.ir.interp.Interpreter;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.runtime.Kernel;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Runs a PrimFunc through the reference interpreter and through the JVM backend on the same
 * random inputs and asserts every output equal bit for bit ({@code Arrays.equals}, which for
 * floats compares {@code floatToIntBits}).
 */
final class Differential {
  private Differential() {}

  static final JvmBackend BACKEND = new JvmBackend();

  private static final float[] SPECIAL_F = {Float.NaN, 0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
      Float.MIN_VALUE, Float.MAX_VALUE, 0.5f, -2.5f, 1e-3f, 16777217f, -7.75f};

  /** Random inputs for {@code f} at {@code sizes}; floats include special values when asked. */
  static Object[] inputs(PrimFunc f, int[] sizes, long seed, boolean specials, boolean nonZeroInts) {
    PrimFunc shapes = new PrimFunc("shapes", List.of(), f.inputs(), f.sizeVars(), f.body());
    Object[] arrays = Interpreter.allocateOutputs(shapes, sizes);
    Random r = new Random(seed);
    for (int i = 0; i < arrays.length; i++) fill(arrays[i], r, specials, nonZeroInts);
    return arrays;
  }

  private static void fill(Object a, Random r, boolean specials, boolean nonZero) {
    switch (a) {
      case float[] x -> { for (int i = 0; i < x.length; i++)
        x[i] = specials && r.nextInt(4) == 0 ? SPECIAL_F[r.nextInt(SPECIAL_F.length)] : (r.nextFloat() * 8 - 4); }
      case double[] x -> { for (int i = 0; i < x.length; i++)
        x[i] = specials && r.nextInt(4) == 0 ? SPECIAL_F[r.nextInt(SPECIAL_F.length)] : (r.nextDouble() * 8 - 4); }
      case int[] x -> { for (int i = 0; i < x.length; i++) x[i] = nz(r.nextInt(4) == 0 ? r.nextInt() : r.nextInt(21) - 10, nonZero); }
      case long[] x -> { for (int i = 0; i < x.length; i++) x[i] = nz(r.nextInt(4) == 0 ? r.nextLong() : r.nextInt(21) - 10, nonZero); }
      case short[] x -> { for (int i = 0; i < x.length; i++) x[i] = (short) nz((short) r.nextInt(), nonZero); }
      case byte[] x -> { for (int i = 0; i < x.length; i++) x[i] = (byte) nz((byte) r.nextInt(), nonZero); }
      case boolean[] x -> { for (int i = 0; i < x.length; i++) x[i] = r.nextBoolean(); }
      default -> throw new IllegalArgumentException(a.getClass().toString());
    }
  }

  private static int nz(int v, boolean nonZero) { return nonZero && v == 0 ? 3 : v; }
  private static long nz(long v, boolean nonZero) { return nonZero && v == 0 ? 3 : v; }

  /** Compiles {@code f} and checks it against the interpreter on random inputs. */
  static Kernel check(PrimFunc f, int[] sizes, long seed, boolean specials, boolean nonZeroInts) {
    Kernel k = BACKEND.compile(f).kernel();
    check(f, k, sizes, seed, specials, nonZeroInts);
    return k;
  }

  static Kernel check(PrimFunc f, int[] sizes) { return check(f, sizes, 1, true, true); }

  static void check(PrimFunc f, Kernel k, int[] sizes, long seed, boolean specials, boolean nonZeroInts) {
    Object[] in = inputs(f, sizes, seed, specials, nonZeroInts);
    Object[] want = Interpreter.runAllocating(f, in, sizes);
    Object[] got = run(f, k, in, sizes);
    for (int i = 0; i < want.length; i++) {
      Buffer b = f.outputs().get(i);
      if (!Arrays.deepEquals(new Object[] {want[i]}, new Object[] {got[i]}))
        fail(f.name() + ": output " + b.name() + " differs\n interpreter: " + str(want[i]) + "\n compiled:    " + str(got[i]));
    }
    assertEquals(want.length, got.length);
  }

  /**
   * Like {@link #check} but floats may differ by {@code tol} relative to max(1, |expected|) (for
   * fused multiply-add); NaN must stay NaN and infinities equal.
   */
  static void checkClose(PrimFunc f, Kernel k, int[] sizes, long seed, double tol) {
    Object[] in = inputs(f, sizes, seed, false, true);
    Object[] want = Interpreter.runAllocating(f, in, sizes);
    Object[] got = run(f, k, in, sizes);
    for (int i = 0; i < want.length; i++) {
      int n = java.lang.reflect.Array.getLength(want[i]);
      for (int e = 0; e < n; e++) {
        double w = ((Number) java.lang.reflect.Array.get(want[i], e)).doubleValue();
        double g = ((Number) java.lang.reflect.Array.get(got[i], e)).doubleValue();
        boolean ok = Double.isNaN(w) ? Double.isNaN(g) : (w == g || Math.abs(w - g) <= tol * Math.max(1, Math.abs(w)));
        if (!ok) fail(f.name() + ": output " + f.outputs().get(i).name() + "[" + e + "] = " + g + ", interpreter " + w);
      }
    }
  }

  /** Runs compiled {@code k} on copies of {@code in} plus fresh outputs; returns the outputs. */
  static Object[] run(PrimFunc f, Kernel k, Object[] in, int[] sizes) {
    Object[] outs = Interpreter.allocateOutputs(f, sizes);
    Object[] all = new Object[in.length + outs.length];
    for (int i = 0; i < in.length; i++) all[i] = copy(in[i]);
    System.arraycopy(outs, 0, all, in.length, outs.length);
    k.invoke(all, sizes);
    return outs;
  }

  private static Object copy(Object a) {
    int n = java.lang.reflect.Array.getLength(a);
    Object c = java.lang.reflect.Array.newInstance(a.getClass().getComponentType(), n);
    System.arraycopy(a, 0, c, 0, n);
    return c;
  }

  static String str(Object a) {
    String s = Arrays.deepToString(new Object[] {a});
    return s.length() > 400 ? s.substring(0, 400) + "..." : s;
  }
}
