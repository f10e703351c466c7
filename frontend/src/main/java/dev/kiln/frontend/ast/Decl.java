package dev.kiln.frontend.ast;

/** A top-level definition. */
public sealed interface Decl extends Node permits OpDecl, ModelDecl, ScheduleDecl {}
