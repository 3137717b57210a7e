/* The TOML 1.0 reader: one pass of recursive descent over the bytes, building
 * the value tree in the document's arena.  Grammar rules quoted in comments
 * are from the TOML 1.0.0 ABNF (toml.abnf).  Where tomllib (CPython's
 * Lib/tomllib/_parser.py) makes a choice the spec leaves open, this reader
 * makes the same one. */
#include "config/toml.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/fs.h"
#include "base/map.h"
#include "base/utf8.h"
#include "base/vec.h"

/* Arrays and inline tables nest at most this deep, and a key has at most
 * this many dotted parts, so the tree's depth stays bounded (CPython's parser
 * stops at 200 nested brackets; tomllib at Python's recursion limit). */
enum { MAX_DEPTH = 200 };

struct parser {
	struct arena *arena;
	const char *src;
	size_t len;
	size_t pos;
	struct toml_error *err;
	bool failed;
	/* Where the last position lookup ended, so that values created in file
	 * order cost O(1) amortised to locate. */
	size_t lc_pos;
	unsigned lc_line, lc_col;
	unsigned sections;      /* sections (headers, inline tables) opened so far */
	int depth;
	struct buf scratch;     /* unescaped string being read */
};

struct keyseg {
	struct slice key;
	size_t pos;
};

typedef VEC(struct keyseg) keyvec;

/* ------------------------------------------------------------------ */
/* Positions and errors                                                 */

static void locate(struct parser *p, size_t pos, unsigned *line, unsigned *col)
{
	if (pos > p->len)
		pos = p->len;
	if (pos < p->lc_pos) {
		p->lc_pos = 0;
		p->lc_line = 1;
		p->lc_col = 1;
	}
	const unsigned char *s = (const unsigned char *)p->src;
	for (size_t i = p->lc_pos; i < pos; i++) {
		if (s[i] == '\n') {
			p->lc_line++;
			p->lc_col = 1;
		} else if ((s[i] & 0xC0) != 0x80) {
			p->lc_col++;
		}
	}
	p->lc_pos = pos;
	*line = p->lc_line;
	*col = p->lc_col;
}

static int fail(struct parser *p, size_t pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Records the first error only; returns -1 for `return fail(...)`. */
static int fail(struct parser *p, size_t pos, const char *fmt, ...)
{
	if (p->failed)
		return -1;
	p->failed = true;
	locate(p, pos, &p->err->line, &p->err->col);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->err->reason, sizeof(p->err->reason), fmt, ap);
	va_end(ap);
	return -1;
}

/* A key made printable for a message: at most 60 bytes, control bytes as '?'. */
static const char *show(struct slice key, char out[64])
{
	size_t n = key.len < 60 ? key.len : 60;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)key.ptr[i];
		out[i] = (c < 0x20 || c == 0x7F) ? '?' : (char)c;
	}
	if (key.len > 60) {
		/* Cut on a character boundary, then mark the cut. */
		while (n > 0 && ((unsigned char)out[n] & 0xC0) == 0x80)
			n--;
		memcpy(out + n, "...", 3);
		n += 3;
	}
	out[n] = '\0';
	return out;
}

/* The character at pos as a code point (the input is valid UTF-8). */
static uint32_t char_at(const struct parser *p, size_t pos)
{
	uint32_t cp = 0;
	utf8_decode((const unsigned char *)p->src + pos, p->len - pos, &cp, NULL);
	return cp;
}

/* Fails with "unexpected <what the character is> <context>". */
static int fail_char(struct parser *p, const char *context)
{
	int c = p->pos < p->len ? (unsigned char)p->src[p->pos] : -1;
	if (c < 0)
		return fail(p, p->pos, "unexpected end of file %s", context);
	if (c == '\n' || c == '\r')
		return fail(p, p->pos, "unexpected end of line %s", context);
	if (c > 0x20 && c < 0x7F)
		return fail(p, p->pos, "unexpected '%c' %s", c, context);
	return fail(p, p->pos, "unexpected character U+%04X %s", (unsigned)char_at(p, p->pos), context);
}

static int cur(const struct parser *p)
{
	return p->pos < p->len ? (unsigned char)p->src[p->pos] : -1;
}

static int at(const struct parser *p, size_t k)
{
	return p->pos + k < p->len ? (unsigned char)p->src[p->pos + k] : -1;
}

static void value_pos(struct parser *p, struct toml_value *v, size_t pos)
{
	locate(p, pos, &v->line, &v->col);
}

/* ------------------------------------------------------------------ */
/* UTF-8 and control characters                                         */

/* The whole document must be UTF-8 ("A TOML file must be a valid UTF-8
 * encoded Unicode document"); checking once up front lets the rest of the
 * parser treat bytes >= 0x80 as parts of valid characters. */
static int check_utf8(struct parser *p)
{
	const unsigned char *s = (const unsigned char *)p->src;
	size_t i = 0;
	while (i < p->len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		size_t n = utf8_len(s + i, p->len - i);
		if (n == 0)
			return fail(p, i, "invalid UTF-8 byte 0x%02X", s[i]);
		i += n;
	}
	return 0;
}

/* Control characters other than tab are not allowed in comments and
 * strings (U+0000-U+0008, U+000A-U+001F, U+007F). */
static bool is_control(int c)
{
	return (c >= 0 && c < 0x20 && c != '\t') || c == 0x7F;
}

static int fail_control(struct parser *p, const char *where)
{
	int c = cur(p);
	if (c == '\r')
		return fail(p, p->pos, "carriage return not followed by a line feed in %s", where);
	return fail(p, p->pos, "control character U+%04X in %s", c, where);
}

/* ------------------------------------------------------------------ */
/* Whitespace, comments, newlines                                       */

/* ws = *( %x20 / %x09 ) */
static void skip_ws(struct parser *p)
{
	while (p->pos < p->len && (p->src[p->pos] == ' ' || p->src[p->pos] == '\t'))
		p->pos++;
}

