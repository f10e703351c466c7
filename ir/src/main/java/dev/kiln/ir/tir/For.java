package dev.kiln.ir.tir;

/**
 * {@code for v in min .. min+extent}. {@code threadTag} is non-null exactly when the kind is
 * THREAD_BOUND.
 */
public record For(Var var, Expr min, Expr extent, ForKind kind, String threadTag, Stmt body) implements Stmt {
  public For {
    if ((kind == ForKind.THREAD_BOUND) != (threadTag != null))
      throw new IllegalArgumentException("thread tag must be given exactly for thread-bound loops");
  }

  public static For serial(Var v, Expr min, Expr extent, Stmt body) {
    return new For(v, min, extent, ForKind.SERIAL, null, body);
  }

  public For withBody(Stmt newBody) { return new For(var, min, extent, kind, threadTag, newBody); }

  public For withKind(ForKind newKind, String tag) { return new For(var, min, extent, newKind, tag, body); }
}
