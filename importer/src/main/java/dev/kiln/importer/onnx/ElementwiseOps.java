package dev.kiln.importer.onnx;

import dev.kiln.ir.DType;
import java.util.List;
import java.util.Map;

/**
 * Translators of elementwise operators: arithmetic and comparisons become Kiln operators with
 * NumPy broadcasting ({@code a + b}, {@code a == b}), math functions become Kiln's elementwise
 * functions ({@code sqrt(x)}, {@code erf(x)}), Where becomes {@code select}, Cast a cast
 * ({@code f32(x)}), and activations their Kiln form (Relu {@code relu(x)}, HardSigmoid
 * {@code hard_sigmoid(x, alpha: .., beta: ..)}, Clip {@code clip(x, lo, hi)}). A known scalar
 * operand is written as a literal.
 */
final class ElementwiseOps {
  private ElementwiseOps() {}

  private static final Map<String, String> INFIX = Map.ofEntries(
      Map.entry("Add", "+"), Map.entry("Sub", "-"), Map.entry("Mul", "*"), Map.entry("Div", "/"),
      Map.entry("Mod", "%"), Map.entry("Equal", "=="), Map.entry("Less", "<"), Map.entry("Greater", ">"),
      Map.entry("LessOrEqual", "<="), Map.entry("GreaterOrEqual", ">="), Map.entry("And", "&&"), Map.entry("Or", "||"));

  private static final Map<String, String> FUNCTIONS = Map.ofEntries(
      Map.entry("Sqrt", "sqrt"), Map.entry("Exp", "exp"), Map.entry("Log", "log"), Map.entry("Tanh", "tanh"),
      Map.entry("Sigmoid", "sigmoid"), Map.entry("Erf", "erf"), Map.entry("Abs", "abs"), Map.entry("Floor", "floor"),
      Map.entry("Round", "round"), Map.entry("Relu", "relu"));

  static void register(OpTable t) {
    for (String op : INFIX.keySet()) t.put(op, ElementwiseOps::infix);
    for (String op : FUNCTIONS.keySet()) t.put(op, n -> unary(n, FUNCTIONS.get(op) + "($0)"));
    t.put("Pow", ElementwiseOps::pow);
    t.put("Max", n -> variadic(n, "max($0, $1)"));
    t.put("Min", n -> variadic(n, "min($0, $1)"));
    t.put("Sum", n -> variadic(n, "$0 + $1"));
    t.put("Neg", n -> unary(n, "-$0"));
    t.put("Not", n -> unary(n, "!$0"));
    t.put("Reciprocal", n -> unary(n, "1.0 / $0"));
    t.put("Ceil", n -> unary(n, "-floor(-$0)"));
    t.put("Softplus", n -> unary(n, "log(exp($0) + 1.0)"));
    t.put("Gelu", ElementwiseOps::gelu);
    t.put("LeakyRelu", n -> unary(n, "select($0 < 0.0, $0 * " + Literals.f32(n.attrs.f("alpha", 0.01f)) + ", $0)"));
    t.put("Elu", n -> unary(n, "select($0 < 0.0, (exp($0) - 1.0) * " + Literals.f32(n.attrs.f("alpha", 1f)) + ", $0)"));
    t.put("HardSigmoid", n -> unary(n, Activations.hardSigmoid("$0", n.attrs.f("alpha", 0.2f), n.attrs.f("beta", 0.5f))));
    t.put("HardSwish", n -> unary(n, Activations.hardSwish("$0")));
    t.put("Clip", ElementwiseOps::clip);
    t.put("Where", ElementwiseOps::where);
    t.put("Cast", n -> cast(n, OnnxTypes.require((int) n.attrs.i("to", 1), "Cast's `to`")));
    t.put("CastLike", n -> cast(n, n.in(1).dtype()));
    t.put("Identity", n -> n.alias(0, n.in(0)));
    t.put("Dropout", ElementwiseOps::dropout);
  }

