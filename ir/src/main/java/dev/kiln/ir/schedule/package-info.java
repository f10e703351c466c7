/**
 * Schedule primitives over one loop-nest {@link dev.kiln.ir.tir.PrimFunc}: a mutable
 * {@link dev.kiln.ir.schedule.Schedule} whose primitives (split, fuse, reorder, parallel, vectorize,
 * unroll, bind, compute_inline, reverse_compute_inline, decompose_reduction, cache_read,
 * cache_write, compute_at, reverse_compute_at, rfactor, blockize) are deterministic functions of (IR, arguments), each recorded in a replayable
 * {@link dev.kiln.ir.schedule.Trace}. A primitive whose precondition fails throws
 * {@link dev.kiln.ir.schedule.ScheduleException} and leaves the schedule unchanged.
 */
package dev.kiln.ir.schedule;
