package dev.kiln.frontend.parse;

import dev.kiln.diag.DiagnosticSink;
import dev.kiln.diag.KilnException;
import dev.kiln.diag.SourceFile;
import dev.kiln.diag.Span;
import dev.kiln.frontend.ast.Program;
import dev.kiln.grammar.KilnLexer;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;

/**
 * Parses one {@code .kiln} file into a {@link Program}.
 *
 * <p>Pipeline: lex the whole file (the grammar turns bad input into error tokens, so lexing never
 * fails); report every lexical error ({@link LexicalChecker}); parse with ANTLR's recovering
 * parser, recording each syntax error with a human message ({@link KilnErrorStrategy},
 * {@link SyntaxErrorCollector}); if anything was reported, throw one {@link KilnException}
 * carrying all of it, sorted by position. Otherwise build the AST ({@link AstBuilder}), which
 * may report the few rules checked after parsing, and throw again if it did. Nothing is printed.
 */
public final class KilnParser {
  private KilnParser() {}

  /** Parses {@code text} as the file {@code path}. */
  public static Program parse(String path, String text) {
    return parse(new SourceFile(path, text));
  }

  /** Parses a source file; throws {@link KilnException} with every syntax error found. */
  public static Program parse(SourceFile file) {
    DiagnosticSink sink = new DiagnosticSink();
    SourceSpans spans = new SourceSpans(file);
    KilnLexer lexer = new KilnLexer(CharStreams.fromString(file.text(), file.path()));
    lexer.removeErrorListeners();
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    tokens.fill();
    new LexicalChecker(spans, sink).check(tokens.getTokens());

    var parser = new dev.kiln.grammar.KilnParser(tokens);
    parser.removeErrorListeners();
    parser.setErrorHandler(new KilnErrorStrategy());
    parser.addErrorListener(new SyntaxErrorCollector(spans, sink, tokens));
    dev.kiln.grammar.KilnParser.ProgramContext tree;
    try {
      tree = parser.program();
    } catch (StackOverflowError e) {
      throw new KilnException(new Span(file, 0, 0), "the program is nested too deeply to parse");
    }
    sink.throwIfErrors();

    Program program;
    try {
      program = new AstBuilder(spans, sink).program(tree);
    } catch (StackOverflowError e) {
      throw new KilnException(new Span(file, 0, 0), "the program is nested too deeply to parse");
    }
    sink.throwIfErrors();
    return program;
  }
}
