package dev.kiln.ir.interp;

import dev.kiln.ir.DType;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Block;
import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.FloatImm;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.IterKind;
import dev.kiln.ir.tir.IterVar;
import dev.kiln.ir.tir.Load;
import dev.kiln.ir.tir.Range;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Store;
import dev.kiln.ir.tir.Var;
import java.util.Arrays;
import java.util.List;

/** Terse builders for hand-written loop-nest IR in tests. */
final class Tir {
  private Tir() {}

  static Expr c(long v) { return Expr.i32(v); }
  static Expr f(double v) { return new FloatImm(DType.F32, v); }
  static Expr bin(BinOp op, Expr a, Expr b) { return new Binary(op, a, b); }
  static Expr add(Expr a, Expr b) { return bin(BinOp.ADD, a, b); }
  static Expr sub(Expr a, Expr b) { return bin(BinOp.SUB, a, b); }
  static Expr mul(Expr a, Expr b) { return bin(BinOp.MUL, a, b); }
  static Expr lt(Expr a, Expr b) { return bin(BinOp.LT, a, b); }
  static Expr load(Buffer b, Expr... idx) { return new Load(b, List.of(idx)); }
  static Stmt store(Buffer b, Expr v, Expr... idx) { return new Store(b, List.of(idx), v); }
  static Buffer buf(String name, DType t, Expr... shape) { return new Buffer(name, t, List.of(shape)); }

  static Stmt loop(Var v, Expr extent, Stmt body) { return For.serial(v, c(0), extent, body); }

  /** A block with the given iter vars bound to {@code values} (true predicate). */
  static Stmt block(String name, List<IterVar> ivs, List<Expr> values, Stmt init, Stmt body, Buffer... allocs) {
    return new BlockRealize(values, BlockRealize.TRUE,
        new Block(name, ivs, List.of(), List.of(), init, body, Arrays.asList(allocs)));
  }

  static IterVar spatial(Var v, Expr extent) { return new IterVar(v, new Range(c(0), extent), IterKind.SPATIAL); }
  static IterVar reduce(Var v, Expr extent) { return new IterVar(v, new Range(c(0), extent), IterKind.REDUCE); }

  /** The root block allocating {@code allocs} around {@code body}. */
  static Stmt root(Stmt body, Buffer... allocs) { return block("root", List.of(), List.of(), null, body, allocs); }
}
