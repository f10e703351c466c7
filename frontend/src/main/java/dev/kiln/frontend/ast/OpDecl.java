package dev.kiln.frontend.ast;

import dev.kiln.diag.Span;
import java.util.List;

/**
 * {@code op name(inputs; attrs) -> outputs { statements }}: a tensor operator in index notation.
 */
public record OpDecl(Ident name, List<Param> inputs, List<Param> attrs, List<Param> outputs,
    List<OpStmt> body, Span span) implements Decl {
  public OpDecl {
    inputs = List.copyOf(inputs);
    attrs = List.copyOf(attrs);
    outputs = List.copyOf(outputs);
    body = List.copyOf(body);
  }
}
