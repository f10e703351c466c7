/** The front end's entry points ({@link dev.kiln.frontend.Frontend}): check a file, compile a model to graph IR. */
package dev.kiln.frontend;
