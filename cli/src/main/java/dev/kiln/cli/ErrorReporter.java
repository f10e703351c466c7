package dev.kiln.cli;

import dev.kiln.diag.Diagnostic;
import dev.kiln.diag.KilnException;
import dev.kiln.diag.SourceFile;
import dev.kiln.diag.Span;
import dev.kiln.runtime.KilnRuntimeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns every failure into what a user should see: diagnostics for program errors (exit 1),
 * located messages for run-time errors (exit 1), and, for a compiler bug, an internal-error
 * message asking for a report (exit 70); a stack trace only with KILN_DEBUG=1.
 */
final class ErrorReporter {
  static final int USER_ERROR = 1;
  static final int INTERNAL_ERROR = 70;
  private static final Pattern LOCATION = Pattern.compile("(.+):(\\d+):(\\d+)");

  private ErrorReporter() {}

  static int report(Throwable ex, PrintWriter err) {
    switch (ex) {
      case KilnException k -> {
        err.print(k.render());
        err.flush();
        return USER_ERROR;
      }
      case KilnRuntimeException r -> {
        err.print(runtime(r));
        err.flush();
        return USER_ERROR;
      }
      case UserError u -> {
        err.println("error: " + u.getMessage());
        err.flush();
        return USER_ERROR;
      }
      case UncheckedIOException io -> {
        err.println("error: " + io.getMessage());
        err.flush();
        return USER_ERROR;
      }
      default -> {
        err.println("internal error: " + ex);
        err.println("This is a bug in Kiln, not in your program. Please report it with the input that caused it"
            + " (set KILN_DEBUG=1 for a stack trace).");
        if ("1".equals(System.getenv("KILN_DEBUG"))) ex.printStackTrace(err);
        err.flush();
        return INTERNAL_ERROR;
      }
    }
  }

  /** A run-time error with a {@code file:line:col} location shows the source line like a diagnostic. */
  static String runtime(KilnRuntimeException r) {
    String loc = r.location();
    if (loc != null) {
      Matcher m = LOCATION.matcher(loc);
      if (m.matches()) {
        try {
          Path p = Path.of(m.group(1));
          if (Files.isRegularFile(p)) {
            SourceFile f = new SourceFile(m.group(1), Files.readString(p));
            int start = f.offset(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            return Diagnostic.error(new Span(f, start, start + 1), r.detail()).render();
          }
        } catch (IOException | RuntimeException ignored) {
          // fall through to the plain form
        }
      }
      return loc + ": error: " + r.detail() + "\n";
    }
    return "error: " + r.getMessage() + "\n";
  }

  /** A command-line mistake that is not about a program (a missing input, a bad flag value). */
  static final class UserError extends RuntimeException {
    UserError(String message) { super(message); }
  }
}
