/* Contracts: reading [[tool.modscope.contracts]] (contracts.h). */
#include "rules/contracts.h"

#include <fnmatch.h>
#include <stdarg.h>
#include <string.h>

#include "base/xalloc.h"
#include "config/project.h"
#include "rules/internal.h"

static const char *const kind_names[] = {
	[CONTRACT_LAYERS] = "layers",
	[CONTRACT_FORBIDDEN] = "forbidden",
	[CONTRACT_INDEPENDENCE] = "independence",
	[CONTRACT_ACYCLIC_SIBLINGS] = "acyclic-siblings",
	[CONTRACT_PUBLIC_INTERFACE] = "public-interface",
};
#define NKINDS (sizeof(kind_names) / sizeof(kind_names[0]))

/* The list keys of each kind, and how many entries each needs at least. */
static const struct {
	const char *a, *b;
	size_t min_a;
} kind_keys[] = {
	[CONTRACT_LAYERS] = { "layers", NULL, 2 },
	[CONTRACT_FORBIDDEN] = { "source_modules", "forbidden_modules", 1 },
	[CONTRACT_INDEPENDENCE] = { "modules", NULL, 2 },
	[CONTRACT_ACYCLIC_SIBLINGS] = { "packages", NULL, 1 },
	[CONTRACT_PUBLIC_INTERFACE] = { "packages", NULL, 1 },
};

const char *contract_kind_name(enum contract_kind kind)
{
	return (size_t)kind < NKINDS ? kind_names[kind] : "?";
}

void contract_set_init(struct contract_set *self)
{
	arena_init(&self->arena);
	self->items.ptr = NULL;
	self->items.len = self->items.cap = 0;
}

void contract_set_release(struct contract_set *self)
{
	arena_release(&self->arena);
	vec_release(&self->items);
}

__attribute__((format(printf, 4, 5)))
static int fail(struct buf *err, const char *file, const struct toml_value *at, const char *fmt, ...)
{
	buf_addf(err, "%s:%u:%u: ", file, at ? at->line : 0, at ? at->col : 0);
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(err, fmt, ap);
	va_end(ap);
	return -1;
}

static bool dotted_name(struct slice s)
{
	if (!s.len)
		return false;
	size_t start = 0;
	for (size_t i = 0; i <= s.len; i++) {
		if (i == s.len || s.ptr[i] == '.') {
			if (!project_is_identifier(s.ptr + start, i - start))
				return false;
			start = i + 1;
		}
	}
	return true;
}

static int read_modules(struct contract_set *self, const struct toml_value *v, const char *key,
			const char *file, const char *cname, size_t min, struct contract_list *out,
			struct buf *err)
{
	if (v->kind != TOML_ARRAY)
		return fail(err, file, v, "contract '%s': '%s' must be an array of module names",
			    cname, key);
	size_t n = toml_len(v);
	if (n < min)
		return fail(err, file, v, "contract '%s': '%s' needs at least %zu module%s", cname,
			    key, min, min == 1 ? "" : "s");
	out->items = ARENA_ARRAY(&self->arena, struct contract_module, n ? n : 1);
	out->len = n;
	for (size_t i = 0; i < n; i++) {
		const struct toml_value *e = toml_array_at(v, i);
		struct slice s;
		if (!toml_as_string(e, &s))
			return fail(err, file, e, "contract '%s': '%s' must be an array of module names",
				    cname, key);
		if (!dotted_name(s))
			return fail(err, file, e, "contract '%s': '%s' is not a module name", cname,
				    s.ptr);
		for (size_t j = 0; j < i; j++)
			if (!strcmp(out->items[j].name, s.ptr))
				return fail(err, file, e, "contract '%s': '%s' is listed twice in '%s'",
					    cname, s.ptr, key);
		out->items[i] = (struct contract_module){ s.ptr, e->line, e->col };
	}
	return 0;
}

