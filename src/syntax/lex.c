/* The Python tokenizer (see lex.h).  Mirrors CPython's Parser/tokenizer.c
 * (3.11) and Parser/lexer/lexer.c (3.12+): decode_str, check_coding_spec,
 * get_normal_name, tok_get, verify_end_of_number, tok_decimal_tail,
 * verify_identifier.  Hand-written scanning over the buffer; no allocation
 * per token. */
#include "syntax/lex.h"

#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "syntax/unicode.h"

#define MAXINDENT 100 /* CPython Parser/lexer/state.h */
#define MAXLEVEL 200
#define MAXFSTRING 150
#define TABSIZE 8

static const char *const kind_names[] = {
#define LEX_NAME_(k, s) s,
	LEX_TOKENS(LEX_NAME_)
#undef LEX_NAME_
};

const char *lex_kind_name(enum lex_kind kind)
{
	return (unsigned)kind < TK_COUNT_ ? kind_names[kind] : "?";
}

/* ------------------------------------------------------------------ */
/* Character classes                                                   */

/* C_OPTAIL: a byte that can be the second or third of an operator. */
enum { C_ID = 1, C_DIGIT = 2, C_HEX = 4, C_IDSTART = 8, C_PREFIX = 16, C_OPTAIL = 32 };

static const uint8_t cls[256] = {
#define R10(x) x, x, x, x, x, x, x, x, x, x
	['0'] = C_ID | C_DIGIT | C_HEX, ['1'] = C_ID | C_DIGIT | C_HEX,
	['2'] = C_ID | C_DIGIT | C_HEX, ['3'] = C_ID | C_DIGIT | C_HEX,
	['4'] = C_ID | C_DIGIT | C_HEX, ['5'] = C_ID | C_DIGIT | C_HEX,
	['6'] = C_ID | C_DIGIT | C_HEX, ['7'] = C_ID | C_DIGIT | C_HEX,
	['8'] = C_ID | C_DIGIT | C_HEX, ['9'] = C_ID | C_DIGIT | C_HEX,
	/* 13 = identifier and hex digit; 9 = identifier; +16: a string prefix letter */
	['a'] = 13, ['b'] = 29, ['c'] = 13, ['d'] = 13, ['e'] = 13, ['f'] = 29,
	['A'] = 13, ['B'] = 29, ['C'] = 13, ['D'] = 13, ['E'] = 13, ['F'] = 29,
	['g'] = 9, ['h'] = 9, ['i'] = 9, ['j'] = 9, ['k'] = 9, ['l'] = 9, ['m'] = 9,
	['n'] = 9, ['o'] = 9, ['p'] = 9, ['q'] = 9, ['r'] = 25, ['s'] = 9, ['t'] = 25,
	['u'] = 25, ['v'] = 9, ['w'] = 9, ['x'] = 9, ['y'] = 9, ['z'] = 9,
	['G'] = 9, ['H'] = 9, ['I'] = 9, ['J'] = 9, ['K'] = 9, ['L'] = 9, ['M'] = 9,
	['N'] = 9, ['O'] = 9, ['P'] = 9, ['Q'] = 9, ['R'] = 25, ['S'] = 9, ['T'] = 25,
	['U'] = 25, ['V'] = 9, ['W'] = 9, ['X'] = 9, ['Y'] = 9, ['Z'] = 9,
	['_'] = 9,
	['='] = C_OPTAIL, ['>'] = C_OPTAIL, ['<'] = C_OPTAIL, ['*'] = C_OPTAIL, ['/'] = C_OPTAIL,
	/* bytes >= 0x80 may start or continue an identifier (verified later) */
	[0x80] = R10(9), R10(9), R10(9), R10(9), R10(9), R10(9), R10(9), R10(9),
	R10(9), R10(9), R10(9), R10(9), 9, 9, 9, 9, 9, 9, 9, 9,
#undef R10
};

static bool is_ascii(const char *p, size_t n);

static inline bool is_id(int c) { return cls[(unsigned char)c] & C_ID; }
static inline bool is_idstart(int c) { return cls[(unsigned char)c] & C_IDSTART; }
static inline bool is_digit(int c) { return c >= '0' && c <= '9'; }
static inline bool is_hex(int c) { return cls[(unsigned char)c] & C_HEX; }

static bool in_ranges(const uint32_t (*r)[2], size_t n, uint32_t cp)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cp < r[mid][0])
			hi = mid;
		else if (cp > r[mid][1])
			lo = mid + 1;
		else
			return true;
	}
	return false;
}
#define IN_TABLE(t, cp) in_ranges(t, sizeof(t) / sizeof(t[0]), cp)

/* Decodes one UTF-8 sequence at p (< end).  Returns its length and sets
 * *cp, or returns 0 and sets *why to Python's codec reason. */
static size_t utf8_decode(const unsigned char *p, const unsigned char *end,
			  uint32_t *cp, const char **why)
{
	unsigned c = p[0];
	size_t n;
	uint32_t v;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		v = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		v = c & 0x07;
	} else {
		*why = "invalid start byte";
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if (p + i >= end) {
			*why = "unexpected end of data";
			return 0;
		}
		unsigned d = p[i];
		bool ok = (d & 0xC0) == 0x80;
		if (i == 1) { /* the ranges Python's decoder accepts after the lead */
			if (c == 0xE0 && d < 0xA0) ok = false;
			if (c == 0xED && d > 0x9F) ok = false;
			if (c == 0xF0 && d < 0x90) ok = false;
			if (c == 0xF4 && d > 0x8F) ok = false;
		}
		if (!ok) {
			*why = "invalid continuation byte";
			return 0;
		}
		v = (v << 6) | (d & 0x3F);
	}
	*cp = v;
	return n;
}

/* ------------------------------------------------------------------ */
/* State of one scan                                                   */

struct state {
	struct lexer *lx;
	const char *src, *p, *end;
	int level;                   /* bracket depth */
	char parens[MAXLEVEL];
	uint32_t paren_at[MAXLEVEL];
	uint32_t paren_tok[MAXLEVEL];  /* token index of each open bracket */
	int indent;                  /* index of the top of indstack */
	int indstack[MAXINDENT];
	int altindstack[MAXINDENT];
	int pendin;                  /* pending INDENT (>0) or DEDENT (<0) */
	bool line_open;              /* tokens emitted since the last NEWLINE */
	bool has_cr;                 /* the text has a '\r' (not only '\n' newlines) */
	/* lx->lines is filled as newlines are passed; lines_full says it was
	 * built whole instead (errors need lines ahead of the scan: see
	 * line_at), and then nothing more is added. */
	bool lines_full;
	/* lx->tokens, moved here for the scan (tokens_take, tokens_give):
	 * emit() then finds it in one place, not behind lx. */
	struct lex_token *tok;
	size_t ntok, tokcap;
};

static uint32_t line_at(struct state *s, uint32_t off);

static void tokens_take(struct state *s)
{
	s->tok = s->lx->tokens.ptr;
	s->ntok = s->lx->tokens.len;
	s->tokcap = s->lx->tokens.cap;
}

static void tokens_give(struct state *s)
{
	s->lx->tokens.ptr = s->tok;
	s->lx->tokens.len = s->ntok;
	s->lx->tokens.cap = s->tokcap;
}

static void set_error(struct lex_error *e, uint32_t line, uint32_t offset,
		      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void set_error(struct lex_error *e, uint32_t line, uint32_t offset,
		      const char *fmt, ...)
{
	va_list ap;
	e->set = true;
	e->line = line;
	e->offset = offset;
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof e->message, fmt, ap);
	va_end(ap);
}

/* A tokenizer error at byte q; always returns -1. */
static int tok_error(struct state *s, const char *q, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int tok_error(struct state *s, const char *q, const char *fmt, ...)
{
	struct lex_error *e = &s->lx->error;
	uint32_t off = (uint32_t)(q - s->src);
	va_list ap;
	e->set = true;
	e->line = line_at(s, off);
	e->offset = off;
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof e->message, fmt, ap);
	va_end(ap);
	return -1;
}

