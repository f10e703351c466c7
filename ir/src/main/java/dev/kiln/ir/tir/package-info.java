/** The loop-nest IR (TensorIR-style): PrimFuncs of buffers, loops and blocks with spatial and reduction iteration variables; structural equality, hashing and the verifier. */
package dev.kiln.ir.tir;
