/** The graph IR: a model as SSA values flowing through kernel calls, with structured if/for/while regions, plus its verifier. */
package dev.kiln.ir.graph;
