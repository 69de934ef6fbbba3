// Statements and expressions of the Couchbase N1QL (SQL++) dialect, shaped after
// couchbase/query's n1ql.y. Written to stay SLL-friendly: alternatives are told apart by their
// first one or two tokens wherever N1QL allows it, so the fast SLL pass almost never falls back.
parser grammar N1qlParser;

options { tokenVocab = N1qlLexer; }

statementInput: statement SEMI* EOF;
expressionInput: expr EOF;

statement
  : explainStatement
  | prepareStatement
  | executeStatement
  | innerStatement
  ;

// Statements EXPLAIN and PREPARE may wrap (they do not nest, as in N1QL).
innerStatement
  : selectStatement
  | insertStatement
  | updateStatement
  | deleteStatement
  | mergeStatement
  | createIndexStatement
  | dropIndexStatement
  | keyspaceDdlStatement
  | transactionStatement
  | inferStatement
  ;

explainStatement: EXPLAIN innerStatement;
prepareStatement: PREPARE FORCE? (prepareName (FROM | AS))? innerStatement;
prepareName: identifier | STRING;
executeStatement: EXECUTE (identifier | STRING | parameter) (USING expr)?;

// ---- SELECT ----

selectStatement
  : withClause? selectTerm (setOperator selectTerm)* orderByClause?
    (limitClause offsetClause? | offsetClause limitClause?)?
  ;
withClause: WITH RECURSIVE? withTerm (COMMA withTerm)*;
withTerm: identifier AS LPAREN (selectStatement | expr) RPAREN (OPTIONS expr)?;
setOperator: (UNION | INTERSECT | EXCEPT) ALL?;
selectTerm: selectBlock | LPAREN selectStatement RPAREN;
selectBlock: SELECT (DISTINCT | ALL)? projection fromClause? letClause? whereClause? groupByClause?;

projection
  : (RAW | ELEMENT | VALUE) expr alias?                 #rawProjection
  | resultTerm (COMMA resultTerm)*                      #termsProjection
  ;
resultTerm: STAR | expr (DOT STAR | alias)?;
alias: AS? identifier;

fromClause: FROM fromSource joinClause*;
// A bare path of one to three identifiers is a keyspace; any other expression (including a
// parenthesised subquery) is an expression term. The transform tells them apart.
fromSource
  : identifier COLON keyspacePath alias? useClause?     #namespacedSource
  | expr alias? useClause?                              #exprSource
  ;
keyspacePath: identifier (DOT identifier (DOT identifier)?)?;
keyspaceRef: identifier COLON keyspacePath | keyspacePath | parameter;

joinClause
  : joinType? (JOIN | NEST) fromSource joinPredicate    #joinOrNest
  | joinType? (UNNEST | FLATTEN) expr alias?            #unnest
  ;
joinType: INNER | LEFT OUTER?;
joinPredicate: ON (PRIMARY? KEYS expr | KEY expr FOR identifier | expr);

useClause: USE useOption+;
useOption
  : PRIMARY? KEYS VALIDATE? expr                        #useKeys
  | INDEX LPAREN indexRef (COMMA indexRef)* RPAREN      #useIndex
  | HASH LPAREN (BUILD | PROBE) RPAREN                  #useHash
  | NL                                                  #useNestedLoop
  ;
indexRef: identifier indexUsing? | indexUsing;
indexUsing: USING (GSI | FTS | VIEW);

letClause: LET letBinding (COMMA letBinding)*;
letBinding: identifier EQ expr;
whereClause: WHERE expr;
groupByClause: GROUP BY groupTerm (COMMA groupTerm)* lettingClause? havingClause?;
groupTerm: expr alias?;
lettingClause: LETTING letBinding (COMMA letBinding)*;
havingClause: HAVING expr;
orderByClause: ORDER BY orderTerm (COMMA orderTerm)*;
orderTerm: expr (ASC | DESC)? (NULLS (FIRST | LAST))?;
limitClause: LIMIT expr;
offsetClause: OFFSET expr;

// ---- DML ----

insertStatement: (INSERT | UPSERT) INTO keyspaceRef alias? insertSource returningClause?;
insertSource
  : valuesHeader? VALUES valuesTuple (COMMA VALUES? valuesTuple)*                     #insertValues
  | LPAREN PRIMARY? KEY expr (COMMA VALUE expr)? (COMMA OPTIONS expr)? RPAREN selectStatement  #insertSelect
  ;
valuesHeader: LPAREN PRIMARY? KEY COMMA VALUE (COMMA OPTIONS)? RPAREN;
valuesTuple: LPAREN expr COMMA expr (COMMA expr)? RPAREN;

updateStatement
  : UPDATE keyspaceRef alias? useClause? letClause? (setClause unsetClause? | unsetClause)
    whereClause? limitClause? returningClause?
  ;
