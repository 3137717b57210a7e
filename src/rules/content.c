/* Helpers of the code-content rules (content.h). */
#include "rules/content.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "syntax/scan.h"

/* ---- tokens and module-level statements ---- */

static bool is_clause(uint16_t kind)
{
	return kind == TK_KW_ELIF || kind == TK_KW_ELSE || kind == TK_KW_EXCEPT ||
	       kind == TK_KW_FINALLY;
}

/* Reads one header line from i and its indented block; returns the index
 * after the block and sets *header_end. */
static uint32_t read_clause(const struct rule_tokens *self, uint32_t i, uint32_t *header_end)
{
	uint32_t n = (uint32_t)self->lex.tokens.len;
	while (i < n && rule_tok(self, i)->kind != TK_NEWLINE && rule_tok(self, i)->kind != TK_ENDMARKER)
		i++;
	*header_end = i;
	if (i < n && rule_tok(self, i)->kind == TK_NEWLINE)
		i++;
	if (i < n && rule_tok(self, i)->kind == TK_INDENT) {
		int depth = 0;
		while (i < n) {
			uint16_t k = rule_tok(self, i)->kind;
			i++;
			if (k == TK_INDENT)
				depth++;
			else if (k == TK_DEDENT && --depth == 0)
				break;
			else if (k == TK_ENDMARKER)
				break;
		}
	}
	return i;
}

static void split_statements(struct rule_tokens *self)
{
	uint32_t n = (uint32_t)self->lex.tokens.len, i = 0;
	while (i < n) {
		uint16_t k = rule_tok(self, i)->kind;
		if (k == TK_ENDMARKER)
			break;
		if (k == TK_NEWLINE || k == TK_INDENT || k == TK_DEDENT) {
			i++;
			continue;
		}
		struct rule_stmt s = { i, 0, 0, 0 };
		/* Decorators belong to the def or class they decorate. */
		uint32_t j = read_clause(self, i, &s.header_end);
		while (rule_tok(self, i)->kind == TK_AT && j < n) {
			uint16_t nk = rule_tok(self, j)->kind;
			if (nk != TK_AT && nk != TK_KW_DEF && nk != TK_KW_CLASS && nk != TK_KW_ASYNC)
				break;
			j = read_clause(self, j, &s.header_end);
			if (nk != TK_AT)
				break;
		}
		s.body_end = j;
		while (j < n && is_clause(rule_tok(self, j)->kind)) {
			uint32_t he;
			j = read_clause(self, j, &he);
		}
		s.end = j;
		vec_push(&self->stmts, s);
		i = j > i ? j : i + 1;
	}
}

int rule_tokens_load(struct rule_tokens *self, const char *path)
{
	memset(self, 0, sizeof(*self));
	lex_init(&self->lex);
	struct buf err = BUF_INIT;
	int rc = fs_read_file(path, &self->data, &err);
	buf_release(&err);
	if (rc < 0) {
		self->data.ptr = NULL;
		self->data.len = 0;
		return -1;
	}
	self->loaded = true;
	lex_run(&self->lex, self->data.ptr, self->data.len);
	split_statements(self);
	return 0;
}

void rule_tokens_release(struct rule_tokens *self)
{
	lex_release(&self->lex);
	vec_release(&self->stmts);
	if (self->loaded)
		fs_file_release(&self->data);
	self->loaded = false;
}

bool rule_tok_is(const struct rule_tokens *self, uint32_t i, const char *word)
{
	if (i >= self->lex.tokens.len)
		return false;
	return slice_eq_cstr(lex_text(&self->lex, rule_tok(self, i)), word);
}

bool rule_tok_dotted(const struct rule_tokens *self, uint32_t *i, struct buf *out)
{
	uint32_t n = (uint32_t)self->lex.tokens.len, j = *i;
	if (j >= n || rule_tok(self, j)->kind != TK_NAME)
		return false;
	buf_addsl(out, lex_text(&self->lex, rule_tok(self, j)));
	j++;
	while (j + 1 < n && rule_tok(self, j)->kind == TK_DOT && rule_tok(self, j + 1)->kind == TK_NAME) {
		buf_addc(out, '.');
		buf_addsl(out, lex_text(&self->lex, rule_tok(self, j + 1)));
		j += 2;
	}
	*i = j;
	return true;
}

