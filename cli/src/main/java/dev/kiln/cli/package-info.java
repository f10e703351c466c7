/** The {@code kiln} command line (picocli): check, run, print-ir, compile. */
package dev.kiln.cli;