setClause: SET setTerm (COMMA setTerm)*;
setTerm: path EQ expr updateFor?;
unsetClause: UNSET unsetTerm (COMMA unsetTerm)*;
unsetTerm: path updateFor?;
updateFor: (FOR binding (COMMA binding)*)+ (WHEN expr)? END;
// A SET/UNSET target: a field path, or META([alias]).field.
path: identifier (LPAREN identifier? RPAREN)? pathStep*;
pathStep: DOT fieldName | DOT LBRACKET expr RBRACKET | LBRACKET expr RBRACKET;

deleteStatement
  : DELETE FROM keyspaceRef alias? useClause? letClause? whereClause? limitClause? returningClause?
  ;
returningClause: RETURNING projection;

mergeStatement
  : MERGE INTO keyspaceRef alias? USING fromSource ON (PRIMARY? KEY)? expr mergeAction+
    limitClause? returningClause?
  ;
mergeAction
  : WHEN MATCHED THEN UPDATE setClause? unsetClause? whereClause?  #mergeUpdate
  | WHEN MATCHED THEN DELETE whereClause?                          #mergeDelete
  | WHEN NOT MATCHED THEN INSERT mergeInsertValue whereClause?     #mergeInsert
  ;
mergeInsertValue
  : LPAREN KEY expr (COMMA VALUE expr)? (COMMA OPTIONS expr)? RPAREN
  | expr
  ;

// ---- DDL ----

createIndexStatement
  : CREATE PRIMARY INDEX identifier? ifNotExists? ON keyspaceRef indexUsing? indexWith?  #createPrimaryIndex
  | CREATE INDEX identifier ifNotExists? ON keyspaceRef LPAREN indexKey (COMMA indexKey)* RPAREN
    (WHERE expr)? indexUsing? indexWith?                                                 #createSecondaryIndex
  ;
indexKey: (DISTINCT | ALL)? expr (ASC | DESC)?;
indexWith: WITH expr;
dropIndexStatement
  : DROP PRIMARY INDEX identifier? ifExists? ON keyspaceRef indexUsing?           #dropPrimaryIndex
  | DROP INDEX ddlPath ifExists? (ON keyspaceRef)? indexUsing?                    #dropSecondaryIndex
  ;
keyspaceDdlStatement
  : CREATE BUCKET ifNotExists? identifier                                         #createBucket
  | DROP BUCKET ifExists? identifier                                              #dropBucket
  | CREATE (SCOPE | COLLECTION) ifNotExists? ddlPath ifNotExists?                 #createScopeOrCollection
  | DROP (SCOPE | COLLECTION) ifExists? ddlPath ifExists?                         #dropScopeOrCollection
  ;
ddlPath: (identifier COLON)? identifier (DOT identifier)*;
ifNotExists: IF NOT EXISTS;
ifExists: IF EXISTS;

// ---- Other statements ----

transactionStatement
  : (BEGIN | START) (WORK | TRAN | TRANSACTION) isolationLevel?        #beginTransaction
  | COMMIT (WORK | TRAN | TRANSACTION)?                                #commitTransaction
  | ROLLBACK (WORK | TRAN | TRANSACTION)? (TO SAVEPOINT identifier)?   #rollbackTransaction
  | SAVEPOINT identifier                                               #savepoint
  | SET TRANSACTION isolationLevel                                     #setIsolation
  ;
isolationLevel: ISOLATION LEVEL READ COMMITTED;
inferStatement: INFER (COLLECTION | KEYSPACE)? keyspaceRef (WITH expr)?;

// ---- Expressions ----
// Precedence follows n1ql.y: alternatives listed first bind tighter. Arithmetic, string
// concatenation and navigation live in bExpr, which is also what BETWEEN and LIKE take as
// operands (N1QL's b_expr), so `a BETWEEN 1 AND 2 AND c` groups as in Couchbase.

expr
  : bExpr                                                          #operandExpr
  | expr IS NOT? (NULL_ | MISSING | VALUED | KNOWN | UNKNOWN)       #isExpr
  | EXISTS expr                                                    #existsExpr
  | expr NOT? (IN | WITHIN) expr                                   #inExpr
  | expr NOT? BETWEEN bExpr AND bExpr                              #betweenExpr
  | expr NOT? LIKE bExpr (ESCAPE bExpr)?                           #likeExpr
  | expr op=(LT | GT | LE | GE) expr                               #relationalExpr
  | expr op=(EQ | DEQ | NE) expr                                   #equalityExpr
  | NOT expr                                                       #notExpr
  | expr AND expr                                                  #andExpr
  | expr OR expr                                                   #orExpr
  ;

