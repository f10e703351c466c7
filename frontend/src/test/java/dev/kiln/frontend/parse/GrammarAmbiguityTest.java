package dev.kiln.frontend.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.grammar.KilnLexer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.atn.ATNConfigSet;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.dfa.DFA;
import org.junit.jupiter.api.Test;

/**
 * Runs the generated parser in exact-ambiguity-detection mode over every example: the grammar
 * must not be ambiguous on any of them (no input with two parse trees, e.g. around newlines,
 * where clauses or multiple return values), and must not report a syntax error.
 */
class GrammarAmbiguityTest {
  private static final List<String> FILES = List.of("ops.kiln", "maxpool_where.kiln", "mlp.kiln",
      "early_exit.kiln", "rnn.kiln", "schedules.kiln", "control_flow.kiln");

  @Test void examplesParseWithoutAmbiguity() {
    List<String> problems = new ArrayList<>();
    for (String name : FILES) {
      var lexer = new KilnLexer(CharStreams.fromString(DslExamplesTest.read(name), name));
      var parser = new dev.kiln.grammar.KilnParser(new CommonTokenStream(lexer));
      parser.removeErrorListeners();
      parser.getInterpreter().setPredictionMode(PredictionMode.LL_EXACT_AMBIG_DETECTION);
      parser.addErrorListener(new BaseErrorListener() {
        @Override public void syntaxError(Recognizer<?, ?> r, Object sym, int line, int col, String msg,
            RecognitionException e) {
          problems.add(name + ":" + line + ":" + col + ": " + msg);
        }

        @Override public void reportAmbiguity(Parser p, DFA dfa, int start, int stop, boolean exact,
            BitSet alts, ATNConfigSet configs) {
          problems.add(name + ": ambiguity in rule " + p.getRuleNames()[dfa.atnStartState.ruleIndex]
              + " at token " + start + " alts " + alts);
        }
      });
      parser.program();
    }
    assertEquals(List.of(), problems);
  }
}
