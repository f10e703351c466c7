package dev.kiln.ir.tir.text;

import dev.kiln.diag.SourceFile;
import dev.kiln.ir.DType;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Block;
import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.BufferRegion;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.ForKind;
import dev.kiln.ir.tir.IfThenElse;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.IterKind;
import dev.kiln.ir.tir.IterVar;
import dev.kiln.ir.tir.LetStmt;
import dev.kiln.ir.tir.MemoryScope;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Range;
import dev.kiln.ir.tir.Seq;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Store;
import dev.kiln.ir.tir.IntrinsicCall;
import dev.kiln.ir.tir.StructuralEqual;
import dev.kiln.ir.tir.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the text written by {@link TirPrinter} back into a {@link PrimFunc}.
 *
 * <p>A hand-written recursive-descent parser: the IR text is small, internal and LL(1) apart from
 * two spots handled by lookahead (a minus sign joined to a number, an identifier followed by
 * {@code (} or {@code [}), and hand-written code gives precise error spans without a generated
 * parser in the {@code ir} module, which depends on nothing. Names resolve in lexical scopes (a
 * loop, let or block opens one); every definition creates a fresh {@link Var} or {@link Buffer}.
 * Parameter shapes may use the size variables declared by {@code sizes} at the top of the body,
 * so they are skipped on first reading and parsed once the sizes are known.
 *
 * <p>Bodies follow the printer's conventions: a braced list of one statement is that statement,
 * of any other number a {@link Seq}; {@code seq { ... }} is always a Seq; a {@code let} without
 * braces scopes over the rest of its list. Ranges {@code lo .. hi} / {@code lo:hi} become
 * {@code Range(lo, hi)} when lo is the i32 constant 0, {@code Range(lo, hi - lo)} folded when both
 * are constants, {@code Range(lo, e)} when hi is {@code lo + e}, else {@code Range(lo, hi - lo)}.
 * Errors are {@link dev.kiln.diag.KilnException}s with the span of the offending token.
 */
public final class TirParser {
  private final ParserState p;
  private final TirExprParser exprs;

  private TirParser(SourceFile file, int start, int end) {
    p = new ParserState(file, start, end);
    exprs = new TirExprParser(p);
  }

  public static PrimFunc parse(String text) { return parse("<ir>", text); }

  /** Parses text, naming {@code fileName} in error messages. */
  public static PrimFunc parse(String fileName, String text) { return parse(new SourceFile(fileName, text)); }

  public static PrimFunc parse(SourceFile file) { return parse(file, 0, file.text().length()); }

  /**
   * Parses the one function written in characters [start, end) of a larger file (for example a
   * kernel embedded in graph IR text); error spans point into the whole file.
   */
  public static PrimFunc parse(SourceFile file, int start, int end) {
    if (start < 0 || end > file.text().length() || start > end)
      throw new IllegalArgumentException("region [" + start + ", " + end + ") outside " + file.path());
    TirParser parser = new TirParser(file, start, end);
    PrimFunc f = parser.func();
    if (parser.p.peek().kind() != Token.Kind.EOF)
      throw parser.p.error(parser.p.peek(), "expected end of input, found " + ParserState.describe(parser.p.peek()));
    return f;
  }

  private record ParamDecl(Token name, DType dtype, int shapeStart, MemoryScope scope) {}

  private PrimFunc func() {
    p.expect("func");
    String name = p.label("a function name");
    p.expect("(");
    List<ParamDecl> ins = paramDecls();
    p.expect(")");
    p.expect("->");
    p.expect("(");
    List<ParamDecl> outs = paramDecls();
    p.expect(")");
    p.expect("{");
    p.push();
    List<Var> sizes = new ArrayList<>();
    if (p.accept("sizes")) {
      do {
        Token t = p.ident("a size variable");
        DType d = p.accept(":") ? p.dtype() : DType.I32;
        Var v = new Var(t.text(), d);
        p.define(t, v);
        sizes.add(v);
      } while (p.accept(","));
    }
    int bodyStart = p.pos;
    List<Buffer> inputs = buffers(ins);
    List<Buffer> outputs = buffers(outs);
    p.pos = bodyStart;
    Stmt body = bodyOf(list());
    p.expect("}");
    p.pop();
    return new PrimFunc(name, inputs, outputs, sizes, body);
  }

  private List<ParamDecl> paramDecls() {
    List<ParamDecl> out = new ArrayList<>();
    if (p.at(")")) return out;
    do {
      Token name = p.ident("a parameter name");
      p.expect(":");
      DType d = p.dtype();
      int start = p.pos;
      skipBrackets();
      out.add(new ParamDecl(name, d, start, scope()));
    } while (p.accept(","));
    return out;
  }

  private void skipBrackets() {
    Token open = p.expect("[");
    for (int depth = 1; depth > 0; ) {
      Token t = p.next();
      if (t.kind() == Token.Kind.EOF) throw p.error(open, "unclosed '['");
      if (t.is("[")) depth++;
      if (t.is("]")) depth--;
    }
  }

  private List<Buffer> buffers(List<ParamDecl> decls) {
    List<Buffer> out = new ArrayList<>();
    for (ParamDecl d : decls) {
      p.pos = d.shapeStart();
      Buffer b = new Buffer(d.name().text(), d.dtype(), shape(), d.scope());
      p.define(d.name(), b);
      out.add(b);
    }
    return out;
  }

  private List<Expr> shape() {
    p.expect("[");
    List<Expr> s = exprs.list("]");
    p.expect("]");
    return s;
  }

  private MemoryScope scope() {
    MemoryScope m = MemoryScope.parse(p.peek().text());
    if (m == null || p.peek().kind() != Token.Kind.IDENT) return MemoryScope.GLOBAL;
    p.next();
    return m;
  }

  private static Stmt bodyOf(List<Stmt> stmts) {
    return stmts.size() == 1 ? stmts.get(0) : new Seq(stmts);
  }

  private Stmt braced() {
    p.expect("{");
    p.push();
    Stmt s = bodyOf(list());
    p.pop();
    p.expect("}");
    return s;
  }

  /** Statements up to (not including) the closing brace. */
  private List<Stmt> list() {
    List<Stmt> out = new ArrayList<>();
    while (!p.at("}")) {
      if (p.peek().kind() == Token.Kind.EOF) throw p.error(p.peek(), "expected '}', found end of input");
      if (p.at("let")) {
        ParsedLet l = let();
        out.add(l.stmt());
        if (l.tookRest()) return out;
        continue;
      }
      out.add(stmt());
    }
    return out;
  }

  /** A let statement, and whether it had no braces and so took the rest of its list as its body. */
  private record ParsedLet(Stmt stmt, boolean tookRest) {}

  private ParsedLet let() {
    Token kw = p.expect("let");
    Token name = p.ident("a variable name");
    p.expect(":");
    DType d = p.dtype();
    p.expect("=");
    Expr value = exprs.expr();
    Var v = new Var(name.text(), d);
    p.push();
    p.define(name, v);
    boolean tookRest = !p.at("{");
    Stmt body = tookRest ? bodyOf(list()) : braced();
    p.pop();
    return new ParsedLet(p.build(kw, () -> new LetStmt(v, value, body)), tookRest);
  }

  private Stmt stmt() {
    Token t = p.peek();
    if (t.is("for")) return forStmt();
    if (t.is("if")) return ifStmt();
    if (t.is("block")) return block();
    if (t.is("intrinsic") && p.peek(1).kind() == Token.Kind.STRING) return intrinsicCall();
    if (t.is("seq")) {
      p.next();
      p.expect("{");
      p.push();
      List<Stmt> s = list();
      p.pop();
      p.expect("}");
      return new Seq(s);
    }
    if (t.kind() == Token.Kind.IDENT && p.peek(1).is("[")) {
      p.next();
      Buffer b = p.lookupBuffer(t);
      List<Expr> idx = shape();
      p.expect("=");
      Expr value = exprs.expr();
      return p.build(t, () -> new Store(b, idx, value));
    }
    throw p.error(t, "expected a statement, found " + ParserState.describe(t));
  }

  /** {@code intrinsic "name"(buffer, ...; arg, ...)}. */
  private Stmt intrinsicCall() {
    Token kw = p.expect("intrinsic");
    String name = p.next().text();
    p.expect("(");
    List<Buffer> bufs = new ArrayList<>();
    if (!p.at(";")) {
      do bufs.add(p.lookupBuffer(p.ident("a buffer"))); while (p.accept(","));
    }
    p.expect(";");
    List<Expr> args = new ArrayList<>();
    if (!p.at(")")) {
      do args.add(exprs.expr()); while (p.accept(","));
    }
    p.expect(")");
    return p.build(kw, () -> new IntrinsicCall(name, bufs, args));
  }

  private Stmt forStmt() {
    Token kw = p.expect("for");
    Token name = p.ident("a loop variable");
    DType d = p.accept(":") ? p.dtype() : DType.I32;
    p.expect("in");
    Token loTok = p.peek();
    Expr lo = exprs.expr();
    p.expect("..");
    Expr hi = exprs.expr();
    Range r = range(loTok, lo, hi);
    ForKind kind = ForKind.SERIAL;
    String tag = null;
    if (!p.at("{")) {
      Token k = p.ident("a loop kind or '{'");
      kind = ForKind.parse(k.text());
      if (kind == null) throw p.error(k, "unknown loop kind '" + k.text() + "'");
      if (kind == ForKind.THREAD_BOUND) {
        if (p.peek().kind() != Token.Kind.STRING) throw p.error(p.peek(), "expected a thread tag string");
        tag = p.next().text();
      }
    }
    Var v = new Var(name.text(), d);
    p.push();
    p.define(name, v);
    Stmt body = braced();
    p.pop();
    ForKind fk = kind;
    String ft = tag;
    return p.build(kw, () -> new For(v, r.min(), r.extent(), fk, ft, body));
  }

  private Stmt ifStmt() {
    Token kw = p.expect("if");
    Expr cond = exprs.expr();
    Stmt then = braced();
    Stmt otherwise = null;
    if (p.accept("else")) otherwise = p.at("if") ? ifStmt() : braced();
    Stmt e = otherwise;
    return p.build(kw, () -> new IfThenElse(cond, then, e));
  }

  private record IterDecl(Token name, DType dtype, IterKind kind, Range dom, Expr value) {}

  private Stmt block() {
    Token kw = p.expect("block");
    String name = p.label("a block name");
    List<IterDecl> iters = new ArrayList<>();
    if (p.accept("(")) {
      if (!p.at(")")) {
        do iters.add(iterDecl()); while (p.accept(","));
      }
      p.expect(")");
    }
    Expr pred = BlockRealize.TRUE;
    if (p.accept("where")) pred = exprs.expr();
    p.expect("{");
    p.push();
    List<IterVar> ivs = new ArrayList<>();
    List<Expr> values = new ArrayList<>();
    for (IterDecl d : iters) {
      Var v = new Var(d.name().text(), d.dtype());
      p.define(d.name(), v);
      ivs.add(new IterVar(v, d.dom(), d.kind()));
      values.add(d.value());
    }
    List<Buffer> allocs = new ArrayList<>();
    List<BufferRegion> reads = new ArrayList<>();
    List<BufferRegion> writes = new ArrayList<>();
    Stmt init = null;
    while (true) {
      if (p.accept("alloc")) {
        Token bn = p.ident("a buffer name");
        p.expect(":");
        DType d = p.dtype();
        Buffer b = new Buffer(bn.text(), d, shape(), scope());
        p.define(bn, b);
        allocs.add(b);
      } else if (p.accept("reads")) {
        regions(reads);
      } else if (p.accept("writes")) {
        regions(writes);
      } else if (p.at("init")) {
        Token it = p.next();
        if (init != null) throw p.error(it, "a block has at most one init");
        init = braced();
      } else {
        break;
      }
    }
    Stmt body = bodyOf(list());
    p.pop();
    p.expect("}");
    Block b = new Block(name, ivs, reads, writes, init, body, allocs);
    Expr pr = pred;
    return p.build(kw, () -> new BlockRealize(values, pr, b));
  }

  private IterDecl iterDecl() {
    Token name = p.ident("an iteration variable");
    p.expect(":");
    DType d = DType.I32;
    if (DType.parse(p.peek().text()) != null && p.peek().kind() == Token.Kind.IDENT) d = p.dtype();
    Token k = p.ident("'S' or 'R'");
    IterKind kind = switch (k.text()) {
      case "S" -> IterKind.SPATIAL;
      case "R" -> IterKind.REDUCE;
      default -> throw p.error(k, "expected 'S' (spatial) or 'R' (reduce), found '" + k.text() + "'");
    };
    p.expect("[");
    Token loTok = p.peek();
    Expr lo = exprs.expr();
    p.expect(":");
    Expr hi = exprs.expr();
    p.expect("]");
    p.expect("=");
    Expr value = exprs.expr();
    return new IterDecl(name, d, kind, range(loTok, lo, hi), value);
  }

  private void regions(List<BufferRegion> out) {
    do {
      Token t = p.ident("a buffer name");
      Buffer b = p.lookupBuffer(t);
      p.expect("[");
      List<Range> rs = new ArrayList<>();
      if (!p.at("]")) {
        do {
          Token lt = p.peek();
          Expr lo = exprs.expr();
          rs.add(p.accept(":") ? range(lt, lo, exprs.expr()) : new Range(lo, Expr.i32(1)));
        } while (p.accept(","));
      }
      p.expect("]");
      out.add(new BufferRegion(b, rs));
    } while (p.accept(","));
  }

  /** Inverts the printer's three spellings of [min, min + extent). */
  private Range range(Token at, Expr lo, Expr hi) {
    if (lo instanceof IntImm z && z.dtype() == DType.I32 && z.value() == 0) return new Range(lo, hi);
    if (lo instanceof IntImm a && hi instanceof IntImm b && a.dtype() == b.dtype()) {
      try {
        return new Range(lo, new IntImm(a.dtype(), Math.subtractExact(b.value(), a.value())));
      } catch (ArithmeticException e) {
        throw p.error(at, "range bounds overflow");
      }
    }
    if (hi instanceof Binary add && add.op() == BinOp.ADD && StructuralEqual.equal(add.a(), lo))
      return new Range(lo, add.b());
    return new Range(lo, p.build(at, () -> new Binary(BinOp.SUB, hi, lo)));
  }
}
