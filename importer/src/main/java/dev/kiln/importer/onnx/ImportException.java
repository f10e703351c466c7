package dev.kiln.importer.onnx;

/**
 * A model that cannot be imported: an unreadable file, an operator or attribute the importer does
 * not support (the message names the op and the node, and lists what is supported), or a graph
 * whose shapes do not fit together. Nothing is written when it is thrown.
 */
public final class ImportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ImportException(String message) {
    super(message);
  }

  public ImportException(String message, Throwable cause) {
    super(message, cause);
  }
}
