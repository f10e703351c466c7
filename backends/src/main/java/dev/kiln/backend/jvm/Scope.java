package dev.kiln.backend.jvm;

import dev.kiln.diag.InternalCompilerError;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.Var;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lexical scopes of the generated Java method: which Java local holds each IR variable and each
 * buffer's array. Every declaration gets a fresh name ({@code hint_N}, unique in the class), so
 * generated code never shadows and re-emitting a subtree (unrolling) needs no renaming.
 * {@link #locals()} lists everything visible, which is what a parallel loop body captures.
 */
final class Scope {
  /** A Java local: its type and name. */
  record Local(String type, String name) {}

  private final Scope parent;
  private final Names names;
  private final Map<Object, String> bound = new IdentityHashMap<>();
  private final List<Local> declared = new ArrayList<>();

  /** Fresh-name source shared by every scope of one generated class. */
  static final class Names {
    private int next;
    String fresh(String hint) { return JavaSyntax.sanitize(hint) + "_" + next++; }
  }

  private Scope(Scope parent, Names names) {
    this.parent = parent;
    this.names = names;
  }

  static Scope root(Names names) { return new Scope(null, names); }

  Scope child() { return new Scope(this, names); }

  String fresh(String hint) { return names.fresh(hint); }

  /** Declares a Java local for {@code v}; returns its name. */
  String declare(Var v) {
    return bind(v, JavaSyntax.valueType(v.dtype()), v.name());
  }

  /** Declares a Java local holding {@code b}'s array; returns its name. */
  String declare(Buffer b) {
    return bind(b, JavaSyntax.arrayType(b.dtype()), b.name());
  }

  private String bind(Object key, String type, String hint) {
    String name = names.fresh(hint);
    bound.put(key, name);
    declared.add(new Local(type, name));
    return name;
  }

  String var(Var v) { return lookup(v, "variable " + v); }

  /** Whether {@code v} has a Java local here. */
  boolean binds(Var v) {
    for (Scope s = this; s != null; s = s.parent) if (s.bound.containsKey(v)) return true;
    return false;
  }

  String buffer(Buffer b) { return lookup(b, "buffer " + b.name()); }

  private String lookup(Object key, String what) {
    for (Scope s = this; s != null; s = s.parent) {
      String n = s.bound.get(key);
      if (n != null) return n;
    }
    throw new InternalCompilerError("jvm backend: unbound " + what);
  }

  /** Every local visible here, outermost first. */
  List<Local> locals() {
    List<Local> all = parent == null ? new ArrayList<>() : parent.locals();
    all.addAll(declared);
    return all;
  }

  /** A new root scope with the same bindings, as seen by a parallel loop body in its own method. */
  Scope flattened() {
    Scope s = new Scope(null, names);
    List<Scope> chain = new ArrayList<>();
    for (Scope x = this; x != null; x = x.parent) chain.add(0, x);
    for (Scope x : chain) {
      s.bound.putAll(x.bound);
      s.declared.addAll(x.declared);
    }
    return s;
  }
}
