package dev.kiln.frontend.ast;

/** A statement in a model body. */
public sealed interface ModelStmt extends Node
    permits ParamDecl, Assign, IfStmt, ForStmt, WhileStmt, ReturnStmt {}
