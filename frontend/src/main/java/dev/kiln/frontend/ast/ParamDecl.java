package dev.kiln.frontend.ast;

import dev.kiln.diag.Span;

/** {@code param name: type [from "key"]}; {@code fromKey} is null when absent (the key is the name). */
public record ParamDecl(Ident name, TypeRef type, String fromKey, Span span) implements ModelStmt {
  public String key() { return fromKey != null ? fromKey : name.name(); }
}
