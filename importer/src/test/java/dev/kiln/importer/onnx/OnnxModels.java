package dev.kiln.importer.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Small ONNX models for tests, built with the generated protobuf classes. */
final class OnnxModels {
  static final int FLOAT = 1;
  static final int INT64 = 7;

  private final GraphProto.Builder g = GraphProto.newBuilder().setName("test");
  private final int opset;

  OnnxModels(int opset) {
    this.opset = opset;
  }

  /** An input; a dim is a Long (fixed) or a String (named). */
  OnnxModels input(String name, int type, Object... dims) {
    g.addInput(info(name, type, dims));
    return this;
  }

  OnnxModels output(String name, int type, Object... dims) {
    g.addOutput(info(name, type, dims));
    return this;
  }

  OnnxModels floats(String name, long[] dims, float... values) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(FLOAT);
    for (long d : dims) t.addDims(d);
    for (float v : values) t.addFloatData(v);
    g.addInitializer(t);
    return this;
  }

  OnnxModels longs(String name, long[] dims, long... values) {
    g.addInitializer(longTensor(name, dims, values));
    return this;
  }

  static TensorProto longTensor(String name, long[] dims, long... values) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(INT64);
    for (long d : dims) t.addDims(d);
    for (long v : values) t.addInt64Data(v);
    return t.build();
  }

  OnnxModels node(String op, String name, List<String> inputs, List<String> outputs, AttributeProto... attrs) {
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs).addAllOutput(outputs);
    for (AttributeProto a : attrs) n.addAttribute(a);
    g.addNode(n);
    return this;
  }

  static AttributeProto ints(String name, long... v) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long x : v) a.addInts(x);
    return a.build();
  }

  static AttributeProto i(String name, long v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
  }

  static AttributeProto tensor(String name, TensorProto t) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.TENSOR).setT(t).build();
  }

  ModelProto build() {
    return ModelProto.newBuilder().setIrVersion(7).setProducerName("test")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset)).setGraph(g).build();
  }

  Path write(Path dir, String file) throws IOException {
    Path p = dir.resolve(file);
    Files.write(p, build().toByteArray());
    return p;
  }

  private static ValueInfoProto info(String name, int type, Object... dims) {
    TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
    for (Object d : dims) {
      if (d instanceof String sym) s.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(sym));
      else s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(((Number) d).longValue()));
    }
    return ValueInfoProto.newBuilder().setName(name)
        .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(type).setShape(s))).build();
  }
}
