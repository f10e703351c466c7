/** Source files, spans and diagnostics; the two kinds of error: the user's (KilnException) and the compiler's (InternalCompilerError). */
package dev.kiln.diag;
