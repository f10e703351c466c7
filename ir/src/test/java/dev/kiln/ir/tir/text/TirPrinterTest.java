package dev.kiln.ir.tir.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.ir.DType;
import dev.kiln.ir.tir.BinOp;
import dev.kiln.ir.tir.Binary;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.Fixtures;
import dev.kiln.ir.tir.FloatImm;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.IntImm;
import dev.kiln.ir.tir.LetStmt;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Store;
import dev.kiln.ir.tir.UnOp;
import dev.kiln.ir.tir.Unary;
import dev.kiln.ir.tir.Var;
import java.util.List;
import org.junit.jupiter.api.Test;

class TirPrinterTest {
  @Test
  void matmul() {
    assertEquals("""
        func matmul(A: f32[M, K], B: f32[K, N]) -> (C: f32[M, N]) {
          sizes M, K, N
          block root {
            alloc t: f32[M] local
            for i in 0 .. M {
              for j in 0 .. N parallel {
                for k in 0 .. K {
                  block C(vi: S[0:M] = i, vj: S[0:N] = j, vk: R[0:K] = k) {
                    reads A[vi, vk], B[vk, vj]
                    writes C[vi, vj]
                    init { C[vi, vj] = 0.0f32 }
                    C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]
                  }
                }
              }
            }
          }
        }
        """, TirPrinter.print(Fixtures.matmul()));
  }

  @Test
  void softmaxLikeRenamesRepeatedHintsAndPrintsPredicate() {
    assertEquals("""
        func softmax_like(X: f32[N, D]) -> (Y: f32[N, D]) {
          sizes N, D
          block root {
            alloc m: f32[N] shared
            for i in 0 .. N {
              for j in 0 .. D {
                block max(vi: S[0:N] = i, vj: R[0:D] = j) {
                  reads X[vi, vj]
                  writes m[vi]
                  init { m[vi] = -inf_f32 }
                  m[vi] = max(m[vi], X[vi, vj])
                }
              }
            }
            for i_1 in 0 .. N parallel {
              for j_1 in 0 .. (D + 3) / 4 {
                for j_2 in 0 .. 4 vectorized {
                  block exp(vi_1: S[0:N] = i_1, vj_1: S[0:D] = j_1 * 4 + j_2) where j_1 * 4 + j_2 < D {
                    reads X[vi_1, vj_1], m[vi_1]
                    writes Y[vi_1, vj_1]
                    Y[vi_1, vj_1] = exp(X[vi_1, vj_1] - m[vi_1])
                  }
                }
              }
            }
          }
        }
        """, TirPrinter.print(Fixtures.softmaxLike()));
  }

  @Test
  void everyLoopKindLetIfSeqAndExpressionKind() {
    assertEquals("""
        func kinds(X: f32[N]) -> (Y: f64[N, 4], Z: i64[]) {
          sizes N
          for a in 0 .. N parallel {
            for b in 0 .. 4 vectorized {
              for c in 2 .. 5 unroll {
                for d in b .. b + 8 thread "threadIdx.x" {
                  for e in a * 2 .. a * 2 + (N - a) {
                    let t: i32 = e + d
                    let q: i32 = t
                    Y[(a - (b - -1)) / 2 % N, 0] = select(a >= b && !(c == d) || a <= 3 != false, pow(f64(-X[a]), 0.1f64), -0.0f64)
                    let s: f32 = sqrt(min(X[a], 1.0E-5f32)) {
                      X[a] = s * (s + 3.0f32)
                    }
                    if a < b {
                      Z[] = max(Z[], 7i64)
                    } else {
                      seq {
                        Z[] = i64(u8(-3i8))
                      }
                    }
                  }
                }
              }
            }
          }
        }
        """, TirPrinter.print(Fixtures.kinds()));
  }

  @Test
  void namesAreMadeUniqueAndValidInOrderOfAppearance() {
    Var i = Var.index("i");
    Var i2 = Var.index("i");
    Var i1 = Var.index("i_1");
    Var kw = Var.index("for");
    Var empty = Var.index("");
    Var dotted = Var.index("i.outer");
    Buffer buf = new Buffer("i", DType.I32, List.of(Expr.i32(4)));
    Stmt s = For.serial(i, Expr.i32(0), Expr.i32(4), For.serial(i2, Expr.i32(0), Expr.i32(4),
        For.serial(i1, Expr.i32(0), Expr.i32(4), new LetStmt(kw, i, new LetStmt(empty, i2,
            new LetStmt(dotted, i1, new Store(buf, List.of(kw), new Binary(BinOp.ADD, empty, dotted))))))));
    assertEquals("""
        for i in 0 .. 4 {
          for i_1 in 0 .. 4 {
            for i_1_1 in 0 .. 4 {
              let for_: i32 = i
              let v: i32 = i_1
              let i_outer: i32 = i_1_1
              i_2[for_] = v + i_outer
            }
          }
        }
        """, TirPrinter.print(s));
  }

  @Test
  void constantsCarryTheirDtypeAndFloatsAreExact() {
    assertEquals("-7", TirPrinter.print(Expr.i32(-7)));
    assertEquals("1i64", TirPrinter.print(new IntImm(DType.I64, 1)));
    assertEquals("200u8", TirPrinter.print(new IntImm(DType.U8, 200)));
    assertEquals("true", TirPrinter.print(new IntImm(DType.BOOL, 1)));
    assertEquals("0.1f32", TirPrinter.print(new FloatImm(DType.F32, 0.1)));
    assertEquals("0.10000000149011612f32", TirPrinter.print(new FloatImm(DType.F32, 0.1f)));
    assertEquals("4.9E-324f64", TirPrinter.print(new FloatImm(DType.F64, Double.MIN_VALUE)));
    assertEquals("nan_bf16", TirPrinter.print(new FloatImm(DType.BF16, Double.NaN)));
    assertEquals("-(5)", TirPrinter.print(new Unary(UnOp.NEG, Expr.i32(5))));
    assertEquals("-(-x)", TirPrinter.print(new Unary(UnOp.NEG, new Unary(UnOp.NEG, Var.index("x")))));
  }

  @Test
  void parenthesesOnlyWhereNeeded() {
    Var a = Var.index("a");
    Var b = Var.index("b");
    Var c = Var.index("c");
    assertEquals("a - (b - c)", TirPrinter.print(new Binary(BinOp.SUB, a, new Binary(BinOp.SUB, b, c))));
    assertEquals("a - b - c", TirPrinter.print(new Binary(BinOp.SUB, new Binary(BinOp.SUB, a, b), c)));
    assertEquals("(a + b) * c", TirPrinter.print(new Binary(BinOp.MUL, new Binary(BinOp.ADD, a, b), c)));
    assertEquals("a + b * c", TirPrinter.print(new Binary(BinOp.ADD, a, new Binary(BinOp.MUL, b, c))));
    assertEquals("-(a + b) / c", TirPrinter.print(new Binary(BinOp.DIV, new Unary(UnOp.NEG, new Binary(BinOp.ADD, a, b)), c)));
  }
}
