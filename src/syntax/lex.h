/* The Python tokenizer: bytes -> tokens, accepting what CPython 3.8-3.14
 * accepts (CPython Parser/tokenizer.c, Parser/lexer/lexer.c tok_get).
 *
 * The source is first decoded as CPython decodes a source string (BOM,
 * PEP 263 coding cookie, other encodings converted to UTF-8 with iconv),
 * then scanned once, by hand, into an array of tokens carrying byte offsets
 * into the (decoded) text.  Comments and non-logical newlines produce no
 * token.  A whole string literal, f-strings and t-strings included, is one
 * STRING token.  Soft keywords (match, case, type, lazy, _) stay NAME.
 *
 * Errors: the first tokenizer error (CPython raises it whatever parse
 * error came before, see _PyPegen_tokenize_full_source_to_check_for_errors)
 * stops the scan; the tokens before it are kept and closed by NEWLINE,
 * DEDENTs and ENDMARKER so a reader can walk them.  Errors CPython's parser
 * (not its tokenizer) reports on a token, like `<>` or `$`, are kept apart
 * as a "parse error" and the scan goes on. */
#ifndef MODSCOPE_SYNTAX_LEX_H
#define MODSCOPE_SYNTAX_LEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/slice.h"
#include "base/vec.h"

/* ORDER: the token kinds and their names are this one list. */
#define LEX_TOKENS(X) \
	X(ENDMARKER, "ENDMARKER") X(NAME, "NAME") X(NUMBER, "NUMBER") \
	X(STRING, "STRING") X(NEWLINE, "NEWLINE") X(INDENT, "INDENT") \
	X(DEDENT, "DEDENT") \
	X(LPAR, "(") X(RPAR, ")") X(LSQB, "[") X(RSQB, "]") X(LBRACE, "{") \
	X(RBRACE, "}") X(COLON, ":") X(COMMA, ",") X(SEMI, ";") X(PLUS, "+") \
	X(MINUS, "-") X(STAR, "*") X(SLASH, "/") X(VBAR, "|") X(AMPER, "&") \
	X(LESS, "<") X(GREATER, ">") X(EQUAL, "=") X(DOT, ".") X(PERCENT, "%") \
	X(EQEQUAL, "==") X(NOTEQUAL, "!=") X(LESSEQUAL, "<=") \
	X(GREATEREQUAL, ">=") X(TILDE, "~") X(CIRCUMFLEX, "^") \
	X(LEFTSHIFT, "<<") X(RIGHTSHIFT, ">>") X(DOUBLESTAR, "**") \
	X(PLUSEQUAL, "+=") X(MINEQUAL, "-=") X(STAREQUAL, "*=") \
	X(SLASHEQUAL, "/=") X(PERCENTEQUAL, "%=") X(AMPEREQUAL, "&=") \
	X(VBAREQUAL, "|=") X(CIRCUMFLEXEQUAL, "^=") X(LEFTSHIFTEQUAL, "<<=") \
	X(RIGHTSHIFTEQUAL, ">>=") X(DOUBLESTAREQUAL, "**=") \
	X(DOUBLESLASH, "//") X(DOUBLESLASHEQUAL, "//=") X(AT, "@") \
	X(ATEQUAL, "@=") X(RARROW, "->") X(ELLIPSIS, "...") \
	X(COLONEQUAL, ":=") X(EXCLAMATION, "!") X(OP, "OP") \
	X(KW_FALSE, "False") X(KW_NONE, "None") X(KW_TRUE, "True") \
	X(KW_AND, "and") X(KW_AS, "as") X(KW_ASSERT, "assert") \
	X(KW_ASYNC, "async") X(KW_AWAIT, "await") X(KW_BREAK, "break") \
	X(KW_CLASS, "class") X(KW_CONTINUE, "continue") X(KW_DEF, "def") \
	X(KW_DEL, "del") X(KW_ELIF, "elif") X(KW_ELSE, "else") \
	X(KW_EXCEPT, "except") X(KW_FINALLY, "finally") X(KW_FOR, "for") \
	X(KW_FROM, "from") X(KW_GLOBAL, "global") X(KW_IF, "if") \
	X(KW_IMPORT, "import") X(KW_IN, "in") X(KW_IS, "is") \
	X(KW_LAMBDA, "lambda") X(KW_NONLOCAL, "nonlocal") X(KW_NOT, "not") \
	X(KW_OR, "or") X(KW_PASS, "pass") X(KW_RAISE, "raise") \
	X(KW_RETURN, "return") X(KW_TRY, "try") X(KW_WHILE, "while") \
	X(KW_WITH, "with") X(KW_YIELD, "yield")

