/** What every benchmark shares: deterministic data, the output agreement check, the thread setting. */
package dev.kiln.bench.support;