static int read_kinds(const struct toml_value *v, const char *file, const char *cname,
		      unsigned *mask, struct buf *err)
{
	if (v->kind != TOML_ARRAY)
		return fail(err, file, v, "contract '%s': 'kinds' must be an array of edge kinds",
			    cname);
	*mask = 0;
	for (size_t i = 0; i < toml_len(v); i++) {
		const struct toml_value *e = toml_array_at(v, i);
		struct slice s;
		unsigned m;
		const char *bad;
		size_t bad_len;
		if (!toml_as_string(e, &s) || strchr(s.ptr, ',') ||
		    graph_parse_kinds(s.ptr, &m, &bad, &bad_len) < 0)
			return fail(err, file, e,
				    "contract '%s': unknown edge kind in 'kinds' (kinds: eager, "
				    "guarded, conditional, type_checking, lazy, dynamic, parent, all)",
				    cname);
		*mask |= m;
	}
	if (!(*mask & GRAPH_EDGE_KINDS))
		return fail(err, file, v, "contract '%s': 'kinds' selects no edge kind", cname);
	return 0;
}

static char *trim_dup(struct arena *arena, const char *p, size_t n)
{
	while (n && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	return arena_strndup(arena, p, n);
}

static int read_ignores(struct contract_set *self, const struct toml_value *v, const char *file,
			const char *cname, struct contract *c, struct buf *err)
{
	if (v->kind != TOML_ARRAY)
		return fail(err, file, v, "contract '%s': 'ignore_imports' must be an array of "
			    "\"importer -> imported\" strings", cname);
	size_t n = toml_len(v);
	c->ignores = ARENA_ARRAY(&self->arena, struct contract_ignore, n ? n : 1);
	c->nignores = n;
	for (size_t i = 0; i < n; i++) {
		const struct toml_value *e = toml_array_at(v, i);
		struct slice s;
		const char *arrow = NULL;
		if (toml_as_string(e, &s))
			arrow = strstr(s.ptr, "->");
		if (!arrow)
			return fail(err, file, e, "contract '%s': 'ignore_imports' entries are "
				    "\"importer -> imported\"", cname);
		c->ignores[i].from = trim_dup(&self->arena, s.ptr, (size_t)(arrow - s.ptr));
		c->ignores[i].to = trim_dup(&self->arena, arrow + 2, strlen(arrow + 2));
		if (!c->ignores[i].from[0] || !c->ignores[i].to[0])
			return fail(err, file, e, "contract '%s': 'ignore_imports' entries are "
				    "\"importer -> imported\"", cname);
	}
	return 0;
}

static int parse_one(struct contract_set *self, const struct toml_value *t, size_t index,
		     const char *file, struct buf *err)
{
	if (t->kind != TOML_TABLE)
		return fail(err, file, t, "each entry of 'contracts' must be a table");
	struct contract c = { 0 };
	c.line = t->line;
	c.mask = GRAPH_EDGE_KINDS & ~GRAPH_EDGE_TYPE_CHECKING;
	const struct toml_value *name = toml_table_get(t, SLICE_LIT("name"));
	struct slice s;
	if (name) {
		if (!toml_as_string(name, &s) || !s.len)
			return fail(err, file, name, "contract 'name' must be a non-empty string");
		c.name = s.ptr;
	} else {
		struct buf b = BUF_INIT;
		buf_addf(&b, "contract %zu", index + 1);
		c.name = arena_strndup(&self->arena, b.ptr, b.len);
		buf_release(&b);
	}
	const struct toml_value *kind = toml_table_get(t, SLICE_LIT("kind"));
	if (!kind)
		return fail(err, file, t, "contract '%s' has no 'kind' (layers, forbidden, "
			    "independence, acyclic-siblings, public-interface)", c.name);
	if (!toml_as_string(kind, &s))
		return fail(err, file, kind, "contract '%s': 'kind' must be a string", c.name);
	size_t k = 0;
	while (k < NKINDS && strcmp(kind_names[k], s.ptr))
		k++;
	if (k == NKINDS) {
		fail(err, file, kind, "contract '%s': unknown kind '%s'", c.name, s.ptr);
		rule_suggest_word(s.ptr, kind_names, NKINDS, err);
		if (!strstr(err->ptr, "did you mean"))
			buf_adds(err, " (layers, forbidden, independence, acyclic-siblings, "
				 "public-interface)");
		return -1;
	}
	c.kind = (enum contract_kind)k;
	const char *known[] = { "name", "kind", "kinds", "ignore_imports", kind_keys[k].a,
				kind_keys[k].b };
	size_t nknown = kind_keys[k].b ? 6 : 5;
	for (size_t i = 0; i < toml_len(t); i++) {
		const struct toml_kv *kv = toml_table_at(t, i);
		bool ok = false;
		for (size_t j = 0; j < nknown; j++)
			ok |= !strcmp(kv->key.ptr, known[j]);
		if (ok)
			continue;
		fail(err, file, kv->value, "contract '%s': unknown key '%s' for kind '%s'", c.name,
		     kv->key.ptr, kind_names[k]);
		rule_suggest_word(kv->key.ptr, known, nknown, err);
		return -1;
	}
	const struct toml_value *a = toml_table_get(t, slice_cstr(kind_keys[k].a));
	if (!a)
		return fail(err, file, t, "contract '%s' (%s) needs '%s'", c.name, kind_names[k],
			    kind_keys[k].a);
	if (read_modules(self, a, kind_keys[k].a, file, c.name, kind_keys[k].min_a, &c.a, err) < 0)
		return -1;
	if (kind_keys[k].b) {
		const struct toml_value *b = toml_table_get(t, slice_cstr(kind_keys[k].b));
		if (!b)
			return fail(err, file, t, "contract '%s' (%s) needs '%s'", c.name,
				    kind_names[k], kind_keys[k].b);
		if (read_modules(self, b, kind_keys[k].b, file, c.name, 1, &c.b, err) < 0)
			return -1;
	}
	const struct toml_value *kinds = toml_table_get(t, SLICE_LIT("kinds"));
	if (kinds && read_kinds(kinds, file, c.name, &c.mask, err) < 0)
		return -1;
	const struct toml_value *ign = toml_table_get(t, SLICE_LIT("ignore_imports"));
	if (ign && read_ignores(self, ign, file, c.name, &c, err) < 0)
		return -1;
	vec_push(&self->items, c);
	return 0;
}

int contract_set_parse(struct contract_set *self, const struct toml_value *tool, const char *file,
		       struct buf *err)
{
	const struct toml_value *list = tool ? toml_table_get(tool, SLICE_LIT("contracts")) : NULL;
	if (!list)
		return 0;
	if (list->kind != TOML_ARRAY)
		return fail(err, file, list, "'contracts' must be an array of tables "
			    "([[tool.modscope.contracts]])");
	for (size_t i = 0; i < toml_len(list); i++)
		if (parse_one(self, toml_array_at(list, i), i, file, err) < 0)
			return -1;
	return 0;
}

static int check_list(const struct contract *c, const struct contract_list *l,
		      const struct graph *g, const char *file, struct buf *err)
{
	for (size_t i = 0; i < l->len; i++) {
		const struct contract_module *m = &l->items[i];
		if (graph_find(g, slice_cstr(m->name)) >= 0)
			continue;
		buf_addf(err, "%s:%u:%u: contract '%s': no module '%s' in the project", file,
			 m->line, m->col, c->name, m->name);
		/* Suggest among the project's local modules. */
		VEC(const char *) names = VEC_INIT;
		for (size_t n = 0; n < graph_node_count(g); n++)
			if (g->nodes.ptr[n].kind == GRAPH_NODE_LOCAL)
				vec_push(&names, g->nodes.ptr[n].name.ptr);
		rule_suggest_word(m->name, names.ptr, names.len, err);
		vec_release(&names);
		return -1;
	}
	return 0;
}

int contract_set_check_modules(const struct contract_set *self, const struct graph *g,
			       const char *file, struct buf *err)
{
	for (size_t i = 0; i < self->items.len; i++)
		if (check_list(&self->items.ptr[i], &self->items.ptr[i].a, g, file, err) < 0)
			return -1;
	return 0;
}

int contract_list_find(const struct contract_list *list, const char *name)
{
	/* The most specific entry wins ("a.b" over "a"). */
	int best = -1;
	size_t best_len = 0;
	for (size_t i = 0; i < list->len; i++) {
		size_t n = strlen(list->items[i].name);
		if (rule_module_within(name, list->items[i].name) && (best < 0 || n > best_len)) {
			best = (int)i;
			best_len = n;
		}
	}
	return best;
}

bool contract_ignored(const struct contract *c, const char *from, const char *to)
{
	for (size_t i = 0; i < c->nignores; i++)
		if (fnmatch(c->ignores[i].from, from, 0) == 0 && fnmatch(c->ignores[i].to, to, 0) == 0)
			return true;
	return false;
}