  private static void infix(Node n) {
    String op = INFIX.get(n.op());
    Val a = n.in(0);
    Val b = n.in(1);
    String x = n.arg(a, b);
    String y = n.arg(b, a);
    List<Dim> shape = ShapeMath.broadcast(a.shape(), b.shape());
    if (op.equals("%") && n.attrs.i("fmod", 0) != 0) {
      // C's fmod takes the sign of the dividend; Kiln's % (floored) that of the divisor.
      String r = "(" + x + " % " + y + ")";
      String zero = resultType(a, b).isFloat() ? "0.0" : "0";
      n.out(0, "select(" + r + " * " + x + " < " + zero + ", " + r + " - " + y + ", " + r + ")", resultType(a, b), shape);
      return;
    }
    if (op.equals("==") && a.dtype().isBool()) {
      n.out(0, "(" + x + " && " + y + ") || (!" + x + " && !" + y + ")", DType.BOOL, shape);
      return;
    }
    if (op.equals("/") && a.dtype().isInt()) {
      n.im.note("Div of integer tensors: ONNX truncates toward zero, Kiln's `/` floors (they differ for negative quotients)");
    }
    boolean bool = List.of("==", "<", ">", "<=", ">=", "&&", "||").contains(op);
    DType t = bool ? DType.BOOL : resultType(a, b);
    n.out(0, x + " " + op + " " + y, t, shape);
  }

  private static DType resultType(Val a, Val b) {
    return a instanceof Val.Known && !(b instanceof Val.Known) ? b.dtype() : a.dtype();
  }

  private static void pow(Node n) {
    Val a = n.in(0);
    Val b = n.in(1);
    String x = n.arg(a, b);
    String e = n.arg(b, a);
    boolean square = b instanceof Val.Known k && k.value().size() == 1 && !k.value().isSymbolic()
        && k.value().realAt(0) == 2.0 && k.rank() <= a.rank();
    n.out(0, square ? x + " * " + x : "pow(" + x + ", " + e + ")", a.dtype(), ShapeMath.broadcast(a.shape(), b.shape()));
  }

  private static void variadic(Node n, String template) {
    Val acc = n.in(0);
    String text = n.ref(acc);
    List<Dim> shape = acc.shape();
    DType t = acc.dtype();
    for (int i = 1; i < n.inputCount(); i++) {
      Val next = n.in(i);
      text = template.replace("$0", text).replace("$1", n.arg(next, acc));
      shape = ShapeMath.broadcast(shape, next.shape());
    }
    n.out(0, text, t, shape);
  }

  /** A function of one tensor; {@code $0} in the template stands for it. */
  static void unary(Node n, String template) {
    Val x = n.in(0);
    DType t = n.op().equals("Not") ? DType.BOOL : x.dtype();
    n.out(0, template.replace("$0", n.ref(x)), t, x.shape());
  }

  private static void gelu(Node n) {
    String approx = n.attrs.s("approximate", "none");
    if (approx.equals("none")) {
      unary(n, "gelu($0)");
    } else {
      unary(n, "$0 * 0.5 * (1.0 + tanh(0.7978845608028654 * ($0 + 0.044715 * $0 * $0 * $0)))");
    }
  }

  private static void clip(Node n) {
    Val x = n.in(0);
    String lo;
    String hi;
    if (n.opset() < 11) {
      lo = n.attrs.has("min") ? Literals.of(n.attrs.f("min", 0), x.dtype()) : null;
      hi = n.attrs.has("max") ? Literals.of(n.attrs.f("max", 0), x.dtype()) : null;
    } else {
      lo = n.has(1) ? n.arg(n.in(1), x) : null;
      hi = n.has(2) ? n.arg(n.in(2), x) : null;
    }
    n.out(0, Activations.clip(n.ref(x), lo, hi), x.dtype(), x.shape());
  }

  private static void where(Node n) {
    Val c = n.in(0);
    Val a = n.in(1);
    Val b = n.in(2);
    List<Dim> shape = ShapeMath.broadcast(ShapeMath.broadcast(c.shape(), a.shape()), b.shape());
    Val other = a instanceof Val.Known ? b : a;
    n.out(0, "select(" + n.ref(c) + ", " + n.arg(a, other) + ", " + n.arg(b, other) + ")", resultType(a, b), shape);
  }

  private static void cast(Node n, DType to) {
    Val x = n.in(0);
    if (x.dtype() == to) {
      n.alias(0, x);
      return;
    }
    n.out(0, to.text() + "(" + n.ref(x) + ")", to, x.shape());
  }

  private static void dropout(Node n) {
    if (n.wants(1)) throw n.unsupported("its mask output is not supported");
    n.alias(0, n.in(0));
  }
}
