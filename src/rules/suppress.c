/* Suppression comments: finding comments, reading directives, filtering. */
#include "rules/suppress.h"

#include <string.h>

#include "base/buf.h"
#include "rules/rules.h"

/* ---- Finding comments ---- */

/* Skips the character after a backslash at src[i] (a CRLF counts as one);
 * returns the index after it. */
static size_t skip_escape(const char *src, size_t len, size_t i)
{
	i++; /* the backslash */
	if (i < len) {
		if (src[i] == '\r' && i + 1 < len && src[i + 1] == '\n')
			return i + 2;
		return i + 1;
	}
	return i;
}

/* Mirrors the string and comment states of tok_get() in CPython 3.11's
 * Parser/tokenizer.c: which bytes are inside a string literal. */
size_t suppress_find_comments(const char *src, size_t len, suppress_span_vec *out)
{
	size_t count = 0, i = 0;
	while (i < len) {
		char c = src[i];
		if (c == '#') {
			size_t start = i;
			while (i < len && src[i] != '\n' && src[i] != '\r')
				i++;
			vec_push(out, ((struct suppress_span){ start, i }));
			count++;
		} else if (c == '\\') {
			/* A line continuation outside strings (or a stray backslash). */
			i = skip_escape(src, len, i);
		} else if (c == '\'' || c == '"') {
			/* A string literal; any prefix letters (r, b, u, f) were skipped
			 * as name characters and do not change where it ends: even a
			 * raw string's backslash keeps the next quote inside. */
			if (i + 2 < len && src[i + 1] == c && src[i + 2] == c) {
				i += 3;
				for (;;) {
					if (i >= len)
						break; /* unterminated: EOF in triple-quoted string */
					if (src[i] == '\\') {
						i = skip_escape(src, len, i);
					} else if (src[i] == c && i + 2 < len && src[i + 1] == c &&
						   src[i + 2] == c) {
						i += 3;
						break;
					} else {
						i++;
					}
				}
			} else {
				i++;
				for (;;) {
					if (i >= len || src[i] == '\n' || src[i] == '\r')
						break; /* unterminated: EOL while scanning string literal */
					if (src[i] == '\\') {
						i = skip_escape(src, len, i);
					} else if (src[i] == c) {
						i++;
						break;
					} else {
						i++;
					}
				}
			}
		} else {
			i++;
		}
	}
	return count;
}

/* ---- Reading directives ---- */

void suppress_file_init(struct suppress_file *self, const char *file)
{
	arena_init(&self->arena);
	self->file = arena_strndup(&self->arena, file, strlen(file));
	self->items.ptr = NULL;
	self->items.len = self->items.cap = 0;
}

void suppress_file_release(struct suppress_file *self)
{
	vec_release(&self->items);
	arena_release(&self->arena);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\f';
}

static bool is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

/* Reads "modscope" ws* ":" ws* "ignore" ("[" names "]")? at p (ws already
 * skipped after a '#'); fills *s and returns true when it is a directive. */
static bool read_directive(struct suppress_file *self, const char *p, const char *end,
			   struct suppression *s)
{
	static const char kw1[] = "modscope", kw2[] = "ignore";
	if ((size_t)(end - p) < sizeof(kw1) - 1 || memcmp(p, kw1, sizeof(kw1) - 1))
		return false;
	p += sizeof(kw1) - 1;
	while (p < end && is_space(*p))
		p++;
	if (p >= end || *p != ':')
		return false;
	p++;
	while (p < end && is_space(*p))
		p++;
	if ((size_t)(end - p) < sizeof(kw2) - 1 || memcmp(p, kw2, sizeof(kw2) - 1))
		return false;
	p += sizeof(kw2) - 1;
	if (p < end && is_name_char(*p))
		return false; /* "ignored", "ignore-file": not ours */
	while (p < end && is_space(*p))
		p++;
	if (p >= end || *p != '[') {
		s->all = true;
		s->used = ARENA_ARRAY(&self->arena, bool, 1);
		return true;
	}
	p++;
	VEC(const char *) names = VEC_INIT;
	bool closed = false, empty_name = false;
	while (p < end) {
		while (p < end && is_space(*p))
			p++;
		const char *a = p;
		while (p < end && *p != ',' && *p != ']')
			p++;
		const char *b = p;
		while (b > a && is_space(b[-1]))
			b--;
		if (b > a)
			vec_push(&names, arena_strndup(&self->arena, a, (size_t)(b - a)));
		else if (p < end && *p == ',')
			empty_name = true; /* "[a,,b]" or "[,a]" */
		if (p < end && *p == ']') {
			closed = true;
			break;
		}
		if (p < end)
			p++; /* ',' */
	}
	s->malformed = !closed || names.len == 0 || empty_name;
	s->nrules = names.len;
	s->rules = ARENA_ARRAY(&self->arena, const char *, names.len ? names.len : 1);
	for (size_t i = 0; i < names.len; i++)
		s->rules[i] = names.ptr[i];
	s->used = ARENA_ARRAY(&self->arena, bool, names.len ? names.len : 1);
	vec_release(&names);
	return true;
}

