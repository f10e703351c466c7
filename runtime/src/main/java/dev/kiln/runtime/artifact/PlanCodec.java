package dev.kiln.runtime.artifact;

import dev.kiln.runtime.ElementType;
import dev.kiln.runtime.Tensor;
import dev.kiln.runtime.plan.Dim;
import dev.kiln.runtime.plan.InputSpec;
import dev.kiln.runtime.plan.OutputSpecs;
import dev.kiln.runtime.plan.Instr;
import dev.kiln.runtime.plan.IntExpr;
import dev.kiln.runtime.plan.ParamSpec;
import dev.kiln.runtime.plan.Plan;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary encoding of a {@link Plan} ({@code plan.bin}), big-endian via
 * {@link DataOutputStream}.
 *
 * <p>Layout: magic {@code "KPLN"}, format version (int, currently {@value #VERSION}), then the
 * plan's fields in record order. Strings are an int byte length (-1 for null) and UTF-8 bytes;
 * lists are an int count and their elements; element types are their text ({@code "f32"});
 * instructions, dims and int expressions are a tag byte and their fields; tensors are dtype,
 * rank, dims and the in-memory storage elements (f16/bf16 as 4-byte floats, so constants survive
 * exactly). Decoding rejects a bad magic, an unknown version or tag, a count larger than the
 * remaining bytes, nesting deeper than {@value #MAX_DEPTH} and trailing bytes with an
 * {@link IOException}; it never allocates more than the input can describe.
 */
public final class PlanCodec {
  /** The current format version. */
  public static final int VERSION = 1;
  private static final int MAGIC = 0x4B504C4E;
  private static final int MAX_DEPTH = 256;

  private static final int CALL = 1;
  private static final int CONST = 2;
  private static final int COPY = 3;
  private static final int SHAPE_DIM = 4;
  private static final int IF = 5;
  private static final int FOR = 6;
  private static final int WHILE = 7;
  private static final int RETURN = 8;
  private static final int CHECK_INDEX = 9;
  private static final int RESHAPE = 10;

  private PlanCodec() {}

  /** Encodes a plan. */
  public static byte[] encode(Plan plan) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      new Writer(out).plan(plan);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode plan", e);
    }
    return bytes.toByteArray();
  }

  /** Decodes a plan; a malformed encoding is an {@link IOException} saying what is wrong. */
  public static Plan decode(byte[] data) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
    try {
      if (in.readInt() != MAGIC) {
        throw new StreamCorruptedException("not a Kiln plan (bad magic)");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new StreamCorruptedException("plan format version " + version
            + " is not supported (this runtime reads version " + VERSION + ")");
      }
      Plan plan = new Reader(in).plan();
      if (in.available() > 0) {
        throw new StreamCorruptedException(in.available() + " trailing bytes after the plan");
      }
      return plan;
    } catch (RuntimeException e) {
      throw new StreamCorruptedException("malformed plan: " + e.getMessage());
    }
  }

  private record Writer(DataOutputStream out) {
    void plan(Plan p) throws IOException {
      str(p.modelName());
      out.writeInt(p.numSlots());
      out.writeInt(p.inputs().size());
      for (InputSpec in : p.inputs()) {
        str(in.name());
        str(in.dtype().text());
        dims(in.shape());
        out.writeInt(in.slot());
        str(in.location());
      }
      out.writeInt(p.params().size());
      for (ParamSpec ps : p.params()) {
        str(ps.name());
        str(ps.key());
        str(ps.dtype().text());
        ints(ps.shape());
        str(ps.location());
        out.writeInt(ps.slot());
      }
      strs(p.outputNames());
      block(p.body());
      strs(p.kernelClassNames());
      out.writeBoolean(p.outputSpecs() != null);
      if (p.outputSpecs() != null) {
        for (List<Dim> shape : p.outputSpecs().shapes()) {
          dims(shape);
        }
        str(p.outputSpecs().location());
      }
    }

    void dims(List<Dim> shape) throws IOException {
      out.writeInt(shape.size());
      for (Dim d : shape) {
        switch (d) {
          case Dim.Fixed f -> {
            out.writeByte(0);
            out.writeInt(f.value());
          }
          case Dim.Symbol s -> {
            out.writeByte(1);
            str(s.name());
          }
        }
      }
    }

    void block(List<Instr> body) throws IOException {
      out.writeInt(body.size());
      for (Instr i : body) {
        instr(i);
      }
    }

    void instr(Instr instr) throws IOException {
      switch (instr) {
        case Instr.CallKernel c -> {
          out.writeByte(CALL);
          out.writeInt(c.kernel());
          ints(c.args());
          ints(c.results());
          shapes(c.argShapes());
          shapes(c.resultShapes());
          types(c.argTypes());
          types(c.resultTypes());
          out.writeInt(c.numSizes());
          str(c.opName());
          str(c.location());
        }
        case Instr.Const c -> {
          out.writeByte(CONST);
          out.writeInt(c.slot());
          tensor(c.value());
        }
        case Instr.Copy c -> {
          out.writeByte(COPY);
          out.writeInt(c.dst());
          out.writeInt(c.src());
        }
        case Instr.ShapeDim s -> {
          out.writeByte(SHAPE_DIM);
          out.writeInt(s.dst());
          out.writeInt(s.src());
          out.writeInt(s.axis());
        }
        case Instr.If f -> {
          out.writeByte(IF);
          out.writeInt(f.cond());
          block(f.then());
          block(f.otherwise());
          str(f.location());
        }
        case Instr.For f -> {
          out.writeByte(FOR);
          out.writeInt(f.var());
          out.writeInt(f.lo());
          out.writeInt(f.hi());
          block(f.body());
          str(f.location());
        }
        case Instr.While w -> {
          out.writeByte(WHILE);
          block(w.condBody());
          out.writeInt(w.cond());
          block(w.body());
          str(w.location());
        }
        case Instr.Return r -> {
          out.writeByte(RETURN);
          ints(r.values());
        }
        case Instr.Reshape r -> {
          out.writeByte(RESHAPE);
          out.writeInt(r.dst());
          out.writeInt(r.src());
          shapes(List.of(r.shape()));
          str(r.location());
        }
        case Instr.CheckIndex c -> {
          out.writeByte(CHECK_INDEX);
          out.writeInt(c.index());
          out.writeInt(c.tensor());
          out.writeInt(c.axis());
          str(c.location());
        }
      }
    }

    void shapes(List<List<IntExpr>> shapes) throws IOException {
      out.writeInt(shapes.size());
      for (List<IntExpr> s : shapes) {
        out.writeInt(s.size());
        for (IntExpr e : s) {
          expr(e);
        }
      }
    }

    void expr(IntExpr e) throws IOException {
      switch (e) {
        case IntExpr.Const c -> {
          out.writeByte(1);
          out.writeLong(c.v());
        }
        case IntExpr.Size s -> {
          out.writeByte(2);
          out.writeInt(s.index());
        }
        case IntExpr.Add(IntExpr a, IntExpr b) -> binary(3, a, b);
        case IntExpr.Sub(IntExpr a, IntExpr b) -> binary(4, a, b);
        case IntExpr.Mul(IntExpr a, IntExpr b) -> binary(5, a, b);
        case IntExpr.FloorDiv(IntExpr a, IntExpr b) -> binary(6, a, b);
        case IntExpr.FloorMod(IntExpr a, IntExpr b) -> binary(7, a, b);
      }
    }

    void binary(int tag, IntExpr a, IntExpr b) throws IOException {
      out.writeByte(tag);
      expr(a);
      expr(b);
    }

    void types(List<ElementType> types) throws IOException {
      out.writeInt(types.size());
      for (ElementType t : types) {
        str(t.text());
      }
    }

    void tensor(Tensor t) throws IOException {
      str(t.dtype().text());
      ints(t.shape());
      Object d = t.data();
      switch (t.dtype()) {
        case F32, F16, BF16 -> {
          for (float v : (float[]) d) {
            out.writeFloat(v);
          }
        }
        case F64 -> {
          for (double v : (double[]) d) {
            out.writeDouble(v);
          }
        }
        case I8, U8 -> out.write((byte[]) d);
        case I16 -> {
          for (short v : (short[]) d) {
            out.writeShort(v);
          }
        }
        case I32 -> {
          for (int v : (int[]) d) {
            out.writeInt(v);
          }
        }
        case I64 -> {
          for (long v : (long[]) d) {
            out.writeLong(v);
          }
        }
        case BOOL -> {
          for (boolean v : (boolean[]) d) {
            out.writeBoolean(v);
          }
        }
      }
    }

    void ints(int[] values) throws IOException {
      out.writeInt(values.length);
      for (int v : values) {
        out.writeInt(v);
      }
    }

    void strs(List<String> values) throws IOException {
      out.writeInt(values.size());
      for (String s : values) {
        str(s);
      }
    }

    void str(String s) throws IOException {
      if (s == null) {
        out.writeInt(-1);
        return;
      }
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.writeInt(b.length);
      out.write(b);
    }
  }

  private static final class Reader {
    private final DataInputStream in;
    private int depth;

    Reader(DataInputStream in) {
      this.in = in;
    }

    Plan plan() throws IOException {
      String name = str();
      int numSlots = in.readInt();
      int nInputs = count(1);
      List<InputSpec> inputs = new ArrayList<>(nInputs);
      for (int i = 0; i < nInputs; i++) {
        String inName = str();
        ElementType dtype = type();
        List<Dim> dims = dims();
        int slot = in.readInt();
        inputs.add(new InputSpec(inName, dtype, dims, slot, str()));
      }
      int nParams = count(1);
      List<ParamSpec> params = new ArrayList<>(nParams);
      for (int i = 0; i < nParams; i++) {
        params.add(new ParamSpec(str(), str(), type(), ints(), str(), in.readInt()));
      }
      List<String> outputs = strs();
      List<Instr> body = block();
      List<String> kernels = strs();
      OutputSpecs specs = null;
      if (in.readBoolean()) {
        List<List<Dim>> shapes = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
          shapes.add(dims());
        }
        specs = new OutputSpecs(shapes, str());
      }
      return new Plan(name, numSlots, inputs, params, outputs, body, kernels, specs);
    }

    List<Dim> dims() throws IOException {
      int rank = count(1);
      List<Dim> dims = new ArrayList<>(rank);
      for (int a = 0; a < rank; a++) {
        int tag = in.readByte();
        dims.add(switch (tag) {
          case 0 -> new Dim.Fixed(in.readInt());
          case 1 -> new Dim.Symbol(str());
          default -> throw new StreamCorruptedException("unknown dim tag " + tag);
        });
      }
      return dims;
    }

    List<Instr> block() throws IOException {
      if (++depth > MAX_DEPTH) {
        throw new StreamCorruptedException("control flow nested deeper than " + MAX_DEPTH);
      }
      int n = count(1);
      List<Instr> body = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        body.add(instr());
      }
      depth--;
      return body;
    }

    Instr instr() throws IOException {
      int tag = in.readByte();
      return switch (tag) {
        case CALL -> new Instr.CallKernel(in.readInt(), ints(), ints(), shapes(), shapes(),
            types(), types(), in.readInt(), str(), str());
        case CONST -> new Instr.Const(in.readInt(), tensor());
        case COPY -> new Instr.Copy(in.readInt(), in.readInt());
        case SHAPE_DIM -> new Instr.ShapeDim(in.readInt(), in.readInt(), in.readInt());
        case IF -> new Instr.If(in.readInt(), block(), block(), str());
        case FOR -> new Instr.For(in.readInt(), in.readInt(), in.readInt(), block(), str());
        case WHILE -> new Instr.While(block(), in.readInt(), block(), str());
        case RETURN -> new Instr.Return(ints());
        case CHECK_INDEX -> new Instr.CheckIndex(in.readInt(), in.readInt(), in.readInt(), str());
        case RESHAPE -> new Instr.Reshape(in.readInt(), in.readInt(), shapes().get(0), str());
        default -> throw new StreamCorruptedException("unknown instruction tag " + tag);
      };
    }

    List<List<IntExpr>> shapes() throws IOException {
      int n = count(4);
      List<List<IntExpr>> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int rank = count(1);
        List<IntExpr> dims = new ArrayList<>(rank);
        for (int a = 0; a < rank; a++) {
          dims.add(expr(0));
        }
        out.add(dims);
      }
      return out;
    }

    IntExpr expr(int level) throws IOException {
      if (level > MAX_DEPTH) {
        throw new StreamCorruptedException("shape expression nested deeper than " + MAX_DEPTH);
      }
      int tag = in.readByte();
      return switch (tag) {
        case 1 -> new IntExpr.Const(in.readLong());
        case 2 -> new IntExpr.Size(in.readInt());
        case 3 -> new IntExpr.Add(expr(level + 1), expr(level + 1));
        case 4 -> new IntExpr.Sub(expr(level + 1), expr(level + 1));
        case 5 -> new IntExpr.Mul(expr(level + 1), expr(level + 1));
        case 6 -> new IntExpr.FloorDiv(expr(level + 1), expr(level + 1));
        case 7 -> new IntExpr.FloorMod(expr(level + 1), expr(level + 1));
        default -> throw new StreamCorruptedException("unknown shape expression tag " + tag);
      };
    }

    List<ElementType> types() throws IOException {
      int n = count(4);
      List<ElementType> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(type());
      }
      return out;
    }

    ElementType type() throws IOException {
      String text = str();
      for (ElementType t : ElementType.values()) {
        if (t.text().equals(text)) {
          return t;
        }
      }
      throw new StreamCorruptedException("unknown element type '" + text + "'");
    }

    Tensor tensor() throws IOException {
      ElementType dtype = type();
      int[] shape = ints();
      long n = 1;
      for (int d : shape) {
        if (d < 0) {
          throw new StreamCorruptedException("negative dimension in a constant");
        }
        n *= d;
        if (n > in.available()) {
          throw new StreamCorruptedException("constant larger than the plan");
        }
      }
      int size = (int) n;
      Object data = dtype.newArray(size);
      switch (dtype) {
        case F32, F16, BF16 -> {
          float[] f = (float[]) data;
          for (int i = 0; i < size; i++) {
            f[i] = in.readFloat();
          }
        }
        case F64 -> {
          double[] f = (double[]) data;
          for (int i = 0; i < size; i++) {
            f[i] = in.readDouble();
          }
        }
        case I8, U8 -> in.readFully((byte[]) data);
        case I16 -> {
          short[] f = (short[]) data;
          for (int i = 0; i < size; i++) {
            f[i] = in.readShort();
          }
        }
        case I32 -> {
          int[] f = (int[]) data;
          for (int i = 0; i < size; i++) {
            f[i] = in.readInt();
          }
        }
        case I64 -> {
          long[] f = (long[]) data;
          for (int i = 0; i < size; i++) {
            f[i] = in.readLong();
          }
        }
        case BOOL -> {
          boolean[] f = (boolean[]) data;
          for (int i = 0; i < size; i++) {
            f[i] = in.readBoolean();
          }
        }
      }
      return Tensor.of(dtype, data, shape);
    }

    int[] ints() throws IOException {
      int n = count(4);
      int[] out = new int[n];
      for (int i = 0; i < n; i++) {
        out[i] = in.readInt();
      }
      return out;
    }

    List<String> strs() throws IOException {
      int n = count(4);
      List<String> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(str());
      }
      return out;
    }

    String str() throws IOException {
      int n = in.readInt();
      if (n == -1) {
        return null;
      }
      if (n < 0 || n > in.available()) {
        throw new StreamCorruptedException("bad string length " + n);
      }
      byte[] b = new byte[n];
      in.readFully(b);
      return new String(b, StandardCharsets.UTF_8);
    }

    /** Reads a count, each counted item taking at least {@code minBytes} bytes. */
    private int count(int minBytes) throws IOException {
      int n = in.readInt();
      if (n < 0 || (long) n * minBytes > in.available()) {
        throw new StreamCorruptedException("bad count " + n);
      }
      return n;
    }
  }
}