/* comment = "#" *non-eol; leaves the position at the newline or the end. */
static int skip_comment(struct parser *p)
{
	if (cur(p) != '#')
		return 0;
	p->pos++;
	for (;;) {
		int c = cur(p);
		if (c < 0 || c == '\n' || (c == '\r' && at(p, 1) == '\n'))
			return 0;
		if (is_control(c))
			return fail_control(p, "comment");
		p->pos++;
	}
}

/* newline = LF / CRLF; consumes one and returns true, or returns false. */
static bool eat_newline(struct parser *p)
{
	if (cur(p) == '\n') {
		p->pos++;
		return true;
	}
	if (cur(p) == '\r' && at(p, 1) == '\n') {
		p->pos += 2;
		return true;
	}
	return false;
}

/* ws-comment-newline = *( wschar / [ comment ] newline ), inside arrays. */
static int skip_ws_comment_newline(struct parser *p)
{
	for (;;) {
		skip_ws(p);
		if (cur(p) == '#' && skip_comment(p) < 0)
			return -1;
		if (!eat_newline(p))
			return 0;
	}
}

/* ------------------------------------------------------------------ */
/* Tables: storage and lookup                                           */

static struct toml_value *new_value(struct parser *p, enum toml_kind kind, size_t pos)
{
	struct toml_value *v = ARENA_NEW(p->arena, struct toml_value);
	v->kind = kind;
	value_pos(p, v, pos);
	return v;
}

static uint64_t key_hash(struct slice key)
{
	return map_hash(key.ptr, key.len);
}

/* Rebuilds the open-addressing index (slot = item index + 1, 0 empty). */
static void reindex(struct arena *arena, struct toml_table *t, size_t cap)
{
	t->index = ARENA_ARRAY(arena, uint32_t, cap);
	t->index_cap = cap;
	for (size_t i = 0; i < t->len; i++) {
		size_t h = key_hash(t->items[i].key) & (cap - 1);
		while (t->index[h])
			h = (h + 1) & (cap - 1);
		t->index[h] = (uint32_t)(i + 1);
	}
}

static struct toml_value *table_find(const struct toml_table *t, struct slice key)
{
	if (!t->index) {
		for (size_t i = 0; i < t->len; i++)
			if (slice_eq(t->items[i].key, key))
				return t->items[i].value;
		return NULL;
	}
	size_t h = key_hash(key) & (t->index_cap - 1);
	while (t->index[h]) {
		struct toml_kv *kv = &t->items[t->index[h] - 1];
		if (slice_eq(kv->key, key))
			return kv->value;
		h = (h + 1) & (t->index_cap - 1);
	}
	return NULL;
}

/* Appends key (already in the arena) -> v; the caller checked it is new. */
static void table_add(struct arena *arena, struct toml_table *t, struct slice key,
		      struct toml_value *v)
{
	if (t->len == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 4;
		struct toml_kv *items = ARENA_ARRAY(arena, struct toml_kv, cap);
		if (t->len)
			memcpy(items, t->items, t->len * sizeof(*items));
		t->items = items;
		t->cap = cap;
	}
	t->items[t->len++] = (struct toml_kv){ key, v };
	if (t->len > 8 && t->len * 2 > t->index_cap) {
		size_t cap = 32;
		while (cap < t->len * 4)
			cap *= 2;
		reindex(arena, t, cap);
	} else if (t->index) {
		size_t h = key_hash(key) & (t->index_cap - 1);
		while (t->index[h])
			h = (h + 1) & (t->index_cap - 1);
		t->index[h] = (uint32_t)t->len;
	}
}

static void array_add(struct arena *arena, struct toml_array *a, struct toml_value *v)
{
	if (a->len == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 4;
		struct toml_value **items = ARENA_ARRAY(arena, struct toml_value *, cap);
		if (a->len)
			memcpy(items, a->items, a->len * sizeof(*items));
		a->items = items;
		a->cap = cap;
	}
	a->items[a->len++] = v;
}

/* Marks an inline table and everything in it immutable ("Inline tables are
 * fully self-contained ... Keys and sub-tables cannot be added outside the
 * braces").  Tables already frozen were frozen with all their contents. */
static void freeze(struct toml_value *v)
{
	if (v->kind == TOML_TABLE) {
		if (v->u.table.frozen)
			return;
		v->u.table.frozen = true;
		for (size_t i = 0; i < v->u.table.len; i++)
			freeze(v->u.table.items[i].value);
	} else if (v->kind == TOML_ARRAY) {
		for (size_t i = 0; i < v->u.array.len; i++)
			freeze(v->u.array.items[i]);
	}
}

/* ------------------------------------------------------------------ */
/* Strings                                                              */

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* escaped = escape ( %x22 / %x5C / %x62 / %x66 / %x6E / %x72 / %x74
 *                    / %x75 4HEXDIG / %x55 8HEXDIG ); at the backslash. */
static int read_escape(struct parser *p)
{
	size_t start = p->pos;
	int c = at(p, 1);
	p->pos += 2;
	switch (c) {
	case 'b': buf_addc(&p->scratch, '\b'); return 0;
	case 't': buf_addc(&p->scratch, '\t'); return 0;
	case 'n': buf_addc(&p->scratch, '\n'); return 0;
	case 'f': buf_addc(&p->scratch, '\f'); return 0;
	case 'r': buf_addc(&p->scratch, '\r'); return 0;
	case '"': buf_addc(&p->scratch, '"'); return 0;
	case '\\': buf_addc(&p->scratch, '\\'); return 0;
	case 'u':
	case 'U': {
		int n = c == 'u' ? 4 : 8;
		uint32_t cp = 0;
		for (int i = 0; i < n; i++) {
			int h = hexval(cur(p));
			if (h < 0)
				return fail(p, start, "invalid unicode escape: \\%c needs %d hexadecimal digits",
					    c, n);
			cp = cp * 16 + (uint32_t)h;
			p->pos++;
		}
		if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return fail(p, start, "invalid unicode escape: U+%04X is not a unicode scalar value",
				    cp);
		utf8_add(&p->scratch, cp);
		return 0;
	}
	default:
		if (c < 0)
			return fail(p, start, "unterminated string");
		if (c >= 0x20 && c < 0x7F)
			return fail(p, start, "invalid escape sequence '\\%c'", c);
		return fail(p, start, "invalid escape sequence: backslash before U+%04X", c);
	}
}

