/**
 * The thread pool that Kiln's generated parallel loops run on: {@link dev.kiln.runtime.parallel.KilnPool}
 * (one process-wide fork-join pool, sized at run time) and {@link dev.kiln.runtime.parallel.RangeTask}
 * (the chunk of a loop one thread runs).
 */
package dev.kiln.runtime.parallel;
