package dev.kiln.cli;

import dev.kiln.Kiln;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kiln} command. */
@Command(name = "kiln", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Kiln: a deep-learning compiler for the JVM.",
    subcommands = {CheckCommand.class, RunCommand.class, PrintIrCommand.class, CompileCommand.class, BenchCommand.class,
        ImportCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit code (0 ok, 1 user error, 2 usage, 70 internal error). */
  public static int execute(String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> ErrorReporter.report(ex, cmd.getErr()));
    return cl.execute(args);
  }

  @Override public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override public String[] getVersion() {
      return new String[] {"kiln " + Kiln.VERSION + " (Java " + Runtime.version() + ")"};
    }
  }
}
