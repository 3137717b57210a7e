/* The import scanner (see scan.h): recursive descent over the token array.
 * Each statement function's comment gives the grammar rule it reads
 * (CPython Grammar/python.gram); expressions are not parsed into trees but
 * walked token by token with a stack of open walruses and lambdas, which is
 * all the facts need. */
#include "syntax/scan.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/vec.h"
#include "base/xalloc.h"

/* ------------------------------------------------------------------ */
/* Names                                                               */

const char *scan_binding_kind_name(enum scan_binding_kind kind)
{
	static const char *const names[] = {
#define SCAN_BINDING_NAME_(k, s) s,
		SCAN_BINDINGS(SCAN_BINDING_NAME_)
#undef SCAN_BINDING_NAME_
	};
	return (unsigned)kind < sizeof names / sizeof names[0] ? names[kind] : "?";
}

const char *scan_import_kind_name(enum scan_import_kind kind)
{
	static const char *const names[] = { "import", "from", "lazy_import", "lazy_from", "dynamic" };
	return (unsigned)kind < 5 ? names[kind] : "?";
}

const char *scan_scope_name(enum scan_scope scope)
{
	static const char *const names[] = { "module", "class", "function" };
	return (unsigned)scope < 3 ? names[scope] : "?";
}

const char *scan_guard_kind_name(enum scan_guard_kind kind)
{
	static const char *const names[] = { "try", "except", "type_checking", "main", "if" };
	return (unsigned)kind < 5 ? names[kind] : "?";
}

/* ------------------------------------------------------------------ */
/* State                                                               */

/* An open walrus or lambda inside an expression being walked. */
struct open_item {
	int depth;       /* bracket depth where it appears */
	bool lambda;
	bool in_body;    /* lambda: its ':' was seen */
	bool bind;       /* walrus: binds in the module namespace */
	uint32_t name;   /* walrus: token index of the name */
};

typedef VEC(struct slice) slice_vec;

struct scan_work {
	VEC(struct scan_import) imports;
	VEC(struct scan_binding) bindings;
	VEC(struct scan_call) calls;
	VEC(struct scan_stmt) stmts;
	VEC(struct scan_guard *) guards;    /* the current guard stack */
	slice_vec all;
	VEC(struct scan_binding) globals;   /* pending, for the current top-level def/class */
	VEC(struct open_item) open;
	VEC(struct scan_alias) aliases;
	struct buf tmp;
};

struct ctx {
	enum scan_scope scope;
	bool bind_ok;   /* statements bind in the module namespace */
	bool calls_ok;  /* code runs at import time (not in a def or lambda body) */
	bool sink;      /* inside a body under a module-level def/class: collect globals */
};

struct sc {
	struct lexer *lx;
	const struct lex_token *t;
	size_t n;       /* tokens; t[n - 1] is ENDMARKER */
	size_t i;       /* the current token */
	struct arena *arena;
	struct scan_work *w;
	struct ctx ctx;
	bool has_all, all_null, has_getattr;
	size_t line_hint;     /* index in lx->lines of the last line looked up */
	size_t nl_hint, semi_hint; /* the same in lx->newlines and lx->semis */
	bool skip_calls;      /* the caller does not want scan_facts.calls */
	bool imports_only;    /* walk() only where lx->dynamic has a token */
	struct lex_error err; /* first parse error found by the scanner */
};

static inline enum lex_kind K(const struct sc *s, size_t j)
{
	return (enum lex_kind)s->t[j < s->n ? j : s->n - 1].kind;
}

static inline struct slice TXT(const struct sc *s, size_t j)
{
	return lex_text(s->lx, &s->t[j < s->n ? j : s->n - 1]);
}

static inline bool is_name(const struct sc *s, size_t j, const char *name)
{
	return K(s, j) == TK_NAME && slice_eq_cstr(TXT(s, j), name);
}

/* The line of token j.  The scan mostly moves forward: look near the
 * last answer before searching the whole table. */
static inline uint32_t LINE(struct sc *s, size_t j)
{
	uint32_t off = s->t[j < s->n ? j : s->n - 1].start;
	const uint32_t *ls = s->lx->lines.ptr;
	size_t n = s->lx->lines.len, c = s->line_hint;
	if (c < n && ls[c] <= off) {
		for (int step = 0; step < 8; step++, c++)
			if (c + 1 >= n || ls[c + 1] > off) {
				s->line_hint = c;
				return (uint32_t)c + 1;
			}
	}
	uint32_t line = lex_line(s->lx, off);
	s->line_hint = line - 1;
	return line;
}

/* The byte column of token j, from the line LINE() finds (forward, near
 * the last one) rather than another search of the whole table. */
static inline uint32_t COL(struct sc *s, size_t j)
{
	uint32_t line = LINE(s, j);
	return s->t[j < s->n ? j : s->n - 1].start - s->lx->lines.ptr[line - 1];
}

