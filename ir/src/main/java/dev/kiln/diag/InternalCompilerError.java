package dev.kiln.diag;

/** A compiler bug, never the user's fault. The CLI reports it as an internal error and asks for a bug report. */
public class InternalCompilerError extends RuntimeException {
  public InternalCompilerError(String message) { super(message); }
  public InternalCompilerError(String message, Throwable cause) { super(message, cause); }

  /** Throws when a condition the compiler relies on does not hold. */
  public static void check(boolean condition, String message) {
    if (!condition) throw new InternalCompilerError(message);
  }
}