/* A parse error CPython reports on this token (first one wins). */
static void parse_error(struct state *s, const char *q, const char *msg)
{
	if (s->lx->parse_error.set)
		return;
	uint32_t off = (uint32_t)(q - s->src);
	set_error(&s->lx->parse_error, line_at(s, off), off, "%s", msg);
}

/* Makes room for n tokens in all.  A big file's tokens take megabytes:
 * xrealloc_big maps them in huge pages. */
static void tokens_reserve(struct lexer *lx, size_t n)
{
	if (n <= lx->tokens.cap)
		return;
	size_t cap = lx->tokens.cap ? lx->tokens.cap : 64;
	while (cap < n)
		cap *= 2;
	lx->tokens.ptr = xrealloc_big(lx->tokens.ptr, lx->tokens.len * sizeof *lx->tokens.ptr,
				      cap * sizeof *lx->tokens.ptr);
	lx->tokens.cap = cap;
}

static void tokens_grow(struct state *s)
{
	tokens_give(s);
	tokens_reserve(s->lx, s->ntok + 1);
	tokens_take(s);
}

static inline void emit(struct state *s, enum lex_kind kind, const char *a,
			const char *b, uint16_t flags)
{
	if (s->ntok == s->tokcap)
		tokens_grow(s);
	s->tok[s->ntok++] = (struct lex_token){
		.start = (uint32_t)(a - s->src), .end = (uint32_t)(b - s->src),
		.kind = (uint16_t)kind, .flags = flags, .match = 0,
	};
}

static inline bool is_nl(int c) { return c == '\n' || c == '\r'; }

/* Steps over the newline at q ("\r\n", "\r" or "\n"). */
static inline const char *skip_nl(const char *q, const char *end)
{
	if (*q == '\r' && q + 1 < end && q[1] == '\n')
		return q + 2;
	return q + 1;
}

/* ------------------------------------------------------------------ */
/* Line table                                                          */

/* What the whole text holds; each changes how the rest is read. */
struct text_facts {
	bool has_cr;  /* a '\r': some newlines are not "\n" alone */
	bool has_nul; /* a NUL byte */
	bool ascii;   /* no byte >= 0x80 */
};

static void text_facts(const struct lexer *lx, struct text_facts *tf)
{
	tf->has_cr = memchr(lx->src, '\r', lx->len) != NULL;
	tf->has_nul = memchr(lx->src, '\0', lx->len) != NULL;
	tf->ascii = is_ascii(lx->src, lx->len);
}

/* The whole line table at once: the start offset of every line. */
static void build_lines(struct lexer *lx)
{
	const char *s = lx->src, *end = lx->src + lx->len;
	vec_clear(&lx->lines);
	vec_push(&lx->lines, 0);
	if (!memchr(s, '\r', lx->len)) {
		for (const char *q = s; (q = memchr(q, '\n', (size_t)(end - q))) != NULL;)
			vec_push(&lx->lines, (uint32_t)(++q - s));
		return;
	}
	for (const char *q = s; q < end; q++) {
		if (*q == '\n' || *q == '\r') {
			q = skip_nl(q, end) - 1;
			vec_push(&lx->lines, (uint32_t)(q + 1 - s));
		}
	}
}

/* The line of offset off while the scan runs: the table made so far
 * stops at the scan, and an error may be reported ahead of it (inside a
 * string being read), so the first call builds it whole. */
static uint32_t line_at(struct state *s, uint32_t off)
{
	if (!s->lines_full) {
		build_lines(s->lx);
		s->lines_full = true;
	}
	return lex_line(s->lx, off);
}

/* A line starts at q (just past a newline the scan stepped over). */
static inline void line_starts(struct state *s, const char *q)
{
	if (!s->lines_full)
		vec_push(&s->lx->lines, (uint32_t)(q - s->src));
}

/* The lines starting inside the token [a, b) (a string spanning lines). */
static void lines_in(struct state *s, const char *a, const char *b)
{
	if (s->lines_full)
		return;
	if (!s->has_cr) {
		for (const char *q = a; (q = memchr(q, '\n', (size_t)(b - q))) != NULL;)
			line_starts(s, ++q);
		return;
	}
	for (const char *q = a; q < b; q++) {
		if (*q == '\n' || *q == '\r') {
			q = skip_nl(q, b) - 1;
			line_starts(s, q + 1);
		}
	}
}

