package dev.kiln.ir.interp;

import dev.kiln.diag.InternalCompilerError;
import dev.kiln.ir.tensorize.TensorIntrinsic;
import dev.kiln.ir.tensorize.TensorIntrinsics;
import dev.kiln.ir.tir.Block;
import dev.kiln.ir.tir.IntrinsicCall;
import dev.kiln.ir.tir.BlockRealize;
import dev.kiln.ir.tir.Buffer;
import dev.kiln.ir.tir.Expr;
import dev.kiln.ir.tir.For;
import dev.kiln.ir.tir.IfThenElse;
import dev.kiln.ir.tir.IterKind;
import dev.kiln.ir.tir.IterVar;
import dev.kiln.ir.tir.LetStmt;
import dev.kiln.ir.tir.Seq;
import dev.kiln.ir.tir.Stmt;
import dev.kiln.ir.tir.Store;
import java.util.ArrayList;
import java.util.List;

/**
 * Executes loop-nest IR statements by structural recursion over a {@link Frame}.
 *
 * <ul>
 *   <li>{@code For}: min and extent are evaluated once on entry; the variable runs from min to
 *       min + extent - 1. Every loop kind runs serially here (kinds never change results).</li>
 *   <li>{@code BlockRealize}: iter values are evaluated and bound, then the predicate; when it
 *       holds, the block's allocated buffers are created zeroed (shapes evaluated now), then, if
 *       the block has an init and every REDUCE iter var equals its domain min, init runs, then
 *       the body. Bindings are dropped when the block ends.</li>
 *   <li>{@code Store}: indices are bounds-checked per dimension; the value narrows to the buffer's
 *       element type.</li>
 * </ul>
 */
final class StmtExecutor {
  private final Frame frame;
  private final ExprEvaluator eval;

  StmtExecutor(Frame frame) {
    this.frame = frame;
    this.eval = new ExprEvaluator(frame);
  }

  ExprEvaluator evaluator() { return eval; }

  void exec(Stmt s) {
    switch (s) {
      case Seq q -> { for (Stmt x : q.stmts()) exec(x); }
      case For f -> execFor(f);
      case Store st -> execStore(st);
      case IfThenElse ite -> {
        if (eval.evalBool(ite.cond())) exec(ite.then());
        else if (ite.otherwise() != null) exec(ite.otherwise());
      }
      case LetStmt let -> {
        Frame.Cell c = value(let.value());
        Frame.Cell prev = frame.bindVar(let.var(), c);
        try { exec(let.body()); } finally { frame.restoreVar(let.var(), prev); }
      }
      case BlockRealize br -> execBlock(br);
      case IntrinsicCall c -> execIntrinsic(c);
    }
  }

  private Frame.Cell value(Expr e) {
    Frame.Cell c = new Frame.Cell();
    if (e.dtype().isFloat()) c.f = eval.evalFloat(e);
    else c.i = eval.evalInt(e);
    return c;
  }

  private void execFor(For f) {
    long lo = eval.evalInt(f.min());
    long hi = lo + eval.evalInt(f.extent());
    Frame.Cell c = new Frame.Cell();
    Frame.Cell prev = frame.bindVar(f.var(), c);
    try {
      for (long i = lo; i < hi; i++) {
        c.i = i;
        exec(f.body());
      }
    } finally {
      frame.restoreVar(f.var(), prev);
    }
  }

  /**
   * Runs the intrinsic's description on the call's whole arrays: the buffer-length size variables
   * get the arrays' lengths, the scalar parameters the evaluated arguments.
   */
  private void execIntrinsic(IntrinsicCall c) {
    TensorIntrinsic t = TensorIntrinsics.get(c.intrinsic());
    String bad = TensorIntrinsics.checkCall(c);
    if (bad != null) throw new InternalCompilerError(bad);
    int nb = c.buffers().size();
    Object[] arrays = new Object[nb];
    int[] sizes = new int[nb + c.args().size()];
    for (int i = 0; i < nb; i++) {
      arrays[i] = frame.buffer(c.buffers().get(i)).array();
      sizes[i] = java.lang.reflect.Array.getLength(arrays[i]);
    }
    for (int i = 0; i < c.args().size(); i++) sizes[nb + i] = (int) eval.evalInt(c.args().get(i));
    Interpreter.run(t.description(), arrays, sizes);
  }

  private void execStore(Store st) {
    Object array = frame.buffer(st.buffer()).array();
    int off = eval.offset(st.buffer(), st.indices(), "store");
    if (st.value().dtype().isFloat()) Storage.writeFloat(array, st.buffer().dtype(), off, eval.evalFloat(st.value()));
    else Storage.writeInt(array, st.buffer().dtype(), off, eval.evalInt(st.value()));
  }

  private void execBlock(BlockRealize br) {
    Block b = br.block();
    List<IterVar> ivs = b.iterVars();
    List<Frame.Cell> previous = new ArrayList<>();
    List<Frame.Cell> cells = new ArrayList<>();
    for (int k = 0; k < ivs.size(); k++) cells.add(value(br.iterValues().get(k)));
    for (int k = 0; k < ivs.size(); k++) previous.add(frame.bindVar(ivs.get(k).var(), cells.get(k)));
    try {
      if (!eval.evalBool(br.predicate())) return;
      List<Frame.Bound> prevBufs = new ArrayList<>();
      for (Buffer buf : b.allocs()) prevBufs.add(frame.bindBuffer(allocate(buf)));
      try {
        if (b.init() != null && atReductionStart(ivs, cells)) exec(b.init());
        exec(b.body());
      } finally {
        frame.restoreBuffers(b.allocs(), prevBufs);
      }
    } finally {
      for (int k = ivs.size() - 1; k >= 0; k--) frame.restoreVar(ivs.get(k).var(), previous.get(k));
    }
  }

  private boolean atReductionStart(List<IterVar> ivs, List<Frame.Cell> cells) {
    for (int k = 0; k < ivs.size(); k++) {
      IterVar iv = ivs.get(k);
      if (iv.kind() == IterKind.REDUCE && cells.get(k).i != eval.evalInt(iv.dom().min())) return false;
    }
    return true;
  }

  /** A zeroed array for {@code buf}, its shape evaluated in the current frame. */
  Frame.Bound allocate(Buffer buf) {
    int[] shape = shapeOf(buf);
    long n = 1;
    for (int d : shape) n *= d;
    if (n > Integer.MAX_VALUE) throw new InternalCompilerError("buffer " + buf.name() + " too large: " + n);
    return new Frame.Bound(buf, Storage.allocate(buf.dtype(), (int) n), shape);
  }

  int[] shapeOf(Buffer buf) {
    int[] shape = new int[buf.rank()];
    for (int d = 0; d < shape.length; d++) {
      long e = eval.evalInt(buf.shape().get(d));
      if (e < 0) throw new InternalCompilerError("buffer " + buf.name() + " has negative extent " + e);
      shape[d] = (int) e;
    }
    return shape;
  }
}