enum lex_kind {
#define LEX_ENUM_(k, s) TK_##k,
	LEX_TOKENS(LEX_ENUM_)
#undef LEX_ENUM_
	TK_COUNT_
};

/* STRING token flags (the prefix letters seen). */
enum {
	LEX_STR_BYTES = 1,
	LEX_STR_RAW = 2,
	LEX_STR_F = 4,      /* f-string (PEP 498/701) */
	LEX_STR_T = 8,      /* template string (PEP 750) */
	LEX_STR_U = 16,
	LEX_STR_TRIPLE = 32,
};

struct lex_token {
	uint32_t start; /* byte offset of the first byte in lexer.src */
	uint32_t end;   /* byte offset just past the token */
	uint16_t kind;  /* enum lex_kind */
	uint16_t flags; /* LEX_STR_* for STRING */
	uint32_t match; /* opening bracket: index of its closing token; 0 when
			 * it is never closed (the scan stopped at an error) */
};

/* An error as CPython reports it: a line (1-based; 0 for errors about the
 * encoding, which CPython reports at line 0), a byte offset (for the
 * column), and CPython's message. */
struct lex_error {
	bool set;
	uint32_t line;
	uint32_t offset;   /* byte offset in lexer.src of the reported column */
	char message[200];
};

struct lexer {
	/* The decoded UTF-8 text being scanned (borrowed from the caller, or
	 * owned in decoded when the file was transcoded); src[len] == '\0'
	 * is not guaranteed. */
	const char *src;
	size_t len;
	char *decoded;
	bool ascii_only;      /* no byte >= 0x80 in src */
	const char *encoding; /* "utf-8" or the cookie's normalised name (static or in encbuf) */
	char encbuf[64];

	VEC(struct lex_token) tokens;
	VEC(uint32_t) lines; /* start offset of each line; lines.ptr[0] == 0 */
	/* Token indices, ascending, of each NAME __import__ or import_module
	 * and of each name directly followed by a quote (`ur""`): where a scan
	 * for imports alone must look inside expressions. */
	VEC(uint32_t) dynamic;
	/* Token indices, ascending, of every NEWLINE and of every ';' outside
	 * brackets: where logical lines and simple statements end. */
	VEC(uint32_t) newlines;
	VEC(uint32_t) semis;

	struct lex_error error;       /* tokenizer error: the scan stopped there */
	struct lex_error parse_error; /* first error CPython's parser reports on a token */
};

/* Prepares self empty, owning nothing. */
void lex_init(struct lexer *self);
/* Frees what self owns (tokens, line table, decoded text). */
void lex_release(struct lexer *self);

/* Decodes and tokenizes the len bytes at bytes (borrowed: they must outlive
 * the use of self->tokens when no transcoding happened).  Replaces any
 * previous result in self.  Returns 0, or -1 when self->error is set (the
 * tokens before the error are kept).  A parse error (self->parse_error) does
 * not make it return -1. */
int lex_run(struct lexer *self, const char *bytes, size_t len);

/* The 1-based line of byte offset off in self->src. */
uint32_t lex_line(const struct lexer *self, uint32_t off);
/* The 0-based byte column of off in its line (ast's col_offset). */
uint32_t lex_col(const struct lexer *self, uint32_t off);
/* The 1-based character (code point) column of off, for humans. */
uint32_t lex_char_col(const struct lexer *self, uint32_t off);

/* The token's text (borrowed from self->src). */
static inline struct slice lex_text(const struct lexer *self, const struct lex_token *t)
{
	return slice_make(self->src + t->start, t->end - t->start);
}

/* The name of a token kind: "NAME", "(" or "import". */
const char *lex_kind_name(enum lex_kind kind);

/* True for the keyword kinds (TK_KW_*). */
static inline bool lex_is_keyword(enum lex_kind kind)
{
	return kind >= TK_KW_FALSE && kind <= TK_KW_YIELD;
}

#endif
