package dev.kiln.ir.tensorize;

/** Why a loop nest does not match a tensor intrinsic's description; the message is the reason. */
public final class TensorizeMismatch extends RuntimeException {
  public TensorizeMismatch(String reason) { super(reason, null, false, false); }
}
