/**
 * The ONNX importer: {@link dev.kiln.importer.onnx.OnnxImporter} reads an ONNX model with the
 * generated protobuf classes ({@code ai.onnx.proto.OnnxMl}), folds its constant and shape
 * subgraphs over symbolic dimensions ({@link dev.kiln.importer.onnx.Dim}), translates every other
 * node into one line of Kiln ({@link dev.kiln.importer.onnx.OpTable}) and writes a {@code .kiln}
 * program with its weights as safetensors. docs/import.md describes the result.
 */
package dev.kiln.importer.onnx;
