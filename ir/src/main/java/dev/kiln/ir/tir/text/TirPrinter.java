package dev.kiln.ir.tir.text;

import dev.kiln.ir.DType;
import dev.kiln.ir.tir.Block;
import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.BufferRegion;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.ForKind;
import dev.kiln.ir.tir.IfThenElse;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.IterVar;
import dev.kiln.ir.tir.LetStmt;
import dev.kiln.ir.tir.MemoryScope;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Range;
import dev.kiln.ir.tir.Seq;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Store;
import dev.kiln.ir.tir.IntrinsicCall;
import dev.kiln.ir.tir.Var;
import java.util.List;

/**
 * Prints the loop-nest IR as text that {@link TirParser} reads back exactly (see {@code docs/ir.md}).
 *
 * <p>Layout: one statement per line, two-space indentation, braces around every body. A body that
 * is a {@link Seq} of other than one statement prints its statements one per line; any other
 * body prints as its one statement; a Seq in any other place prints as {@code seq { ... }}, so
 * nesting and one-element sequences survive a round trip. A {@link LetStmt} that ends its list
 * prints as {@code let x: T = e} followed by its body's lines; elsewhere as
 * {@code let x: T = e { body }}.
 *
 * <p>A range {@code [min, min+extent)} prints as {@code lo .. hi} (loops) or {@code lo:hi}
 * (domains, regions): when min is the i32 constant 0 as {@code 0 .. extent}; when both are
 * constants of one dtype with the bound folded ({@code 2:5}); otherwise as
 * {@code min .. min + extent}. The parser inverts exactly these three shapes. A region range of
 * extent 1 prints as the point {@code min}.
 *
 * <p>Names are made unique by {@link Names}, in order of first appearance.
 */
public final class TirPrinter {
  private final Names names = new Names();
  private final ExprPrinter exprs = new ExprPrinter(names);
  private final StringBuilder out = new StringBuilder();
  private int indent;

  private TirPrinter() {}

  /** The full text of a function. */
  public static String print(PrimFunc f) {
    TirPrinter p = new TirPrinter();
    p.func(f);
    return p.out.toString();
  }

  /** A statement, for debugging; free variables get names of their own. */
  public static String print(Stmt s) {
    TirPrinter p = new TirPrinter();
    p.body(s);
    return p.out.toString();
  }

  /** An expression on one line, for debugging and messages. */
  public static String print(Expr e) {
    return new TirPrinter().exprs.print(e);
  }

  private void func(PrimFunc f) {
    StringBuilder h = new StringBuilder("func ").append(Literals.label(f.name())).append('(');
    params(h, f.inputs());
    h.append(") -> (");
    params(h, f.outputs());
    h.append(") {");
    line(h.toString());
    indent++;
    if (!f.sizeVars().isEmpty()) {
      StringBuilder s = new StringBuilder("sizes ");
      for (int i = 0; i < f.sizeVars().size(); i++) {
        if (i > 0) s.append(", ");
        Var v = f.sizeVars().get(i);
        s.append(name(v)).append(typeSuffix(v));
      }
      line(s.toString());
    }
    body(f.body());
    indent--;
    line("}");
  }

  private void params(StringBuilder h, List<Buffer> bufs) {
    for (int i = 0; i < bufs.size(); i++) {
      if (i > 0) h.append(", ");
      h.append(bufferDecl(bufs.get(i)));
    }
  }

  private String bufferDecl(Buffer b) {
    String s = name(b) + ": " + b.dtype().text() + "[" + exprs.list(b.shape()) + "]";
    return b.scope() == MemoryScope.GLOBAL ? s : s + " " + b.scope().text();
  }

  /** The statements of a body, one per line at the current indentation. */
  private void body(Stmt s) {
    if (s instanceof Seq q && q.stmts().size() != 1) list(q.stmts());
    else stmt(s, true);
  }

  private void list(List<Stmt> stmts) {
    for (int i = 0; i < stmts.size(); i++) stmt(stmts.get(i), i == stmts.size() - 1);
  }

  private void stmt(Stmt s, boolean last) {
    switch (s) {
      case Seq q -> {
        line("seq {");
        nested(() -> list(q.stmts()));
        line("}");
      }
      case Store st -> line(name(st.buffer()) + "[" + exprs.list(st.indices()) + "] = " + exprs.print(st.value()));
      case LetStmt l -> {
        String head = "let " + name(l.var()) + ": " + l.var().dtype().text() + " = " + exprs.print(l.value());
        if (last) {
          line(head);
          body(l.body());
        } else {
          braced(head, l.body());
        }
      }
      case IfThenElse i -> {
        line("if " + exprs.print(i.cond()) + " {");
        nested(() -> body(i.then()));
        if (i.otherwise() != null) {
          line("} else {");
          nested(() -> body(i.otherwise()));
        }
        line("}");
      }
      case For f -> braced(forHead(f), f.body());
      case BlockRealize r -> block(r);
      case IntrinsicCall c -> {
        StringBuilder h = new StringBuilder("intrinsic ").append(Literals.quote(c.intrinsic())).append('(');
        for (int i = 0; i < c.buffers().size(); i++) h.append(i > 0 ? ", " : "").append(name(c.buffers().get(i)));
        line(h.append("; ").append(exprs.list(c.args())).append(')').toString());
      }
    }
  }

