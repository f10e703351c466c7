/** Shape specialization of shape-generic kernels (symbolic shapes, issue "Compile dynamic models"). */
package dev.kiln.passes.specialize;
