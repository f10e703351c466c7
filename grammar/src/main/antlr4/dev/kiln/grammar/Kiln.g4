/*
 * The Kiln language (see DSL.md): `op`, `model` and `schedule` definitions and `import`s.
 *
 * Layout. Newlines and other white space are not significant; statements are separated only by
 * where they stand. This is unambiguous because no statement can begin with a token that could
 * continue the expression ending the statement before it: model, op and schedule statements all
 * begin with a keyword (`param if for while return`) or a NAME, and a NAME never continues an
 * expression (there is no juxtaposition). In particular `h = f(x)` followed by a line `(y)` cannot
 * arise, because no statement starts with `(`, `[`, `-` or `!`. A call is a NAME directly followed
 * by `(` (calls of arbitrary expressions do not exist), so `f` then `(x)` on the next line is still
 * the call `f(x)`.
 *
 * Lexical decisions. Keywords are reserved (see the keyword rules). Floats need digits on both
 * sides of the point (`0.5`, not `.5` or `5.`); those forms lex as BAD_NUMBER so the front end can
 * say so. `max=` and `min=` are single tokens (no space inside), while `max(`/`min(` are calls of
 * the NAME `max`/`min`; `max==` lexes as `max` `==`. Block comments do not nest. Strings are one
 * line; the lexer accepts any backslash escape and the front end rejects all but `\"` and `\\`.
 * Tokens that are always errors (BAD_NUMBER, UNTERMINATED_*, BAD_CHAR) are produced instead of
 * lexer errors so that every error is reported by the front end with a span; a bad number or an
 * unterminated string is accepted where a literal may stand (`badPrimary`) so that parsing goes
 * on undisturbed after it, and the front end never builds a tree that holds one.
 *
 * Expressions, loosest to tightest: `||`, `&&`, comparisons (`== != < <= > >=`, written as a
 * chain here and rejected as such by the front end), `+ -`, `* / % @`, unary `- !`, postfix
 * indexing. Dtype names (`f32`, `i32`, ...) and `int`/`float`/`bool` are plain NAMEs, so they serve
 * both as type names and as callees of casts such as `f32(x)`.
 */
grammar Kiln;

program      : topLevel* EOF ;

topLevel     : importDecl | opDecl | modelDecl | scheduleDecl ;

importDecl   : IMPORT STRING ;

// ---- op ---------------------------------------------------------------------------------------

opDecl       : OP NAME LPAREN inputs=paramList? (SEMI attrs=paramList?)? RPAREN
               ARROW outputs LBRACE opStmt* RBRACE ;

paramList    : param (COMMA param)* ;

param        : NAME COLON typeRef (ASSIGN expr)? ;

outputs      : LPAREN output (COMMA output)* RPAREN
             | output (COMMA output)*
             ;

output       : (NAME COLON)? typeRef ;

typeRef      : NAME (LBRACK (expr (COMMA expr)*)? RBRACK)? ;

/** `T[i, j] op= e [where v in a .. b, ...]`; the left indices are checked to be plain names later. */
opStmt       : NAME (LBRACK (expr (COMMA expr)*)? RBRACK)? reduceOp expr whereClause? ;

reduceOp     : ASSIGN | PLUS_ASSIGN | STAR_ASSIGN | MAX_ASSIGN | MIN_ASSIGN ;

whereClause  : WHERE whereRange (COMMA whereRange)* ;

whereRange   : NAME IN expr DOTDOT expr ;

// ---- model ------------------------------------------------------------------------------------

modelDecl    : MODEL NAME LPAREN paramList? RPAREN ARROW outputs LBRACE modelStmt* RBRACE ;

modelStmt    : PARAM NAME COLON typeRef (FROM STRING)?     # paramStmt
             | NAME (COMMA NAME)* ASSIGN expr               # assignStmt
             | ifStmt                                       # ifStmtAlt
             | FOR NAME IN expr DOTDOT expr block           # forStmt
             | WHILE expr block                             # whileStmt
             | RETURN expr (COMMA expr)*                    # returnStmt
             ;

ifStmt       : IF expr block (ELSE (ifStmt | block))? ;

block        : LBRACE modelStmt* RBRACE ;

// ---- schedule ---------------------------------------------------------------------------------

scheduleDecl   : SCHEDULE scheduleTarget LBRACE schedStmt* RBRACE ;

scheduleTarget : NAME (DOT NAME)? (HASH INT)? ;

