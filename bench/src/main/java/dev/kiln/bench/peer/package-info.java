/** The peers Kiln is measured against: OpenBLAS sgemm (JavaCPP presets) and ONNX Runtime for Java. */
package dev.kiln.bench.peer;
