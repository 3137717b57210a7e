/* Recursive descent over RFC 8259's grammar; each function names the rule
 * it reads. */
#include "env/jsonr.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/vec.h"

struct reader {
	struct arena *arena;
	const char *p, *start, *end;
	struct buf *err;
	int depth;
};

static int fail(struct reader *r, const char *msg)
{
	int line = 1;
	for (const char *q = r->start; q < r->p && q < r->end; q++)
		line += *q == '\n';
	buf_addf(r->err, "line %d: %s", line, msg);
	return -1;
}

static void skip_ws(struct reader *r)
{
	while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
		r->p++;
}

static int hex4(struct reader *r, uint32_t *out)
{
	if (r->end - r->p < 4)
		return fail(r, "truncated \\u escape");
	uint32_t v = 0;
	for (int i = 0; i < 4; i++) {
		char c = *r->p++;
		v <<= 4;
		if (c >= '0' && c <= '9') v |= (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f') v |= (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F') v |= (uint32_t)(c - 'A' + 10);
		else return fail(r, "bad \\u escape");
	}
	*out = v;
	return 0;
}

/* string = quotation-mark *char quotation-mark */
static int read_string(struct reader *r, const char **out, size_t *outlen)
{
	struct buf b = BUF_INIT;
	r->p++; /* opening quote */
	for (;;) {
		if (r->p >= r->end) {
			buf_release(&b);
			return fail(r, "unterminated string");
		}
		char c = *r->p++;
		if (c == '"')
			break;
		if ((unsigned char)c < 0x20) {
			buf_release(&b);
			return fail(r, "control character in string");
		}
		if (c != '\\') {
			buf_addc(&b, c);
			continue;
		}
		if (r->p >= r->end) {
			buf_release(&b);
			return fail(r, "unterminated string");
		}
		c = *r->p++;
		switch (c) {
		case '"': case '\\': case '/': buf_addc(&b, c); break;
		case 'b': buf_addc(&b, '\b'); break;
		case 'f': buf_addc(&b, '\f'); break;
		case 'n': buf_addc(&b, '\n'); break;
		case 'r': buf_addc(&b, '\r'); break;
		case 't': buf_addc(&b, '\t'); break;
		case 'u': {
			uint32_t cp;
			if (hex4(r, &cp) < 0)
				goto bad;
			if (cp >= 0xD800 && cp < 0xDC00 && r->end - r->p >= 6 &&
			    r->p[0] == '\\' && r->p[1] == 'u') {
				const char *save = r->p;
				uint32_t lo;
				r->p += 2;
				if (hex4(r, &lo) < 0)
					goto bad;
				if (lo >= 0xDC00 && lo < 0xE000)
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				else
					r->p = save;
			}
			utf8_add(&b, cp);
			break;
		}
		default:
			buf_release(&b);
			return fail(r, "bad escape in string");
		}
	}
	*out = arena_strndup(r->arena, b.ptr, b.len);
	*outlen = b.len;
	buf_release(&b);
	return 0;
bad:
	buf_release(&b);
	return -1;
}

static struct jsonr_value *read_value(struct reader *r);

/* array = begin-array [ value *( value-separator value ) ] end-array
 * object = begin-object [ member *( value-separator member ) ] end-object */