uint32_t lex_line(const struct lexer *self, uint32_t off)
{
	size_t lo = 0, hi = self->lines.len;
	if (hi == 0)
		return 1;
	while (hi - lo > 1) { /* last line start <= off */
		size_t mid = (lo + hi) / 2;
		if (self->lines.ptr[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return (uint32_t)lo + 1;
}

uint32_t lex_col(const struct lexer *self, uint32_t off)
{
	uint32_t line = lex_line(self, off);
	return self->lines.len ? off - self->lines.ptr[line - 1] : off;
}

uint32_t lex_char_col(const struct lexer *self, uint32_t off)
{
	uint32_t line = lex_line(self, off);
	uint32_t start = self->lines.len ? self->lines.ptr[line - 1] : 0;
	uint32_t col = 1;
	for (uint32_t i = start; i < off && i < self->len; i++)
		if (((unsigned char)self->src[i] & 0xC0) != 0x80)
			col++;
	return col;
}

/* The line where a string running to the end of the file is detected:
 * the last line (CPython appends a newline to unterminated input). */
static uint32_t last_line(struct state *s)
{
	size_t n = s->lx->len;
	return line_at(s, n ? (uint32_t)(n - 1) : 0);
}

/* ------------------------------------------------------------------ */
/* Keywords                                                            */

/* Per first byte, the lengths (as bits) of the keywords starting with it:
 * most names are no keyword, and this says so without comparing. */
#define L_(n) (1u << (n))
static const uint16_t keyword_lengths[128] = {
	['F'] = L_(5), ['N'] = L_(4), ['T'] = L_(4),
	['a'] = L_(2) | L_(3) | L_(5) | L_(6), ['b'] = L_(5), ['c'] = L_(5) | L_(8),
	['d'] = L_(3), ['e'] = L_(4) | L_(6), ['f'] = L_(3) | L_(4) | L_(7), ['g'] = L_(6),
	['i'] = L_(2) | L_(6), ['l'] = L_(6), ['n'] = L_(3) | L_(8), ['o'] = L_(2),
	['p'] = L_(4), ['r'] = L_(5) | L_(6), ['t'] = L_(3), ['w'] = L_(4) | L_(5),
	['y'] = L_(5),
};
#undef L_

/* The keyword kind of the ASCII name p[0..n), or TK_NAME. */
static enum lex_kind keyword(const char *p, size_t n)
{
	if (n > 8 || !(keyword_lengths[p[0] & 0x7F] & (1u << n)))
		return TK_NAME;
#define KW(str, k) if (n == sizeof(str) - 1 && memcmp(p, str, n) == 0) return k
	switch (p[0]) {
	case 'F': KW("False", TK_KW_FALSE); break;
	case 'N': KW("None", TK_KW_NONE); break;
	case 'T': KW("True", TK_KW_TRUE); break;
	case 'a':
		if (n == 2) { KW("as", TK_KW_AS); break; }
		KW("and", TK_KW_AND); KW("assert", TK_KW_ASSERT); KW("async", TK_KW_ASYNC);
		KW("await", TK_KW_AWAIT); break;
	case 'b': KW("break", TK_KW_BREAK); break;
	case 'c': KW("class", TK_KW_CLASS); KW("continue", TK_KW_CONTINUE); break;
	case 'd': KW("def", TK_KW_DEF); KW("del", TK_KW_DEL); break;
	case 'e': KW("elif", TK_KW_ELIF); KW("else", TK_KW_ELSE); KW("except", TK_KW_EXCEPT); break;
	case 'f': KW("for", TK_KW_FOR); KW("from", TK_KW_FROM); KW("finally", TK_KW_FINALLY); break;
	case 'g': KW("global", TK_KW_GLOBAL); break;
	case 'i':
		if (n == 2) {
			if (p[1] == 'f') return TK_KW_IF;
			if (p[1] == 'n') return TK_KW_IN;
			if (p[1] == 's') return TK_KW_IS;
			break;
		}
		KW("import", TK_KW_IMPORT); break;
	case 'l': KW("lambda", TK_KW_LAMBDA); break;
	case 'n': KW("not", TK_KW_NOT); KW("nonlocal", TK_KW_NONLOCAL); break;
	case 'o': KW("or", TK_KW_OR); break;
	case 'p': KW("pass", TK_KW_PASS); break;
	case 'r': KW("raise", TK_KW_RAISE); KW("return", TK_KW_RETURN); break;
	case 't': KW("try", TK_KW_TRY); break;
	case 'w': KW("while", TK_KW_WHILE); KW("with", TK_KW_WITH); break;
	case 'y': KW("yield", TK_KW_YIELD); break;
	}
#undef KW
	return TK_NAME;
}

/* ------------------------------------------------------------------ */
/* Numbers (tok_get's number branch)                                   */

/* verify_end_of_number: a literal directly followed by an identifier
 * character is an error, except before the keywords valid there. */
static int end_of_number(struct state *s, const char *q, const char *kind)
{
	const char *e = s->end;
	int c = q < e ? (unsigned char)*q : -1;
	size_t rest = (size_t)(e - q);
#define LOOK(w) (rest >= sizeof(w) - 1 && memcmp(q, w, sizeof(w) - 1) == 0)
	if (c < 0)
		return 0;
	if ((c == 'a' && LOOK("and")) || (c == 'e' && LOOK("else")) ||
	    (c == 'f' && LOOK("for")) || (c == 'o' && LOOK("or")) ||
	    (c == 'n' && LOOK("not")) ||
	    (c == 'i' && rest >= 2 && (q[1] == 'f' || q[1] == 'n' || q[1] == 's')))
		return 0; /* a SyntaxWarning in CPython, not an error */
#undef LOOK
	if (is_id(c))
		return tok_error(s, s->p, "invalid %s literal", kind);
	return 0;
}

/* tok_decimal_tail: digits with single underscores between them. */
static int decimal_tail(struct state *s, const char **qq)
{
	const char *q = *qq, *e = s->end;
	for (;;) {
		while (q < e && is_digit(*q))
			q++;
		if (q >= e || *q != '_')
			break;
		q++;
		if (q >= e || !is_digit(*q)) {
			s->p = q;
			return tok_error(s, q - 1, "invalid decimal literal");
		}
	}
	*qq = q;
	return 0;
}

static inline int at(const char *q, const char *e)
{
	return q < e ? (unsigned char)*q : -1;
}

/* Reads a number starting at s->p (a digit, or '.' then a digit). */
static int number(struct state *s)
{
	const char *start = s->p, *q = s->p, *e = s->end;
	int c = at(q, e);
	if (c == '.')
		goto fraction;
	if (c == '0') {
		q++;
		c = at(q, e);
		if (c == 'x' || c == 'X' || c == 'o' || c == 'O' || c == 'b' || c == 'B') {
			int base = (c == 'x' || c == 'X') ? 16 : (c == 'o' || c == 'O') ? 8 : 2;
			const char *what = base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary";
			q++;
			do {
				if (at(q, e) == '_')
					q++;
				c = at(q, e);
				bool ok = base == 16 ? (c >= 0 && is_hex(c)) :
					  base == 8 ? (c >= '0' && c < '8') : (c == '0' || c == '1');
				if (!ok) {
					if (base != 16 && c >= 0 && is_digit(c))
						return tok_error(s, q, "invalid digit '%c' in %s literal", c, what);
					return tok_error(s, q, "invalid %s literal", what);
				}
				do {
					q++;
					c = at(q, e);
				} while (base == 16 ? (c >= 0 && is_hex(c)) :
					 base == 8 ? (c >= '0' && c < '8') : (c == '0' || c == '1'));
			} while (c == '_');
			if (base != 16 && c >= 0 && is_digit(c))
				return tok_error(s, q, "invalid digit '%c' in %s literal", c, what);
			if (end_of_number(s, q, what) < 0)
				return -1;
			goto done;
		}
		/* maybe old-style octal; in any case allow '0' as a literal */
		bool nonzero = false;
		for (;;) {
			if (c == '_') {
				q++;
				c = at(q, e);
				if (c < 0 || !is_digit(c))
					return tok_error(s, q - 1, "invalid decimal literal");
			}
			if (c != '0')
				break;
			q++;
			c = at(q, e);
		}
		if (c >= 0 && is_digit(c)) {
			nonzero = true;
			if (decimal_tail(s, &q) < 0)
				return -1;
			c = at(q, e);
		}
		if (c == '.') {
			q++;
			goto fraction_digits;
		} else if (c == 'e' || c == 'E') {
			goto exponent;
		} else if (c == 'j' || c == 'J') {
			goto imaginary;
		} else if (nonzero) {
			return tok_error(s, start, "leading zeros in decimal integer literals are not "
					 "permitted; use an 0o prefix for octal integers");
		}
		if (end_of_number(s, q, "decimal") < 0)
			return -1;
		goto done;
	}
	if (decimal_tail(s, &q) < 0)
		return -1;
	c = at(q, e);
	if (c == '.') {
fraction:
		q++;
fraction_digits:
		c = at(q, e);
		if (c >= 0 && is_digit(c)) {
			if (decimal_tail(s, &q) < 0)
				return -1;
			c = at(q, e);
		}
	}
	if (c == 'e' || c == 'E') {
exponent:;
		const char *epos = q;
		q++;
		c = at(q, e);
		if (c == '+' || c == '-') {
			q++;
			c = at(q, e);
			if (c < 0 || !is_digit(c))
				return tok_error(s, q, "invalid decimal literal");
		} else if (c < 0 || !is_digit(c)) {
			/* "1e" followed by a keyword: the number ends before e */
			if (end_of_number(s, epos, "decimal") < 0)
				return -1;
			q = epos;
			goto done;
		}
		if (decimal_tail(s, &q) < 0)
			return -1;
		c = at(q, e);
	}
	if (c == 'j' || c == 'J') {
imaginary:
		q++;
		if (end_of_number(s, q, "imaginary") < 0)
			return -1;
	} else if (end_of_number(s, q, "decimal") < 0) {
		return -1;
	}
done:
	emit(s, TK_NUMBER, start, q, 0);
	s->p = q;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Strings                                                             */

static int string_rest(struct state *s, const char *start, const char **qq,
		       uint16_t flags, int depth);

static int unterminated(struct state *s, const char *start, int qsize, uint32_t at_line)
{
	if (qsize == 3)
		return tok_error(s, start, "unterminated triple-quoted string literal "
				 "(detected at line %u)", at_line);
	return tok_error(s, start, "unterminated string literal (detected at line %u)",
			 at_line);
}

/* Is the string's closing quote at q? */
static inline bool closes(const char *q, const char *e, char quote, int qsize)
{
	if (*q != quote)
		return false;
	return qsize == 1 || (e - q >= 3 && q[1] == quote && q[2] == quote);
}

static int fstring_expr(struct state *s, const char *start, const char **qq,
			char quote, int qsize, int depth);

/* The literal part of an f-string (or of a format spec when spec): runs to
 * the closing quote (or, in a spec, to the '}' closing the field).  Each
 * replacement field is read by fstring_expr. */
static int fstring_literal(struct state *s, const char *start, const char **qq,
			   char quote, int qsize, bool raw, bool spec, int depth)
{
	const char *q = *qq, *e = s->end;
	if (depth > MAXFSTRING)
		return tok_error(s, start, "f-string: expressions nested too deeply");
	for (;;) {
		if (q >= e)
			return unterminated(s, start, qsize, last_line(s));
		char c = *q;
		if (closes(q, e, quote, qsize)) {
			if (spec)
				return tok_error(s, q, "f-string: expecting '}'");
			*qq = q + qsize;
			return 0;
		}
		if (is_nl(c)) {
			if (qsize == 1)
				return unterminated(s, start, 1, line_at(s, (uint32_t)(q - s->src)));
			q = skip_nl(q, e);
			continue;
		}
		if (c == '\\') {
			q++;
			if (q >= e)
				continue;
			if (*q == '{' || *q == '}')
				continue; /* a replacement field still starts there */
			if (!raw && *q == 'N' && q + 1 < e && q[1] == '{') {
				/* \N{NAME}: the braces are not a field */
				const char *r = q + 2;
				while (r < e && *r != '}' && *r != quote && !is_nl(*r))
					r++;
				q = (r < e && *r == '}') ? r + 1 : q + 1;
				continue;
			}
			q = is_nl(*q) ? skip_nl(q, e) : q + 1;
			continue;
		}
		if (c == '{') {
			if (!spec && q + 1 < e && q[1] == '{') {
				q += 2;
				continue;
			}
			q++;
			if (fstring_expr(s, start, &q, quote, qsize, depth + 1) < 0)
				return -1;
			continue;
		}
		if (c == '}') {
			if (spec) {
				*qq = q + 1;
				return 0;
			}
			if (q + 1 < e && q[1] == '}') {
				q += 2;
				continue;
			}
			return tok_error(s, q, "f-string: single '}' is not allowed");
		}
		q++;
	}
}

/* A replacement field's expression, after its '{', through its closing
 * '}' (PEP 701: any string may nest, brackets balance, a ':' at depth 0
 * starts the format spec). */
static int fstring_expr(struct state *s, const char *start, const char **qq,
			char quote, int qsize, int depth)
{
	const char *q = *qq, *e = s->end;
	int br = 0;
	if (depth > MAXFSTRING)
		return tok_error(s, start, "f-string: expressions nested too deeply");
	for (;;) {
		if (q >= e)
			return unterminated(s, start, qsize, last_line(s));
		char c = *q;
		if (is_nl(c)) {
			if (qsize == 1 && br == 0)
				return unterminated(s, start, 1, line_at(s, (uint32_t)(q - s->src)));
			q = skip_nl(q, e);
			continue;
		}
		if (c == '\'' || c == '"') {
			if (qsize == 3 && closes(q, e, quote, 3) && br == 0)
				return tok_error(s, q, "f-string: expecting '}'");
			if (string_rest(s, q, &q, 0, depth + 1) < 0)
				return -1;
			continue;
		}
		if (is_idstart(c)) {
			const char *n = q;
			uint16_t fl = 0;
			while (q < e && is_id(*q))
				q++;
			if (q < e && (*q == '\'' || *q == '"') && q - n <= 3) {
				for (const char *r = n; r < q; r++) {
					char l = (char)(*r | 0x20);
					uint16_t bit = l == 'b' ? LEX_STR_BYTES : l == 'r' ? LEX_STR_RAW :
						       l == 'f' ? LEX_STR_F : l == 't' ? LEX_STR_T :
						       l == 'u' ? LEX_STR_U : 0xFFFF;
					if (bit == 0xFFFF || (fl & bit)) {
						fl = 0xFFFF;
						break;
					}
					fl |= bit;
				}
				if (fl != 0xFFFF && string_rest(s, n, &q, fl, depth + 1) < 0)
					return -1;
			}
			continue;
		}
		switch (c) {
		case '#':
			while (q < e && !is_nl(*q))
				q++;
			continue;
		case '\\':
			q++;
			if (q < e && is_nl(*q))
				q = skip_nl(q, e);
			continue;
		case '(': case '[': case '{':
			if (++br >= MAXLEVEL)
				return tok_error(s, q, "too many nested parentheses");
			q++;
			continue;
		case ')': case ']':
			if (br > 0)
				br--;
			q++;
			continue;
		case '}':
			if (br > 0) {
				br--;
				q++;
				continue;
			}
			*qq = q + 1;
			return 0;
		case ':':
			if (br == 0) {
				q++;
				if (fstring_literal(s, start, &q, quote, qsize, false, true, depth + 1) < 0)
					return -1;
				*qq = q;
				return 0;
			}
			q++;
			continue;
		default:
			q++;
			continue;
		}
	}
}

/* The first quote or backslash in [q, e), or e; eight bytes at a time
 * (a long docstring is most of some files). */
static inline const char *find_quote_or_backslash(const char *q, const char *e, char quote)
{
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	const uint64_t mq = ones * (unsigned char)quote, mb = ones * (unsigned char)'\\';
	while (e - q >= 8) {
		uint64_t w;
		memcpy(&w, q, sizeof w);
		uint64_t a = w ^ mq, b = w ^ mb;
		/* a zero byte in a or b: the exact test, no false positives */
		uint64_t za = (a - ones) & ~a & highs, zb = (b - ones) & ~b & highs;
		if (za | zb)
			break;
		q += 8;
	}
	while (q < e && *q != quote && *q != '\\')
		q++;
	return q;
}

/* A string literal whose prefix began at start; *qq is at the opening
 * quote.  Leaves *qq after the closing quote. */
static int string_rest(struct state *s, const char *start, const char **qq,
		       uint16_t flags, int depth)
{
	const char *q = *qq, *e = s->end;
	char quote = *q;
	int qsize = 1;
	if (e - q >= 3 && q[1] == quote && q[2] == quote) {
		qsize = 3;
		q += 3;
	} else {
		q++;
	}
	if (flags & (LEX_STR_F | LEX_STR_T)) {
		if (fstring_literal(s, start, &q, quote, qsize, flags & LEX_STR_RAW, false, depth) < 0)
			return -1;
		*qq = q;
		return 0;
	}
	if (qsize == 1) {
		for (;;) {
			/* the common case: plain bytes up to a quote, backslash or newline */
			while (q < e && *q != quote && *q != '\\' && *q != '\n' && *q != '\r')
				q++;
			if (q >= e)
				return unterminated(s, start, 1, last_line(s));
			if (*q == quote) {
				q++;
				break;
			}
			if (*q == '\\') {
				q++;
				if (q < e)
					q = is_nl(*q) ? skip_nl(q, e) : q + 1;
				continue;
			}
			return unterminated(s, start, 1, line_at(s, (uint32_t)(q - s->src)));
		}
	} else {
		for (;;) {
			q = find_quote_or_backslash(q, e, quote);
			if (q >= e)
				return unterminated(s, start, 3, last_line(s));
			if (*q == '\\') {
				q += 2;
				continue;
			}
			if (e - q >= 3 && q[1] == quote && q[2] == quote) {
				q += 3;
				break;
			}
			q++;
		}
		if (q > e)
			return unterminated(s, start, 3, last_line(s));
	}
	*qq = q;
	return 0;
}

/* The parser decodes a literal's body: a str must be valid UTF-8 and a
 * bytes literal ASCII (parse errors, reported at the literal). */
static void check_literal(struct state *s, const char *start, const char *end, uint16_t flags)
{
	const char *body = start;
	while (body < end && *body != '"' && *body != '\'')
		body++;
	body += (flags & LEX_STR_TRIPLE) ? 3 : 1;
	for (const unsigned char *q = (const unsigned char *)body; q < (const unsigned char *)end; q++) {
		if (*q < 0x80)
			continue;
		if (flags & LEX_STR_BYTES) {
			parse_error(s, start, "bytes can only contain ASCII literal characters");
			return;
		}
		uint32_t cp;
		const char *why = NULL;
		size_t n = utf8_decode(q, (const unsigned char *)end, &cp, &why);
		if (n == 0) {
			char msg[160];
			snprintf(msg, sizeof msg, "(unicode error) 'utf-8' codec can't decode byte "
				 "0x%02x in position %d: %s", *q, (int)((const char *)q - body), why);
			parse_error(s, start, msg);
			return;
		}
		q += n - 1;
	}
}

/* ------------------------------------------------------------------ */
/* Identifiers                                                         */

/* verify_identifier: a name with non-ASCII bytes must be valid UTF-8 made
 * of XID_Start/XID_Continue characters. */
static int verify_identifier(struct state *s, const char *a, const char *b)
{
	const unsigned char *q = (const unsigned char *)a;
	bool first = true;
	while (q < (const unsigned char *)b) {
		uint32_t cp;
		const char *why = NULL;
		size_t n = utf8_decode(q, (const unsigned char *)b, &cp, &why);
		if (n == 0) {
			/* a multi-byte sequence cut by a non-identifier byte */
			if (why && !strcmp(why, "unexpected end of data") &&
			    b < s->end && ((unsigned char)*b & 0xC0) != 0x80 && (unsigned char)*b >= 0x80)
				why = "invalid continuation byte";
			return tok_error(s, a, "(unicode error) 'utf-8' codec can't decode byte "
					 "0x%02x in position %d: %s", *q,
					 (int)((const char *)q - a), why);
		}
		bool ok = cp < 0x80 ? (first ? (is_idstart((int)cp)) : is_id((int)cp)) :
			  first ? IN_TABLE(uni_xid_start, cp) : IN_TABLE(uni_xid_continue, cp);
		if (!ok) {
			if (cp >= 0x80 && !IN_TABLE(uni_printable, cp))
				return tok_error(s, (const char *)q,
						 "invalid non-printable character U+%04X", cp);
			return tok_error(s, (const char *)q, "invalid character '%.*s' (U+%04X)",
					 (int)n, (const char *)q, cp);
		}
		first = false;
		q += n;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Operators                                                           */

/* What a byte can start, for tok_get's dispatch on the first byte. */
enum {
	L_OTHER = 0, /* an invalid character: CPython's parser rejects it */
	L_NAME,      /* letters, '_', bytes >= 0x80 */
	L_DIGIT,
	L_QUOTE,
	L_NL,
	L_HASH,
	L_BSLASH,
	L_OPEN,
	L_CLOSE,
	L_OP,        /* the first byte of an operator */
	L_DOT,       /* '.', '...' or a number like .5 */
	L_SPACE,     /* ' ', tab, form feed between tokens */
};

static const uint8_t lead[256] = {
#define R10(x) x, x, x, x, x, x, x, x, x, x
	['0'] = L_DIGIT, ['1'] = L_DIGIT, ['2'] = L_DIGIT, ['3'] = L_DIGIT, ['4'] = L_DIGIT,
	['5'] = L_DIGIT, ['6'] = L_DIGIT, ['7'] = L_DIGIT, ['8'] = L_DIGIT, ['9'] = L_DIGIT,
	['a'] = L_NAME, ['b'] = L_NAME, ['c'] = L_NAME, ['d'] = L_NAME, ['e'] = L_NAME,
	['f'] = L_NAME, ['g'] = L_NAME, ['h'] = L_NAME, ['i'] = L_NAME, ['j'] = L_NAME,
	['k'] = L_NAME, ['l'] = L_NAME, ['m'] = L_NAME, ['n'] = L_NAME, ['o'] = L_NAME,
	['p'] = L_NAME, ['q'] = L_NAME, ['r'] = L_NAME, ['s'] = L_NAME, ['t'] = L_NAME,
	['u'] = L_NAME, ['v'] = L_NAME, ['w'] = L_NAME, ['x'] = L_NAME, ['y'] = L_NAME,
	['z'] = L_NAME,
	['A'] = L_NAME, ['B'] = L_NAME, ['C'] = L_NAME, ['D'] = L_NAME, ['E'] = L_NAME,
	['F'] = L_NAME, ['G'] = L_NAME, ['H'] = L_NAME, ['I'] = L_NAME, ['J'] = L_NAME,
	['K'] = L_NAME, ['L'] = L_NAME, ['M'] = L_NAME, ['N'] = L_NAME, ['O'] = L_NAME,
	['P'] = L_NAME, ['Q'] = L_NAME, ['R'] = L_NAME, ['S'] = L_NAME, ['T'] = L_NAME,
	['U'] = L_NAME, ['V'] = L_NAME, ['W'] = L_NAME, ['X'] = L_NAME, ['Y'] = L_NAME,
	['Z'] = L_NAME, ['_'] = L_NAME,
	[' '] = L_SPACE, ['\t'] = L_SPACE, ['\014'] = L_SPACE,
	['"'] = L_QUOTE, ['\''] = L_QUOTE, ['\n'] = L_NL, ['\r'] = L_NL, ['#'] = L_HASH,
	['\\'] = L_BSLASH, ['('] = L_OPEN, ['['] = L_OPEN, ['{'] = L_OPEN,
	[')'] = L_CLOSE, [']'] = L_CLOSE, ['}'] = L_CLOSE, ['.'] = L_DOT,
	[':'] = L_OP, [','] = L_OP, [';'] = L_OP, ['+'] = L_OP, ['-'] = L_OP, ['*'] = L_OP,
	['/'] = L_OP, ['|'] = L_OP, ['&'] = L_OP, ['<'] = L_OP, ['>'] = L_OP, ['='] = L_OP,
	['%'] = L_OP, ['~'] = L_OP, ['^'] = L_OP, ['@'] = L_OP, ['!'] = L_OP,
	[0x80] = R10(L_NAME), R10(L_NAME), R10(L_NAME), R10(L_NAME), R10(L_NAME),
	R10(L_NAME), R10(L_NAME), R10(L_NAME), R10(L_NAME), R10(L_NAME), R10(L_NAME),
	R10(L_NAME), L_NAME, L_NAME, L_NAME, L_NAME, L_NAME, L_NAME, L_NAME, L_NAME,
#undef R10
};

/* The one-byte operators (the L_OP bytes). */
static const uint8_t one_char[128] = {
	[':'] = TK_COLON, [','] = TK_COMMA, [';'] = TK_SEMI, ['+'] = TK_PLUS,
	['-'] = TK_MINUS, ['*'] = TK_STAR, ['/'] = TK_SLASH, ['|'] = TK_VBAR,
	['&'] = TK_AMPER, ['<'] = TK_LESS, ['>'] = TK_GREATER, ['='] = TK_EQUAL,
	['%'] = TK_PERCENT, ['~'] = TK_TILDE, ['^'] = TK_CIRCUMFLEX, ['@'] = TK_AT,
	['!'] = TK_EXCLAMATION,
};

/* The operator starting with c, c2, c3 (0 past the end): its kind and
 * length, the longest match as tok_get's PyToken_ThreeChars, TwoChars and
 * OneChar try them.  c is one of the L_OP bytes. */
static inline enum lex_kind operator(int c, int c2, int c3, size_t *n)
{
	*n = 1;
	/* Only these bytes continue an operator: when c2 is none of them, the
	 * one-byte operator, looked up (PyToken_OneChar). */
	if (!(cls[(unsigned char)c2] & C_OPTAIL))
		return one_char[c];
	switch (c) {
	case ':': if (c2 == '=') { *n = 2; return TK_COLONEQUAL; } return TK_COLON;
	case ',': return TK_COMMA;
	case ';': return TK_SEMI;
	case '~': return TK_TILDE;
	case '=': if (c2 == '=') { *n = 2; return TK_EQEQUAL; } return TK_EQUAL;
	case '+': if (c2 == '=') { *n = 2; return TK_PLUSEQUAL; } return TK_PLUS;
	case '%': if (c2 == '=') { *n = 2; return TK_PERCENTEQUAL; } return TK_PERCENT;
	case '&': if (c2 == '=') { *n = 2; return TK_AMPEREQUAL; } return TK_AMPER;
	case '^': if (c2 == '=') { *n = 2; return TK_CIRCUMFLEXEQUAL; } return TK_CIRCUMFLEX;
	case '|': if (c2 == '=') { *n = 2; return TK_VBAREQUAL; } return TK_VBAR;
	case '@': if (c2 == '=') { *n = 2; return TK_ATEQUAL; } return TK_AT;
	case '!': if (c2 == '=') { *n = 2; return TK_NOTEQUAL; } return TK_EXCLAMATION;
	case '-':
		if (c2 == '=') { *n = 2; return TK_MINEQUAL; }
		if (c2 == '>') { *n = 2; return TK_RARROW; }
		return TK_MINUS;
	case '*':
		if (c2 == '*') {
			if (c3 == '=') { *n = 3; return TK_DOUBLESTAREQUAL; }
			*n = 2;
			return TK_DOUBLESTAR;
		}
		if (c2 == '=') { *n = 2; return TK_STAREQUAL; }
		return TK_STAR;
	case '/':
		if (c2 == '/') {
			if (c3 == '=') { *n = 3; return TK_DOUBLESLASHEQUAL; }
			*n = 2;
			return TK_DOUBLESLASH;
		}
		if (c2 == '=') { *n = 2; return TK_SLASHEQUAL; }
		return TK_SLASH;
	case '<':
		if (c2 == '<') {
			if (c3 == '=') { *n = 3; return TK_LEFTSHIFTEQUAL; }
			*n = 2;
			return TK_LEFTSHIFT;
		}
		if (c2 == '=') { *n = 2; return TK_LESSEQUAL; }
		if (c2 == '>') { *n = 2; return TK_NOTEQUAL; }
		return TK_LESS;
	case '>':
		if (c2 == '>') {
			if (c3 == '=') { *n = 3; return TK_RIGHTSHIFTEQUAL; }
			*n = 2;
			return TK_RIGHTSHIFT;
		}
		if (c2 == '=') { *n = 2; return TK_GREATEREQUAL; }
		return TK_GREATER;
	}
	return TK_OP;
}

/* String prefix letters (b, r, u, f, t in CPython's allowed orders) as
 * LEX_STR_* flags, or 0xFFFF when p[0..n) is not a prefix. */
static uint16_t string_prefix(const char *p, size_t n)
{
	uint16_t fl = 0;
	for (size_t i = 0; i < n; i++) {
		int l = p[i] | 0x20;
		uint16_t bit;
		if (l == 'b' && !(fl & (LEX_STR_BYTES | LEX_STR_U | LEX_STR_F | LEX_STR_T)))
			bit = LEX_STR_BYTES;
		else if (l == 'u' && !fl)
			bit = LEX_STR_U;
		else if (l == 'r' && !(fl & (LEX_STR_RAW | LEX_STR_U)))
			bit = LEX_STR_RAW;
		else if (l == 'f' && !(fl & (LEX_STR_F | LEX_STR_T | LEX_STR_BYTES | LEX_STR_U)))
			bit = LEX_STR_F;
		else if (l == 't' && !(fl & (LEX_STR_F | LEX_STR_T | LEX_STR_BYTES | LEX_STR_U)))
			bit = LEX_STR_T;
		else
			return 0xFFFF;
		fl |= bit;
	}
	return fl;
}

/* The end of the identifier characters from q (< e). */
static inline const char *id_end(const char *q, const char *e)
{
	while (e - q >= 8) {
		if (!is_id(q[0])) return q;
		if (!is_id(q[1])) return q + 1;
		if (!is_id(q[2])) return q + 2;
		if (!is_id(q[3])) return q + 3;
		if (!is_id(q[4])) return q + 4;
		if (!is_id(q[5])) return q + 5;
		if (!is_id(q[6])) return q + 6;
		if (!is_id(q[7])) return q + 7;
		q += 8;
	}
	while (q < e && is_id(*q))
		q++;
	return q;
}

/* ------------------------------------------------------------------ */
/* tok_get                                                             */

/* Computes the indentation of the line at s->p and queues INDENT/DEDENT.
 * Returns 0, or -1 on an indentation error. */
static int indentation(struct state *s, bool *blank)
{
	const char *q = s->p, *e = s->end;
	while (q < e && *q == ' ') /* the common case: spaces only */
		q++;
	int col = (int)(q - s->p), altcol = col;
	for (; q < e; q++) {
		if (*q == ' ') {
			col++;
			altcol++;
		} else if (*q == '\t') {
			col = (col / TABSIZE + 1) * TABSIZE;
			altcol++;
		} else if (*q == '\014') { /* control-L (formfeed): reset */
			col = altcol = 0;
		} else {
			break;
		}
	}
	s->p = q;
	*blank = q < e && (*q == '#' || is_nl(*q));
	if (q >= e && q > s->src && !is_nl(q[-1]) && col > 0) /* "   " + implicit \n */
		*blank = true;
	if (q >= e && !*blank)
		col = altcol = 0;
	if (*blank || s->level > 0)
		return 0;
	if (col == s->indstack[s->indent]) {
		if (altcol != s->altindstack[s->indent])
			return tok_error(s, q, "inconsistent use of tabs and spaces in indentation");
	} else if (col > s->indstack[s->indent]) {
		if (s->indent + 1 >= MAXINDENT)
			return tok_error(s, q, "too many levels of indentation");
		if (altcol <= s->altindstack[s->indent])
			return tok_error(s, q, "inconsistent use of tabs and spaces in indentation");
		s->pendin++;
		s->indent++;
		s->indstack[s->indent] = col;
		s->altindstack[s->indent] = altcol;
	} else {
		while (s->indent > 0 && col < s->indstack[s->indent]) {
			s->pendin--;
			s->indent--;
		}
		if (col != s->indstack[s->indent])
			return tok_error(s, q, "unindent does not match any outer indentation level");
		if (altcol != s->altindstack[s->indent])
			return tok_error(s, q, "inconsistent use of tabs and spaces in indentation");
	}
	return 0;
}

static int tokenize(struct state *s)
{
	const char *e = s->end, *p = s->p;
	bool atbol = true, blank = false;
	for (;;) {
		if (atbol) {
			atbol = false;
			s->p = p;
			if (indentation(s, &blank) < 0)
				return -1;
			p = s->p;
			for (; s->pendin > 0; s->pendin--)
				emit(s, TK_INDENT, p, p, 0);
			for (; s->pendin < 0; s->pendin++)
				emit(s, TK_DEDENT, p, p, 0);
		}
again:
		/* one space between tokens is the common case: step over it
		 * without the dispatch below */
		while (p < e && *p == ' ')
			p++;
		if (p >= e) {
			s->p = p;
			if (s->level > 0) {
				char open = s->parens[s->level - 1];
				s->p = s->src + s->paren_at[s->level - 1];
				return tok_error(s, s->p, "'%c' was never closed", open);
			}
			return 0;
		}
		const char *start = p;
		unsigned char c = (unsigned char)*start;
		s->p = p; /* where an error found below is reported from */
		/* names are nearly half the tokens: a branch of their own
		 * predicts better than the jump below */
		if (lead[c] == L_NAME)
			goto name;
		switch (lead[c]) {
		case L_SPACE:
			p++;
			while (p < e && (*p == ' ' || *p == '\t' || *p == '\014'))
				p++;
			goto again;
		case L_HASH:
			if (!s->has_cr) {
				const char *nl = memchr(p, '\n', (size_t)(e - p));
				p = nl ? nl : e;
			} else {
				while (p < e && !is_nl(*p))
					p++;
			}
			goto again;
		case L_NL:
			p = c == '\r' ? skip_nl(start, e) : start + 1;
			line_starts(s, p);
			atbol = true;
			if (!blank && s->level == 0 && s->line_open) {
				vec_push(&s->lx->newlines, (uint32_t)s->ntok);
				emit(s, TK_NEWLINE, start, p, 0);
				s->line_open = false;
			}
			continue;
		case L_NAME:
		name: {
			s->line_open = true;
			const char *q = id_end(start + 1, e);
			size_t n = (size_t)(q - start);
			bool quoted = q < e && (*q == '"' || *q == '\'');
			if (quoted && n <= 2 && (cls[c] & C_PREFIX)) {
				uint16_t fl = string_prefix(start, n);
				if (fl != 0xFFFF) {
					const char *qs = q;
					if (string_rest(s, start, &q, fl, 0) < 0)
						return -1;
					if (e - qs >= 3 && qs[1] == *qs && qs[2] == *qs)
						fl |= LEX_STR_TRIPLE;
					lines_in(s, start, q);
					if (s->lx->ascii_only == false)
						check_literal(s, start, q, fl);
					emit(s, TK_STRING, start, q, fl);
					p = q;
					break;
				}
			}
			bool ascii = s->lx->ascii_only || is_ascii(start, n);
			if (!ascii && verify_identifier(s, start, q) < 0)
				return -1;
			if (quoted || (n == 10 && !memcmp(start, "__import__", 10)) ||
			    (n == 13 && !memcmp(start, "import_module", 13)))
				vec_push(&s->lx->dynamic, (uint32_t)s->ntok);
			emit(s, ascii ? keyword(start, n) : TK_NAME, start, q, 0);
			p = q;
			break;
		}
		case L_DOT:
			s->line_open = true;
			if (start + 1 < e && is_digit(start[1])) {
				if (number(s) < 0)
					return -1;
				p = s->p;
				break;
			}
			if (e - start >= 3 && start[1] == '.' && start[2] == '.') {
				emit(s, TK_ELLIPSIS, start, start + 3, 0);
				p = start + 3;
			} else {
				emit(s, TK_DOT, start, start + 1, 0);
				p = start + 1;
				/* an attribute name follows a dot: straight to it */
				if (p < e && lead[(unsigned char)*p] == L_NAME) {
					start = p;
					c = (unsigned char)*p;
					s->p = p;
					goto name;
				}
			}
			break;
		case L_DIGIT: {
			s->line_open = true;
			/* the common case: plain digits not followed by anything that
			 * continues a number or an identifier */
			const char *q = start + 1;
			while (q < e && is_digit(*q))
				q++;
			if (c != '0' || q == start + 1) {
				int d = at(q, e);
				if (d < 0 || (!is_id(d) && d != '.' && d != '_')) {
					emit(s, TK_NUMBER, start, q, 0);
					p = q;
					break;
				}
			}
			if (number(s) < 0)
				return -1;
			p = s->p;
			break;
		}
		case L_QUOTE: {
			s->line_open = true;
			const char *q = start;
			uint16_t fl = 0;
			if (e - q >= 3 && q[1] == q[0] && q[2] == q[0])
				fl |= LEX_STR_TRIPLE;
			if (string_rest(s, start, &q, 0, 0) < 0)
				return -1;
			lines_in(s, start, q);
			if (s->lx->ascii_only == false)
				check_literal(s, start, q, fl);
			emit(s, TK_STRING, start, q, fl);
			p = q;
			break;
		}
		case L_BSLASH: {
			s->line_open = true;
			const char *q = start + 1;
			if (q >= e || !is_nl(*q))
				return tok_error(s, q, "unexpected character after line continuation character");
			q = skip_nl(q, e);
			line_starts(s, q);
			if (q >= e) {
				s->p = q;
				return tok_error(s, start + 1, "unexpected EOF while parsing");
			}
			p = q;
			goto again;
		}
		case L_OPEN:
			s->line_open = true;
			if (s->level >= MAXLEVEL)
				return tok_error(s, start, "too many nested parentheses");
			s->parens[s->level] = (char)c;
			s->paren_at[s->level] = (uint32_t)(start - s->src);
			s->paren_tok[s->level] = (uint32_t)s->ntok;
			s->level++;
			emit(s, c == '(' ? TK_LPAR : c == '[' ? TK_LSQB : TK_LBRACE, start, start + 1, 0);
			p = start + 1;
			break;
		case L_CLOSE: {
			s->line_open = true;
			if (s->level == 0)
				return tok_error(s, start, "unmatched '%c'", c);
			s->level--;
			int open = s->parens[s->level];
			if (!((open == '(' && c == ')') || (open == '[' && c == ']') ||
			      (open == '{' && c == '}'))) {
				uint32_t oline = line_at(s, s->paren_at[s->level]);
				uint32_t cline = line_at(s, (uint32_t)(start - s->src));
				if (oline != cline)
					return tok_error(s, start, "closing parenthesis '%c' does not "
							 "match opening parenthesis '%c' on line %u",
							 c, open, oline);
				return tok_error(s, start, "closing parenthesis '%c' does not "
						 "match opening parenthesis '%c'", c, open);
			}
			s->tok[s->paren_tok[s->level]].match = (uint32_t)s->ntok;
			emit(s, c == ')' ? TK_RPAR : c == ']' ? TK_RSQB : TK_RBRACE, start, start + 1, 0);
			p = start + 1;
			break;
		}
		case L_OP: {
			s->line_open = true;
			int c2 = start + 1 < e ? (unsigned char)start[1] : 0;
			int c3 = start + 2 < e ? (unsigned char)start[2] : 0;
			size_t n;
			enum lex_kind k = operator(c, c2, c3, &n);
			if (k == TK_EXCLAMATION || (k == TK_NOTEQUAL && c == '<'))
				parse_error(s, start, "invalid syntax"); /* <> outside barry_as_FLUFL */
			else if (k == TK_SEMI && s->level == 0)
				vec_push(&s->lx->semis, (uint32_t)s->ntok);
			emit(s, k, start, start + n, 0);
			p = start + n;
			break;
		}
		default:
			s->line_open = true;
			/* $, ?, ` and other characters: CPython's parser rejects them */
			if (c < 0x20 || c == 0x7F)
				return tok_error(s, start, "invalid non-printable character U+%04X", c);
			parse_error(s, start, "invalid syntax");
			emit(s, TK_OP, start, start + 1, 0);
			p = start + 1;
			break;
		}
		blank = false;
	}
}

/* ------------------------------------------------------------------ */
/* Decoding (decode_str, check_bom, check_coding_spec)                 */

/* get_normal_name: utf-8 and latin-1 aliases. */
static const char *normal_name(const char *s, char *out, size_t outsz)
{
	char buf[13];
	int i;
	for (i = 0; i < 12; i++) {
		int c = (unsigned char)s[i];
		if (c == '\0')
			break;
		buf[i] = c == '_' ? '-' : (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
	}
	buf[i] = '\0';
	if (!strcmp(buf, "utf-8") || !strncmp(buf, "utf-8-", 6))
		return "utf-8";
	if (!strcmp(buf, "latin-1") || !strcmp(buf, "iso-8859-1") || !strcmp(buf, "iso-latin-1") ||
	    !strncmp(buf, "latin-1-", 8) || !strncmp(buf, "iso-8859-1-", 11) ||
	    !strncmp(buf, "iso-latin-1-", 12))
		return "iso-8859-1";
	snprintf(out, outsz, "%s", s);
	return out;
}

/* get_coding_spec on one line (without its newline).  Returns 1 with the
 * name in out when found, 0 when not found on a comment-only line, -1 when
 * the line has code (stop looking). */
static int coding_spec(const char *line, size_t size, char *out, size_t outsz,
		       const char **name)
{
	size_t i = 0;
	for (; i + 6 < size; i++) {
		if (line[i] == '#')
			break;
		if (line[i] != ' ' && line[i] != '\t' && line[i] != '\014')
			goto no_spec;
	}
	for (; i + 6 < size; i++) {
		const char *t = line + i;
		if (memcmp(t, "coding", 6) != 0)
			continue;
		t += 6;
		if (t[0] != ':' && t[0] != '=')
			continue;
		do {
			t++;
		} while (t < line + size && (t[0] == ' ' || t[0] == '\t'));
		const char *begin = t;
		while (t < line + size && ((*t >= 'a' && *t <= 'z') || (*t >= 'A' && *t <= 'Z') ||
					   (*t >= '0' && *t <= '9') || *t == '-' || *t == '_' || *t == '.'))
			t++;
		if (begin < t) {
			char raw[64];
			size_t n = (size_t)(t - begin);
			if (n >= sizeof raw)
				n = sizeof raw - 1;
			memcpy(raw, begin, n);
			raw[n] = '\0';
			*name = normal_name(raw, out, outsz);
			return 1;
		}
	}
no_spec:
	/* check_coding_spec: only comment-only or blank lines let line 2 count */
	for (i = 0; i < size; i++) {
		if (line[i] == '#')
			break;
		if (line[i] != ' ' && line[i] != '\t' && line[i] != '\014')
			return -1;
	}
	return 0;
}

/* Converts bytes from encoding enc to UTF-8 (translate_into_utf8). */
static int transcode(struct lexer *lx, const char *bytes, size_t len, const char *enc)
{
	iconv_t cd = iconv_open("UTF-8", enc);
	if (cd == (iconv_t)-1) {
		char alt[64];
		size_t i;
		for (i = 0; enc[i] && i < sizeof alt - 1; i++)
			alt[i] = enc[i] == '_' ? '-' : enc[i];
		alt[i] = '\0';
		cd = iconv_open("UTF-8", alt);
	}
	if (cd == (iconv_t)-1) {
		set_error(&lx->error, 0, 0, "unknown encoding: %s", enc);
		return -1;
	}
	size_t cap = len * 4 + 16;
	char *out = xmalloc(cap);
	char *in = (char *)bytes, *o = out;
	size_t inleft = len, outleft = cap - 1;
	while (inleft > 0) {
		if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1) {
			if (errno == E2BIG) {
				size_t used = (size_t)(o - out);
				cap *= 2;
				out = xrealloc(out, cap);
				o = out + used;
				outleft = cap - used - 1;
				continue;
			}
			set_error(&lx->error, 0, 0, "(unicode error) '%s' codec can't decode byte "
				  "0x%02x in position %zu: invalid start byte", enc,
				  (unsigned char)*in, (size_t)(in - bytes));
			iconv_close(cd);
			free(out);
			return -1;
		}
	}
	iconv_close(cd);
	*o = '\0';
	free(lx->decoded);
	lx->decoded = out;
	lx->src = out;
	lx->len = (size_t)(o - out);
	return 0;
}

static int decode(struct lexer *lx, const char *bytes, size_t len)
{
	bool bom = false;
	if (len >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3)) {
		bom = true;
		bytes += 3;
		len -= 3;
	}
	lx->src = bytes;
	lx->len = len;
	lx->encoding = "utf-8";
	/* the first two lines, newlines as translate_newlines sees them */
	const char *line = bytes, *end = bytes + len, *name = NULL;
	for (int n = 0; n < 2 && line < end; n++) {
		const char *nl = line;
		while (nl < end && !is_nl(*nl))
			nl++;
		int r = coding_spec(line, (size_t)(nl - line), lx->encbuf, sizeof lx->encbuf, &name);
		if (r != 0)
			break;
		if (nl >= end)
			break;
		line = skip_nl(nl, end);
	}
	if (!name)
		return 0;
	if (bom) {
		if (strcmp(name, "utf-8") != 0) {
			set_error(&lx->error, 0, 0, "encoding problem: %s with BOM", name);
			return -1;
		}
		return 0;
	}
	lx->encoding = name;
	if (!strcmp(name, "utf-8"))
		return 0;
	return transcode(lx, bytes, len, name);
}

/* True when no byte of p[0..n) is >= 0x80 (eight bytes at a time). */
static bool is_ascii(const char *p, size_t n)
{
	uint64_t acc = 0;
	size_t k = 0;
	for (; k + 32 <= n; k += 32) {
		uint64_t w[4];
		memcpy(w, p + k, sizeof w);
		acc |= w[0] | w[1] | w[2] | w[3];
	}
	for (; k < n; k++)
		acc |= (unsigned char)p[k];
	return (acc & 0x8080808080808080ull) == 0;
}

/* ------------------------------------------------------------------ */
/* API                                                                 */

void lex_init(struct lexer *self)
{
	memset(self, 0, sizeof *self);
	self->encoding = "utf-8";
}

void lex_release(struct lexer *self)
{
	vec_release(&self->tokens);
	vec_release(&self->lines);
	vec_release(&self->dynamic);
	vec_release(&self->newlines);
	vec_release(&self->semis);
	free(self->decoded);
	lex_init(self);
}

/* The token stream of a text that could not be scanned: ENDMARKER. */
static void end_only(struct lexer *lx, const char *at)
{
	struct state s = { .lx = lx, .src = at };
	tokens_take(&s);
	emit(&s, TK_ENDMARKER, at, at, 0);
	tokens_give(&s);
}

int lex_run(struct lexer *self, const char *bytes, size_t len)
{
	struct text_facts tf;
	vec_clear(&self->tokens);
	vec_clear(&self->lines);
	vec_clear(&self->dynamic);
	vec_clear(&self->newlines);
	vec_clear(&self->semis);
	memset(&self->error, 0, sizeof self->error);
	memset(&self->parse_error, 0, sizeof self->parse_error);
	self->src = bytes;
	self->len = 0;
	if (len >= UINT32_MAX) {
		set_error(&self->error, 0, 0, "source file too large");
		build_lines(self);
		end_only(self, bytes);
		return -1;
	}
	if (decode(self, bytes, len) < 0) {
		self->src = bytes;
		self->len = 0;
		build_lines(self);
		end_only(self, bytes);
		return -1;
	}
	text_facts(self, &tf);
	vec_push(&self->lines, 0); /* the rest as the scan passes newlines */

	struct state s = { .lx = self, .src = self->src, .p = self->src,
			   .end = self->src + self->len, .has_cr = tf.has_cr };
	/* NUL bytes: scan up to the line holding the first one */
	const char *nul = tf.has_nul ? memchr(self->src, '\0', self->len) : NULL;
	if (nul) {
		uint32_t line = line_at(&s, (uint32_t)(nul - self->src));
		s.end = self->src + self->lines.ptr[line - 1];
	}
	self->ascii_only = tf.ascii;
	/* Room for a token per two bytes, more than nearly any file needs:
	 * growing later would copy (and touch) the whole array again, while
	 * storage reserved and never written costs nothing. */
	tokens_reserve(self, self->len / 2 + 64);
	tokens_take(&s);
	int r = tokenize(&s);
	if (r == 0 && nul) {
		tok_error(&s, nul, "source code cannot contain null bytes");
		r = -1;
	}
	/* close the token stream so readers need no special end case */
	const char *stop = s.p < s.end ? s.p : s.end;
	if (r < 0) {
		/* drop the logical line the error broke: the facts are those of
		 * the statements before it */
		size_t n = s.ntok;
		while (n > 0 && s.tok[n - 1].kind != TK_NEWLINE)
			n--;
		s.ntok = n;
		while (self->semis.len && *vec_last(&self->semis) >= n)
			self->semis.len--;
		s.line_open = false;
		s.indent = 0;
		for (size_t k = 0; k < n; k++)
			s.indent += s.tok[k].kind == TK_INDENT ? 1 : s.tok[k].kind == TK_DEDENT ? -1 : 0;
		for (size_t k = 0; k < n; k++) /* brackets closed after the cut */
			if (s.tok[k].match >= n)
				s.tok[k].match = 0;
		if (n > 0)
			stop = self->src + s.tok[n - 1].end;
	}
	if (s.line_open) {
		vec_push(&self->newlines, (uint32_t)s.ntok);
		emit(&s, TK_NEWLINE, stop, stop, 0);
	}
	for (; s.indent > 0; s.indent--)
		emit(&s, TK_DEDENT, stop, stop, 0);
	emit(&s, TK_ENDMARKER, stop, stop, 0);
	tokens_give(&s);
	return r;
}
