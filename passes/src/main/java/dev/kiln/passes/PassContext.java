package dev.kiln.passes;

import java.util.function.Consumer;

/**
 * Options of one pass-pipeline run, as an immutable value: whether the {@link PassManager} runs the
 * loop-nest {@code Verifier} on every kernel and the {@code GraphVerifier} on the module between
 * passes (a failure is an {@code InternalCompilerError} naming the pass), and where the IR is
 * printed after each pass (null: nowhere).
 */
public final class PassContext {
  private final boolean verify;
  private final Consumer<String> printSink;

  private PassContext(boolean verify, Consumer<String> printSink) {
    this.verify = verify;
    this.printSink = printSink;
  }

  /** Verification on, no printing: what the compiler uses by default. */
  public static PassContext defaults() { return new PassContext(true, null); }

  /** The same context, verifying between passes or not. */
  public PassContext withVerify(boolean on) { return new PassContext(on, printSink); }

  /** The same context, sending the module's text after each pass to {@code sink} (null: no printing). */
  public PassContext withPrinting(Consumer<String> sink) { return new PassContext(verify, sink); }

  public boolean verify() { return verify; }

  /** Where the IR is printed after each pass, or null. */
  public Consumer<String> printSink() { return printSink; }
}
