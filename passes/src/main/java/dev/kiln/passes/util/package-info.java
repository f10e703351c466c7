/** Helpers shared by passes: copying loop-nest IR with fresh binders, and rebuilding graph regions. */
package dev.kiln.passes.util;
