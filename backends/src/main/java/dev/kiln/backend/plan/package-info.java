/** Translation of graph IR into the runtime's execution plan. */
package dev.kiln.backend.plan;
