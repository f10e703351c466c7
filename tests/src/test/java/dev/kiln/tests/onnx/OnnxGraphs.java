package dev.kiln.tests.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import dev.kiln.runtime.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A small builder of ONNX test graphs over the protobuf classes tribuo-util-onnx generates from
 * onnx-ml.proto (opset 17 unless told otherwise, IR version 8), plus seeded random data for the
 * graph's inputs.
 *
 * <p>Every declared input remembers how its data is drawn (uniform floats in a range, or integers
 * in a range) and the concrete extent of each dimension, so {@link #randomInputs} returns a ready
 * input map for both ONNX Runtime and Kiln. A dimension is a number (fixed) or a {@link Sym}
 * (symbolic in the model, with the extent the random data uses). {@link #node} returns the name of
 * its single output, so a graph reads like the expression it computes; weights go in as
 * initializers ({@link #floats}, {@link #longs}).
 */
final class OnnxGraphs {
  /** The default opset of the test graphs. */
  static final int OPSET = 17;

  /** A symbolic dimension: its name in the model, and its extent in the random inputs. */
  record Sym(String name, int value) {}

  private record InputData(String name, DataType type, int[] shape, double lo, double hi) {}

  private final GraphProto.Builder graph = GraphProto.newBuilder();
  private final List<InputData> inputs = new ArrayList<>();
  private final int opset;
  private int counter;

  private OnnxGraphs(String name, int opset) {
    graph.setName(name);
    this.opset = opset;
  }

  /** A new graph at {@link #OPSET}. */
  static OnnxGraphs graph(String name) {
    return new OnnxGraphs(name, OPSET);
  }

  /** A new graph at the given opset (for operators whose attributes moved to inputs). */
  static OnnxGraphs graph(String name, int opset) {
    return new OnnxGraphs(name, opset);
  }

  static Sym sym(String name, int value) {
    return new Sym(name, value);
  }

  /** A float32 input with data uniform in [-1, 1). */
  String f32(String name, Object... dims) {
    return f32Range(name, -1, 1, dims);
  }

  /** A float32 input with data uniform in [lo, hi). */
  String f32Range(String name, double lo, double hi, Object... dims) {
    return input(name, DataType.FLOAT, lo, hi, dims);
  }

  /** An int64 input with data uniform in the integers [lo, hi). */
  String i64(String name, long lo, long hi, Object... dims) {
    return input(name, DataType.INT64, lo, hi, dims);
  }

  private String input(String name, DataType type, double lo, double hi, Object... dims) {
    int[] shape = new int[dims.length];
    for (int i = 0; i < dims.length; i++) {
      shape[i] = dims[i] instanceof Sym s ? s.value() : ((Number) dims[i]).intValue();
    }
    graph.addInput(valueInfo(name, type, dims));
    inputs.add(new InputData(name, type, shape, lo, hi));
    return name;
  }

  /** Declares a graph output of the given element type (shape left to shape inference). */
  OnnxGraphs output(String name, DataType type) {
    graph.addOutput(ValueInfoProto.newBuilder().setName(name)
        .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(type.getNumber()))));
    return this;
  }

  /** Declares a float32 graph output. */
  OnnxGraphs output(String name) {
    return output(name, DataType.FLOAT);
  }

  /** A float32 initializer. */
  String floats(String name, float[] data, long... dims) {
    ByteBuffer bytes = ByteBuffer.allocate(data.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(data);
    graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(DataType.FLOAT.getNumber())
        .addAllDims(boxed(dims)).setRawData(ByteString.copyFrom(bytes.array())));
    return name;
  }

  /** A float32 initializer of seeded random values uniform in [-scale, scale). */
  String randomFloats(String name, long seed, double scale, long... dims) {
    long n = Arrays.stream(dims).reduce(1, (a, b) -> a * b);
    return floats(name, uniform(seed, (int) n, -scale, scale), dims);
  }

  /** An int64 initializer (dims empty for a scalar). */
  String longs(String name, long[] values, long... dims) {
    graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(DataType.INT64.getNumber())
        .addAllDims(boxed(dims)).addAllInt64Data(boxed(values)));
    return name;
  }

  /** A 1-d int64 initializer (axes, shapes, slice bounds). */
  String longs1(String name, long... values) {
    return longs(name, values, values.length);
  }

  /** A node with one output; an empty input name is an omitted optional input. */
  String node(String opType, List<String> in, AttributeProto... attributes) {
    String out = opType.toLowerCase(Locale.ROOT) + "_" + counter++;
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(opType).setName(out + "_node").addOutput(out).addAllInput(in);
    for (AttributeProto a : attributes) {
      n.addAttribute(a);
    }
    graph.addNode(n);
    return out;
  }

  /** Shorthand for a node without attributes. */
  String op(String opType, String... in) {
    return node(opType, List.of(in));
  }

  /** Ends the graph with {@code value} as its (float32) output; returns the model. */
  ModelProto model(String value) {
    return model(value, DataType.FLOAT);
  }

  /** Ends the graph with {@code value} as its only output, of element type {@code type}. */
  ModelProto model(String value, DataType type) {
    output(value, type);
    return model();
  }

  /** The model with the outputs declared so far. */
  ModelProto model() {
    return ModelProto.newBuilder()
        .setIrVersion(8)
        .setProducerName("kiln-tests")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
        .setGraph(graph.clone())
        .build();
  }

  /** Seeded random data for every declared input, by name, in declaration order. */
  Map<String, Tensor> randomInputs(long seed) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (int k = 0; k < inputs.size(); k++) {
      InputData in = inputs.get(k);
      int n = Arrays.stream(in.shape()).reduce(1, (a, b) -> a * b);
      long s = seed * 1_000_003L + k;
      Tensor t = switch (in.type()) {
        case FLOAT -> Tensor.of(uniform(s, n, in.lo(), in.hi()), in.shape());
        case INT64 -> {
          SplittableRandom r = new SplittableRandom(s);
          long[] v = new long[n];
          for (int i = 0; i < n; i++) {
            v[i] = r.nextLong((long) in.lo(), (long) in.hi());
          }
          yield Tensor.of(v, in.shape());
        }
        default -> throw new IllegalArgumentException("no random data for " + in.type());
      };
      out.put(in.name(), t);
    }
    return out;
  }

  static AttributeProto ints(String name, long... values) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS)
        .addAllInts(boxed(values)).build();
  }

  static AttributeProto i(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
  }

  static AttributeProto f(String name, float value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
  }

  static AttributeProto s(String name, String value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
        .setS(ByteString.copyFromUtf8(value)).build();
  }

  /** A tensor attribute (Constant's {@code value}) holding float32 data. */
  static AttributeProto tensor(String name, float[] data, long... dims) {
    ByteBuffer bytes = ByteBuffer.allocate(data.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(data);
    TensorProto t = TensorProto.newBuilder().setDataType(DataType.FLOAT.getNumber()).addAllDims(boxed(dims))
        .setRawData(ByteString.copyFrom(bytes.array())).build();
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.TENSOR).setT(t).build();
  }

  /** {@code n} floats uniform in [lo, hi) from seed {@code seed}. */
  static float[] uniform(long seed, int n, double lo, double hi) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) (lo + r.nextDouble() * (hi - lo));
    }
    return out;
  }

  private static List<Long> boxed(long... values) {
    return Arrays.stream(values).boxed().toList();
  }

  private static ValueInfoProto valueInfo(String name, DataType type, Object... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Object d : dims) {
      TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
      if (d instanceof Sym s) {
        dim.setDimParam(s.name());
      } else {
        dim.setDimValue(((Number) d).longValue());
      }
      shape.addDim(dim);
    }
    return ValueInfoProto.newBuilder().setName(name)
        .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
            .setElemType(type.getNumber()).setShape(shape)))
        .build();
  }
}
