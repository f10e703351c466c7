/**
 * Applies {@code schedule} blocks of the Kiln language to the PrimFunc lowered from an op:
 * {@link dev.kiln.frontend.schedule.ScheduleApplier} resolves axis names, checks arguments and
 * turns every failure into a diagnostic at the primitive's span.
 */
package dev.kiln.frontend.schedule;