static bool is_main_string(const struct rule_tokens *self, uint32_t i)
{
	if (rule_tok(self, i)->kind != TK_STRING || rule_tok(self, i)->flags)
		return false;
	return rule_tok_is(self, i, "\"__main__\"") || rule_tok_is(self, i, "'__main__'");
}

bool rule_stmt_is_main_guard(const struct rule_tokens *self, const struct rule_stmt *s)
{
	uint32_t i = s->first;
	if (s->header_end < i + 5 || rule_tok(self, i)->kind != TK_KW_IF ||
	    rule_tok(self, i + 2)->kind != TK_EQEQUAL || rule_tok(self, i + 4)->kind != TK_COLON)
		return false;
	return (rule_tok_is(self, i + 1, "__name__") && is_main_string(self, i + 3)) ||
	       (is_main_string(self, i + 1) && rule_tok_is(self, i + 3, "__name__"));
}

/* The index after the bracketed group opening at i, or i + 1. */
static uint32_t skip_group(const struct rule_tokens *self, uint32_t i)
{
	const struct lex_token *t = rule_tok(self, i);
	if ((t->kind == TK_LPAR || t->kind == TK_LSQB || t->kind == TK_LBRACE) && t->match > i)
		return t->match + 1;
	return i + 1;
}

enum rule_line_kind rule_line_kind(const struct rule_tokens *self, uint32_t i)
{
	uint32_t n = (uint32_t)self->lex.tokens.len;
	if (i >= n)
		return RULE_LINE_OTHER;
	uint16_t k = rule_tok(self, i)->kind;
	if (k == TK_KW_IMPORT || k == TK_KW_FROM)
		return RULE_LINE_IMPORT;
	if (k == TK_KW_PASS)
		return RULE_LINE_PASS;
	if (k == TK_ELLIPSIS && i + 1 < n && rule_tok(self, i + 1)->kind == TK_NEWLINE)
		return RULE_LINE_PASS;
	if (k == TK_STRING) {
		uint32_t j = i;
		while (j < n && rule_tok(self, j)->kind == TK_STRING)
			j++;
		return j < n && rule_tok(self, j)->kind == TK_NEWLINE ? RULE_LINE_STRING : RULE_LINE_OTHER;
	}
	if (k != TK_NAME && k != TK_LPAR && k != TK_LSQB)
		return RULE_LINE_OTHER;
	bool dunder = false;
	if (k == TK_NAME) {
		struct slice name = lex_text(&self->lex, rule_tok(self, i));
		dunder = name.len > 4 && !memcmp(name.ptr, "__", 2) && !memcmp(name.ptr + name.len - 2, "__", 2);
	}
	for (uint32_t j = i; j < n;) {
		uint16_t kj = rule_tok(self, j)->kind;
		if (kj == TK_NEWLINE || kj == TK_ENDMARKER || kj == TK_SEMI)
			break;
		if (kj == TK_EQUAL || (kj >= TK_PLUSEQUAL && kj <= TK_DOUBLESTAREQUAL) ||
		    kj == TK_DOUBLESLASHEQUAL || kj == TK_ATEQUAL ||
		    (kj == TK_COLON && j == i + 1))
			return dunder && j == i + 1 ? RULE_LINE_DUNDER : RULE_LINE_ASSIGN;
		j = skip_group(self, j);
	}
	return RULE_LINE_OTHER;
}

static bool is_block_keyword(uint16_t k)
{
	return k == TK_KW_IF || k == TK_KW_ELIF || k == TK_KW_ELSE || k == TK_KW_TRY ||
	       k == TK_KW_EXCEPT || k == TK_KW_FINALLY;
}

