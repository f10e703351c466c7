/**
 * Tests of {@code kiln import} against ONNX Runtime: per-operator graphs built with the ONNX
 * protobuf classes ({@link dev.kiln.tests.onnx.OnnxGraphs}), and two real pretrained models fetched
 * by the build ({@link dev.kiln.tests.onnx.ModelFetch}) — all-MiniLM-L6-v2 on tokenized English
 * ({@link dev.kiln.tests.onnx.WordPiece}) and PaddleOCR's direction classifier — each imported,
 * compiled by Kiln, run, and compared with ONNX Runtime ({@link dev.kiln.tests.onnx.OrtReference})
 * on the same inputs ({@link dev.kiln.tests.onnx.Compare}).
 */
package dev.kiln.tests.onnx;
