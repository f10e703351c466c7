package dev.kiln.runtime;

/**
 * A runtime error the user caused: a missing or mistyped input, a weight file that does not match
 * the model, a corrupt artifact, a data-dependent failure such as an index out of bounds. The
 * optional {@link #location()} names the model source position ({@code "file.kiln:12:5"}) the
 * failing operation came from; {@link #getMessage()} prefixes it to the message.
 */
public class KilnRuntimeException extends RuntimeException {
  private final String location;
  private final String detail;

  public KilnRuntimeException(String message) {
    this(message, null, null);
  }

  public KilnRuntimeException(String message, String location) {
    this(message, location, null);
  }

  public KilnRuntimeException(String message, String location, Throwable cause) {
    super(location == null || location.isEmpty() ? message : location + ": " + message, cause);
    this.location = location == null || location.isEmpty() ? null : location;
    this.detail = message;
  }

  /** The model source position this error belongs to ({@code "file.kiln:12:5"}), or null. */
  public String location() {
    return location;
  }

  /** The message without the location prefix. */
  public String detail() {
    return detail;
  }
}