static struct slice scratch_copy(struct parser *p)
{
	return arena_slice(p->arena, buf_slice(&p->scratch));
}

/* Copies the run of ordinary bytes at the position (the byte there and
 * those after it up to a quote, backslash or control byte) into scratch. */
static void copy_plain_run(struct parser *p, char quote)
{
	size_t j = p->pos + 1;
	while (j < p->len) {
		unsigned char d = (unsigned char)p->src[j];
		if (d == (unsigned char)quote || d == '\\' || d < 0x20 || d == 0x7F)
			break;
		j++;
	}
	buf_add(&p->scratch, p->src + p->pos, j - p->pos);
	p->pos = j;
}

/* basic-string = quotation-mark *basic-char quotation-mark
 * literal-string = apostrophe *literal-char apostrophe
 * At the opening quote; leaves the position after the closing one. */
static int read_line_string(struct parser *p, struct slice *out)
{
	size_t start = p->pos;
	char quote = p->src[p->pos++];
	buf_clear(&p->scratch);
	for (;;) {
		int c = cur(p);
		if (c < 0 || c == '\n')
			return fail(p, start, "unterminated string");
		if (c == quote) {
			p->pos++;
			break;
		}
		if (c == '\\' && quote == '"') {
			if (read_escape(p) < 0)
				return -1;
			continue;
		}
		if (c == '\r' && at(p, 1) == '\n')
			return fail(p, start, "unterminated string");
		if (is_control(c))
			return fail_control(p, "string");
		copy_plain_run(p, quote);
	}
	*out = scratch_copy(p);
	return 0;
}

/* ml-basic-string = ml-basic-string-delim [ newline ] ml-basic-body ml-basic-string-delim
 * ml-literal-string = ml-literal-string-delim [ newline ] ml-literal-body ml-literal-string-delim
 * At the first of the three opening quotes.  Newlines are kept as LF
 * (tomllib reads CRLF as LF). */
static int read_multiline_string(struct parser *p, struct slice *out)
{
	size_t start = p->pos;
	char quote = p->src[p->pos];
	bool basic = quote == '"';
	p->pos += 3;
	buf_clear(&p->scratch);
	eat_newline(p); /* "A newline immediately following the opening delimiter will be trimmed." */
	for (;;) {
		int c = cur(p);
		if (c < 0)
			return fail(p, start, "unterminated multi-line string");
		if (c == quote) {
			/* mlb-quotes = 1*2quotation-mark: up to two quotes may end the body. */
			size_t n = 0;
			while (at(p, n) == quote)
				n++;
			if (n < 3) {
				buf_add(&p->scratch, p->src + p->pos, n);
				p->pos += n;
				continue;
			}
			if (n > 5)
				return fail(p, p->pos + 5, "too many quotes at the end of a multi-line string");
			buf_add(&p->scratch, p->src + p->pos, n - 3);
			p->pos += n;
			break;
		}
		if (c == '\n' || (c == '\r' && at(p, 1) == '\n')) {
			eat_newline(p);
			buf_addc(&p->scratch, '\n');
			continue;
		}
		if (c == '\\' && basic) {
			/* mlb-escaped-nl = escape ws newline *( wschar / newline ):
			 * a line-ending backslash trims all whitespace up to the next
			 * non-whitespace character. */
			size_t k = 1;
			while (at(p, k) == ' ' || at(p, k) == '\t')
				k++;
			if (at(p, k) == '\n' || (at(p, k) == '\r' && at(p, k + 1) == '\n')) {
				p->pos += k;
				while (eat_newline(p) || cur(p) == ' ' || cur(p) == '\t') {
					if (cur(p) == ' ' || cur(p) == '\t')
						p->pos++;
				}
				continue;
			}
			if (read_escape(p) < 0)
				return -1;
			continue;
		}
		if (is_control(c))
			return fail_control(p, "string");
		copy_plain_run(p, quote);
	}
	*out = scratch_copy(p);
	return 0;
}

static bool at_triple_quote(const struct parser *p)
{
	int q = cur(p);
	return (q == '"' || q == '\'') && at(p, 1) == q && at(p, 2) == q;
}

/* ------------------------------------------------------------------ */
/* Keys                                                                 */

