package dev.kiln.ir.schedule;

/**
 * A schedule primitive cannot be applied: the message names the offending loop or block and says
 * why. The schedule state is unchanged when this is thrown. The front end turns it into a
 * diagnostic at the primitive's span.
 */
public class ScheduleException extends RuntimeException {
  public ScheduleException(String message) { super(message); }
}
