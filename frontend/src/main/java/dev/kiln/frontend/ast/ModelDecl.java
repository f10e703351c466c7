package dev.kiln.frontend.ast;

import dev.kiln.diag.Span;
import java.util.List;

/** {@code model name(inputs) -> outputs { statements }}. Outputs may be unnamed (name null). */
public record ModelDecl(Ident name, List<Param> inputs, List<Param> outputs, List<ModelStmt> body, Span span)
    implements Decl {
  public ModelDecl {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    body = List.copyOf(body);
  }
}