static bool is_bare_key_char(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

/* simple-key = quoted-key / unquoted-key */
static int read_simple_key(struct parser *p, struct keyseg *seg)
{
	seg->pos = p->pos;
	int c = cur(p);
	if (c == '"' || c == '\'') {
		if (at_triple_quote(p))
			return fail(p, p->pos, "a multi-line string cannot be a key");
		return read_line_string(p, &seg->key);
	}
	size_t start = p->pos;
	while (is_bare_key_char(cur(p)))
		p->pos++;
	if (p->pos == start) {
		if (c == '=')
			return fail(p, p->pos, "expected a key before '='");
		return fail_char(p, "where a key was expected");
	}
	seg->key = arena_slice(p->arena, slice_make(p->src + start, p->pos - start));
	return 0;
}

/* key = simple-key / dotted-key;  dotted-key = simple-key 1*( dot-sep simple-key ) */
static int read_key(struct parser *p, keyvec *keys)
{
	vec_clear(keys);
	for (;;) {
		struct keyseg seg;
		if (read_simple_key(p, &seg) < 0)
			return -1;
		vec_push(keys, seg);
		if (keys->len > MAX_DEPTH)
			return fail(p, seg.pos, "key has too many dotted parts (more than %d)", MAX_DEPTH);
		skip_ws(p);
		if (cur(p) != '.')
			return 0;
		p->pos++;
		skip_ws(p);
	}
}

/* ------------------------------------------------------------------ */
/* Numbers and dates                                                    */

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Reads digits of the given base with single underscores between digits
 * (e.g. 1_000); returns the index after them, or 0 when there is not one
 * digit or an underscore is misplaced. */
static size_t scan_digits(const char *s, size_t i, size_t n, int base)
{
	size_t start = i;
	bool prev_digit = false;
	while (i < n) {
		int c = (unsigned char)s[i];
		int d = hexval(c);
		if (d >= 0 && d < base) {
			prev_digit = true;
		} else if (c == '_') {
			if (!prev_digit || i + 1 >= n || hexval((unsigned char)s[i + 1]) < 0 ||
			    hexval((unsigned char)s[i + 1]) >= base)
				return 0;
			prev_digit = false;
		} else {
			break;
		}
		i++;
	}
	if (i == start || !prev_digit)
		return 0;
	return i;
}

/* integer = dec-int / hex-int / oct-int / bin-int
 * float = float-int-part ( exp / frac [ exp ] ) / special-float
 * The token is the run of characters that can make up a number; it is
 * checked here against the grammar as a whole. */
static int read_number(struct parser *p, struct toml_value **out)
{
	size_t start = p->pos;
	while (p->pos < p->len) {
		int c = (unsigned char)p->src[p->pos];
		if (!(is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
		      c == '.' || c == '+' || c == '-'))
			break;
		p->pos++;
	}
	const char *s = p->src + start;
	size_t n = p->pos - start;
	size_t i = 0;
	bool neg = false;
	if (n > 0 && (s[0] == '+' || s[0] == '-')) {
		neg = s[0] == '-';
		i = 1;
	}
	/* special-float = [ minus / plus ] ( inf / nan ) */
	if (n - i == 3 && (!memcmp(s + i, "inf", 3) || !memcmp(s + i, "nan", 3))) {
		struct toml_value *v = new_value(p, TOML_FLOAT, start);
		v->u.fp = s[i] == 'i' ? (neg ? -INFINITY : INFINITY) : (neg ? -NAN : NAN);
		*out = v;
		return 0;
	}
	/* hex-int = hex-prefix HEXDIG *( HEXDIG / underscore HEXDIG ), and oct, bin */
	if (i == 0 && n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o' || s[1] == 'b')) {
		int base = s[1] == 'x' ? 16 : s[1] == 'o' ? 8 : 2;
		size_t end = scan_digits(s, 2, n, base);
		if (end != n)
			return fail(p, start, "invalid %s integer '%.*s'",
				    base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary",
				    (int)(n > 40 ? 40 : n), s);
		uint64_t val = 0;
		for (size_t k = 2; k < n; k++) {
			if (s[k] == '_')
				continue;
			uint64_t d = (uint64_t)hexval((unsigned char)s[k]);
			if (val > ((uint64_t)INT64_MAX - d) / (uint64_t)base)
				return fail(p, start, "integer '%.*s' does not fit in 64 bits",
					    (int)(n > 40 ? 40 : n), s);
			val = val * (uint64_t)base + d;
		}
		struct toml_value *v = new_value(p, TOML_INTEGER, start);
		v->u.integer = (int64_t)val;
		*out = v;
		return 0;
	}
	/* dec-int = [ minus / plus ] unsigned-dec-int;
	 * unsigned-dec-int = DIGIT / digit1-9 1*( DIGIT / underscore DIGIT ) */
	size_t int_end = scan_digits(s, i, n, 10);
	if (int_end == 0)
		return fail(p, start, "invalid number '%.*s'", (int)(n > 40 ? 40 : n), s);
	if (s[i] == '0' && int_end - i > 1)
		return fail(p, start, "leading zeros are not allowed in '%.*s'", (int)(n > 40 ? 40 : n),
			    s);
	size_t k = int_end;
	bool is_float = false;
	if (k < n && s[k] == '.') {
		/* frac = decimal-point zero-prefixable-int */
		size_t e = scan_digits(s, k + 1, n, 10);
		if (e == 0)
			return fail(p, start, "invalid float '%.*s': a digit must follow the decimal point",
				    (int)(n > 40 ? 40 : n), s);
		k = e;
		is_float = true;
	}
	if (k < n && (s[k] == 'e' || s[k] == 'E')) {
		/* exp = "e" float-exp-part;  float-exp-part = [ minus / plus ] zero-prefixable-int */
		size_t e = k + 1;
		if (e < n && (s[e] == '+' || s[e] == '-'))
			e++;
		e = scan_digits(s, e, n, 10);
		if (e == 0)
			return fail(p, start, "invalid float '%.*s': bad exponent", (int)(n > 40 ? 40 : n),
				    s);
		k = e;
		is_float = true;
	}
	if (k != n)
		return fail(p, start, "invalid number '%.*s'", (int)(n > 40 ? 40 : n), s);
	/* The digits without underscores, for strtod / the integer loop. */
	char tmp[512];
	char *digits = n < sizeof(tmp) ? tmp : xmalloc(n + 1);
	size_t m = 0;
	for (size_t j = 0; j < n; j++)
		if (s[j] != '_')
			digits[m++] = s[j];
	digits[m] = '\0';
	int rc = 0;
	if (is_float) {
		struct toml_value *v = new_value(p, TOML_FLOAT, start);
		/* Overflow gives ±inf, as Python's float() does for tomllib. */
		v->u.fp = strtod(digits, NULL);
		*out = v;
	} else {
		uint64_t limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
		uint64_t val = 0;
		for (size_t j = i; j < m; j++) {
			uint64_t d = (uint64_t)(digits[j] - '0');
			if (val > (limit - d) / 10) {
				rc = fail(p, start, "integer '%.*s' does not fit in 64 bits",
					  (int)(n > 40 ? 40 : n), s);
				goto cleanup;
			}
			val = val * 10 + d;
		}
		struct toml_value *v = new_value(p, TOML_INTEGER, start);
		v->u.integer = neg ? (int64_t)(0 - val) : (int64_t)val;
		*out = v;
	}
cleanup:
	if (digits != tmp)
		free(digits);
	return rc;
}

/* Reads exactly n digits at the position; -1 when they are not there. */
static int read_fixed_digits(struct parser *p, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		int c = cur(p);
		if (!is_digit(c))
			return -1;
		v = v * 10 + (c - '0');
		p->pos++;
	}
	return v;
}

