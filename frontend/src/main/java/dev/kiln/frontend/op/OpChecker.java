package dev.kiln.frontend.op;

import dev.kiln.diag.DiagnosticSink;
import dev.kiln.diag.InternalCompilerError;
import dev.kiln.frontend.ast.OpDecl;
import dev.kiln.frontend.ast.OpStmt;
import dev.kiln.frontend.ast.Param;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Semantic analysis of one {@code op} definition, collecting every error before it stops.
 *
 * <p>Pipeline: the signature ({@link SignatureChecker}: names, element and attribute types,
 * defaults, dimensions); the attribute values to reason with; then each statement in source
 * order ({@link StmtChecker}: target, index variables and their ranges, types via
 * {@link BodyTyper}) followed by the bounds proof of its reads ({@link BoundsChecker}); finally
 * every output must have been written.
 *
 * <p>Attribute values: an instantiation ({@link OpLowering}) proves with its actual values.
 * {@link #check} and {@link #analyze(OpDecl)} use the defaults when every attribute has one;
 * otherwise every attribute is unknown, and an unknown int attribute is assumed to be
 * {@code >= 1} when it is used as a divisor (the right operand of {@code /} or {@code %}) and
 * {@code >= 0} otherwise — so an op proved this way is in bounds for every such value.
 */
public final class OpChecker {
  private OpChecker() {}

  /** Checks an op definition; throws a KilnException with every error found. */
  public static void check(OpDecl op) {
    analyze(op);
  }

  /** Checks an op definition and returns what was learned; throws a KilnException with every error found. */
  public static OpInfo analyze(OpDecl op) {
    return analyze(op, null);
  }

  /**
   * Checks an op with the given attribute values (every attribute, as resolved by
   * {@link AttrValues}), or with the rule in the class comment when {@code values} is null.
   */
  static OpInfo analyze(OpDecl op, Map<String, Object> values) {
    DiagnosticSink sink = new DiagnosticSink();
    OpScope scope = new OpScope();
    new SignatureChecker(op, scope, sink).run();
    int before = sink.diagnostics().size();
    attrValues(op, scope, values, sink);
    if (sink.diagnostics().size() > before) sink.throwIfErrors(); // proofs with invalid values would mislead
    for (OpStmt s : op.body()) {
      String t = s.target().name();
      if (!scope.isDeclared(t)) scope.intermediateNames.add(t);
    }
    StmtChecker stmts = new StmtChecker(scope, sink);
    BoundsChecker bounds = new BoundsChecker(scope, sink);
    List<StmtInfo> infos = new ArrayList<>();
    for (OpStmt s : op.body()) {
      StmtInfo info = stmts.check(s);
      if (info == null) {
        InternalCompilerError.check(sink.hasErrors(), "statement of " + op.name().name() + " failed without an error");
        continue;
      }
      bounds.check(info);
      infos.add(info);
    }
    for (Param p : op.outputs())
      if (!scope.written.contains(p.name().name()))
        sink.error(p.name().span(), "output " + p.name().name() + " is never written");
    sink.throwIfErrors();
    return build(op, scope, infos);
  }

  private static void attrValues(OpDecl op, OpScope scope, Map<String, Object> values, DiagnosticSink sink) {
    boolean allDefaults = scope.attrs.values().stream().allMatch(a -> a.defaultValue() != null);
    for (AttrInfo a : scope.attrs.values()) {
      Object v = values != null ? values.get(a.name()) : allDefaults ? a.defaultValue() : null;
      scope.attrValues.put(a.name(), v);
      if (v instanceof Long l && (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE))
        sink.error(op.span(), "attribute " + a.name() + " = " + l + " does not fit in i32");
      else if (a.divisor() && v instanceof Long l && l < 1)
        sink.error(op.span(), "attribute " + a.name() + " of op " + op.name().name()
            + " is used as a divisor and must be at least 1, got " + l);
    }
  }

  private static OpInfo build(OpDecl op, OpScope scope, List<StmtInfo> infos) {
    List<TensorInfo> inputs = new ArrayList<>();
    List<TensorInfo> outputs = new ArrayList<>();
    List<TensorInfo> intermediates = new ArrayList<>();
    for (TensorInfo t : scope.tensors.values()) {
      switch (t.role()) {
        case INPUT -> inputs.add(t);
        case OUTPUT -> outputs.add(t);
        case INTERMEDIATE -> intermediates.add(t);
      }
    }
    List<String> dims = new ArrayList<>();
    for (String d : scope.dims.keySet()) if (scope.boundDims.contains(d)) dims.add(d);
    return new OpInfo(op, op.name().name(), dims, new ArrayList<>(scope.attrs.values()), inputs, outputs,
        intermediates, infos, scope.attrValues);
  }
}
