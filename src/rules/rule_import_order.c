/* import-order: each block of consecutive module-level import statements
 * is grouped and ordered as isort's default profile would leave it
 * (isort 5: profile "", force_sort_within_sections = False,
 * case_sensitive = False, order_by_type = True, natural sorting):
 *   sections future, standard library, third party, first party, local
 *   folder (relative imports), in that order;
 *   inside a section every `import x` before every `from x import y`, each
 *   kind sorted by module name (case-insensitive, digit runs compared as
 *   numbers, relative modules with more dots first);
 *   the names of a `from` import sorted CONSTANTS, then Classes, then the
 *   rest, case-insensitively.
 * Which section a module is in is decided by where it resolves (the
 * project: first party; the interpreter's stdlib or builtins: standard
 * library; anything else, unresolved too: third party), not by a list of
 * names.  Blank lines, line wrapping and comments are not checked: that
 * is a formatter's job (docs/check-vs-peers.md).  isort's action comments
 * are honoured: a file with `isort:skip_file` is not checked, and an
 * import whose lines carry `isort:skip`, or between `isort: off` and
 * `isort: on`, keeps its place (it ends the block, as code would). */
#include "rules/content.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

#define RULE "import-order"

enum section { SEC_FUTURE, SEC_STDLIB, SEC_THIRD, SEC_FIRST, SEC_LOCAL };
static const char *const section_names[] = {
	"future", "standard library", "third party", "first party", "local folder",
};

struct entry {
	enum section section;
	int from;          /* 0 `import x`, 1 `from x import` */
	char *module;      /* as written: "os.path", "..a" */
	char *key;         /* isort's module_key */
	uint32_t stmt;     /* index of the statement in the block */
	uint32_t tok;      /* first token of the statement */
	size_t order;      /* position in the file, for a stable sort */
};

/* isort's sorting.module_key for a module, without force_to_top:
 * leading dots joined to the rest by '_', then lowercased. */
static char *module_key(const char *module)
{
	struct buf b = BUF_INIT;
	size_t dots = strspn(module, ".");
	if (dots) {
		buf_add(&b, module, dots);
		buf_addc(&b, '_');
	}
	for (const char *p = module + dots; *p; p++)
		buf_addc(&b, (char)tolower((unsigned char)*p));
	return buf_detach(&b, NULL);
}

/* isort's sorting.naturally: digit runs compare as numbers. */
static int natural_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			while (*a == '0' && isdigit((unsigned char)a[1]))
				a++;
			while (*b == '0' && isdigit((unsigned char)b[1]))
				b++;
			size_t na = strspn(a, "0123456789"), nb = strspn(b, "0123456789");
			if (na != nb)
				return na < nb ? -1 : 1;
			int c = strncmp(a, b, na);
			if (c)
				return c;
			a += na;
			b += nb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return *a ? 1 : *b ? -1 : 0;
}