bExpr
  : primaryExpr                                                    #primaryBExpr
  | bExpr DOT fieldName                                            #fieldBExpr
  | bExpr DOT LBRACKET expr RBRACKET                               #dynamicFieldBExpr
  | bExpr LBRACKET expr (COLON expr?)? RBRACKET                    #indexBExpr
  | MINUS bExpr                                                    #negBExpr
  | bExpr op=(STAR | DIV | MOD) bExpr                              #multiplicativeBExpr
  | bExpr op=(PLUS | MINUS) bExpr                                  #additiveBExpr
  | bExpr CONCAT bExpr                                             #concatBExpr
  ;

primaryExpr
  : literal                                                        #literalPrimary
  | parameter                                                      #parameterPrimary
  | functionCall                                                   #functionPrimary
  | identifier                                                     #identifierPrimary
  | caseExpr                                                       #casePrimary
  | collectionExpr                                                 #collectionPrimary
  | LBRACKET (expr (COMMA expr)*)? RBRACKET                        #arrayPrimary
  | LBRACE (member (COMMA member)*)? RBRACE                        #objectPrimary
  | LPAREN selectStatement RPAREN                                  #subqueryPrimary
  | LPAREN expr RPAREN                                             #parenPrimary
  ;

literal: STRING | INT | NUM | TRUE | FALSE | NULL_ | MISSING;
parameter: NAMED_PARAM | POSITIONAL_PARAM | NEXT_PARAM;
member: expr COLON expr;

functionCall
  : identifier LPAREN (STAR | (DISTINCT | ALL)? expr (COMMA expr)*)? RPAREN windowClause?
  ;
windowClause
  : OVER LPAREN (PARTITION BY expr (COMMA expr)*)? (ORDER BY windowOrderTerm (COMMA windowOrderTerm)*)?
    windowFrame? RPAREN
  ;
windowOrderTerm: expr (ASC | DESC)?;
windowFrame
  : (ROWS | RANGE | GROUPS) (frameBound | BETWEEN frameBound AND frameBound) frameExclusion?
  ;
frameBound: UNBOUNDED (PRECEDING | FOLLOWING) | CURRENT ROW | bExpr (PRECEDING | FOLLOWING);
frameExclusion: EXCLUDE (CURRENT ROW | GROUP | TIES | NO OTHERS);

caseExpr: CASE operand=expr? whenThen+ (ELSE elseExpr=expr)? END;
whenThen: WHEN expr THEN expr;

collectionExpr
  : quantifier binding (COMMA binding)* SATISFIES expr END                     #quantifiedExpr
  | ARRAY expr FOR binding (COMMA binding)* (WHEN expr)? END                   #arrayForExpr
  | FIRST expr FOR binding (COMMA binding)* (WHEN expr)? END                   #firstForExpr
  | OBJECT expr COLON expr FOR binding (COMMA binding)* (WHEN expr)? END       #objectForExpr
  ;
quantifier: (ANY | SOME) (AND EVERY)? | EVERY;
binding: (identifier COLON)? identifier (IN | WITHIN) expr;

identifier: IDENTIFIER | ESCAPED_IDENTIFIER;
// After a dot every keyword is a plain field name (`doc.value`, `meta().type`).
fieldName: identifier | keyword;
keyword
  : ALL | AND | ANY | ARRAY | AS | ASC | BEGIN | BETWEEN
  | BUCKET | BUILD | BY | CASE | COLLECTION | COMMIT | COMMITTED | CREATE
  | CURRENT | DELETE | DESC | DISTINCT | DROP | ELEMENT | ELSE | END
  | ESCAPE | EVERY | EXCEPT | EXCLUDE | EXECUTE | EXISTS | EXPLAIN | FALSE
  | FIRST | FLATTEN | FOLLOWING | FOR | FORCE | FROM | FTS | GROUP
  | GROUPS | GSI | HASH | HAVING | IF | IN | INDEX | INFER
  | INNER | INSERT | INTERSECT | INTO | IS | ISOLATION | JOIN | KEY
  | KEYS | KEYSPACE | KNOWN | LAST | LEFT | LET | LETTING | LEVEL
  | LIKE | LIMIT | MATCHED | MERGE | MISSING | NEST | NL | NO
  | NOT | NULL_ | NULLS | OBJECT | OFFSET | ON | OPTIONS | OR
  | ORDER | OTHERS | OUTER | OVER | PARTITION | PRECEDING | PREPARE | PRIMARY
  | PROBE | RANGE | RAW | READ | RECURSIVE | RETURNING | ROLLBACK | ROW
  | ROWS | SATISFIES | SAVEPOINT | SCOPE | SELECT | SET | SOME | START
  | THEN | TIES | TO | TRAN | TRANSACTION | TRUE | UNBOUNDED | UNION
  | UNKNOWN | UNNEST | UNSET | UPDATE | UPSERT | USE | USING | VALIDATE
  | VALUE | VALUED | VALUES | VIEW | WHEN | WHERE | WITH | WITHIN
  | WORK
  ;
