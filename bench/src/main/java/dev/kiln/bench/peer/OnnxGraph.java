package dev.kiln.bench.peer;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A small builder of ONNX models (opset 17, IR version 8) over the protobuf classes that
 * tribuo-util-onnx generates from onnx-ml.proto. Values are named strings; {@link #node} returns
 * the name of its single output, so a graph reads like the expression it computes. Weights become
 * initializers (constants ONNX Runtime may pre-pack, as Kiln binds params at compile time).
 */
public final class OnnxGraph {
  /** The opset the graphs are written against (LayerNormalization needs 17). */
  public static final int OPSET = 17;

  private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder();
  private int counter;

  public OnnxGraph(String name) {
    graph.setName(name);
  }

  /** Declares a float input; a dimension is a Long (fixed) or a String (symbolic). */
  public String input(String name, Object... dims) {
    graph.addInput(valueInfo(name, dims));
    return name;
  }

  /** Declares a float output of the graph. */
  public void output(String name, Object... dims) {
    graph.addOutput(valueInfo(name, dims));
  }

  /** A float constant with the given shape. */
  public String constant(String name, float[] data, long... dims) {
    ByteBuffer bytes = ByteBuffer.allocate(data.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(data);
    graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT.getNumber())
        .addAllDims(java.util.Arrays.stream(dims).boxed().toList()).setRawData(ByteString.copyFrom(bytes.array())));
    return name;
  }

  /** A 1-d int64 constant (a Reshape target shape). */
  public String int64s(String name, long... values) {
    graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64.getNumber())
        .addDims(values.length).addAllInt64Data(java.util.Arrays.stream(values).boxed().toList()));
    return name;
  }

  /** A 0-d float constant. */
  public String scalar(float value) {
    String name = "c" + counter++;
    graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT.getNumber())
        .addFloatData(value));
    return name;
  }

  /** A node with one output; attributes are given by {@link #ints}, {@link #i} and {@link #f}. */
  public String node(String opType, String[] in, AttributeProto... attributes) {
    String out = opType.toLowerCase(java.util.Locale.ROOT) + "_" + counter++;
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(opType).setName(out).addOutput(out);
    for (String s : in) {
      n.addInput(s);
    }
    for (AttributeProto a : attributes) {
      n.addAttribute(a);
    }
    graph.addNode(n);
    return out;
  }

  /** Shorthand for {@link #node(String, String[], AttributeProto...)} without attributes. */
  public String op(String opType, String... in) {
    return node(opType, in);
  }

  public static AttributeProto ints(String name, long... values) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS)
        .addAllInts(java.util.Arrays.stream(values).boxed().toList()).build();
  }

  public static AttributeProto i(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
  }

  public static AttributeProto f(String name, float value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
  }

  /** Renames the last produced value by an Identity node, so the graph's output has a stable name. */
  public String identity(String value, String name) {
    graph.addNode(NodeProto.newBuilder().setOpType("Identity").setName(name).addInput(value).addOutput(name));
    return name;
  }

  /** The serialized model. */
  public byte[] toBytes() {
    return OnnxMl.ModelProto.newBuilder()
        .setIrVersion(8)
        .setProducerName("kiln-bench")
        .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setGraph(graph)
        .build()
        .toByteArray();
  }

  private static ValueInfoProto valueInfo(String name, Object... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Object d : dims) {
      TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
      if (d instanceof String s) {
        dim.setDimParam(s);
      } else {
        dim.setDimValue(((Number) d).longValue());
      }
      shape.addDim(dim);
    }
    return ValueInfoProto.newBuilder().setName(name)
        .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
            .setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(shape)))
        .build();
  }
}
