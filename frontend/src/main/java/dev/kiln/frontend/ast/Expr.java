package dev.kiln.frontend.ast;

/** An expression. The same syntax serves op bodies, model bodies, dimensions and schedule arguments. */
public sealed interface Expr extends Node
    permits Name, IntLit, FloatLit, BoolLit, StringLit, UnaryExpr, BinaryExpr, CallExpr, IndexExpr, ListExpr {}
