/** The abstract syntax tree: sealed interfaces and records, each node carrying its source span. */
package dev.kiln.frontend.ast;