bool rule_stmt_is_import_block(const struct rule_tokens *self, const struct rule_stmt *s)
{
	uint16_t k0 = rule_tok(self, s->first)->kind;
	if (k0 != TK_KW_IF && k0 != TK_KW_TRY)
		return false;
	uint32_t i = s->first;
	while (i < s->end) {
		uint16_t k = rule_tok(self, i)->kind;
		if (k == TK_INDENT || k == TK_DEDENT || k == TK_NEWLINE) {
			i++;
			continue;
		}
		uint32_t start = i;
		if (is_block_keyword(k)) {
			/* the header's own colon, then the rest of the line (an inline body) */
			uint32_t j = i + 1;
			while (j < s->end && rule_tok(self, j)->kind != TK_COLON &&
			       rule_tok(self, j)->kind != TK_NEWLINE)
				j = skip_group(self, j);
			if (j >= s->end || rule_tok(self, j)->kind != TK_COLON)
				return false;
			start = j + 1;
			if (start < s->end && rule_tok(self, start)->kind == TK_NEWLINE) {
				i = start + 1;
				continue;
			}
		}
		enum rule_line_kind lk = rule_line_kind(self, start);
		if (lk == RULE_LINE_OTHER)
			return false;
		while (i < s->end && rule_tok(self, i)->kind != TK_NEWLINE)
			i++;
		i++;
	}
	return true;
}

uint32_t rule_tok_line(const struct rule_tokens *self, uint32_t i)
{
	return lex_line(&self->lex, rule_tok(self, i)->start);
}

/* ---- names bound by imports ---- */

static void bind(struct rule_imports *self, struct slice local, const char *target, size_t n)
{
	struct slice key = arena_slice(&self->arena, local);
	map_put(&self->names, key, arena_strndup(&self->arena, target, n));
}

int rule_import_target(const struct analysis_file *f, const struct scan_import *imp,
		       struct slice name, struct buf *out)
{
	if (imp->level) {
		if (!f->module)
			return -1;
		struct slice m = imp->module.ptr ? imp->module : slice_make("", 0);
		struct buf tmp = BUF_INIT;
		int rc = analysis_resolve_relative(f->module, f->package, imp->level, m, &tmp);
		if (rc == 0)
			buf_addsl(out, buf_slice(&tmp));
		buf_release(&tmp);
		return rc;
	}
	if (imp->kind == SCAN_IMPORT || imp->kind == SCAN_LAZY_IMPORT)
		buf_addsl(out, name);
	else
		buf_addsl(out, imp->module);
	return 0;
}

void rule_imports_init(struct rule_imports *self, const struct analysis_file *f)
{
	arena_init(&self->arena);
	map_init(&self->names);
	struct buf base = BUF_INIT, full = BUF_INIT;
	for (size_t i = 0; i < f->facts.nimports; i++) {
		const struct scan_import *imp = &f->facts.imports[i];
		for (uint32_t k = 0; k < imp->nnames; k++) {
			const struct scan_alias *al = &imp->names[k];
			if (imp->kind == SCAN_IMPORT || imp->kind == SCAN_LAZY_IMPORT) {
				if (al->asname.ptr) {
					bind(self, al->asname, al->name.ptr, al->name.len);
				} else {
					const char *dot = memchr(al->name.ptr, '.', al->name.len);
					size_t n = dot ? (size_t)(dot - al->name.ptr) : al->name.len;
					bind(self, slice_make(al->name.ptr, n), al->name.ptr, n);
				}
			} else if (imp->kind == SCAN_FROM || imp->kind == SCAN_LAZY_FROM) {
				if (slice_eq_cstr(al->name, "*"))
					continue;
				buf_clear(&base);
				if (rule_import_target(f, imp, al->name, &base) < 0)
					continue;
				buf_clear(&full);
				if (base.len)
					buf_addf(&full, "%s.", base.ptr);
				buf_addsl(&full, al->name);
				bind(self, al->asname.ptr ? al->asname : al->name, full.ptr, full.len);
			}
		}
	}
	buf_release(&base);
	buf_release(&full);
}

void rule_imports_release(struct rule_imports *self)
{
	map_release(&self->names);
	arena_release(&self->arena);
}

bool rule_imports_qualify(const struct rule_imports *self, struct slice dotted, struct buf *out)
{
	const char *dot = memchr(dotted.ptr, '.', dotted.len);
	size_t n = dot ? (size_t)(dot - dotted.ptr) : dotted.len;
	const char *target = map_get(&self->names, slice_make(dotted.ptr, n));
	if (!target) {
		buf_addsl(out, dotted);
		return false;
	}
	buf_adds(out, target);
	buf_add(out, dotted.ptr + n, dotted.len - n);
	return true;
}

