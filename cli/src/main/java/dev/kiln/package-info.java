/** The embedding facade ({@link dev.kiln.Kiln}) and the compiler pipeline ({@link dev.kiln.Pipeline}). */
package dev.kiln;
