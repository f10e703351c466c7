package dev.kiln.tests.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.kiln.runtime.ElementType;
import dev.kiln.runtime.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference: one ONNX Runtime session (one intra-op thread, sequential execution, default
 * graph optimizations) over a model given as a {@link ModelProto} or a file. {@link #run} takes
 * Kiln {@link Tensor}s by ONNX input name, converts them to ONNX Runtime tensors (f32, f64, i32,
 * i64, bool) and returns every graph output, converted back to Kiln tensors, in the graph's output
 * order. A session is kept open so a large model is loaded once and run many times; close it.
 */
final class OrtReference implements AutoCloseable {
  private final OrtSession session;

  private OrtReference(OrtSession session) {
    this.session = session;
  }

  /** A session over an in-memory model. */
  static OrtReference of(ModelProto model) {
    try {
      return new OrtReference(env().createSession(model.toByteArray(), options()));
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime rejected the test model: " + e.getMessage(), e);
    }
  }

  /** A session over a model file. */
  static OrtReference of(Path model) {
    try {
      return new OrtReference(env().createSession(model.toString(), options()));
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime rejected " + model + ": " + e.getMessage(), e);
    }
  }

  /** Runs a model once: opens a session, runs it on {@code inputs}, closes it. */
  static Map<String, Tensor> runOnce(ModelProto model, Map<String, Tensor> inputs) {
    try (OrtReference ort = of(model)) {
      return ort.run(inputs);
    }
  }

  /** The graph's output names, in order. */
  List<String> outputNames() {
    return new ArrayList<>(session.getOutputNames());
  }

  /** Runs the session; returns every output, in the graph's order. */
  Map<String, Tensor> run(Map<String, Tensor> inputs) {
    Map<String, OnnxTensor> ortInputs = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
        ortInputs.put(e.getKey(), toOrt(e.getValue()));
      }
      Map<String, Tensor> out = new LinkedHashMap<>();
      try (OrtSession.Result r = session.run(ortInputs)) {
        for (Map.Entry<String, OnnxValue> e : r) {
          out.put(e.getKey(), fromOrt(e.getKey(), (OnnxTensor) e.getValue()));
        }
      }
      return out;
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime run failed: " + e.getMessage(), e);
    } finally {
      ortInputs.values().forEach(OnnxTensor::close);
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException(e);
    }
  }

  private static OrtEnvironment env() {
    return OrtEnvironment.getEnvironment();
  }

  private static OrtSession.SessionOptions options() throws OrtException {
    OrtSession.SessionOptions o = new OrtSession.SessionOptions();
    o.setIntraOpNumThreads(1);
    o.setInterOpNumThreads(1);
    o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
    return o;
  }

  private static OnnxTensor toOrt(Tensor t) throws OrtException {
    long[] shape = Arrays.stream(t.shape()).asLongStream().toArray();
    return switch (t.dtype()) {
      case F32 -> OnnxTensor.createTensor(env(), FloatBuffer.wrap((float[]) t.data()), shape);
      case F64 -> OnnxTensor.createTensor(env(), DoubleBuffer.wrap((double[]) t.data()), shape);
      case I32 -> OnnxTensor.createTensor(env(), IntBuffer.wrap((int[]) t.data()), shape);
      case I64 -> OnnxTensor.createTensor(env(), LongBuffer.wrap((long[]) t.data()), shape);
      case BOOL -> {
        boolean[] b = (boolean[]) t.data();
        ByteBuffer bytes = ByteBuffer.allocateDirect(b.length).order(ByteOrder.nativeOrder());
        for (boolean v : b) {
          bytes.put((byte) (v ? 1 : 0));
        }
        yield OnnxTensor.createTensor(env(), bytes.rewind(), shape, OnnxJavaType.BOOL);
      }
      default -> throw new IllegalArgumentException("no ONNX Runtime input for a " + t.typeString() + " tensor");
    };
  }

  private static Tensor fromOrt(String name, OnnxTensor t) {
    TensorInfo info = t.getInfo();
    int[] shape = Arrays.stream(info.getShape()).mapToInt(Math::toIntExact).toArray();
    return switch (info.type) {
      case FLOAT -> {
        FloatBuffer b = t.getFloatBuffer();
        float[] a = new float[b.remaining()];
        b.get(a);
        yield Tensor.of(a, shape);
      }
      case DOUBLE -> {
        DoubleBuffer b = t.getDoubleBuffer();
        double[] a = new double[b.remaining()];
        b.get(a);
        yield Tensor.of(a, shape);
      }
      case INT32 -> {
        IntBuffer b = t.getIntBuffer();
        int[] a = new int[b.remaining()];
        b.get(a);
        yield Tensor.of(a, shape);
      }
      case INT64 -> {
        LongBuffer b = t.getLongBuffer();
        long[] a = new long[b.remaining()];
        b.get(a);
        yield Tensor.of(a, shape);
      }
      case BOOL -> {
        ByteBuffer b = t.getByteBuffer();
        boolean[] a = new boolean[b.remaining()];
        for (int i = 0; i < a.length; i++) {
          a[i] = b.get() != 0;
        }
        yield Tensor.of(ElementType.BOOL, a, shape);
      }
      default -> throw new IllegalStateException("output '" + name + "' has ONNX Runtime type " + info.type
          + ", which the tests do not convert");
    };
  }
}
