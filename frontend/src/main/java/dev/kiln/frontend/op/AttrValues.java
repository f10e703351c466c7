package dev.kiln.frontend.op;

import dev.kiln.diag.DiagnosticSink;
import dev.kiln.frontend.ast.OpDecl;
import dev.kiln.frontend.ast.Param;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resolves the attribute values of one instantiation of an op: every given value must name an
 * attribute and have its type (int: Long or Integer; float: Double, Float, Long or Integer;
 * bool: Boolean), every attribute without a given value takes its default, and one without a
 * default is missing. Errors carry the op's span; all are reported together.
 */
final class AttrValues {
  private AttrValues() {}

  /** Attribute name to Long, Double or Boolean, in declaration order. */
  static Map<String, Object> resolve(OpDecl op, Map<String, Object> given) {
    DiagnosticSink sink = new DiagnosticSink();
    String opName = op.name().name();
    Map<String, Param> declared = new LinkedHashMap<>();
    for (Param p : op.attrs()) declared.putIfAbsent(p.name().name(), p);
    for (String k : given.keySet())
      if (!declared.containsKey(k)) sink.error(op.span(), "op " + opName + " has no attribute " + k);
    Map<String, Object> out = new LinkedHashMap<>();
    for (Param p : declared.values()) {
      String name = p.name().name();
      AttrInfo.Kind kind = AttrInfo.Kind.parse(p.type().elem());
      if (kind == null) continue; // reported by the checker
      Object v;
      if (given.containsKey(name)) {
        Object g = given.get(name);
        v = convert(kind, g);
        if (v == null)
          sink.error(op.span(), "attribute " + name + " of op " + opName + " must be " + kind.text() + ", got "
              + (g == null ? "null" : g.getClass().getSimpleName() + " " + g));
      } else if (p.defaultValue() != null) {
        v = SignatureChecker.literal(kind, p.defaultValue());
      } else {
        sink.error(op.span(), "missing attribute " + name + " of op " + opName);
        continue;
      }
      out.put(name, v);
    }
    sink.throwIfErrors();
    return out;
  }

  private static Object convert(AttrInfo.Kind kind, Object v) {
    return switch (kind) {
      case INT -> v instanceof Long || v instanceof Integer ? (Object) ((Number) v).longValue() : null;
      case FLOAT -> v instanceof Double || v instanceof Float || v instanceof Long || v instanceof Integer
          ? (Object) ((Number) v).doubleValue() : null;
      case BOOL -> v instanceof Boolean ? v : null;
    };
  }
}