/* ---- the project's modules ---- */

void rule_module_map(const struct analysis *a, struct map *out)
{
	map_init(out);
	for (size_t i = 0; i < a->files.len; i++) {
		struct analysis_file *f = &a->files.ptr[i];
		if (!f->module)
			continue;
		struct analysis_file *prev = map_get(out, slice_cstr(f->module));
		if (prev && prev->package)
			continue;
		map_put(out, slice_cstr(f->module), f);
	}
}

void rule_each_from_import(const struct rule_ctx *ctx, struct diag_list *out,
			   rule_from_import_fn *fn)
{
	const struct analysis *a = ctx->analysis;
	struct map modules;
	rule_module_map(a, &modules);
	for (size_t i = 0; i < a->files.len; i++) {
		const struct analysis_file *f = &a->files.ptr[i];
		if (f->read_error)
			continue;
		for (size_t k = 0; k < f->facts.nimports; k++) {
			const struct scan_import *imp = &f->facts.imports[k];
			if (imp->kind == SCAN_FROM || imp->kind == SCAN_LAZY_FROM)
				fn(ctx, &modules, f, imp, out);
		}
	}
	map_release(&modules);
}

bool rule_module_is_imported(const struct analysis *a, const struct analysis_file *f)
{
	if (f->package)
		return true;
	if (!f->module)
		return false;
	int64_t n = graph_find(&a->graph, slice_cstr(f->module));
	if (n < 0)
		return false;
	return graph_in_end(&a->graph, (uint32_t)n) > graph_in_begin(&a->graph, (uint32_t)n);
}

int rule_file_col(const struct rule_ctx *ctx, const struct analysis_file *f, uint32_t line,
		  uint32_t byte_col)
{
	struct slice text;
	if (!ctx->sources || diag_sources_line(ctx->sources, f->display, (int)line, &text) < 0 ||
	    byte_col > text.len)
		return (int)byte_col + 1;
	return diag_char_col(text.ptr, byte_col);
}

bool rule_file_ok(const struct analysis_file *f)
{
	return !f->read_error && !f->facts.error.set;
}

/* ---- what a star import brings ---- */

static void add_unique(struct rule_star *self, struct map *seen, struct slice name)
{
	if (map_get(seen, name))
		return;
	char *copy = xstrndup(name.ptr, name.len);
	vec_push(&self->names, copy);
	map_put(seen, slice_cstr(copy), copy);
}

static void remove_name(struct rule_star *self, struct map *seen, struct slice name)
{
	for (size_t i = 0; i < self->names.len; i++) {
		if (!slice_eq_cstr(name, self->names.ptr[i]))
			continue;
		free(self->names.ptr[i]);
		memmove(&self->names.ptr[i], &self->names.ptr[i + 1],
			(self->names.len - i - 1) * sizeof(char *));
		self->names.len--;
		break;
	}
	/* the map keys pointed into the freed copy: rebuild it */
	map_release(seen);
	map_init(seen);
	for (size_t i = 0; i < self->names.len; i++)
		map_put(seen, slice_cstr(self->names.ptr[i]), self->names.ptr[i]);
}

/* CPython's from-import of '*' (_bootstrap._handle_fromlist and
 * ceval's import_all_from): __all__ when defined, else every name of the
 * module's namespace not starting with '_'. */
static void star_from_facts(const struct scan_facts *facts, struct rule_star *self)
{
	struct map seen;
	map_init(&seen);
	if (facts->has_all) {
		self->status = RULE_STAR_ALL;
		for (size_t i = 0; i < facts->nall; i++)
			add_unique(self, &seen, facts->all[i]);
		map_release(&seen);
		return;
	}
	self->status = RULE_STAR_PUBLIC;
	/* The namespace after the module ran: bindings in order, `del`
	 * removing (an `except E as n` name is deleted when its handler
	 * ends); `global` writes happen only when a function runs. */
	for (size_t i = 0; i < facts->nbindings; i++) {
		const struct scan_binding *b = &facts->bindings[i];
		if (slice_eq_cstr(b->name, "__all__"))
			self->status = RULE_STAR_DYNAMIC;
		if (slice_eq_cstr(b->name, "*")) {
			self->nested_star = true;
			continue;
		}
		if (!b->name.len || b->name.ptr[0] == '_' || b->kind == SCAN_BIND_GLOBAL)
			continue;
		if (b->kind == SCAN_BIND_DEL || b->kind == SCAN_BIND_EXCEPT) {
			if (map_get(&seen, b->name))
				remove_name(self, &seen, b->name);
			continue;
		}
		add_unique(self, &seen, b->name);
	}
	if (self->status == RULE_STAR_DYNAMIC) {
		for (size_t i = 0; i < self->names.len; i++)
			free(self->names.ptr[i]);
		self->names.len = 0;
	}
	map_release(&seen);
}

