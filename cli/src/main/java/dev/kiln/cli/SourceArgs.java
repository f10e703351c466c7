package dev.kiln.cli;

import dev.kiln.diag.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading a source file named on the command line. */
final class SourceArgs {
  private SourceArgs() {}

  static SourceFile read(Path file) {
    try {
      return new SourceFile(file.toString(), Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new ErrorReporter.UserError("no such file: " + file);
    } catch (IOException e) {
      throw new ErrorReporter.UserError("cannot read " + file + ": " + e.getMessage());
    }
  }
}
