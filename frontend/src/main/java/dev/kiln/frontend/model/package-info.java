/** Model lowering: loading files and imports into a library, and turning each {@code model} into graph IR in SSA form, with its kernels (declared ops instantiated per attributes and schedule, rank-generic operations generated as Kiln ops). */
package dev.kiln.frontend.model;
