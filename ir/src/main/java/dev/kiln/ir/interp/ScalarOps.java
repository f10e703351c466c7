package dev.kiln.ir.interp;

/**
 * The one definition of Kiln's scalar float semantics that the JDK does not provide directly:
 * floored float remainder and the elementwise math functions. The reference interpreter calls
 * these methods; the JVM backend copies their bytecode into each generated kernel class that
 * needs them (a generated class may only depend on the JDK and {@code dev.kiln.runtime}), so both
 * compute bit-identical results.
 *
 * <p>Rules for this class: every method is {@code public static}, has a unique name (no
 * overloading), and calls only JDK methods or other methods of this class listed by
 * {@link #dependencies(String)}. No fields.
 *
 * <p>f32 math is computed in double and rounded once to float. f16 and bf16 are computed as f32.
 * {@code erf} is W. J. Cody's rational Chebyshev approximation ("Rational Chebyshev
 * approximations for the error function", Math. Comp. 23 (1969) 631-638; netlib specfun CALERF),
 * with |error| below 1e-15 over the whole double range.
 */
public final class ScalarOps {
  private ScalarOps() {}

  /** The methods of this class that {@code method} calls (the backend copies them too). */
  public static java.util.List<String> dependencies(String method) {
    return method.equals("erfF") ? java.util.List.of("erfD") : java.util.List.of();
  }

  /** Floored remainder {@code a - floor(a / b) * b}, every step in float. */
  public static float fmodF(float a, float b) {
    return a - (float) Math.floor(a / b) * b;
  }

  /** Floored remainder {@code a - floor(a / b) * b} in double. */
  public static double fmodD(double a, double b) {
    return a - Math.floor(a / b) * b;
  }

  public static float expF(float x) { return (float) Math.exp(x); }
  public static double expD(double x) { return Math.exp(x); }
  public static float logF(float x) { return (float) Math.log(x); }
  public static double logD(double x) { return Math.log(x); }
  public static float sqrtF(float x) { return (float) Math.sqrt(x); }
  public static double sqrtD(double x) { return Math.sqrt(x); }
  public static float rsqrtF(float x) { return (float) (1.0 / Math.sqrt(x)); }
  public static double rsqrtD(double x) { return 1.0 / Math.sqrt(x); }
  public static float tanhF(float x) { return (float) Math.tanh(x); }
  public static double tanhD(double x) { return Math.tanh(x); }
  public static float sigmoidF(float x) { return (float) (1.0 / (1.0 + Math.exp(-(double) x))); }
  public static double sigmoidD(double x) { return 1.0 / (1.0 + Math.exp(-x)); }
  public static float absF(float x) { return (float) Math.abs((double) x); }
  public static double absD(double x) { return Math.abs(x); }
  public static float floorF(float x) { return (float) Math.floor(x); }
  public static double floorD(double x) { return Math.floor(x); }
  /** Round half to even. */
  public static float roundF(float x) { return (float) Math.rint(x); }
  public static double roundD(double x) { return Math.rint(x); }
  public static float powF(float a, float b) { return (float) Math.pow(a, b); }
  public static double powD(double a, double b) { return Math.pow(a, b); }
  public static float erfF(float x) { return (float) erfD(x); }

  /** Cody's erf (CALERF with JINT = 0): three rational approximations on |x| ≤ 0.46875, ≤ 4, > 4. */
  public static double erfD(double x) {
    double y = Math.abs(x);
    if (y != y) return x;
    if (y <= 0.46875) {
      double ysq = y > 1.11e-16 ? y * y : 0.0;
      double xnum = 1.85777706184603153e-1 * ysq;
      double xden = ysq;
      xnum = (xnum + 3.16112374387056560e00) * ysq;
      xden = (xden + 2.36012909523441209e01) * ysq;
      xnum = (xnum + 1.13864154151050156e02) * ysq;
      xden = (xden + 2.44024637934444173e02) * ysq;
      xnum = (xnum + 3.77485237685302021e02) * ysq;
      xden = (xden + 1.28261652607737228e03) * ysq;
      return x * (xnum + 3.20937758913846947e03) / (xden + 2.84423683343917062e03);
    }
    double erfc;
    if (y <= 4.0) {
      double xnum = 2.15311535474403846e-8 * y;
      double xden = y;
      xnum = (xnum + 5.64188496988670089e-1) * y;
      xden = (xden + 1.57449261107098347e01) * y;
      xnum = (xnum + 8.88314979438837594e00) * y;
      xden = (xden + 1.17693950891312499e02) * y;
      xnum = (xnum + 6.61191906371416295e01) * y;
      xden = (xden + 5.37181101862009858e02) * y;
      xnum = (xnum + 2.98635138197400131e02) * y;
      xden = (xden + 1.62138957456669019e03) * y;
      xnum = (xnum + 8.81952221241769090e02) * y;
      xden = (xden + 3.29079923573345963e03) * y;
      xnum = (xnum + 1.71204761263407058e03) * y;
      xden = (xden + 4.36261909014324716e03) * y;
      xnum = (xnum + 2.05107837782607147e03) * y;
      xden = (xden + 3.43936767414372164e03) * y;
      erfc = (xnum + 1.23033935479799725e03) / (xden + 1.23033935480374942e03);
    } else if (y >= 6.0) {
      erfc = 0.0;
    } else {
      double ysq = 1.0 / (y * y);
      double xnum = 1.63153871373020978e-2 * ysq;
      double xden = ysq;
      xnum = (xnum + 3.05326634961232344e-1) * ysq;
      xden = (xden + 2.56852019228982242e00) * ysq;
      xnum = (xnum + 3.60344899949804439e-1) * ysq;
      xden = (xden + 1.87295284992346725e00) * ysq;
      xnum = (xnum + 1.25781726111229246e-1) * ysq;
      xden = (xden + 5.27905102951428412e-1) * ysq;
      xnum = (xnum + 1.60837851487422766e-2) * ysq;
      xden = (xden + 6.05183413124413191e-2) * ysq;
      erfc = ysq * (xnum + 6.58749161529837803e-4) / (xden + 2.33520497626869185e-3);
      erfc = (5.6418958354775628695e-1 - erfc) / y;
    }
    if (erfc != 0.0) {
      double ysq = Math.floor(y * 16.0) / 16.0;
      double del = (y - ysq) * (y + ysq);
      erfc = Math.exp(-ysq * ysq) * Math.exp(-del) * erfc;
    }
    double r = (0.5 - erfc) + 0.5;
    return x < 0 ? -r : r;
  }
}