/* Records a parse error at token j (the first one wins). */
static void perr(struct sc *s, size_t j, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void perr(struct sc *s, size_t j, const char *fmt, ...)
{
	if (s->err.set)
		return;
	va_list ap;
	uint32_t off = s->t[j < s->n ? j : s->n - 1].start;
	s->err.set = true;
	s->err.offset = off;
	s->err.line = lex_line(s->lx, off);
	va_start(ap, fmt);
	vsnprintf(s->err.message, sizeof s->err.message, fmt, ap);
	va_end(ap);
}

static struct slice intern(struct sc *s, struct slice x)
{
	return arena_slice(s->arena, x);
}

/* The dotted name NAME ('.' NAME)* at tokens [a, b), joined with dots. */
static struct slice dotted(struct sc *s, size_t a, size_t b)
{
	if (b == a + 1)
		return intern(s, TXT(s, a));
	buf_clear(&s->w->tmp);
	for (size_t j = a; j < b; j++)
		buf_addsl(&s->w->tmp, TXT(s, j));
	return intern(s, buf_slice(&s->w->tmp));
}

/* ------------------------------------------------------------------ */
/* Token ranges                                                        */

static inline bool opens(enum lex_kind k) { return k == TK_LPAR || k == TK_LSQB || k == TK_LBRACE; }
static inline bool closes(enum lex_kind k) { return k == TK_RPAR || k == TK_RSQB || k == TK_RBRACE; }

/* The position in v (ascending token indices) of the first index >= i,
 * found from *hint: the scan mostly moves forward a line at a time. */
static size_t first_from(const uint32_t *v, size_t n, size_t i, size_t *hint)
{
	size_t k = *hint < n ? *hint : n;
	while (k > 0 && v[k - 1] >= i)
		k--;
	while (k < n && v[k] < i)
		k++;
	*hint = k;
	return k;
}

/* The NEWLINE ending the logical line of token j (or the ENDMARKER): the
 * first the lexer listed at or after j (there is none inside brackets). */
static size_t line_end(struct sc *s, size_t j)
{
	const struct lexer *lx = s->lx;
	size_t k = first_from(lx->newlines.ptr, lx->newlines.len, j, &s->nl_hint);
	return k < lx->newlines.len ? lx->newlines.ptr[k] : s->n - 1;
}

/* The first token of kind k at bracket depth 0 in [a, b), or b.  A COLON
 * that ends a lambda's parameters does not count. */
static size_t find0(const struct sc *s, size_t a, size_t b, enum lex_kind k)
{
	int depth = 0, lambdas = 0;
	for (size_t j = a; j < b; j++) {
		enum lex_kind x = K(s, j);
		if (opens(x)) {
			if (depth == 0 && s->t[j].match > j && s->t[j].match < b) {
				j = s->t[j].match; /* skip the group */
				continue;
			}
			depth++;
		} else if (closes(x)) {
			if (depth > 0)
				depth--;
		} else if (depth == 0) {
			if (x == TK_KW_LAMBDA) {
				lambdas++;
			} else if (x == TK_COLON && lambdas > 0) {
				lambdas--;
				continue;
			} else if (lambdas > 0) {
				continue; /* inside a lambda's parameters */
			}
			if (x == k)
				return j;
		}
	}
	return b;
}

/* The bracket closing the one at j, or the line's end if unbalanced. */
static size_t match_close(const struct sc *s, size_t j)
{
	int depth = 0;
	if (j < s->n && s->t[j].match > j)
		return s->t[j].match;
	for (; j < s->n - 1; j++) {
		enum lex_kind x = K(s, j);
		if (x == TK_NEWLINE)
			return j;
		if (opens(x))
			depth++;
		else if (closes(x) && --depth == 0)
			return j;
	}
	return s->n - 1;
}

static bool is_augassign(enum lex_kind k)
{
	switch (k) {
	case TK_PLUSEQUAL: case TK_MINEQUAL: case TK_STAREQUAL: case TK_SLASHEQUAL:
	case TK_PERCENTEQUAL: case TK_AMPEREQUAL: case TK_VBAREQUAL:
	case TK_CIRCUMFLEXEQUAL: case TK_LEFTSHIFTEQUAL: case TK_RIGHTSHIFTEQUAL:
	case TK_DOUBLESTAREQUAL: case TK_DOUBLESLASHEQUAL: case TK_ATEQUAL:
		return true;
	default:
		return false;
	}
}

/* ------------------------------------------------------------------ */
/* String literals                                                     */

static int hexval(int c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

static void add_utf8(struct buf *b, uint32_t cp)
{
	if (cp < 0x80) {
		buf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		buf_addc(b, (char)(0xC0 | (cp >> 6)));
		buf_addc(b, (char)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		buf_addc(b, (char)(0xE0 | (cp >> 12)));
		buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
		buf_addc(b, (char)(0x80 | (cp & 0x3F)));
	} else {
		buf_addc(b, (char)(0xF0 | (cp >> 18)));
		buf_addc(b, (char)(0x80 | ((cp >> 12) & 0x3F)));
		buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
		buf_addc(b, (char)(0x80 | (cp & 0x3F)));
	}
}

/* Appends the value of the str literal token j to out; false for bytes,
 * f-strings and t-strings (not plain literals). */
static bool string_value(const struct sc *s, size_t j, struct buf *out)
{
	const struct lex_token *t = &s->t[j];
	if (t->flags & (LEX_STR_BYTES | LEX_STR_F | LEX_STR_T))
		return false;
	struct slice x = lex_text(s->lx, t);
	size_t p = 0;
	while (p < x.len && x.ptr[p] != '\'' && x.ptr[p] != '"')
		p++;
	size_t q = (t->flags & LEX_STR_TRIPLE) ? 3 : 1;
	if (x.len < p + 2 * q)
		return false;
	const char *c = x.ptr + p + q, *e = x.ptr + x.len - q;
	if (t->flags & LEX_STR_RAW) {
		buf_add(out, c, (size_t)(e - c));
		return true;
	}
	while (c < e) {
		if (*c != '\\') {
			buf_addc(out, *c++);
			continue;
		}
		c++;
		if (c >= e)
			break;
		char ch = *c++;
		switch (ch) {
		case '\n': break;
		case '\r': if (c < e && *c == '\n') c++; break;
		case 'n': buf_addc(out, '\n'); break;
		case 't': buf_addc(out, '\t'); break;
		case 'r': buf_addc(out, '\r'); break;
		case 'a': buf_addc(out, '\a'); break;
		case 'b': buf_addc(out, '\b'); break;
		case 'f': buf_addc(out, '\f'); break;
		case 'v': buf_addc(out, '\v'); break;
		case '\\': case '\'': case '"': buf_addc(out, ch); break;
		case 'x': case 'u': case 'U': {
			int n = ch == 'x' ? 2 : ch == 'u' ? 4 : 8;
			uint32_t v = 0;
			int i;
			for (i = 0; i < n && c < e && hexval(*c) >= 0; i++, c++)
				v = v * 16 + (uint32_t)hexval(*c);
			add_utf8(out, v);
			break;
		}
		default:
			if (ch >= '0' && ch <= '7') {
				uint32_t v = (uint32_t)(ch - '0');
				for (int i = 0; i < 2 && c < e && *c >= '0' && *c <= '7'; i++, c++)
					v = v * 8 + (uint32_t)(*c - '0');
				add_utf8(out, v);
			} else {
				buf_addc(out, '\\');
				buf_addc(out, ch);
			}
		}
	}
	return true;
}

/* Tokens [a, b) are one or more plain str literals: their joined value. */
static bool literal_str(const struct sc *s, size_t a, size_t b, struct buf *out)
{
	if (a >= b)
		return false;
	buf_clear(out);
	for (size_t j = a; j < b; j++)
		if (K(s, j) != TK_STRING || !string_value(s, j, out))
			return false;
	return true;
}

/* ------------------------------------------------------------------ */
/* Recording                                                           */

static void bind(struct sc *s, size_t name_tok, enum scan_binding_kind kind, uint32_t line)
{
	struct scan_binding b = { intern(s, TXT(s, name_tok)), line, kind };
	vec_push(&s->w->bindings, b);
}

static const struct scan_guard *const *guard_copy(struct sc *s)
{
	size_t n = s->w->guards.len;
	if (n == 0)
		return NULL;
	const struct scan_guard **g = arena_alloc(s->arena, n * sizeof *g);
	for (size_t i = 0; i < n; i++)
		g[i] = s->w->guards.ptr[i];
	return g;
}

static struct scan_guard *push_guard(struct sc *s, enum scan_guard_kind kind, uint32_t line)
{
	struct scan_guard *g = ARENA_NEW(s->arena, struct scan_guard);
	g->kind = kind;
	g->line = line;
	vec_push(&s->w->guards, g);
	return g;
}

static void pop_guard(struct sc *s)
{
	if (s->w->guards.len)
		s->w->guards.len--;
}

static struct scan_import *new_import(struct sc *s, enum scan_import_kind kind, size_t at,
				      enum scan_scope scope)
{
	struct scan_import *r = vec_push_zero(&s->w->imports);
	r->kind = kind;
	r->line = LINE(s, at);
	r->col = COL(s, at);
	r->scope = scope;
	r->guards = guard_copy(s);
	r->nguards = (uint32_t)s->w->guards.len;
	return r;
}

static void take_aliases(struct sc *s, struct scan_import *r)
{
	size_t n = s->w->aliases.len;
	struct scan_alias *a = n ? arena_alloc(s->arena, n * sizeof *a) : NULL;
	if (n)
		memcpy(a, s->w->aliases.ptr, n * sizeof *a);
	r->names = a;
	r->nnames = (uint32_t)n;
	vec_clear(&s->w->aliases);
}

/* ------------------------------------------------------------------ */
/* Expressions                                                         */

/* A dotted chain starting at j: atom ('.' NAME)* with atom NAME or
 * '(' chain ')' (ast gives `(a).b` the callee a.b).  Returns the index of
 * its last token, or (size_t)-1; appends the names to out, dot-joined. */
static size_t chain_end(const struct sc *s, size_t j, struct buf *out, int depth)
{
	size_t e;
	if (K(s, j) == TK_NAME) {
		buf_addsl(out, TXT(s, j));
		e = j;
	} else if (K(s, j) == TK_LPAR && depth < 20) {
		e = chain_end(s, j + 1, out, depth + 1);
		if (e == (size_t)-1 || K(s, e + 1) != TK_RPAR)
			return (size_t)-1;
		e++;
	} else {
		return (size_t)-1;
	}
	while (K(s, e + 1) == TK_DOT && K(s, e + 2) == TK_NAME) {
		buf_addc(out, '.');
		buf_addsl(out, TXT(s, e + 2));
		e += 2;
	}
	return e;
}

/* A call whose callee is the dotted chain starting at token a and ending
 * at token b, with '(' at b + 1. */
static void call(struct sc *s, size_t a, size_t b, bool in_lambda)
{
	bool record = s->ctx.calls_ok && !in_lambda && !s->skip_calls;
	bool dynamic;
	if (K(s, a) == TK_NAME) { /* the common case: compare tokens, build nothing */
		dynamic = (a == b && (is_name(s, a, "__import__") || is_name(s, a, "import_module"))) ||
			  (b == a + 2 && is_name(s, a, "importlib") && is_name(s, b, "import_module"));
	} else {
		buf_clear(&s->w->tmp);
		chain_end(s, a, &s->w->tmp, 0);
		struct slice x = buf_slice(&s->w->tmp);
		dynamic = slice_eq_cstr(x, "__import__") || slice_eq_cstr(x, "import_module") ||
			  slice_eq_cstr(x, "importlib.import_module");
	}
	if (record) {
		buf_clear(&s->w->tmp);
		chain_end(s, a, &s->w->tmp, 0);
		struct scan_call c = { intern(s, buf_slice(&s->w->tmp)), LINE(s, a), COL(s, a) };
		vec_push(&s->w->calls, c);
	}
	/* __import__("m"), importlib.import_module("m"), import_module("m", "pkg") */
	if (!dynamic)
		return;
	size_t j = b + 2, k = j;
	while (K(s, k) == TK_STRING)
		k++;
	if (k == j || (K(s, k) != TK_COMMA && K(s, k) != TK_RPAR))
		return;
	if (!literal_str(s, j, k, &s->w->tmp))
		return;
	struct slice lit = buf_slice(&s->w->tmp);
	uint32_t level = 0;
	while (level < lit.len && lit.ptr[level] == '.')
		level++;
	struct scan_import *r = new_import(s, SCAN_DYNAMIC, a,
					   in_lambda ? SCAN_SCOPE_FUNCTION : s->ctx.scope);
	r->level = level;
	if (lit.len > level)
		r->module = intern(s, slice_make(lit.ptr + level, lit.len - level));
	if (K(s, k) == TK_COMMA) {
		size_t p = k + 1, q = p;
		while (K(s, q) == TK_STRING)
			q++;
		if (q > p && (K(s, q) == TK_COMMA || K(s, q) == TK_RPAR) &&
		    literal_str(s, p, q, &s->w->tmp))
			r->package = intern(s, buf_slice(&s->w->tmp));
	}
}

/* Closes the open walruses and lambdas at depth >= d (an expression
 * boundary at depth d).  A comma inside a lambda's parameters closes
 * nothing there. */
static void close_open_(struct sc *s, size_t base, int d, bool comma, int *lambda_bodies)
{
	while (s->w->open.len > base) {
		struct open_item *o = vec_last(&s->w->open);
		if (o->depth < d)
			break;
		if (o->lambda && !o->in_body && comma && o->depth == d)
			break;
		if (o->lambda) {
			if (o->in_body)
				(*lambda_bodies)--;
		} else if (o->bind) {
			bind(s, o->name, SCAN_BIND_WALRUS, LINE(s, o->name));
		}
		s->w->open.len--;
	}
}

/* walk() finds calls, walrus bindings, dynamic imports and `ur""` errors;
 * for imports alone, a range with no token the lexer listed in
 * lx->dynamic (the callee names, the name before a quote) has none. */
static bool has_dynamic(const struct sc *s, size_t a, size_t b)
{
	const uint32_t *d = s->lx->dynamic.ptr;
	size_t lo = 0, hi = s->lx->dynamic.len;
	while (lo < hi) { /* the first index >= a */
		size_t mid = (lo + hi) / 2;
		if (d[mid] < a)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->lx->dynamic.len && d[lo] < b;
}

/* Most expressions open nothing: test that before the call. */
static inline void close_open(struct sc *s, size_t base, int d, bool comma, int *lambda_bodies)
{
	if (s->w->open.len > base)
		close_open_(s, base, d, comma, lambda_bodies);
}

/* The token kinds walk() acts on. */
static const bool walk_kinds[TK_COUNT_] = {
	[TK_LPAR] = true, [TK_RPAR] = true, [TK_LSQB] = true, [TK_RSQB] = true,
	[TK_LBRACE] = true, [TK_RBRACE] = true, [TK_COMMA] = true, [TK_COLON] = true,
	[TK_KW_FOR] = true, [TK_KW_LAMBDA] = true, [TK_NAME] = true,
};

/* Walks the expression tokens [a, b): records walrus bindings (after
 * their value), calls, dynamic imports; lambda bodies are function scope. */
static void walk(struct sc *s, size_t a, size_t b)
{
	/* The tokens in registers: K() would reload them after every store. */
	if (s->imports_only && !has_dynamic(s, a, b))
		return;
	const struct lex_token *t = s->t;
	const size_t n = s->n;
#define KW(j) ((enum lex_kind)t[(j) < n ? (j) : n - 1].kind)
	size_t base = s->w->open.len;
	int depth = 0, lambda_bodies = 0;
	if (b > n)
		b = n;
	for (size_t j = a; j < b; j++) {
		enum lex_kind k = (enum lex_kind)t[j].kind;
		/* most tokens (operators, numbers, strings, keywords) matter
		 * nothing here: one predictable test instead of a jump table */
		if (!walk_kinds[k])
			continue;
		switch (k) {
		case TK_LPAR:
			if (j == 0 || !(KW(j - 1) == TK_NAME || closes(KW(j - 1)) ||
					KW(j - 1) == TK_STRING)) {
				/* a grouping paren may start a callee: (a).b() */
				buf_clear(&s->w->tmp);
				size_t e = chain_end(s, j, &s->w->tmp, 0);
				if (e != (size_t)-1 && e + 1 < b && KW(e + 1) == TK_LPAR)
					call(s, j, e, lambda_bodies > 0);
			}
			depth++;
			break;
		case TK_LSQB: case TK_LBRACE:
			depth++;
			break;
		case TK_RPAR: case TK_RSQB: case TK_RBRACE:
			close_open(s, base, depth, false, &lambda_bodies);
			if (depth > 0)
				depth--;
			break;
		case TK_COMMA:
			close_open(s, base, depth, true, &lambda_bodies);
			break;
		case TK_COLON: {
			struct open_item *o = s->w->open.len > base ? vec_last(&s->w->open) : NULL;
			if (o && o->lambda && !o->in_body && o->depth == depth) {
				o->in_body = true;
				lambda_bodies++;
			} else {
				close_open(s, base, depth, false, &lambda_bodies);
			}
			break;
		}
		case TK_KW_FOR:
			close_open(s, base, depth, false, &lambda_bodies);
			break;
		case TK_KW_LAMBDA: {
			struct open_item o = { .depth = depth, .lambda = true };
			vec_push(&s->w->open, o);
			break;
		}
		case TK_NAME: {
			if (KW(j + 1) == TK_COLONEQUAL) {
				struct open_item o = { .depth = depth, .name = (uint32_t)j,
					.bind = s->ctx.bind_ok && lambda_bodies == 0 };
				vec_push(&s->w->open, o);
				j++;
				break;
			}
			if (j > 0 && KW(j - 1) == TK_DOT)
				break;
			if (KW(j + 1) == TK_STRING && s->t[j].end == s->t[j + 1].start)
				perr(s, j + 1, "invalid syntax"); /* ur"", a Python 2 prefix */
			size_t e = j;
			while (KW(e + 1) == TK_DOT && KW(e + 2) == TK_NAME)
				e += 2;
			if (KW(e + 1) == TK_LPAR && e + 1 < b)
				call(s, j, e, lambda_bodies > 0);
			j = e;
			break;
		}
		default:
			break;
		}
	}
	close_open(s, base, -1, false, &lambda_bodies);
#undef KW
}

/* ------------------------------------------------------------------ */
/* Targets                                                             */

/* Binds the names of the target list [a, b): `a, (b, *c)`, `[x, y]`;
 * attributes and subscripts bind nothing. */
static void bind_targets(struct sc *s, size_t a, size_t b, enum scan_binding_kind kind, int depth)
{
	if (!s->ctx.bind_ok || depth > 250)
		return;
	while (a < b) {
		size_t e = find0(s, a, b, TK_COMMA);
		size_t x = a;
		if (x < e && K(s, x) == TK_STAR)
			x++;
		if (x < e) {
			if ((K(s, x) == TK_LPAR || K(s, x) == TK_LSQB) && match_close(s, x) == e - 1)
				bind_targets(s, x + 1, e - 1, kind, depth + 1);
			else if (e - x == 1 && K(s, x) == TK_NAME)
				bind(s, x, kind, LINE(s, x));
		}
		a = e + 1;
	}
}

/* ------------------------------------------------------------------ */
/* __all__                                                             */

/* A literal list/tuple of str literals at [a, b): appends its items to
 * out.  A bare tuple needs a comma. */
static bool literal_list(struct sc *s, size_t a, size_t b, slice_vec *out)
{
	if (a >= b)
		return false;
	bool bracketed = (K(s, a) == TK_LSQB || K(s, a) == TK_LPAR) && match_close(s, a) == b - 1;
	if (bracketed && K(s, a) == TK_LPAR && b - a > 2 && find0(s, a + 1, b - 1, TK_COMMA) == b - 1)
		return false; /* ("a") is a string, not a tuple */
	if (bracketed) {
		a++;
		b--;
	} else if (find0(s, a, b, TK_COMMA) == b) {
		return false;
	}
	while (a < b) {
		size_t e = find0(s, a, b, TK_COMMA);
		if (!literal_str(s, a, e, &s->w->tmp))
			return false;
		vec_push(out, intern(s, buf_slice(&s->w->tmp)));
		a = e + 1;
	}
	return true;
}

static void all_assign(struct sc *s, size_t a, size_t b, bool extend)
{
	slice_vec items = VEC_INIT;
	if (!s->ctx.bind_ok)
		return;
	if (!literal_list(s, a, b, &items) || (extend && !s->has_all)) {
		s->all_null = true;
	} else {
		if (!extend)
			vec_clear(&s->w->all);
		for (size_t i = 0; i < items.len; i++)
			vec_push(&s->w->all, items.ptr[i]);
		s->has_all = true;
	}
	vec_release(&items);
}

/* __all__.append("x") / __all__.extend([...]) as a statement [a, b). */
static void all_method(struct sc *s, size_t a, size_t b)
{
	if (!s->ctx.bind_ok || !is_name(s, a, "__all__") || K(s, a + 1) != TK_DOT ||
	    K(s, a + 2) != TK_NAME || K(s, a + 3) != TK_LPAR || match_close(s, a + 3) != b - 1)
		return;
	struct slice m = TXT(s, a + 2);
	if (slice_eq_cstr(m, "append")) {
		if (s->has_all && literal_str(s, a + 4, b - 1, &s->w->tmp)) {
			vec_push(&s->w->all, intern(s, buf_slice(&s->w->tmp)));
			s->has_all = true;
		} else {
			s->all_null = true;
		}
	} else if (slice_eq_cstr(m, "extend")) {
		all_assign(s, a + 4, b - 1, true);
	}
}

/* ------------------------------------------------------------------ */
/* Simple statements                                                   */

static void statement(struct sc *s);
static void walk_quiet(struct sc *s, size_t a, size_t b);

/* dotted_name: NAME ('.' NAME)*; returns the index after it, or a (none). */
static size_t dotted_end(const struct sc *s, size_t a)
{
	if (K(s, a) != TK_NAME)
		return a;
	size_t j = a + 1;
	while (K(s, j) == TK_DOT && K(s, j + 1) == TK_NAME)
		j += 2;
	return j;
}

/* import_name: 'import' dotted_as_names  (k: the 'import' token, at: the
 * statement's first token, 'lazy' for lazy imports) */
static void import_stmt(struct sc *s, size_t at, size_t k, size_t b, bool lazy)
{
	size_t j = k + 1;
	vec_clear(&s->w->aliases);
	for (;;) {
		size_t e = dotted_end(s, j);
		if (e == j) {
			perr(s, j, "invalid syntax");
			return;
		}
		struct scan_alias al = { dotted(s, j, e), { NULL, 0 }, LINE(s, j), COL(s, j) };
		size_t first = j;
		j = e;
		if (K(s, j) == TK_KW_AS) {
			if (K(s, j + 1) != TK_NAME || j + 1 >= b) {
				perr(s, j + 1, "invalid syntax");
				return;
			}
			al.asname = intern(s, TXT(s, j + 1));
			j += 2;
		}
		vec_push(&s->w->aliases, al);
		(void)first;
		if (j >= b)
			break;
		if (K(s, j) != TK_COMMA || j + 1 >= b) {
			perr(s, j + (K(s, j) == TK_COMMA), "invalid syntax");
			return;
		}
		j++;
	}
	struct scan_import *r = new_import(s, lazy ? SCAN_LAZY_IMPORT : SCAN_IMPORT, at, s->ctx.scope);
	take_aliases(s, r);
	if (s->ctx.bind_ok) {
		for (uint32_t i = 0; i < r->nnames; i++) {
			struct slice nm = r->names[i].asname.ptr ? r->names[i].asname : r->names[i].name;
			if (!r->names[i].asname.ptr) {
				const char *dot = memchr(nm.ptr, '.', nm.len);
				if (dot)
					nm = intern(s, slice_make(nm.ptr, (size_t)(dot - nm.ptr)));
			}
			struct scan_binding bd = { nm, r->names[i].line, SCAN_BIND_IMPORT };
			vec_push(&s->w->bindings, bd);
		}
	}
}

/* import_from: 'from' ('.' | '...')* dotted_name 'import' import_from_targets
 *            | 'from' ('.' | '...')+ 'import' import_from_targets */
static void from_stmt(struct sc *s, size_t at, size_t k, size_t b, bool lazy)
{
	size_t j = k + 1;
	uint32_t level = 0;
	struct slice module = { NULL, 0 };
	vec_clear(&s->w->aliases);
	for (;; j++) {
		if (K(s, j) == TK_DOT)
			level++;
		else if (K(s, j) == TK_ELLIPSIS)
			level += 3;
		else
			break;
	}
	size_t e = dotted_end(s, j);
	if (e > j) {
		module = dotted(s, j, e);
		j = e;
	} else if (level == 0) {
		perr(s, j, "invalid syntax");
		return;
	}
	if (K(s, j) != TK_KW_IMPORT) {
		perr(s, j, "invalid syntax");
		return;
	}
	j++;
	if (K(s, j) == TK_STAR) {
		struct scan_alias al = { intern(s, SLICE_LIT("*")), { NULL, 0 }, LINE(s, j), COL(s, j) };
		if (j + 1 != b) {
			perr(s, j + 1, "invalid syntax");
			return;
		}
		vec_push(&s->w->aliases, al);
	} else {
		bool paren = K(s, j) == TK_LPAR;
		size_t end = b;
		if (paren) {
			end = match_close(s, j);
			if (K(s, end) != TK_RPAR || end + 1 != b) {
				perr(s, K(s, end) == TK_RPAR ? end + 1 : end, "invalid syntax");
				return;
			}
			j++;
		}
		if (j >= end) {
			perr(s, j, "invalid syntax");
			return;
		}
		while (j < end) {
			if (K(s, j) != TK_NAME) {
				perr(s, j, "invalid syntax");
				return;
			}
			struct scan_alias al = { intern(s, TXT(s, j)), { NULL, 0 }, LINE(s, j), COL(s, j) };
			j++;
			if (K(s, j) == TK_KW_AS) {
				if (K(s, j + 1) != TK_NAME || j + 1 >= end) {
					perr(s, j + 1, "invalid syntax");
					return;
				}
				al.asname = intern(s, TXT(s, j + 1));
				j += 2;
			}
			vec_push(&s->w->aliases, al);
			if (j >= end)
				break;
			if (K(s, j) != TK_COMMA) {
				perr(s, j, "invalid syntax");
				return;
			}
			j++;
			if (j >= end && !paren) {
				perr(s, j - 1, "trailing comma not allowed without surrounding parentheses");
				return;
			}
		}
	}
	struct scan_import *r = new_import(s, lazy ? SCAN_LAZY_FROM : SCAN_FROM, at, s->ctx.scope);
	r->module = module;
	r->level = level;
	take_aliases(s, r);
	if (s->ctx.bind_ok) {
		for (uint32_t i = 0; i < r->nnames; i++) {
			struct slice nm = r->names[i].asname.ptr ? r->names[i].asname : r->names[i].name;
			struct scan_binding bd = { nm, r->names[i].line, SCAN_BIND_IMPORT };
			vec_push(&s->w->bindings, bd);
		}
	}
}

/* global_stmt: 'global' ','.NAME+ */
static void global_stmt(struct sc *s, size_t a, size_t b)
{
	for (size_t j = a + 1; j < b; j++) {
		if (K(s, j) == TK_NAME && s->ctx.sink) {
			struct scan_binding g = { intern(s, TXT(s, j)), LINE(s, a), SCAN_BIND_GLOBAL };
			vec_push(&s->w->globals, g);
		} else if (K(s, j) != TK_NAME && K(s, j) != TK_COMMA) {
			perr(s, j, "invalid syntax");
			return;
		}
	}
}

/* The NAME token when [a, b) is a name, maybe parenthesized: `x`, `(x)`. */
static size_t single_name(const struct sc *s, size_t a, size_t b)
{
	while (b - a >= 3 && K(s, a) == TK_LPAR && match_close(s, a) == b - 1) {
		a++;
		b--;
	}
	return b == a + 1 && K(s, a) == TK_NAME ? a : (size_t)-1;
}

/* expression statements and assignments:
 *   (star_targets '=')+ (yield_expr | star_expressions)
 *   single_target augassign ~ (yield_expr | star_expressions)
 *   NAME ':' expression ['=' annotated_rhs]
 *   star_expressions */
static void expr_stmt(struct sc *s, size_t a, size_t b)
{
	/* it binds, walks and reads __all__, and reports no error itself:
	 * for imports alone only a dynamic-import candidate matters */
	if (s->imports_only && !has_dynamic(s, a, b))
		return;
	size_t aug = b, ann = b, first_eq = b, last_eq = b;
	int depth = 0, lambdas = 0;
	for (size_t j = a; j < b; j++) {
		enum lex_kind x = K(s, j);
		if (opens(x)) {
			if (depth == 0 && s->t[j].match > j && s->t[j].match < b) {
				j = s->t[j].match;
				continue;
			}
			depth++;
		} else if (closes(x)) {
			if (depth > 0)
				depth--;
		} else if (depth == 0) {
			if (x == TK_KW_LAMBDA)
				lambdas++;
			else if (x == TK_COLON && lambdas > 0)
				lambdas--;
			else if (lambdas > 0)
				continue;
			else if (x == TK_COLON && ann == b && first_eq == b && aug == b)
				ann = j;
			else if (is_augassign(x) && aug == b && first_eq == b && ann == b)
				aug = j;
			else if (x == TK_EQUAL) {
				if (first_eq == b)
					first_eq = j;
				last_eq = j;
			}
		}
	}
	if (aug < b) {
		walk(s, aug + 1, b);
		walk(s, a, aug);
		size_t n = single_name(s, a, aug);
		if (n != (size_t)-1) {
			if (s->ctx.bind_ok)
				bind(s, n, SCAN_BIND_AUGASSIGN, LINE(s, n));
			if (is_name(s, n, "__all__")) {
				if (K(s, aug) == TK_PLUSEQUAL)
					all_assign(s, aug + 1, b, true);
				else if (s->ctx.bind_ok)
					s->all_null = true;
			}
		}
		return;
	}
	if (ann < b) {
		size_t eq = first_eq;
		if (eq < b)
			walk(s, eq + 1, b);
		if (eq < b)
			walk(s, a, ann);
		else
			walk_quiet(s, a, ann);
		walk_quiet(s, ann + 1, eq);
		size_t n = single_name(s, a, ann);
		if (eq < b && n != (size_t)-1) {
			if (s->ctx.bind_ok)
				bind(s, n, SCAN_BIND_ANNASSIGN, LINE(s, n));
			if (is_name(s, n, "__all__"))
				all_assign(s, eq + 1, b, false);
		}
		return;
	}
	if (first_eq < b) {
		walk(s, last_eq + 1, b);
		size_t p = a;
		bool all_target = false;
		while (p < last_eq + 1) {
			size_t e = find0(s, p, last_eq + 1, TK_EQUAL);
			walk(s, p, e);
			bind_targets(s, p, e, SCAN_BIND_ASSIGN, 0);
			if (e == p + 1 && is_name(s, p, "__all__"))
				all_target = true;
			p = e + 1;
		}
		if (all_target)
			all_assign(s, last_eq + 1, b, false);
		return;
	}
	walk(s, a, b);
	all_method(s, a, b);
}

static bool starts_expression(enum lex_kind k)
{
	return k == TK_NAME || k == TK_NUMBER || k == TK_STRING || k == TK_KW_NONE ||
	       k == TK_KW_TRUE || k == TK_KW_FALSE || k == TK_LBRACE || k == TK_TILDE ||
	       k == TK_KW_LAMBDA || k == TK_KW_NOT || k == TK_KW_AWAIT;
}

/* simple_stmt, over the tokens [a, b) */
static void simple_stmt(struct sc *s, size_t a, size_t b)
{
	if (a >= b)
		return;
	switch (K(s, a)) {
	case TK_KW_IMPORT:
		import_stmt(s, a, a, b, false);
		return;
	case TK_KW_FROM:
		from_stmt(s, a, a, b, false);
		return;
	case TK_KW_GLOBAL:
		global_stmt(s, a, b);
		return;
	case TK_KW_DEL:
		walk(s, a + 1, b);
		bind_targets(s, a + 1, b, SCAN_BIND_DEL, 0);
		return;
	case TK_KW_PASS: case TK_KW_BREAK: case TK_KW_CONTINUE:
		return;
	case TK_KW_RETURN: case TK_KW_RAISE: case TK_KW_ASSERT: case TK_KW_NONLOCAL:
		walk(s, a + 1, b);
		return;
	case TK_KW_IF: case TK_KW_WHILE: case TK_KW_FOR: case TK_KW_WITH: case TK_KW_TRY:
	case TK_KW_DEF: case TK_KW_CLASS: case TK_KW_ELSE: case TK_KW_ELIF:
	case TK_KW_EXCEPT: case TK_KW_FINALLY: case TK_AT: case TK_INDENT:
		perr(s, a, "invalid syntax");
		return;
	case TK_NAME:
		if (is_name(s, a, "lazy") && K(s, a + 1) == TK_KW_IMPORT) {
			import_stmt(s, a, a + 1, b, true);
			return;
		}
		if (is_name(s, a, "lazy") && K(s, a + 1) == TK_KW_FROM) {
			from_stmt(s, a, a + 1, b, true);
			return;
		}
		if (is_name(s, a, "type") && K(s, a + 1) == TK_NAME &&
		    (K(s, a + 2) == TK_EQUAL || K(s, a + 2) == TK_LSQB)) {
			size_t eq = find0(s, a + 2, b, TK_EQUAL);
			if (eq < b) {
				walk(s, eq + 1, b);
				if (s->ctx.bind_ok)
					bind(s, a + 1, SCAN_BIND_TYPE, LINE(s, a));
				return;
			}
		}
		if ((is_name(s, a, "print") || is_name(s, a, "exec")) && a + 1 < b &&
		    starts_expression(K(s, a + 1))) {
			struct slice nm = TXT(s, a);
			perr(s, a, "Missing parentheses in call to '%.*s'. Did you mean %.*s(...)?",
			     (int)nm.len, nm.ptr, (int)nm.len, nm.ptr);
			return;
		}
		break;
	default:
		break;
	}
	expr_stmt(s, a, b);
}

/* simple_stmts: simple_stmt (';' simple_stmt)* [';'] NEWLINE
 * The lexer listed where lines end and the ';' outside brackets. */
static void simple_stmts(struct sc *s)
{
	const struct lexer *lx = s->lx;
	size_t a = s->i, last = s->n - 1;
	size_t k = first_from(lx->newlines.ptr, lx->newlines.len, a, &s->nl_hint);
	size_t j = k < lx->newlines.len ? lx->newlines.ptr[k] : last;
	for (size_t q = first_from(lx->semis.ptr, lx->semis.len, a, &s->semi_hint);
	     q < lx->semis.len && lx->semis.ptr[q] < j; q++) {
		simple_stmt(s, a, lx->semis.ptr[q]);
		a = lx->semis.ptr[q] + 1;
	}
	if (a < j)
		simple_stmt(s, a, j);
	s->i = K(s, j) == TK_NEWLINE ? j + 1 : j;
}

/* ------------------------------------------------------------------ */
/* Compound statements                                                 */

/* block: NEWLINE INDENT statements DEDENT | simple_stmts; s->i is after
 * the ':' of a header that started at token hdr. */
static void block(struct sc *s, const char *what, size_t hdr)
{
	if (K(s, s->i) == TK_NEWLINE) {
		s->i++;
		if (K(s, s->i) != TK_INDENT) {
			perr(s, s->i, "expected an indented block after %s on line %u", what, LINE(s, hdr));
			return;
		}
		s->i++;
		while (K(s, s->i) != TK_DEDENT && K(s, s->i) != TK_ENDMARKER)
			statement(s);
		if (K(s, s->i) == TK_DEDENT)
			s->i++;
		return;
	}
	if (K(s, s->i) == TK_ENDMARKER) {
		perr(s, s->i, "invalid syntax");
		return;
	}
	simple_stmts(s);
}

/* The ':' ending the header that starts at a, or (size_t)-1 after
 * reporting "expected ':'" and skipping the line. */
static size_t header(struct sc *s, size_t a)
{
	size_t le = line_end(s, a);
	size_t c = find0(s, a, le, TK_COLON);
	if (c == le) {
		perr(s, le, "expected ':'");
		s->i = K(s, le) == TK_NEWLINE ? le + 1 : le;
		return (size_t)-1;
	}
	return c;
}

/* The guard an if test [a, b) makes. */
static enum scan_guard_kind test_kind(struct sc *s, size_t a, size_t b)
{
	/* TYPE_CHECKING, or NAME ('.' NAME)* '.' TYPE_CHECKING */
	if (is_name(s, b - 1, "TYPE_CHECKING") && dotted_end(s, a) == b)
		return SCAN_GUARD_TYPE_CHECKING;
	if (b - a == 3 && K(s, a + 1) == TK_EQEQUAL) {
		size_t n = is_name(s, a, "__name__") ? a + 2 : is_name(s, a + 2, "__name__") ? a : b;
		if (n < b && K(s, n) == TK_STRING && literal_str(s, n, n + 1, &s->w->tmp) &&
		    !strcmp(s->w->tmp.ptr, "__main__"))
			return SCAN_GUARD_MAIN;
	}
	return SCAN_GUARD_IF;
}

/* if_stmt: 'if' named_expression ':' block (elif_stmt | [else_block]);
 * an elif is an if inside the else. */
static void if_stmt(struct sc *s)
{
	size_t pushed = 0;
	for (;;) {
		size_t kw = s->i;
		size_t c = header(s, kw + 1);
		if (c == (size_t)-1)
			break;
		walk(s, kw + 1, c);
		push_guard(s, test_kind(s, kw + 1, c), LINE(s, kw));
		s->i = c + 1;
		block(s, K(s, kw) == TK_KW_IF ? "'if' statement" : "'elif' statement", kw);
		pop_guard(s);
		if (K(s, s->i) == TK_KW_ELIF) {
			push_guard(s, SCAN_GUARD_IF, LINE(s, s->i));
			pushed++;
			continue;
		}
		if (K(s, s->i) == TK_KW_ELSE) {
			size_t e = s->i;
			if (K(s, e + 1) != TK_COLON) {
				perr(s, e + 1, "expected ':'");
				s->i = line_end(s, e) + 1;
				break;
			}
			push_guard(s, SCAN_GUARD_IF, LINE(s, e));
			s->i = e + 2;
			block(s, "'else' statement", e);
			pop_guard(s);
		}
		break;
	}
	while (pushed--)
		pop_guard(s);
}

/* else_block after while/for/try: 'else' ':' block */
static void else_block(struct sc *s)
{
	if (K(s, s->i) != TK_KW_ELSE)
		return;
	size_t e = s->i;
	if (K(s, e + 1) != TK_COLON) {
		perr(s, e + 1, "expected ':'");
		s->i = line_end(s, e) + 1;
		return;
	}
	s->i = e + 2;
	block(s, "'else' statement", e);
}

/* while_stmt: 'while' named_expression ':' block [else_block] */
static void while_stmt(struct sc *s)
{
	size_t kw = s->i, c = header(s, kw + 1);
	if (c == (size_t)-1)
		return;
	walk(s, kw + 1, c);
	s->i = c + 1;
	block(s, "'while' statement", kw);
	else_block(s);
}

/* for_stmt: ['async'] 'for' star_targets 'in' ~ star_expressions ':' block [else_block] */
static void for_stmt(struct sc *s, size_t kw)
{
	size_t c = header(s, kw + 1);
	if (c == (size_t)-1)
		return;
	size_t in = find0(s, kw + 1, c, TK_KW_IN);
	if (in == c) {
		perr(s, c, "invalid syntax");
	} else {
		walk(s, in + 1, c);
		walk(s, kw + 1, in);
		bind_targets(s, kw + 1, in, SCAN_BIND_FOR, 0);
	}
	s->i = c + 1;
	block(s, "'for' statement", kw);
	else_block(s);
}

/* with_item: expression 'as' star_target | expression */
static void with_item(struct sc *s, size_t a, size_t b)
{
	size_t as = find0(s, a, b, TK_KW_AS);
	walk(s, a, as);
	if (as < b) {
		walk(s, as + 1, b);
		bind_targets(s, as + 1, b, SCAN_BIND_WITH, 0);
	}
}

/* with_stmt: ['async'] 'with' ( '(' ','.with_item+ ','? ')' | ','.with_item+ ) ':' block */
static void with_stmt(struct sc *s, size_t kw)
{
	size_t c = header(s, kw + 1);
	if (c == (size_t)-1)
		return;
	size_t a = kw + 1, b = c;
	if (K(s, a) == TK_LPAR && match_close(s, a) == b - 1) {
		/* parenthesized items when an 'as' or a comma sits directly inside */
		size_t as = find0(s, a + 1, b - 1, TK_KW_AS), comma = find0(s, a + 1, b - 1, TK_COMMA);
		if (as < b - 1 || comma < b - 1) {
			a++;
			b--;
		}
	}
	while (a < b) {
		size_t e = find0(s, a, b, TK_COMMA);
		with_item(s, a, e);
		a = e + 1;
	}
	s->i = c + 1;
	block(s, "'with' statement", kw);
}

/* The exception names of an except clause's expression [a, b), appended
 * to out: dotted names as written, '?' for anything else, tuples flattened. */
static void catches(struct sc *s, size_t a, size_t b, slice_vec *out, int depth)
{
	while (a < b) {
		size_t e = find0(s, a, b, TK_COMMA);
		if (K(s, a) == TK_LPAR && match_close(s, a) == e - 1 && depth < 50)
			catches(s, a + 1, e - 1, out, depth + 1);
		else if (a < e && dotted_end(s, a) == e)
			vec_push(out, dotted(s, a, e));
		else if (a < e)
			vec_push(out, intern(s, SLICE_LIT("?")));
		a = e + 1;
	}
}

static const struct slice *slices_copy(struct sc *s, const struct slice *p, size_t n)
{
	if (n == 0)
		return NULL;
	struct slice *c = arena_alloc(s->arena, n * sizeof *c);
	memcpy(c, p, n * sizeof *c);
	return c;
}

/* try_stmt: 'try' ':' block finally_block
 *         | 'try' ':' block except_block+ [else_block] [finally_block]
 *         | 'try' ':' block except_star_block+ [else_block] [finally_block] */
static void try_stmt(struct sc *s)
{
	size_t kw = s->i;
	slice_vec all = VEC_INIT;
	slice_vec own = VEC_INIT;
	if (K(s, kw + 1) != TK_COLON) {
		perr(s, kw + 1, "expected ':'");
		s->i = line_end(s, kw) + 1;
		return;
	}
	struct scan_guard *g = push_guard(s, SCAN_GUARD_TRY, LINE(s, kw));
	s->i = kw + 2;
	block(s, "'try' statement", kw);
	pop_guard(s);
	bool handlers = false;
	while (K(s, s->i) == TK_KW_EXCEPT) {
		size_t ek = s->i, j = ek + 1;
		handlers = true;
		if (K(s, j) == TK_STAR)
			j++;
		size_t c = header(s, j);
		if (c == (size_t)-1)
			break;
		size_t as = find0(s, j, c, TK_KW_AS);
		vec_clear(&own);
		if (as == j) {
			vec_push(&own, intern(s, SLICE_LIT("*")));
		} else {
			size_t comma = find0(s, j, as, TK_COMMA);
			if (comma < as)
				perr(s, j, "multiple exception types must be parenthesized");
			catches(s, j, as, &own, 0);
		}
		walk(s, j, as);
		for (size_t i = 0; i < own.len; i++)
			vec_push(&all, own.ptr[i]);
		if (as < c) {
			if (as + 2 != c || K(s, as + 1) != TK_NAME)
				perr(s, as + 1, "invalid syntax");
			else if (s->ctx.bind_ok)
				bind(s, as + 1, SCAN_BIND_EXCEPT, LINE(s, ek));
		}
		struct scan_guard *h = push_guard(s, SCAN_GUARD_EXCEPT, LINE(s, ek));
		h->catches = slices_copy(s, own.ptr, own.len);
		h->ncatches = (uint32_t)own.len;
		s->i = c + 1;
		block(s, ek + 1 < j ? "'except*' statement" : "'except' statement", ek);
		pop_guard(s);
	}
	g->catches = slices_copy(s, all.ptr, all.len);
	g->ncatches = (uint32_t)all.len;
	vec_release(&all);
	vec_release(&own);
	if (handlers)
		else_block(s);
	if (K(s, s->i) == TK_KW_FINALLY) {
		size_t f = s->i;
		if (K(s, f + 1) != TK_COLON) {
			perr(s, f + 1, "expected ':'");
			s->i = line_end(s, f) + 1;
			return;
		}
		s->i = f + 2;
		block(s, "'finally' statement", f);
	} else if (!handlers) {
		perr(s, s->i, "expected 'except' or 'finally' block");
	}
}

/* Runs body scanning for a def/class named at token name: the scope and
 * the global sink change for the body. */
static void body(struct sc *s, enum scan_scope scope, const char *what, size_t kw)
{
	struct ctx saved = s->ctx;
	bool top = saved.bind_ok;
	size_t gbase = s->w->globals.len;
	s->ctx.scope = scope;
	s->ctx.bind_ok = false;
	if (scope == SCAN_SCOPE_FUNCTION)
		s->ctx.calls_ok = false;
	s->ctx.sink = top || saved.sink;
	block(s, what, kw);
	s->ctx = saved;
	if (top) {
		/* global n anywhere under this top-level def/class binds n */
		for (size_t i = gbase; i < s->w->globals.len; i++)
			vec_push(&s->w->bindings, s->w->globals.ptr[i]);
		s->w->globals.len = gbase;
	}
}

/* Walks [a, b) for walrus and dynamic imports only: annotations are not
 * listed among the import-time calls. */
static void walk_quiet(struct sc *s, size_t a, size_t b)
{
	bool saved = s->ctx.calls_ok;
	s->ctx.calls_ok = false;
	walk(s, a, b);
	s->ctx.calls_ok = saved;
}

/* params: each parameter's default value is evaluated at def time; its
 * annotation is walked quietly. */
static void params(struct sc *s, size_t a, size_t b)
{
	if (s->imports_only && !has_dynamic(s, a, b))
		return; /* nothing here for imports alone: skip the splitting */
	while (a < b) {
		size_t e = find0(s, a, b, TK_COMMA);
		size_t eq = find0(s, a, e, TK_EQUAL);
		walk_quiet(s, a, eq);
		if (eq < e)
			walk(s, eq + 1, e);
		a = e + 1;
	}
}

/* function_def_raw: ['async'] 'def' NAME [type_params] '(' [params] ')' ['->' expression] ':' block */
static void def_stmt(struct sc *s, size_t kw)
{
	size_t name = kw + 1, k = kw + 2;
	if (K(s, name) != TK_NAME) {
		perr(s, name, "invalid syntax");
		s->i = line_end(s, kw) + 1;
		return;
	}
	if (K(s, k) == TK_LSQB)
		k = match_close(s, k) + 1;
	if (K(s, k) != TK_LPAR) {
		perr(s, k, "expected '('");
		s->i = line_end(s, kw) + 1;
		return;
	}
	size_t close = match_close(s, k);
	params(s, k + 1, close);
	size_t c = header(s, close + 1);
	if (c == (size_t)-1)
		return;
	walk_quiet(s, close + 1, c);
	if (s->ctx.bind_ok) {
		bind(s, name, SCAN_BIND_DEF, LINE(s, kw));
		if (is_name(s, name, "__getattr__"))
			s->has_getattr = true;
	}
	s->i = c + 1;
	body(s, SCAN_SCOPE_FUNCTION, "function definition", kw);
}

/* class_def_raw: 'class' NAME [type_params] ['(' [arguments] ')'] ':' block */
static void class_stmt(struct sc *s, size_t kw)
{
	size_t name = kw + 1, k = kw + 2;
	if (K(s, name) != TK_NAME) {
		perr(s, name, "invalid syntax");
		s->i = line_end(s, kw) + 1;
		return;
	}
	if (K(s, k) == TK_LSQB)
		k = match_close(s, k) + 1;
	if (K(s, k) == TK_LPAR) {
		size_t close = match_close(s, k);
		walk(s, k + 1, close);
		k = close + 1;
	}
	size_t c = header(s, k);
	if (c == (size_t)-1)
		return;
	if (c != k)
		perr(s, k, "invalid syntax");
	if (s->ctx.bind_ok)
		bind(s, name, SCAN_BIND_CLASS, LINE(s, kw));
	s->i = c + 1;
	body(s, SCAN_SCOPE_CLASS, "class definition", kw);
}

/* decorators: ('@' named_expression NEWLINE)+, then a def or class */
static void decorated(struct sc *s)
{
	while (K(s, s->i) == TK_AT) {
		size_t le = line_end(s, s->i);
		walk(s, s->i + 1, le);
		s->i = K(s, le) == TK_NEWLINE ? le + 1 : le;
	}
	size_t k = s->i;
	if (K(s, k) == TK_KW_ASYNC)
		k++;
	if (K(s, k) == TK_KW_DEF)
		def_stmt(s, k);
	else if (K(s, k) == TK_KW_CLASS && k == s->i)
		class_stmt(s, k);
	else
		perr(s, k, "invalid syntax");
	if (s->i < k)
		s->i = line_end(s, k) + 1;
}

/* Binds the capture names of a pattern [a, b) (`case [a, *rest]`,
 * `case {"k": v, **kw}`, `case P(x=y) as z`). */
static void captures(struct sc *s, size_t a, size_t b)
{
	int depth = 0;
	for (size_t j = a; j < b; j++) {
		enum lex_kind k = K(s, j);
		if (opens(k))
			depth++;
		else if (closes(k) && depth > 0)
			depth--;
		if (k == TK_VBAR) {
			/* an or-pattern binds what its first alternative binds */
			int d = 0;
			for (j++; j < b; j++) {
				k = K(s, j);
				if (d == 0 && (k == TK_COMMA || k == TK_KW_AS || closes(k)))
					break;
				if (opens(k))
					d++;
				else if (closes(k))
					d--;
			}
			j--;
			continue;
		}
		if (k != TK_NAME || is_name(s, j, "_"))
			continue;
		if (j > a && K(s, j - 1) == TK_DOT)
			continue;
		enum lex_kind nx = K(s, j + 1);
		if (j + 1 < b && (nx == TK_DOT || nx == TK_LPAR || nx == TK_EQUAL))
			continue;
		if (s->ctx.bind_ok)
			bind(s, j, SCAN_BIND_MATCH, LINE(s, j));
	}
}

/* Is the statement at j a match statement ('match' subject_expr ':' NEWLINE INDENT)? */
static bool is_match(struct sc *s, size_t j)
{
	if (!is_name(s, j, "match"))
		return false;
	enum lex_kind nx = K(s, j + 1);
	if (nx == TK_COLON || nx == TK_EQUAL || nx == TK_DOT || nx == TK_COMMA ||
	    nx == TK_NEWLINE || nx == TK_SEMI || closes(nx) || is_augassign(nx))
		return false;
	size_t le = line_end(s, j);
	return le > j + 1 && K(s, le - 1) == TK_COLON && find0(s, j + 1, le, TK_COLON) == le - 1 &&
	       K(s, le + 1) == TK_INDENT;
}

/* match_stmt: "match" subject_expr ':' NEWLINE INDENT case_block+ DEDENT
 * case_block: "case" patterns [guard] ':' block */
static void match_stmt(struct sc *s)
{
	size_t kw = s->i, le = line_end(s, kw);
	walk(s, kw + 1, le - 1);
	s->i = le + 2; /* NEWLINE INDENT */
	while (is_name(s, s->i, "case")) {
		size_t ck = s->i, c = header(s, ck + 1);
		if (c == (size_t)-1)
			continue;
		size_t g = find0(s, ck + 1, c, TK_KW_IF);
		captures(s, ck + 1, g);
		if (g < c)
			walk(s, g + 1, c);
		s->i = c + 1;
		block(s, "'case' statement", ck);
	}
	if (K(s, s->i) == TK_DEDENT)
		s->i++;
	else
		perr(s, s->i, "invalid syntax");
}

/* statement: compound_stmt | simple_stmts */
static void statement(struct sc *s)
{
	size_t i = s->i;
	switch (K(s, i)) {
	case TK_KW_IF:
		if_stmt(s);
		break;
	case TK_KW_WHILE:
		while_stmt(s);
		break;
	case TK_KW_FOR:
		for_stmt(s, i);
		break;
	case TK_KW_WITH:
		with_stmt(s, i);
		break;
	case TK_KW_TRY:
		try_stmt(s);
		break;
	case TK_KW_DEF:
		def_stmt(s, i);
		break;
	case TK_KW_CLASS:
		class_stmt(s, i);
		break;
	case TK_AT:
		decorated(s);
		break;
	case TK_KW_ASYNC:
		if (K(s, i + 1) == TK_KW_DEF)
			def_stmt(s, i + 1);
		else if (K(s, i + 1) == TK_KW_FOR)
			for_stmt(s, i + 1);
		else if (K(s, i + 1) == TK_KW_WITH)
			with_stmt(s, i + 1);
		else
			simple_stmts(s);
		break;
	case TK_INDENT:
		perr(s, i, "unexpected indent");
		s->i++;
		break;
	case TK_DEDENT:
		s->i++;
		break;
	case TK_NAME:
		if (is_match(s, i)) {
			match_stmt(s);
			break;
		}
		simple_stmts(s);
		break;
	default:
		simple_stmts(s);
		break;
	}
	if (s->i <= i) /* always make progress on malformed input */
		s->i = i + 1;
}

/* ------------------------------------------------------------------ */
/* API                                                                 */

void scan_init(struct scanner *self)
{
	lex_init(&self->lex);
	self->skip_calls = false;
	self->imports_only = false;
	self->work = xcalloc(1, sizeof *self->work);
	buf_init(&self->work->tmp);
}

void scan_release(struct scanner *self)
{
	struct scan_work *w = self->work;
	if (w) {
		vec_release(&w->imports);
		vec_release(&w->bindings);
		vec_release(&w->calls);
		vec_release(&w->stmts);
		vec_release(&w->guards);
		vec_release(&w->all);
		vec_release(&w->globals);
		vec_release(&w->open);
		vec_release(&w->aliases);
		buf_release(&w->tmp);
		free(w);
	}
	self->work = NULL;
	lex_release(&self->lex);
}

static int cmp_call(const void *a, const void *b)
{
	const struct scan_call *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return 0;
}

static int cmp_import(const void *a, const void *b)
{
	const struct scan_import *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return 0;
}

#define COPY_OUT(field, count, vec) do { \
	out->count = w->vec.len; \
	if (w->vec.len) { \
		void *p_ = arena_alloc(arena, w->vec.len * sizeof *w->vec.ptr); \
		memcpy(p_, w->vec.ptr, w->vec.len * sizeof *w->vec.ptr); \
		out->field = p_; \
	} else { \
		out->field = NULL; \
	} \
} while (0)

int scan_file(struct scanner *self, const char *bytes, size_t len,
	      struct arena *arena, struct scan_facts *out)
{
	struct scan_work *w = self->work;
	struct lexer *lx = &self->lex;
	memset(out, 0, sizeof *out);
	vec_clear(&w->imports);
	vec_clear(&w->bindings);
	vec_clear(&w->calls);
	vec_clear(&w->stmts);
	vec_clear(&w->guards);
	vec_clear(&w->all);
	vec_clear(&w->globals);
	vec_clear(&w->open);
	vec_clear(&w->aliases);

	lex_run(lx, bytes, len);
	struct sc s = {
		.lx = lx, .t = lx->tokens.ptr, .n = lx->tokens.len, .arena = arena, .w = w,
		.ctx = { .scope = SCAN_SCOPE_MODULE, .bind_ok = true, .calls_ok = true },
		.skip_calls = self->skip_calls || self->imports_only,
		.imports_only = self->imports_only,
	};
	while (K(&s, s.i) != TK_ENDMARKER) {
		struct scan_stmt st = { s.t[s.i].kind, LINE(&s, s.i) };
		if (st.kind != TK_DEDENT && st.kind != TK_NEWLINE)
			vec_push(&w->stmts, st);
		statement(&s);
	}

	/* dynamic imports are found inside statements: keep source order */
	if (w->imports.len > 1)
		qsort(w->imports.ptr, w->imports.len, sizeof *w->imports.ptr, cmp_import);
	if (w->calls.len > 1)
		qsort(w->calls.ptr, w->calls.len, sizeof *w->calls.ptr, cmp_call);
	COPY_OUT(imports, nimports, imports);
	COPY_OUT(bindings, nbindings, bindings);
	COPY_OUT(calls, ncalls, calls);
	COPY_OUT(stmts, nstmts, stmts);
	out->has_all = s.has_all && !s.all_null;
	if (out->has_all)
		COPY_OUT(all, nall, all);
	out->has_getattr = s.has_getattr;
	out->encoding = lx->encoding;

	/* the error CPython reports: a tokenizer error wins over parse errors
	 * (_PyPegen_tokenize_full_source_to_check_for_errors); among parse
	 * errors the first in the file */
	const struct lex_error *e = NULL;
	if (lx->error.set)
		e = &lx->error;
	else if (lx->parse_error.set && (!s.err.set || lx->parse_error.offset <= s.err.offset))
		e = &lx->parse_error;
	else if (s.err.set)
		e = &s.err;
	if (e) {
		out->error.set = true;
		out->error.line = e->line;
		out->error.col = e->line ? lex_char_col(lx, e->offset) : 0;
		out->error.message = arena_strndup(arena, e->message, strlen(e->message));
		return -1;
	}
	return 0;
}
