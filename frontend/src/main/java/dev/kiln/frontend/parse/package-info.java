/**
 * Parsing of {@code .kiln} source text into the AST of {@link dev.kiln.frontend.ast}.
 *
 * <p>{@link dev.kiln.frontend.parse.KilnParser} is the entry point. It runs the ANTLR lexer and
 * parser generated from {@code Kiln.g4} (module {@code grammar}), collects every lexical and
 * syntax error as a {@link dev.kiln.diag.Diagnostic} with a span, and, when there is none, builds
 * the AST with source spans (character offsets, end exclusive). No class here prints anything.
 */
package dev.kiln.frontend.parse;
