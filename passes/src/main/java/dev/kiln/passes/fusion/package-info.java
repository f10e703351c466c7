/** Graph-level fusion: merging a producer kernel with its elementwise consumer into one kernel. */
package dev.kiln.passes.fusion;