  private String forHead(For f) {
    String[] r = range(f.min(), f.extent());
    StringBuilder h = new StringBuilder("for ").append(name(f.var())).append(typeSuffix(f.var()))
        .append(" in ").append(r[0]).append(" .. ").append(r[1]);
    if (f.kind() == ForKind.THREAD_BOUND) h.append(" thread ").append(Literals.quote(f.threadTag()));
    else if (f.kind() != ForKind.SERIAL) h.append(' ').append(f.kind().text());
    return h.toString();
  }

  private void block(BlockRealize r) {
    Block b = r.block();
    StringBuilder h = new StringBuilder("block ").append(Literals.label(b.name()));
    if (!b.iterVars().isEmpty()) {
      h.append('(');
      for (int i = 0; i < b.iterVars().size(); i++) {
        IterVar iv = b.iterVars().get(i);
        String[] d = range(iv.dom().min(), iv.dom().extent());
        if (i > 0) h.append(", ");
        h.append(name(iv.var())).append(": ");
        if (iv.var().dtype() != DType.I32) h.append(iv.var().dtype().text()).append(' ');
        h.append(iv.kind().text()).append('[').append(d[0]).append(':').append(d[1]).append("] = ")
            .append(exprs.print(r.iterValues().get(i)));
      }
      h.append(')');
    }
    if (!(r.predicate() instanceof IntImm t && t.value() == 1)) h.append(" where ").append(exprs.print(r.predicate()));
    line(h.append(" {").toString());
    indent++;
    for (Buffer a : b.allocs()) line("alloc " + bufferDecl(a));
    if (!b.reads().isEmpty()) line("reads " + regions(b.reads()));
    if (!b.writes().isEmpty()) line("writes " + regions(b.writes()));
    if (b.init() instanceof Store st) {
      line("init { " + name(st.buffer()) + "[" + exprs.list(st.indices()) + "] = " + exprs.print(st.value()) + " }");
    } else if (b.init() != null) {
      braced("init", b.init());
    }
    body(b.body());
    indent--;
    line("}");
  }

  private String regions(List<BufferRegion> rs) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < rs.size(); i++) {
      BufferRegion br = rs.get(i);
      if (i > 0) sb.append(", ");
      sb.append(name(br.buffer())).append('[');
      for (int k = 0; k < br.region().size(); k++) {
        Range rg = br.region().get(k);
        if (k > 0) sb.append(", ");
        if (rg.extent() instanceof IntImm one && one.dtype() == DType.I32 && one.value() == 1) {
          sb.append(exprs.print(rg.min()));
        } else {
          String[] lh = range(rg.min(), rg.extent());
          sb.append(lh[0]).append(':').append(lh[1]);
        }
      }
      sb.append(']');
    }
    return sb.toString();
  }

  /** Low and high text of [min, min + extent), in the three shapes the parser inverts. */
  private String[] range(Expr min, Expr extent) {
    if (min instanceof IntImm z && z.dtype() == DType.I32 && z.value() == 0) {
      return new String[] {"0", exprs.print(extent)};
    }
    if (min instanceof IntImm a && extent instanceof IntImm e && a.dtype() == e.dtype()) {
      try {
        long hi = Math.addExact(a.value(), e.value());
        return new String[] {exprs.print(a), exprs.print(new IntImm(a.dtype(), hi))};
      } catch (ArithmeticException overflow) {
        // falls through to the general form
      }
    }
    return new String[] {exprs.print(min), exprs.infix(dev.kiln.ir.tir.BinOp.ADD, min, extent)};
  }

  private static String typeSuffix(Var v) {
    return v.dtype() == DType.I32 ? "" : ": " + v.dtype().text();
  }

  private String name(Var v) { return names.of(v, v.name()); }

  private String name(Buffer b) { return names.of(b, b.name()); }

  private void braced(String head, Stmt body) {
    line(head + " {");
    nested(() -> body(body));
    line("}");
  }

  private void nested(Runnable r) {
    indent++;
    r.run();
    indent--;
  }

  private void line(String s) {
    out.repeat("  ", indent).append(s).append('\n');
  }
}
