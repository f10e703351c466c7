/** Schedules chosen by rules for kernels whose program gives none. */
package dev.kiln.passes.schedule;
