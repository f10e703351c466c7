package dev.kiln.frontend.ast;

import dev.kiln.diag.Span;
import java.util.List;

/**
 * A written type. {@code elem} is a dtype name ({@code f32}, {@code i64}, ...) or an attribute
 * type ({@code int}, {@code float}, {@code bool}). {@code dims} is null for a scalar (no brackets)
 * and a list (possibly empty: {@code f32[]}) for a tensor; each dim is an integer expression of
 * integer literals and dimension names.
 */
public record TypeRef(String elem, List<Expr> dims, Span span) implements Node {
  public TypeRef {
    dims = dims == null ? null : List.copyOf(dims);
  }

  public boolean isTensor() { return dims != null; }
}
