/**
 * Partitioning of dynamic models (issue "Compile dynamic models"): control flow separated from the
 * straight-line sub-graphs it runs, following DyCL.
 */
package dev.kiln.passes.partition;