static struct jsonr_value *read_container(struct reader *r, bool object)
{
	VEC(struct jsonr_value *) items = VEC_INIT;
	VEC(const char *) keys = VEC_INIT;
	struct jsonr_value *v = NULL;
	char close = object ? '}' : ']';
	if (++r->depth > JSONR_MAX_DEPTH) {
		fail(r, "nesting too deep");
		goto cleanup;
	}
	r->p++;
	skip_ws(r);
	if (r->p < r->end && *r->p == close) {
		r->p++;
	} else {
		for (;;) {
			skip_ws(r);
			if (object) {
				const char *k;
				size_t kl;
				if (r->p >= r->end || *r->p != '"') {
					fail(r, "expected a string key");
					goto cleanup;
				}
				if (read_string(r, &k, &kl) < 0)
					goto cleanup;
				skip_ws(r);
				if (r->p >= r->end || *r->p != ':') {
					fail(r, "expected ':'");
					goto cleanup;
				}
				r->p++;
				vec_push(&keys, k);
			}
			struct jsonr_value *item = read_value(r);
			if (!item)
				goto cleanup;
			vec_push(&items, item);
			skip_ws(r);
			if (r->p < r->end && *r->p == ',') {
				r->p++;
				continue;
			}
			if (r->p < r->end && *r->p == close) {
				r->p++;
				break;
			}
			fail(r, object ? "expected ',' or '}'" : "expected ',' or ']'");
			goto cleanup;
		}
	}
	v = ARENA_NEW(r->arena, struct jsonr_value);
	v->type = object ? JSONR_OBJECT : JSONR_ARRAY;
	v->len = items.len;
	v->items = ARENA_ARRAY(r->arena, struct jsonr_value *, items.len + 1);
	if (items.len)
		memcpy(v->items, items.ptr, items.len * sizeof(*items.ptr));
	if (object) {
		v->keys = ARENA_ARRAY(r->arena, const char *, keys.len + 1);
		if (keys.len)
			memcpy(v->keys, keys.ptr, keys.len * sizeof(*keys.ptr));
	}
cleanup:
	r->depth--;
	vec_release(&items);
	vec_release(&keys);
	return v;
}

static bool match_word(struct reader *r, const char *w)
{
	size_t n = strlen(w);
	if ((size_t)(r->end - r->p) >= n && memcmp(r->p, w, n) == 0) {
		r->p += n;
		return true;
	}
	return false;
}

/* value = false / null / true / object / array / number / string */
static struct jsonr_value *read_value(struct reader *r)
{
	skip_ws(r);
	if (r->p >= r->end) {
		fail(r, "unexpected end of input");
		return NULL;
	}
	char c = *r->p;
	if (c == '{' || c == '[')
		return read_container(r, c == '{');
	struct jsonr_value *v = ARENA_NEW(r->arena, struct jsonr_value);
	if (c == '"') {
		v->type = JSONR_STRING;
		if (read_string(r, &v->str, &v->len) < 0)
			return NULL;
	} else if (match_word(r, "true")) {
		v->type = JSONR_BOOL;
		v->boolean = true;
	} else if (match_word(r, "false")) {
		v->type = JSONR_BOOL;
	} else if (match_word(r, "null")) {
		v->type = JSONR_NULL;
	} else if (c == '-' || (c >= '0' && c <= '9')) {
		/* number = [ minus ] int [ frac ] [ exp ] */
		const char *s = r->p;
		if (*r->p == '-')
			r->p++;
		size_t digits = 0;
		while (r->p < r->end && ((*r->p >= '0' && *r->p <= '9') || *r->p == '.' ||
					 *r->p == 'e' || *r->p == 'E' || *r->p == '+' || *r->p == '-')) {
			digits += *r->p >= '0' && *r->p <= '9';
			r->p++;
		}
		if (!digits) {
			fail(r, "bad number");
			return NULL;
		}
		char tmp[64];
		size_t n = (size_t)(r->p - s);
		if (n >= sizeof(tmp)) {
			fail(r, "number too long");
			return NULL;
		}
		memcpy(tmp, s, n);
		tmp[n] = '\0';
		char *endp;
		v->type = JSONR_NUMBER;
		v->number = strtod(tmp, &endp);
		if (*endp) {
			fail(r, "bad number");
			return NULL;
		}
	} else {
		fail(r, "unexpected character");
		return NULL;
	}
	return v;
}

struct jsonr_value *jsonr_parse(struct arena *arena, const char *text, size_t n,
				struct buf *err)
{
	struct reader r = { arena, text, text, text + n, err, 0 };
	struct jsonr_value *v = read_value(&r);
	if (!v)
		return NULL;
	skip_ws(&r);
	if (r.p != r.end) {
		fail(&r, "trailing characters after the value");
		return NULL;
	}
	return v;
}

const struct jsonr_value *jsonr_get(const struct jsonr_value *v, const char *key)
{
	if (!v || v->type != JSONR_OBJECT)
		return NULL;
	for (size_t i = 0; i < v->len; i++)
		if (strcmp(v->keys[i], key) == 0)
			return v->items[i];
	return NULL;
}

const char *jsonr_str(const struct jsonr_value *v)
{
	return v && v->type == JSONR_STRING ? v->str : NULL;
}
