package dev.kiln.ir.graph.text;

import dev.kiln.diag.KilnException;
import dev.kiln.diag.SourceFile;
import dev.kiln.diag.Span;
import dev.kiln.ir.DType;
import dev.kiln.ir.graph.CallNode;
import dev.kiln.ir.graph.CheckIndexNode;
import dev.kiln.ir.graph.ConstNode;
import dev.kiln.ir.graph.DimNode;
import dev.kiln.ir.graph.ForNode;
import dev.kiln.ir.graph.GNode;
import dev.kiln.ir.graph.GraphFunc;
import dev.kiln.ir.graph.GraphModule;
import dev.kiln.ir.graph.GraphParam;
import dev.kiln.ir.graph.IfNode;
import dev.kiln.ir.graph.Region;
import dev.kiln.ir.graph.ReshapeNode;
import dev.kiln.ir.graph.ReturnNode;
import dev.kiln.ir.graph.TensorType;
import dev.kiln.ir.graph.Value;
import dev.kiln.ir.graph.WhileNode;
import dev.kiln.ir.graph.YieldNode;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.PrimFunc;
import dev.kiln.ir.tir.Var;
import dev.kiln.ir.tir.text.TirParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the text of {@link GraphPrinter} back into a graph module (recursive descent; kernels,
 * which start with {@code func}, are cut out by brace matching and handed to {@link TirParser}).
 */
public final class GraphParser {
  private final SourceFile file;
  private final List<GraphLexer.Token> toks;
  private int pos;
  private Map<String, Value> values;
  private Map<String, Var> symbols;

  private GraphParser(SourceFile file) {
    this.file = file;
    this.toks = GraphLexer.lex(file);
  }

  public static GraphModule parse(String name, String text) {
    return new GraphParser(new SourceFile(name, text)).module();
  }

  public static GraphModule parse(String text) { return parse("<graph>", text); }

  private GraphModule module() {
    Map<String, PrimFunc> kernels = new LinkedHashMap<>();
    List<GraphFunc> funcs = new ArrayList<>();
    while (peek().kind() != GraphLexer.Kind.EOF) {
      if (at("func")) {
        int start = peek().start();
        int depth = 0;
        int end = -1;
        while (peek().kind() != GraphLexer.Kind.EOF) {
          GraphLexer.Token t = toks.get(pos++);
          if (t.text().equals("{") && t.kind() == GraphLexer.Kind.PUNCT) depth++;
          if (t.text().equals("}") && t.kind() == GraphLexer.Kind.PUNCT && --depth == 0) {
            end = t.end();
            break;
          }
        }
        if (end < 0) throw error(peek(), "unterminated kernel");
        PrimFunc f = TirParser.parse(file, start, end);
        kernels.put(f.name(), f);
      } else {
        funcs.add(graph());
      }
    }
    return new GraphModule(kernels, funcs);
  }

  private GraphFunc graph() {
    expect("graph");
    String name = name();
    values = new HashMap<>();
    symbols = new LinkedHashMap<>();
    expect("(");
    List<Value> inputs = new ArrayList<>();
    while (!at(")")) {
      inputs.add(typedValue(true));
      if (!at(")")) expect(",");
    }
    expect(")");
    expect("->");
    expect("(");
    List<String> outNames = new ArrayList<>();
    List<TensorType> outTypes = new ArrayList<>();
    while (!at(")")) {
      outNames.add(name());
      expect(":");
      outTypes.add(type(false));
      if (!at(")")) expect(",");
    }
    expect(")");
    expect("{");
    List<GraphParam> params = new ArrayList<>();
    while (at("param")) {
      pos++;
      Value v = typedValue(false);
      expect("from");
      GraphLexer.Token key = next();
      if (key.kind() != GraphLexer.Kind.STRING) throw error(key, "expected the weight key as a string");
      params.add(new GraphParam(v, key.text(), Span.NONE));
    }
    Region body = region();
    expect("}");
    return new GraphFunc(name, inputs, new ArrayList<>(symbols.values()), params, body, outNames, outTypes, Span.NONE);
  }

  private Region region() {
    List<GNode> nodes = new ArrayList<>();
    while (!at("}")) nodes.add(node());
    return new Region(nodes);
  }

  private GNode node() {
    if (at("return")) {
      pos++;
      return new ReturnNode(uses(), Span.NONE);
    }
    if (at("yield")) {
      pos++;
      return new YieldNode(peek().kind() == GraphLexer.Kind.VALUE ? uses() : List.of(), Span.NONE);
    }
    if (at("check_index")) {
      pos++;
      Value i = use();
      expect(",");
      Value t = use();
      expect(",");
      return new CheckIndexNode(i, t, integer(), Span.NONE);
    }
    List<Value> defs = new ArrayList<>();
    if (peek().kind() == GraphLexer.Kind.VALUE) {
      defs.add(typedValue(false));
      while (at(",")) {
        pos++;
        defs.add(typedValue(false));
      }
      expect("=");
    }
    GraphLexer.Token op = next();
    switch (op.text()) {
      case "call" -> {
        String kernel = name();
        expect("(");
        List<Value> args = at(")") ? List.of() : uses();
        expect(")");
        return new CallNode(defs, kernel, args, Span.NONE);
      }
      case "const" -> {
        GraphLexer.Token n = next();
        return new ConstNode(one(defs, op), Double.parseDouble(n.text()), Span.NONE);
      }
      case "dim" -> {
        Value src = use();
        expect(",");
        return new DimNode(one(defs, op), src, integer(), Span.NONE);
      }
      case "reshape" -> { return new ReshapeNode(one(defs, op), use(), Span.NONE); }
      case "if" -> {
        Value c = use();
        expect("{");
        Region t = region();
        expect("}");
        expect("else");
        expect("{");
        Region e = region();
        expect("}");
        return new IfNode(c, t, e, defs, Span.NONE);
      }
      case "for" -> {
        GraphLexer.Token v = next();
        if (v.kind() != GraphLexer.Kind.VALUE) throw error(v, "expected the loop variable");
        Value var = define(v, TensorType.scalar(DType.I32));
        expect("in");
        Value lo = use();
        expect("..");
        Value hi = use();
        List<Value> init = new ArrayList<>();
        List<Value> carried = carry(init);
        expect("{");
        Region body = region();
        expect("}");
        return new ForNode(var, lo, hi, init, carried, body, defs, Span.NONE);
      }
      case "while" -> {
        List<Value> init = new ArrayList<>();
        List<Value> carried = carry(init);
        expect("cond");
        expect("{");
        Region cond = region();
        expect("}");
        expect("do");
        expect("{");
        Region body = region();
        expect("}");
        return new WhileNode(init, carried, cond, body, defs, Span.NONE);
      }
      default -> throw error(op, "expected a graph node, got '" + op.text() + "'");
    }
  }

