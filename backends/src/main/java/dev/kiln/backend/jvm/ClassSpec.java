package dev.kiln.backend.jvm;

import java.util.List;

/**
 * A class to generate, independent of the bytecode library: a public class with a public no-arg
 * constructor, the interfaces it implements, private instance fields, methods given as Java
 * source (the subset Javassist's compiler accepts: no generics, lambdas, autoboxing, enhanced for
 * or varargs), and static helper methods copied as bytecode from an existing class (whose
 * references to that class are redirected to the new class).
 *
 * @param name binary name, e.g. {@code kiln.gen.K_matmul_1}
 * @param methods in dependency order: a method may call only methods listed before it
 */
public record ClassSpec(String name, List<String> interfaces, List<Field> fields, List<CopiedMethod> copied,
    List<String> methods) {
  public ClassSpec {
    interfaces = List.copyOf(interfaces);
    fields = List.copyOf(fields);
    copied = List.copyOf(copied);
    methods = List.copyOf(methods);
  }

  /** A private instance field of Java type {@code type}. */
  public record Field(String type, String name) {}

  /** The static method {@code from.name} (not overloaded), copied and made private. */
  public record CopiedMethod(Class<?> from, String name) {}

  public String simpleName() { return name.substring(name.lastIndexOf('.') + 1); }

  /** Java-like source of the whole class, for dumps and error messages. */
  public String toSource() {
    StringBuilder sb = new StringBuilder();
    int dot = name.lastIndexOf('.');
    if (dot > 0) sb.append("package ").append(name, 0, dot).append(";\n\n");
    sb.append("public class ").append(simpleName());
    if (!interfaces.isEmpty()) sb.append(" implements ").append(String.join(", ", interfaces));
    sb.append(" {\n");
    for (Field f : fields) sb.append("  private ").append(f.type()).append(' ').append(f.name()).append(";\n");
    sb.append("\n  public ").append(simpleName()).append("() {}\n");
    for (CopiedMethod c : copied)
      sb.append("\n  // private static ").append(c.name()).append(": bytecode copied from ")
          .append(c.from().getName()).append('.').append(c.name()).append('\n');
    for (String m : methods) sb.append('\n').append(m.indent(2));
    return sb.append("}\n").toString();
  }
}