/* Reads a first field of `width` digits, then two of 2 digits, each after
 * sep, with no digit after the last (YYYY-MM-DD, HH:MM:SS); -1 when the
 * text does not have that shape. */
static int read_three_fields(struct parser *p, int width, char sep, int *a, int *b, int *c)
{
	*a = read_fixed_digits(p, width);
	if (*a < 0 || cur(p) != sep)
		return -1;
	p->pos++;
	*b = read_fixed_digits(p, 2);
	if (*b < 0 || cur(p) != sep)
		return -1;
	p->pos++;
	*c = read_fixed_digits(p, 2);
	if (*c < 0 || is_digit(cur(p)))
		return -1;
	return 0;
}

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* full-date = date-fullyear "-" date-month "-" date-mday */
static int read_date(struct parser *p, struct toml_datetime *dt)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	size_t start = p->pos;
	if (read_three_fields(p, 4, '-', &dt->year, &dt->month, &dt->day) < 0)
		return fail(p, start, "invalid date: expected YYYY-MM-DD");
	/* Python's datetime, and so tomllib, starts at year 1. */
	if (dt->year == 0)
		return fail(p, start, "invalid date: year 0000 is out of range");
	if (dt->month < 1 || dt->month > 12)
		return fail(p, start, "invalid date: month %02d is out of range", dt->month);
	int days = mdays[dt->month - 1] + (dt->month == 2 && is_leap(dt->year));
	if (dt->day < 1 || dt->day > days)
		return fail(p, start, "invalid date: day %02d is out of range for %04d-%02d", dt->day,
			    dt->year, dt->month);
	return 0;
}

/* partial-time = time-hour ":" time-minute ":" time-second [ time-secfrac ]
 * A leap second (:60) is rejected, as Python's datetime and tomllib do. */
static int read_time(struct parser *p, struct toml_datetime *dt)
{
	size_t start = p->pos;
	if (read_three_fields(p, 2, ':', &dt->hour, &dt->minute, &dt->second) < 0)
		return fail(p, start, "invalid time: expected HH:MM:SS");
	if (dt->hour > 23 || dt->minute > 59 || dt->second > 59)
		return fail(p, start, "invalid time: %02d:%02d:%02d is out of range", dt->hour,
			    dt->minute, dt->second);
	if (cur(p) == '.') {
		/* time-secfrac = "." 1*DIGIT; digits past nanoseconds are truncated. */
		p->pos++;
		if (!is_digit(cur(p)))
			return fail(p, start, "invalid time: a digit must follow the decimal point");
		int32_t ns = 0;
		int nd = 0;
		while (is_digit(cur(p))) {
			if (nd < 9) {
				ns = ns * 10 + (cur(p) - '0');
				nd++;
			}
			p->pos++;
		}
		dt->frac_digits = nd;
		for (int k = nd; k < 9; k++)
			ns *= 10;
		dt->nanosecond = ns;
	}
	return 0;
}

/* date-time = offset-date-time / local-date-time / local-date / local-time
 * At a date (four digits and '-') or a time (two digits and ':'). */
