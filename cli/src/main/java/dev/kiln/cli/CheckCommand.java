package dev.kiln.cli;

import dev.kiln.frontend.Frontend;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "check", description = "Check a .kiln file (syntax, types, shapes, bounds, schedules); no weights needed.")
final class CheckCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE.kiln") Path file;

  @Override public Integer call() {
    Frontend.check(SourceArgs.read(file));
    return 0;
  }
}
