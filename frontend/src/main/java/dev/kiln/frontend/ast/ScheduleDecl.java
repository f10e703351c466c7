package dev.kiln.frontend.ast;

import dev.kiln.diag.Span;
import java.util.List;

/**
 * {@code schedule target { primitives }}. The target is an op name ({@code matmul}) or a use of
 * an op inside a model ({@code mlp.matmul#1}: model, op and 1-based use index).
 */
public record ScheduleDecl(ScheduleTarget target, List<SchedStmt> body, Span span) implements Decl {
  public ScheduleDecl { body = List.copyOf(body); }
}
