/** Definitions shared by both IR levels, such as element types. */
package dev.kiln.ir;
