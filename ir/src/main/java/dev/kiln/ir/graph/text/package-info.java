/** The graph IR's text form: a printer and a parser that round-trip exactly (kernels embedded in the loop-nest IR's text form). */
package dev.kiln.ir.graph.text;