static int read_datetime(struct parser *p, struct toml_value **out)
{
	size_t start = p->pos;
	struct toml_datetime dt = { 0 };
	enum toml_kind kind;
	if (at(p, 2) == ':') {
		if (read_time(p, &dt) < 0)
			return -1;
		kind = TOML_TIME_LOCAL;
	} else {
		if (read_date(p, &dt) < 0)
			return -1;
		kind = TOML_DATE_LOCAL;
		/* time-delim = "T" / %x20; a space starts a time only when one follows. */
		int c = cur(p);
		if (c == 'T' || c == 't' || (c == ' ' && is_digit(at(p, 1)))) {
			p->pos++;
			if (read_time(p, &dt) < 0)
				return -1;
			kind = TOML_DATETIME_LOCAL;
			/* time-offset = "Z" / time-numoffset */
			c = cur(p);
			if (c == 'Z' || c == 'z') {
				p->pos++;
				kind = TOML_DATETIME;
			} else if (c == '+' || c == '-') {
				size_t opos = p->pos;
				p->pos++;
				int oh = read_fixed_digits(p, 2);
				int om = -1;
				if (oh >= 0 && cur(p) == ':') {
					p->pos++;
					om = read_fixed_digits(p, 2);
				}
				if (oh < 0 || om < 0 || is_digit(cur(p)))
					return fail(p, opos, "invalid time offset: expected +HH:MM or -HH:MM");
				if (oh > 23 || om > 59)
					return fail(p, opos, "invalid time offset: %c%02d:%02d is out of range",
						    c, oh, om);
				dt.offset_minutes = (c == '-' ? -1 : 1) * (oh * 60 + om);
				kind = TOML_DATETIME;
			}
		}
	}
	struct toml_value *v = new_value(p, kind, start);
	v->u.dt = dt;
	*out = v;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Values                                                               */

static int read_value(struct parser *p, struct toml_value **out);
static int read_keyval(struct parser *p, struct toml_value *table, unsigned section);

/* array = array-open [ array-values ] ws-comment-newline array-close */
static int read_array(struct parser *p, struct toml_value **out)
{
	size_t start = p->pos;
	struct toml_value *v = new_value(p, TOML_ARRAY, start);
	p->pos++;
	for (;;) {
		if (skip_ws_comment_newline(p) < 0)
			return -1;
		if (cur(p) == ']')
			break;
		struct toml_value *item;
		if (read_value(p, &item) < 0)
			return -1;
		array_add(p->arena, &v->u.array, item);
		if (skip_ws_comment_newline(p) < 0)
			return -1;
		if (cur(p) == ',') {
			p->pos++;
			continue;
		}
		if (cur(p) == ']')
			break;
		if (cur(p) < 0)
			return fail(p, start, "unterminated array");
		return fail(p, p->pos, "expected ',' or ']' after an array element");
	}
	p->pos++;
	*out = v;
	return 0;
}

/* inline-table = inline-table-open [ inline-table-keyvals ] inline-table-close
 * No newlines, no trailing comma (TOML 1.0). */
static int read_inline_table(struct parser *p, struct toml_value **out)
{
	size_t start = p->pos;
	struct toml_value *v = new_value(p, TOML_TABLE, start);
	unsigned section = ++p->sections;
	v->u.table.defined_in = section;
	p->pos++;
	skip_ws(p);
	if (cur(p) == '}') {
		p->pos++;
	} else {
		for (;;) {
			skip_ws(p);
			if (cur(p) == '}')
				return fail(p, p->pos, "trailing comma not allowed in an inline table");
			if (read_keyval(p, v, section) < 0)
				return -1;
			skip_ws(p);
			if (cur(p) == ',') {
				p->pos++;
				continue;
			}
			if (cur(p) == '}') {
				p->pos++;
				break;
			}
			if (cur(p) < 0)
				return fail(p, start, "unterminated inline table");
			if (cur(p) == '\n' || cur(p) == '\r')
				return fail(p, p->pos, "newline in an inline table");
			return fail(p, p->pos, "expected ',' or '}' after a key/value pair in an inline table");
		}
	}
	freeze(v);
	*out = v;
	return 0;
}

static int read_word(struct parser *p, const char *word, size_t len)
{
	if (p->len - p->pos < len || memcmp(p->src + p->pos, word, len) != 0)
		return -1;
	p->pos += len;
	return 0;
}

/* val = string / boolean / array / inline-table / date-time / float / integer */
static int read_value(struct parser *p, struct toml_value **out)
{
	size_t start = p->pos;
	int c = cur(p);
	if (p->depth >= MAX_DEPTH)
		return fail(p, start, "arrays and inline tables nested too deeply (more than %d)",
			    MAX_DEPTH);
	int rc;
	switch (c) {
	case '"':
	case '\'': {
		struct toml_value *v = new_value(p, TOML_STRING, start);
		if (at_triple_quote(p))
			rc = read_multiline_string(p, &v->u.string);
		else
			rc = read_line_string(p, &v->u.string);
		*out = v;
		return rc;
	}
	case 't':
	case 'f': {
		bool b = c == 't';
		if (read_word(p, b ? "true" : "false", b ? 4 : 5) < 0 || is_bare_key_char(cur(p)))
			return fail(p, start, "invalid value (booleans are 'true' and 'false')");
		struct toml_value *v = new_value(p, TOML_BOOL, start);
		v->u.boolean = b;
		*out = v;
		return 0;
	}
	case '[':
		p->depth++;
		rc = read_array(p, out);
		p->depth--;
		return rc;
	case '{':
		p->depth++;
		rc = read_inline_table(p, out);
		p->depth--;
		return rc;
	default:
		break;
	}
	if (is_digit(c) && is_digit(at(p, 1))) {
		if ((at(p, 2) == ':') ||
		    (is_digit(at(p, 2)) && is_digit(at(p, 3)) && at(p, 4) == '-'))
			return read_datetime(p, out);
	}
	if (is_digit(c) || c == '+' || c == '-' || c == 'i' || c == 'n')
		return read_number(p, out);
	if (c == '#')
		return fail(p, start, "expected a value before the comment");
	return fail_char(p, "where a value was expected");
}

/* ------------------------------------------------------------------ */
/* Key/value pairs and table headers                                    */

/* "an integer", "a static array": what a value is, for messages. */
static const char *kind_phrase(const struct toml_value *v)
{
	switch (v->kind) {
	case TOML_TABLE: return v->u.table.frozen ? "an inline table" : "a table";
	case TOML_ARRAY: return v->u.array.of_tables ? "an array of tables" : "a static array";
	case TOML_STRING: return "a string";
	case TOML_INTEGER: return "an integer";
	case TOML_FLOAT: return "a float";
	case TOML_BOOL: return "a boolean";
	case TOML_DATETIME: return "an offset date-time";
	case TOML_DATETIME_LOCAL: return "a local date-time";
	case TOML_DATE_LOCAL: return "a local date";
	case TOML_TIME_LOCAL: return "a local time";
	}
	return "a value";
}

/* keyval = key keyval-sep val, into table, read in section.  Dotted keys
 * create tables ("defined" by this section); they may go through tables this
 * same section defined, or tables only implied by earlier headers, but not
 * through tables defined elsewhere, inline tables or arrays. */
static int read_keyval(struct parser *p, struct toml_value *table, unsigned section)
{
	keyvec keys = VEC_INIT;
	int rc = -1;
	char shown[64];
	if (read_key(p, &keys) < 0)
		goto cleanup;
	skip_ws(p);
	if (cur(p) != '=') {
		char ctx[96];
		snprintf(ctx, sizeof(ctx), "after key '%s' (expected '=')",
			 show(keys.ptr[keys.len - 1].key, shown));
		fail_char(p, ctx);
		goto cleanup;
	}
	p->pos++;
	skip_ws(p);
	struct toml_value *t = table;
	for (size_t i = 0; i + 1 < keys.len; i++) {
		struct keyseg *k = &keys.ptr[i];
		struct toml_value *e = table_find(&t->u.table, k->key);
		if (!e) {
			e = new_value(p, TOML_TABLE, k->pos);
			e->u.table.defined_in = section;
			table_add(p->arena, &t->u.table, k->key, e);
		} else if (e->kind != TOML_TABLE) {
			fail(p, k->pos, "cannot use key '%s' as a table: it is already %s",
			     show(k->key, shown), kind_phrase(e));
			goto cleanup;
		} else if (e->u.table.frozen) {
			fail(p, k->pos, "cannot add keys to inline table '%s'", show(k->key, shown));
			goto cleanup;
		} else if (e->u.table.defined_in != 0 && e->u.table.defined_in != section) {
			fail(p, k->pos, "cannot add keys to table '%s' with dotted keys: it is defined elsewhere",
			     show(k->key, shown));
			goto cleanup;
		} else {
			e->u.table.defined_in = section;
		}
		t = e;
	}
	struct keyseg *last = &keys.ptr[keys.len - 1];
	if (table_find(&t->u.table, last->key)) {
		fail(p, last->pos, "duplicate key '%s'", show(last->key, shown));
		goto cleanup;
	}
	struct toml_value *v;
	if (read_value(p, &v) < 0)
		goto cleanup;
	table_add(p->arena, &t->u.table, last->key, v);
	rc = 0;
cleanup:
	vec_release(&keys);
	return rc;
}

/* std-table = std-table-open key std-table-close
 * array-table = array-table-open key array-table-close
 * At the '['; *section_table becomes the table the following pairs go into. */
static int read_header(struct parser *p, struct toml_value *root, struct toml_value **section_table)
{
	keyvec keys = VEC_INIT;
	int rc = -1;
	char shown[64];
	size_t start = p->pos;
	bool is_array = at(p, 1) == '[';
	p->pos += is_array ? 2 : 1;
	skip_ws(p);
	if (read_key(p, &keys) < 0)
		goto cleanup;
	skip_ws(p);
	if (cur(p) != ']' || (is_array && at(p, 1) != ']')) {
		fail(p, p->pos, is_array ? "expected ']]' to close the array of tables header"
					 : "expected ']' to close the table header");
		goto cleanup;
	}
	p->pos += is_array ? 2 : 1;
	unsigned section = ++p->sections;
	struct toml_value *t = root;
	for (size_t i = 0; i + 1 < keys.len; i++) {
		struct keyseg *k = &keys.ptr[i];
		struct toml_value *e = table_find(&t->u.table, k->key);
		if (!e) {
			/* An implicit table: "[x.y.z]" also creates x and x.y. */
			e = new_value(p, TOML_TABLE, start);
			table_add(p->arena, &t->u.table, k->key, e);
		} else if (e->kind == TOML_ARRAY && e->u.array.of_tables) {
			/* "[[a]]" then "[a.b]": b goes into the last element of a. */
			e = e->u.array.items[e->u.array.len - 1];
		} else if (e->kind == TOML_ARRAY) {
			fail(p, k->pos, "cannot add a table to '%s': it is a static array",
			     show(k->key, shown));
			goto cleanup;
		} else if (e->kind != TOML_TABLE) {
			fail(p, k->pos, "cannot use key '%s' as a table: it is already %s",
			     show(k->key, shown), kind_phrase(e));
			goto cleanup;
		} else if (e->u.table.frozen) {
			fail(p, k->pos, "cannot add a table to inline table '%s'", show(k->key, shown));
			goto cleanup;
		}
		t = e;
	}
	struct keyseg *last = &keys.ptr[keys.len - 1];
	struct toml_value *e = table_find(&t->u.table, last->key);
	struct toml_value *nt;
	if (is_array) {
		if (!e) {
			e = new_value(p, TOML_ARRAY, start);
			e->u.array.of_tables = true;
			table_add(p->arena, &t->u.table, last->key, e);
		} else if (e->kind != TOML_ARRAY || !e->u.array.of_tables) {
			fail(p, last->pos, "cannot define '%s' as an array of tables: it is already %s",
			     show(last->key, shown),
			     kind_phrase(e));
			goto cleanup;
		}
		nt = new_value(p, TOML_TABLE, start);
		array_add(p->arena, &e->u.array, nt);
	} else {
		if (!e) {
			nt = new_value(p, TOML_TABLE, start);
			table_add(p->arena, &t->u.table, last->key, nt);
		} else if (e->kind != TOML_TABLE) {
			fail(p, last->pos, "cannot define table '%s': it is already %s",
			     show(last->key, shown), kind_phrase(e));
			goto cleanup;
		} else if (e->u.table.frozen) {
			fail(p, last->pos, "cannot redefine inline table '%s'", show(last->key, shown));
			goto cleanup;
		} else if (e->u.table.defined_in != 0) {
			fail(p, last->pos, "table '%s' is defined twice", show(last->key, shown));
			goto cleanup;
		} else {
			nt = e;
			value_pos(p, nt, start);
		}
	}
	nt->u.table.defined_in = section;
	nt->u.table.from_header = true;
	*section_table = nt;
	rc = 0;
cleanup:
	vec_release(&keys);
	return rc;
}

/* toml = expression *( newline expression )
 * expression = ws [ comment ] / ws keyval ws [ comment ] / ws table ws [ comment ] */
static int read_document(struct parser *p, struct toml_value *root)
{
	struct toml_value *section_table = root;
	unsigned section = ++p->sections;
	root->u.table.defined_in = section;
	for (;;) {
		skip_ws(p);
		int c = cur(p);
		if (c < 0)
			return 0;
		if (c == '\r' && at(p, 1) != '\n')
			return fail_control(p, "document");
		if (c == '#' || eat_newline(p)) {
			if (skip_comment(p) < 0)
				return -1;
			continue;
		}
		if (c == '[') {
			if (read_header(p, root, &section_table) < 0)
				return -1;
			section = section_table->u.table.defined_in;
		} else {
			if (read_keyval(p, section_table, section) < 0)
				return -1;
		}
		skip_ws(p);
		if (skip_comment(p) < 0)
			return -1;
		if (cur(p) >= 0 && !eat_newline(p)) {
			if (is_control(cur(p)))
				return fail_control(p, "document");
			return fail_char(p, c == '[' ? "after a table header (expected a newline)"
						     : "after a value (expected a newline)");
		}
	}
}

/* ------------------------------------------------------------------ */
/* Public API                                                           */

const char *toml_kind_name(enum toml_kind k)
{
	static const char *const names[] = {
#define TOML_KIND_NAME(kk, name) name,
		TOML_KINDS(TOML_KIND_NAME)
#undef TOML_KIND_NAME
	};
	return (unsigned)k < sizeof(names) / sizeof(names[0]) ? names[k] : "?";
}

void toml_doc_init(struct toml_doc *self)
{
	arena_init(&self->arena);
	self->root = NULL;
}

void toml_doc_release(struct toml_doc *self)
{
	arena_release(&self->arena);
	self->root = NULL;
}

int toml_parse(struct toml_doc *self, const char *file, const char *src, size_t len,
	       struct toml_error *err)
{
	struct parser p = {
		.arena = &self->arena,
		.src = src,
		.len = len,
		.err = err,
		.lc_line = 1,
		.lc_col = 1,
	};
	buf_init(&p.scratch);
	memset(err, 0, sizeof(*err));
	err->file = file;
	self->root = NULL;
	int rc = -1;
	if (check_utf8(&p) < 0)
		goto cleanup;
	struct toml_value *root = ARENA_NEW(p.arena, struct toml_value);
	root->kind = TOML_TABLE;
	root->line = 1;
	root->col = 1;
	if (read_document(&p, root) < 0)
		goto cleanup;
	self->root = root;
	rc = 0;
cleanup:
	buf_release(&p.scratch);
	return rc;
}

int toml_parse_file(struct toml_doc *self, const char *path, struct toml_error *err)
{
	struct fs_file f;
	struct buf msg = BUF_INIT;
	if (fs_read_file(path, &f, &msg) < 0) {
		memset(err, 0, sizeof(*err));
		err->file = path;
		snprintf(err->reason, sizeof(err->reason), "%s", msg.ptr);
		buf_release(&msg);
		self->root = NULL;
		return -1;
	}
	int rc = toml_parse(self, path, f.ptr, f.len, err);
	fs_file_release(&f);
	return rc;
}

const struct toml_value *toml_table_get(const struct toml_value *table, struct slice key)
{
	if (!table || table->kind != TOML_TABLE)
		return NULL;
	return table_find(&table->u.table, key);
}

const struct toml_value *toml_get(const struct toml_value *table, const char *path)
{
	const struct toml_value *v = table;
	const char *s = path;
	struct buf seg = BUF_INIT;
	for (;;) {
		if (!v || v->kind != TOML_TABLE) {
			v = NULL;
			break;
		}
		/* One segment: bare up to '.', or quoted ('...' raw, "..." with \" and \\). */
		buf_clear(&seg);
		if (*s == '"' || *s == '\'') {
			char q = *s++;
			while (*s && *s != q) {
				if (q == '"' && *s == '\\' && s[1])
					s++;
				buf_addc(&seg, *s++);
			}
			if (*s != q) {
				v = NULL;
				break;
			}
			s++;
		} else {
			while (*s && *s != '.')
				buf_addc(&seg, *s++);
		}
		v = table_find(&v->u.table, buf_slice(&seg));
		if (*s == '\0')
			break;
		if (*s != '.') {
			v = NULL;
			break;
		}
		s++;
	}
	buf_release(&seg);
	return v;
}

bool toml_as_string(const struct toml_value *v, struct slice *out)
{
	if (!v || v->kind != TOML_STRING)
		return false;
	*out = v->u.string;
	return true;
}

bool toml_as_integer(const struct toml_value *v, int64_t *out)
{
	if (!v || v->kind != TOML_INTEGER)
		return false;
	*out = v->u.integer;
	return true;
}

bool toml_as_float(const struct toml_value *v, double *out)
{
	if (v && v->kind == TOML_FLOAT) {
		*out = v->u.fp;
		return true;
	}
	if (v && v->kind == TOML_INTEGER) {
		*out = (double)v->u.integer;
		return true;
	}
	return false;
}

bool toml_as_bool(const struct toml_value *v, bool *out)
{
	if (!v || v->kind != TOML_BOOL)
		return false;
	*out = v->u.boolean;
	return true;
}

bool toml_as_datetime(const struct toml_value *v, struct toml_datetime *out)
{
	if (!v || v->kind < TOML_DATETIME)
		return false;
	*out = v->u.dt;
	return true;
}

size_t toml_len(const struct toml_value *v)
{
	if (v && v->kind == TOML_TABLE)
		return v->u.table.len;
	if (v && v->kind == TOML_ARRAY)
		return v->u.array.len;
	return 0;
}

const struct toml_value *toml_array_at(const struct toml_value *v, size_t i)
{
	if (!v || v->kind != TOML_ARRAY || i >= v->u.array.len)
		return NULL;
	return v->u.array.items[i];
}

const struct toml_kv *toml_table_at(const struct toml_value *v, size_t i)
{
	if (!v || v->kind != TOML_TABLE || i >= v->u.table.len)
		return NULL;
	return &v->u.table.items[i];
}
