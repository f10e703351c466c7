/**
 * The reference interpreter of the loop-nest IR ({@link dev.kiln.ir.interp.Interpreter}), the
 * correctness oracle of Kiln, and {@link dev.kiln.ir.interp.ScalarOps}, the single definition of
 * the scalar math that the interpreter and the JVM backend share.
 */
package dev.kiln.ir.interp;