static int entry_cmp(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;
	if (a->section != b->section)
		return a->section < b->section ? -1 : 1;
	if (a->from != b->from)
		return a->from - b->from;
	int c = natural_cmp(a->key, b->key);
	if (c)
		return c;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* isort's module_key for a name of a from-import (order_by_type). */
static char *name_key(struct slice name)
{
	struct buf b = BUF_INIT;
	bool upper = name.len > 1, has_alpha = false;
	for (size_t i = 0; i < name.len; i++) {
		unsigned char c = (unsigned char)name.ptr[i];
		if (islower(c))
			upper = false;
		if (isalpha(c))
			has_alpha = true;
	}
	upper = upper && has_alpha;
	buf_addc(&b, upper ? 'A' : isupper((unsigned char)name.ptr[0]) ? 'B' : 'C');
	for (size_t i = 0; i < name.len; i++)
		buf_addc(&b, (char)tolower((unsigned char)name.ptr[i]));
	return buf_detach(&b, NULL);
}

struct order_ctx {
	const struct rule_ctx *ctx;
	const struct analysis *a;
	struct map *modules;
	struct map cache;    /* top-level name -> (void *)(section + 1) */
	struct arena arena;
};

static bool below(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	return n && !strncmp(path, dir, n) && (path[n] == '/' || path[n] == '\0');
}

/* The section of an absolute module, by where its top-level package
 * resolves (cf. analysis.c classify). */
static enum section classify(struct order_ctx *oc, const char *module)
{
	if (!strcmp(module, "__future__"))
		return SEC_FUTURE;
	size_t n = strcspn(module, ".");
	struct slice top = slice_make(module, n);
	void *v;
	if (map_find(&oc->cache, top, &v))
		return (enum section)((uintptr_t)v - 1);
	char *name = xstrndup(module, n);
	enum section sec = SEC_THIRD;
	const struct find_spec *spec = oc->ctx->find ? find_module(oc->ctx->find, name, NULL) : NULL;
	if (spec && spec->found) {
		const char *where = spec->origin;
		if (!where && spec->nsearch_locations)
			where = spec->search_locations[0];
		const char *std = oc->a->env.stdlib_dir;
		if (spec->kind == FIND_BUILTIN || spec->kind == FIND_FROZEN) {
			sec = SEC_STDLIB;
		} else if (where) {
			/* the stdlib first: analysing the stdlib itself, its
			 * modules are still the standard library */
			bool local = false;
			for (size_t i = 0; i < oc->a->project.targets.len; i++)
				local |= below(where, oc->a->project.targets.ptr[i]);
			if (!local && below(where, oc->a->project.root) && !strstr(where, "-packages/"))
				local = true;
			if (std && below(where, std) && !strstr(where, "-packages/"))
				sec = SEC_STDLIB;
			else if (local)
				sec = SEC_FIRST;
		}
	} else if (map_get(oc->modules, slice_cstr(name))) {
		sec = SEC_FIRST;
	}
	free(name);
	map_put(&oc->cache, arena_slice(&oc->arena, top), (void *)(uintptr_t)(sec + 1));
	return sec;
}

static void quote_stmt(const struct entry *e, struct buf *out)
{
	if (e->from)
		buf_addf(out, "'from %s import ...'", e->module);
	else
		buf_addf(out, "'import %s'", e->module);
}

/* Reads the import statement at token i into entries; checks the order of
 * a from-import's names. */
static void parse_stmt(struct order_ctx *oc, const struct analysis_file *f,
		       const struct rule_tokens *t, const struct rule_stmt *s, uint32_t stmt,
		       void *entries_, struct diag_list *out)
{
	VEC(struct entry) *entries = entries_;
	uint32_t i = s->first, end = s->header_end;
	struct buf name = BUF_INIT;
	if (rule_tok(t, i)->kind == TK_KW_IMPORT) {
		i++;
		while (i < end) {
			buf_clear(&name);
			if (!rule_tok_dotted(t, &i, &name))
				break;
			struct entry e = { 0 };
			e.section = classify(oc, name.ptr);
			e.module = xstrdup(name.ptr);
			e.key = module_key(name.ptr);
			e.stmt = stmt;
			e.tok = s->first;
			e.order = entries->len;
			vec_push(entries, e);
			if (i < end && rule_tok(t, i)->kind == TK_KW_AS)
				i += 2;
			if (i < end && rule_tok(t, i)->kind == TK_COMMA)
				i++;
			else
				break;
		}
		buf_release(&name);
		return;
	}
	/* from DOTS? dotted? import names */
	i++;
	size_t dots = 0;
	while (i < end && (rule_tok(t, i)->kind == TK_DOT || rule_tok(t, i)->kind == TK_ELLIPSIS)) {
		dots += rule_tok(t, i)->kind == TK_DOT ? 1 : 3;
		i++;
	}
	for (size_t k = 0; k < dots; k++)
		buf_addc(&name, '.');
	rule_tok_dotted(t, &i, &name);
	if (i >= end || rule_tok(t, i)->kind != TK_KW_IMPORT) {
		buf_release(&name);
		return;
	}
	i++;
	struct entry e = { 0 };
	e.section = dots ? SEC_LOCAL : classify(oc, name.ptr);
	e.from = 1;
	e.module = xstrdup(name.ptr);
	e.key = module_key(name.ptr);
	e.stmt = stmt;
	e.tok = s->first;
	e.order = entries->len;
	vec_push(entries, e);
	/* the imported names, in order */
	char *prev_key = NULL;
	struct slice prev = { 0 };
	for (; i < end; i++) {
		const struct lex_token *tok = rule_tok(t, i);
		if (tok->kind != TK_NAME || (i && rule_tok(t, i - 1)->kind == TK_KW_AS))
			continue;
		struct slice n = lex_text(&t->lex, tok);
		char *key = name_key(n);
		if (prev_key && natural_cmp(key, prev_key) < 0) {
			int line = (int)lex_line(&t->lex, tok->start), col = (int)lex_char_col(&t->lex, tok->start);
			struct diag *d = diag_add(out, RULE, rule_severity(RULE_IMPORT_ORDER), f->display, line, col,
						  "imported names are not sorted: '%.*s' should come before '%.*s' in 'from %s import'",
						  (int)n.len, n.ptr, (int)prev.len, prev.ptr, name.ptr);
			diag_set_end(d, line, col + (int)n.len);
			diag_set_fix(out, d, "sort the names: constants, then classes, then the rest, each case-insensitively (isort's default)");
			free(key);
			break;
		}
		free(prev_key);
		prev_key = key;
		prev = n;
	}
	free(prev_key);
	buf_release(&name);
}

static void check_block(struct order_ctx *oc, const struct analysis_file *f,
			const struct rule_tokens *t, size_t from, size_t to, struct diag_list *out)
{
	VEC(struct entry) entries = VEC_INIT;
	for (size_t k = from; k < to; k++)
		parse_stmt(oc, f, t, &t->stmts.ptr[k], (uint32_t)k, &entries, out);
	struct entry *sorted = xcalloc(entries.len ? entries.len : 1, sizeof(struct entry));
	if (entries.len)
		memcpy(sorted, entries.ptr, entries.len * sizeof(struct entry));
	qsort(sorted, entries.len, sizeof(struct entry), entry_cmp);
	for (size_t k = 0; k < entries.len; k++) {
		if (sorted[k].order == entries.ptr[k].order)
			continue;
		const struct entry *want = &sorted[k], *got = &entries.ptr[k];
		/* equal keys in one section and kind: duplicates, isort merges them */
		if (!entry_cmp(want, got) || (want->section == got->section && want->from == got->from &&
					      !natural_cmp(want->key, got->key)))
			continue;
		const struct lex_token *tok = rule_tok(t, want->tok);
		int line = (int)lex_line(&t->lex, tok->start), col = (int)lex_char_col(&t->lex, tok->start);
		struct buf a = BUF_INIT, b = BUF_INIT;
		quote_stmt(want, &a);
		quote_stmt(got, &b);
		const char *why;
		if (want->section != got->section)
			why = "its section comes first";
		else if (want->from != got->from)
			why = "plain imports come before from-imports in a section";
		else
			why = "modules are sorted by name";
		struct diag *d = diag_add(out, RULE, rule_severity(RULE_IMPORT_ORDER), f->display, line, col,
					  "imports are not sorted: %s (%s) should come before %s (%s): %s",
					  a.ptr, section_names[want->section], b.ptr,
					  section_names[got->section], why);
		diag_add_note(out, d, f->display, (int)lex_line(&t->lex, rule_tok(t, got->tok)->start), 0,
			      "%s is here", b.ptr);
		diag_set_fix(out, d, "group the imports standard library, third party, first party, local, each sorted by module name (isort does it)");
		buf_release(&a);
		buf_release(&b);
		break;
	}
	for (size_t k = 0; k < entries.len; k++) {
		free(entries.ptr[k].module);
		free(entries.ptr[k].key);
	}
	vec_release(&entries);
	free(sorted);
}

/* True when text (n bytes) contains word, with or without a space after
 * "isort:". */
static bool has_action(const char *text, size_t n, const char *action)
{
	char a[64], b[64];
	snprintf(a, sizeof a, "isort:%s", action);
	snprintf(b, sizeof b, "isort: %s", action);
	return memmem(text, n, a, strlen(a)) || memmem(text, n, b, strlen(b));
}

/* The text of lines [first, last] of t (1-based). */
static struct slice line_span(const struct rule_tokens *t, uint32_t first, uint32_t last)
{
	size_t nl = t->lex.lines.len;
	size_t a = first - 1 < nl ? t->lex.lines.ptr[first - 1] : t->lex.len;
	size_t b = last < nl ? t->lex.lines.ptr[last] : t->lex.len;
	return slice_make(t->lex.src + a, b > a ? b - a : 0);
}

/* True when statement k takes part in sorting: an import, not marked
 * isort:skip, not inside an isort: off region. */
static bool sortable(const struct rule_tokens *t, size_t k, const bool *off)
{
	const struct rule_stmt *s = &t->stmts.ptr[k];
	if (off[k] || rule_line_kind(t, s->first) != RULE_LINE_IMPORT)
		return false;
	uint32_t l1 = rule_tok_line(t, s->first), l2 = rule_tok_line(t, s->header_end);
	struct slice text = line_span(t, l1, l2);
	return !has_action(text.ptr, text.len, "skip");
}

/* off[k]: statement k starts inside an `isort: off` ... `isort: on` region. */
static void off_regions(const struct rule_tokens *t, bool *off)
{
	bool is_off = false;
	uint32_t line = 1;
	for (size_t k = 0; k < t->stmts.len; k++) {
		uint32_t l = rule_tok_line(t, t->stmts.ptr[k].first);
		if (l > line) {
			struct slice text = line_span(t, line, l - 1);
			/* the last action comment before the statement wins */
			const char *p = text.ptr, *end = text.ptr + text.len;
			while (p < end) {
				const char *hit = memmem(p, (size_t)(end - p), "isort:", 6);
				if (!hit)
					break;
				const char *w = hit + 6;
				while (w < end && *w == ' ')
					w++;
				if (end - w >= 3 && !memcmp(w, "off", 3))
					is_off = true;
				else if (end - w >= 2 && !memcmp(w, "on", 2))
					is_off = false;
				p = hit + 6;
			}
			line = l;
		}
		off[k] = is_off;
	}
}

int rule_import_order(const struct rule_ctx *ctx, struct diag_list *out)
{
	const struct analysis *a = ctx->analysis;
	struct map modules;
	rule_module_map(a, &modules);
	struct order_ctx oc = { ctx, a, &modules, { 0 }, { 0 } };
	map_init(&oc.cache);
	arena_init(&oc.arena);
	for (size_t i = 0; i < a->files.len; i++) {
		const struct analysis_file *f = &a->files.ptr[i];
		if (f->read_error || !f->facts.nimports)
			continue;
		struct rule_tokens t;
		if (rule_tokens_load(&t, f->path) == 0 && !has_action(t.lex.src, t.lex.len, "skip_file")) {
			bool *off = xcalloc(t.stmts.len + 1, sizeof(bool));
			off_regions(&t, off);
			size_t k = 0;
			while (k < t.stmts.len) {
				if (!sortable(&t, k, off)) {
					k++;
					continue;
				}
				size_t start = k;
				while (k < t.stmts.len && sortable(&t, k, off))
					k++;
				check_block(&oc, f, &t, start, k, out);
			}
			free(off);
		}
		rule_tokens_release(&t);
	}
	map_release(&oc.cache);
	arena_release(&oc.arena);
	map_release(&modules);
	return 0;
}