schedStmt      : (NAME (COMMA NAME)* ASSIGN)? NAME LPAREN argList? RPAREN ;

// ---- expressions ------------------------------------------------------------------------------

expr         : orExpr ;

orExpr       : andExpr (OROR andExpr)* ;

andExpr      : cmpExpr (ANDAND cmpExpr)* ;

cmpExpr      : addExpr ((EQ | NE | LT | LE | GT | GE) addExpr)* ;

addExpr      : mulExpr ((PLUS | MINUS) mulExpr)* ;

mulExpr      : unaryExpr ((STAR | SLASH | PERCENT | AT) unaryExpr)* ;

unaryExpr    : (MINUS | BANG) unaryExpr
             | postfixExpr
             ;

postfixExpr  : primary (LBRACK subscript (COMMA subscript)* RBRACK)* ;

primary      : NAME LPAREN argList? RPAREN                  # callPrimary
             | NAME                                         # namePrimary
             | INT                                          # intPrimary
             | FLOAT                                        # floatPrimary
             | STRING                                       # stringPrimary
             | TRUE                                         # truePrimary
             | FALSE                                        # falsePrimary
             | LPAREN expr RPAREN                           # parenPrimary
             | LBRACK (expr (COMMA expr)*)? RBRACK          # listPrimary
             | (BAD_NUMBER | UNTERMINATED_STRING)           # badPrimary
             ;

argList      : arg (COMMA arg)* ;

arg          : NAME COLON expr                              # namedArg
             | expr                                         # positionalArg
             ;

subscript    : lo=expr? COLON hi=expr?                      # sliceSubscript
             | expr                                         # pointSubscript
             ;

// ---- lexer ------------------------------------------------------------------------------------

IMPORT       : 'import' ;
OP           : 'op' ;
MODEL        : 'model' ;
SCHEDULE     : 'schedule' ;
PARAM        : 'param' ;
FROM         : 'from' ;
IF           : 'if' ;
ELSE         : 'else' ;
FOR          : 'for' ;
IN           : 'in' ;
WHILE        : 'while' ;
RETURN       : 'return' ;
WHERE        : 'where' ;
TRUE         : 'true' ;
FALSE        : 'false' ;

MAX_ASSIGN   : 'max=' {_input.LA(1) != '='}? ;
MIN_ASSIGN   : 'min=' {_input.LA(1) != '='}? ;
PLUS_ASSIGN  : '+=' ;
STAR_ASSIGN  : '*=' ;

ARROW        : '->' ;
DOTDOT       : '..' ;
EQ           : '==' ;
NE           : '!=' ;
LE           : '<=' ;
GE           : '>=' ;
LT           : '<' ;
GT           : '>' ;
ANDAND       : '&&' ;
OROR         : '||' ;
ASSIGN       : '=' ;
PLUS         : '+' ;
MINUS        : '-' ;
STAR         : '*' ;
SLASH        : '/' ;
PERCENT      : '%' ;
AT           : '@' ;
BANG         : '!' ;
LPAREN       : '(' ;
RPAREN       : ')' ;
LBRACK       : '[' ;
RBRACK       : ']' ;
LBRACE       : '{' ;
RBRACE       : '}' ;
COMMA        : ',' ;
COLON        : ':' ;
SEMI         : ';' ;
DOT          : '.' ;
HASH         : '#' ;

FLOAT        : DIGITS '.' DIGITS EXPONENT?
             | DIGITS EXPONENT
             ;
INT          : DIGITS ;
/** `.5` or `5.`: reported as an error ("write 0.5"); `5..9` still lexes as a range. */
BAD_NUMBER   : '.' DIGITS EXPONENT?
             | DIGITS '.' {_input.LA(1) != '.'}?
             ;

NAME         : [A-Za-z_] [A-Za-z0-9_]* ;

STRING       : '"' ( '\\' ~[\r\n] | ~["\\\r\n] )* '"' ;
UNTERMINATED_STRING : '"' ( '\\' ~[\r\n]? | ~["\\\r\n] )* ;

LINE_COMMENT  : '//' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
UNTERMINATED_COMMENT : '/*' ( ~'*' | '*'+ ~[*/] )* '*'* EOF ;
WS            : [ \t\r\n\f]+ -> skip ;

/** Any other character; always a syntax error. */
BAD_CHAR     : . ;

fragment DIGITS   : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? [0-9]+ ;
