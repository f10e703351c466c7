package dev.kiln.ir.tir;

/** How a loop runs. THREAD_BOUND loops carry a thread tag such as {@code blockIdx.x}. */
public enum ForKind {
  SERIAL("serial"), PARALLEL("parallel"), VECTORIZED("vectorized"), UNROLLED("unroll"),
  THREAD_BOUND("thread");

  private final String text;
  ForKind(String text) { this.text = text; }
  public String text() { return text; }

  public static ForKind parse(String s) {
    for (ForKind k : values()) if (k.text.equals(s)) return k;
    return null;
  }
}