static void star_from_file(const char *path, struct rule_star *self)
{
	struct fs_file data;
	struct buf err = BUF_INIT;
	if (fs_read_file(path, &data, &err) < 0) {
		buf_release(&err);
		self->status = RULE_STAR_COMPILED;
		return;
	}
	buf_release(&err);
	struct scanner sc;
	struct arena arena;
	struct scan_facts facts;
	scan_init(&sc);
	arena_init(&arena);
	scan_file(&sc, data.ptr, data.len, &arena, &facts);
	star_from_facts(&facts, self);
	self->origin = xstrdup(path);
	arena_release(&arena);
	scan_release(&sc);
	fs_file_release(&data);
}

void rule_star_names(const struct rule_ctx *ctx, const struct map *modules, const char *module,
		     struct rule_star *self)
{
	memset(self, 0, sizeof(*self));
	const struct analysis_file *f = map_get(modules, slice_cstr(module));
	if (f && !f->read_error) {
		star_from_facts(&f->facts, self);
		self->origin = xstrdup(f->display);
		return;
	}
	const struct find_spec *spec = ctx->find ? find_module(ctx->find, module, NULL) : NULL;
	if (!spec || !spec->found) {
		self->status = RULE_STAR_UNRESOLVED;
		return;
	}
	switch (spec->kind) {
	case FIND_SOURCE:
		if (spec->origin) {
			star_from_file(spec->origin, self);
			return;
		}
		break;
	case FIND_NAMESPACE:
		self->status = RULE_STAR_PUBLIC; /* an empty namespace */
		return;
	case FIND_FROZEN: {
		/* Frozen stdlib modules keep their source in the stdlib folder. */
		const char *dir = ctx->analysis->env.stdlib_dir;
		if (dir) {
			struct buf path = BUF_INIT;
			buf_addf(&path, "%s/", dir);
			for (const char *p = module; *p; p++)
				buf_addc(&path, *p == '.' ? '/' : *p);
			size_t base = path.len;
			buf_adds(&path, ".py");
			if (fs_is_file(path.ptr)) {
				star_from_file(path.ptr, self);
				buf_release(&path);
				return;
			}
			buf_truncate(&path, base);
			buf_adds(&path, "/__init__.py");
			if (fs_is_file(path.ptr)) {
				star_from_file(path.ptr, self);
				buf_release(&path);
				return;
			}
			buf_release(&path);
		}
		break;
	}
	default:
		break;
	}
	self->status = RULE_STAR_COMPILED;
}

void rule_star_release(struct rule_star *self)
{
	for (size_t i = 0; i < self->names.len; i++)
		free(self->names.ptr[i]);
	vec_release(&self->names);
	free(self->origin);
	self->origin = NULL;
}

/* ---- callee patterns ---- */

bool rule_callee_matches(const char *pattern, const char *callee)
{
	size_t pn = strlen(pattern);
	if (pn >= 2 && pattern[0] == '*' && pattern[1] == '.') {
		const char *last = strrchr(callee, '.');
		last = last ? last + 1 : callee;
		return !strcmp(last, pattern + 2);
	}
	if (pn >= 1 && pattern[pn - 1] == '*')
		return strlen(callee) > pn - 1 && !strncmp(callee, pattern, pn - 1);
	return !strcmp(pattern, callee);
}

void rule_quote_names(struct buf *out, char *const *names, size_t n, size_t max)
{
	for (size_t i = 0; i < n && i < max; i++)
		buf_addf(out, "%s'%s'", i ? ", " : "", names[i]);
	if (n > max)
		buf_addf(out, ", and %zu more", n - max);
}