  private List<Value> carry(List<Value> init) {
    expect("carry");
    expect("(");
    List<Value> carried = new ArrayList<>();
    while (!at(")")) {
      carried.add(typedValue(false));
      expect("=");
      init.add(use());
      if (!at(")")) expect(",");
    }
    expect(")");
    return carried;
  }

  private Value one(List<Value> defs, GraphLexer.Token op) {
    if (defs.size() != 1) throw error(op, "'" + op.text() + "' defines exactly one value");
    return defs.get(0);
  }

  private Value typedValue(boolean bindSymbols) {
    GraphLexer.Token t = next();
    if (t.kind() != GraphLexer.Kind.VALUE) throw error(t, "expected a %value");
    expect(":");
    return define(t, type(bindSymbols));
  }

  private Value define(GraphLexer.Token t, TensorType type) {
    if (values.containsKey(t.text())) throw error(t, "%" + t.text() + " is defined twice");
    Value v = new Value(t.text(), type);
    values.put(t.text(), v);
    return v;
  }

  private Value use() {
    GraphLexer.Token t = next();
    if (t.kind() != GraphLexer.Kind.VALUE) throw error(t, "expected a %value");
    Value v = values.get(t.text());
    if (v == null) throw error(t, "unknown value %" + t.text());
    return v;
  }

  private List<Value> uses() {
    List<Value> out = new ArrayList<>();
    out.add(use());
    while (at(",") && toks.get(pos + 1).kind() == GraphLexer.Kind.VALUE) {
      pos++;
      out.add(use());
    }
    return out;
  }

  private TensorType type(boolean bindSymbols) {
    GraphLexer.Token t = next();
    DType d = DType.parse(t.text());
    if (d == null) throw error(t, "unknown dtype '" + t.text() + "'");
    expect("[");
    List<Expr> dims = new ArrayList<>();
    while (!at("]")) {
      dims.add(dimSum(bindSymbols));
      if (!at("]")) expect(",");
    }
    expect("]");
    return new TensorType(d, dims);
  }

  private Expr dimSum(boolean bind) {
    Expr e = dimProduct(bind);
    while (at("+") || at("-")) {
      BinOp op = next().text().equals("+") ? BinOp.ADD : BinOp.SUB;
      e = new Binary(op, e, dimProduct(bind));
    }
    return e;
  }

  private Expr dimProduct(boolean bind) {
    Expr e = dimAtom(bind);
    while (at("*") || at("/") || at("%")) {
      String s = next().text();
      BinOp op = s.equals("*") ? BinOp.MUL : s.equals("/") ? BinOp.DIV : BinOp.MOD;
      e = new Binary(op, e, dimAtom(bind));
    }
    return e;
  }

  private Expr dimAtom(boolean bind) {
    GraphLexer.Token t = next();
    if (t.text().equals("(")) {
      if (at("-")) {
        pos++;
        Expr e = new IntImm(DType.I32, -Long.parseLong(next().text()));
        expect(")");
        return e;
      }
      Expr e = dimSum(bind);
      expect(")");
      return e;
    }
    if (t.kind() == GraphLexer.Kind.NUMBER) return new IntImm(DType.I32, Long.parseLong(t.text()));
    if (t.kind() == GraphLexer.Kind.NAME) {
      Var v = symbols.get(t.text());
      if (v == null) {
        if (!bind) throw error(t, "unknown dimension '" + t.text() + "'");
        v = Var.index(t.text());
        symbols.put(t.text(), v);
      }
      return v;
    }
    throw error(t, "expected a dimension");
  }

  private int integer() {
    GraphLexer.Token t = next();
    try {
      return Integer.parseInt(t.text());
    } catch (NumberFormatException e) {
      throw error(t, "expected an integer");
    }
  }

  private String name() {
    GraphLexer.Token t = next();
    if (t.kind() != GraphLexer.Kind.NAME) throw error(t, "expected a name");
    return t.text();
  }

  private boolean at(String text) {
    GraphLexer.Token t = peek();
    return t.kind() != GraphLexer.Kind.STRING && t.kind() != GraphLexer.Kind.VALUE && t.text().equals(text);
  }

  private void expect(String text) {
    if (!at(text)) throw error(peek(), "expected '" + text + "', got '" + peek().text() + "'");
    pos++;
  }

  private GraphLexer.Token peek() { return toks.get(pos); }

  private GraphLexer.Token next() { return toks.get(pos++); }

  private KilnException error(GraphLexer.Token t, String message) {
    return new KilnException(new Span(file, t.start(), t.end()), message);
  }
}