size_t suppress_parse(struct suppress_file *self, const char *src, size_t len,
		      const struct suppress_span *spans, size_t n)
{
	size_t found = 0;
	/* Lines are counted incrementally: spans come in source order. */
	int line = 1;
	size_t pos = 0, line_start = 0;
	for (size_t k = 0; k < n; k++) {
		size_t start = spans[k].start, end = spans[k].end;
		if (start < pos || end > len || start >= end)
			continue; /* out of order or out of range: ignore */
		for (; pos < start; pos++) {
			if (src[pos] == '\n' || (src[pos] == '\r' && (pos + 1 >= len || src[pos + 1] != '\n'))) {
				line++;
				line_start = pos + 1;
			}
		}
		const char *cend = src + end;
		for (const char *h = src + start; h < cend; h++) {
			if (*h != '#')
				continue;
			const char *p = h + 1;
			while (p < cend && is_space(*p))
				p++;
			struct suppression s = { 0 };
			if (read_directive(self, p, cend, &s)) {
				s.line = line;
				s.col = diag_char_col(src + line_start, start - line_start);
				vec_push(&self->items, s);
				found++;
				break;
			}
		}
	}
	return found;
}

/* ---- Filtering ---- */

static bool covers(struct suppression *s, const char *rule)
{
	if (s->all) {
		s->used[0] = true;
		return true;
	}
	bool hit = false;
	for (size_t i = 0; i < s->nrules; i++) {
		if (!strcmp(s->rules[i], rule)) {
			s->used[i] = true;
			hit = true;
		}
	}
	return hit;
}

static bool keep(const struct diag *d, void *ud)
{
	struct suppress_file *self = ud;
	if (strcmp(d->file, self->file))
		return true;
	for (size_t i = 0; i < self->items.len; i++) {
		struct suppression *s = &self->items.ptr[i];
		if (s->line == d->line && covers(s, d->rule))
			return false;
		if (s->line > d->line)
			break;
	}
	return true;
}

size_t suppress_filter(struct suppress_file *self, struct diag_list *list)
{
	size_t before = list->items.len;
	diag_filter(list, keep, self);
	return before - list->items.len;
}

size_t suppress_report_unused(const struct suppress_file *self, struct diag_list *list)
{
	const struct rule *meta = &rule_table()[RULE_UNUSED_SUPPRESSION];
	size_t count = 0;
	struct buf hint = BUF_INIT;
	for (size_t i = 0; i < self->items.len; i++) {
		const struct suppression *s = &self->items.ptr[i];
		if (s->malformed) {
			struct diag *d = diag_add(list, meta->id, meta->severity, self->file, s->line,
						  s->col, "malformed suppression comment: expected "
						  "'# modscope: ignore[rule, ...]'");
			diag_set_fix(list, d, "write the rule ids between brackets, separated by commas");
			count++;
			continue;
		}
		if (s->all) {
			if (!s->used[0]) {
				struct diag *d = diag_add(list, meta->id, meta->severity, self->file,
							  s->line, s->col,
							  "unused suppression: no problem is reported on this line");
				diag_set_fix(list, d, "remove the comment");
				count++;
			}
			continue;
		}
		for (size_t j = 0; j < s->nrules; j++) {
			if (s->used[j])
				continue;
			struct diag *d;
			if (!rule_lookup(s->rules[j])) {
				buf_clear(&hint);
				rule_suggest(s->rules[j], &hint);
				d = diag_add(list, meta->id, meta->severity, self->file, s->line, s->col,
					     "unknown rule '%s' in suppression comment%s", s->rules[j],
					     hint.ptr);
			} else {
				d = diag_add(list, meta->id, meta->severity, self->file, s->line, s->col,
					     "unused suppression of '%s': it reports nothing on this line",
					     s->rules[j]);
			}
			if (s->nrules == 1)
				diag_set_fix(list, d, "remove the comment");
			else
				diag_set_fix(list, d, "remove '%s' from the comment", s->rules[j]);
			count++;
		}
	}
	buf_release(&hint);
	return count;
}
