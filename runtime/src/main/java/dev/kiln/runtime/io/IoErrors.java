package dev.kiln.runtime.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Short human descriptions of file errors ("no such file" rather than the bare path NIO gives). */
public final class IoErrors {
  private IoErrors() {}

  public static String describe(IOException e) {
    if (e instanceof NoSuchFileException) return "no such file";
    if (e instanceof AccessDeniedException) return "permission denied";
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
