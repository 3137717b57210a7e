#include "graph/graph.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

void graph_init(struct graph *self)
{
	memset(self, 0, sizeof(*self));
	arena_init(&self->arena);
	map_init(&self->names);
	map_init(&self->files);
}

void graph_release(struct graph *self)
{
	vec_release(&self->nodes);
	vec_release(&self->edges);
	map_release(&self->names);
	map_release(&self->files);
	arena_release(&self->arena);
	free(self->out_start);
	free(self->in_start);
	free(self->in_edges);
	graph_init(self);
}

uint32_t graph_intern(struct graph *self, struct slice name)
{
	assert(!self->frozen);
	bool inserted;
	struct map_entry *e = map_intern(&self->names, name, &inserted);
	if (!inserted)
		return (uint32_t)((uintptr_t)e->value - 1);
	/* The map borrowed the caller's bytes: point it at the arena copy. */
	struct slice copy = arena_slice(&self->arena, name);
	e->key = copy;
	uint32_t idx = (uint32_t)self->nodes.len;
	e->value = (void *)(uintptr_t)(idx + 1);
	struct graph_node *n = vec_push_zero(&self->nodes);
	n->name = copy;
	n->kind = GRAPH_NODE_UNRESOLVED;
	return idx;
}

const char *graph_intern_file(struct graph *self, const char *file)
{
	/* A pointer into the arena is already the interned copy, and edges
	 * come file by file: the last one saves the hash lookup. */
	if (!file || file == self->last_file)
		return file;
	bool inserted;
	struct map_entry *e = map_intern(&self->files, slice_cstr(file), &inserted);
	if (inserted) {
		struct slice copy = arena_slice(&self->arena, slice_cstr(file));
		e->key = copy;
		e->value = (void *)copy.ptr;
	}
	self->last_file = e->value;
	return e->value;
}

uint32_t graph_add_node(struct graph *self, struct slice name, enum graph_node_kind kind,
			const char *file, bool package)
{
	uint32_t idx = graph_intern(self, name);
	struct graph_node *n = &self->nodes.ptr[idx];
	n->kind = kind;
	n->file = graph_intern_file(self, file);
	n->package = package;
	return idx;
}

void graph_add_edge_idx(struct graph *self, uint32_t from, uint32_t to,
			const char *file, uint32_t line, uint32_t col, uint32_t kinds)
{
	assert(!self->frozen);
	assert(from < self->nodes.len && to < self->nodes.len);
	vec_push(&self->edges, ((struct graph_edge){
		.from = from, .to = to, .file = graph_intern_file(self, file),
		.line = line, .col = col, .kinds = kinds,
	}));
}

void graph_add_edge(struct graph *self, struct slice from, struct slice to,
		    const char *file, uint32_t line, uint32_t col, uint32_t kinds)
{
	uint32_t f = graph_intern(self, from);
	uint32_t t = graph_intern(self, to);
	graph_add_edge_idx(self, f, t, file, line, col, kinds);
}

/* True when prefix is name itself or one of its ancestor packages. */
static bool is_self_or_ancestor(struct slice prefix, struct slice name)
{
	if (prefix.len > name.len || memcmp(prefix.ptr, name.ptr, prefix.len) != 0)
		return false;
	return prefix.len == name.len || name.ptr[prefix.len] == '.';
}

void graph_add_import(struct graph *self, struct slice from, struct slice target,
		      const char *file, uint32_t line, uint32_t col, unsigned kind)
{
	/* importlib._bootstrap._find_and_load: the parent is imported first. */
	for (size_t i = 0; i < target.len; i++) {
		if (target.ptr[i] != '.')
			continue;
		struct slice parent = slice_make(target.ptr, i);
		if (!is_self_or_ancestor(parent, from))
			graph_add_edge(self, from, parent, file, line, col, kind | GRAPH_EDGE_PARENT);
	}
	graph_add_edge(self, from, target, file, line, col, kind);
}

/* ---- freezing ---------------------------------------------------------- */

static int cmp_name(struct slice a, struct slice b)
{
	size_t n = a.len < b.len ? a.len : b.len;
	int c = n ? memcmp(a.ptr, b.ptr, n) : 0;
	if (c)
		return c;
	return (a.len > b.len) - (a.len < b.len);
}

static int cmp_node(const void *pa, const void *pb)
{
	const struct graph_node *a = pa, *b = pb;
	return cmp_name(a->name, b->name);
}

int graph_site_cmp(const struct graph_edge *a, const struct graph_edge *b)
{
	if (a->file != b->file) {
		if (!a->file)
			return -1;
		if (!b->file)
			return 1;
		int c = strcmp(a->file, b->file);
		if (c)
			return c;
	}
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return 0;
}

static int cmp_edge(const void *pa, const void *pb)
{
	const struct graph_edge *a = pa, *b = pb;
	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	if (a->to != b->to)
		return a->to < b->to ? -1 : 1;
	int c = graph_site_cmp(a, b);
	if (c)
		return c;
	if (a->kinds != b->kinds)
		return a->kinds < b->kinds ? -1 : 1;
	return 0;
}

/* Sorts the edges by cmp_edge: a counting sort by `from` first (stable,
 * linear), then each node's few edges by the rest of the key.  Edges come
 * file by file, so each group is small and mostly in order already. */
static void sort_edges(struct graph *self)
{
	size_t n = self->nodes.len, m = self->edges.len;
	if (m < 2)
		return;
	uint32_t *start = xcalloc(n + 1, sizeof(uint32_t));
	for (size_t i = 0; i < m; i++)
		start[self->edges.ptr[i].from + 1]++;
	for (size_t i = 0; i < n; i++)
		start[i + 1] += start[i];
	struct graph_edge *sorted = xmalloc(m * sizeof *sorted);
	uint32_t *fill = xmalloc((n ? n : 1) * sizeof(uint32_t));
	memcpy(fill, start, n * sizeof(uint32_t));
	for (size_t i = 0; i < m; i++)
		sorted[fill[self->edges.ptr[i].from]++] = self->edges.ptr[i];
	free(fill);
	for (size_t v = 0; v < n; v++) {
		struct graph_edge *g = sorted + start[v];
		size_t k = start[v + 1] - start[v];
		/* insertion sort while short, qsort past that */
		if (k > 32) {
			qsort(g, k, sizeof *g, cmp_edge);
			continue;
		}
		for (size_t i = 1; i < k; i++) {
			struct graph_edge x = g[i];
			size_t j = i;
			for (; j > 0 && cmp_edge(&g[j - 1], &x) > 0; j--)
				g[j] = g[j - 1];
			g[j] = x;
		}
	}
	free(start);
	free(self->edges.ptr);
	self->edges.ptr = sorted;
	self->edges.cap = m;
}

void graph_freeze(struct graph *self)
{
	assert(!self->frozen);
	size_t n = self->nodes.len;
	/* Renumber the nodes in name order: remember each old index in the
	 * map value, sort, then read the new positions back. */
	uint32_t *old_to_new = xmalloc(sizeof(uint32_t) * (n ? n : 1));
	if (n)
		qsort(self->nodes.ptr, n, sizeof(struct graph_node), cmp_node);
	for (size_t i = 0; i < n; i++) {
		struct map_entry *e = map_intern(&self->names, self->nodes.ptr[i].name, NULL);
		uint32_t old = (uint32_t)((uintptr_t)e->value - 1);
		old_to_new[old] = (uint32_t)i;
		e->value = (void *)(uintptr_t)(i + 1);
	}
	for (size_t i = 0; i < self->edges.len; i++) {
		struct graph_edge *e = &self->edges.ptr[i];
		e->from = old_to_new[e->from];
		e->to = old_to_new[e->to];
	}
	free(old_to_new);

	sort_edges(self);
	size_t m = 0;
	for (size_t i = 0; i < self->edges.len; i++) {
		if (m && cmp_edge(&self->edges.ptr[m - 1], &self->edges.ptr[i]) == 0)
			continue;
		self->edges.ptr[m++] = self->edges.ptr[i];
	}
	self->edges.len = m;

	self->out_start = xcalloc(n + 1, sizeof(uint32_t));
	self->in_start = xcalloc(n + 1, sizeof(uint32_t));
	self->in_edges = xmalloc(sizeof(uint32_t) * (m ? m : 1));
	for (size_t i = 0; i < m; i++) {
		self->out_start[self->edges.ptr[i].from + 1]++;
		self->in_start[self->edges.ptr[i].to + 1]++;
	}
	for (size_t i = 0; i < n; i++) {
		self->out_start[i + 1] += self->out_start[i];
		self->in_start[i + 1] += self->in_start[i];
	}
	/* A counting sort by target, stable over the (from, ...) order. */
	uint32_t *fill = xmalloc(sizeof(uint32_t) * (n ? n : 1));
	if (n)
		memcpy(fill, self->in_start, sizeof(uint32_t) * n);
	for (size_t i = 0; i < m; i++)
		self->in_edges[fill[self->edges.ptr[i].to]++] = (uint32_t)i;
	free(fill);
	self->frozen = true;
}

int64_t graph_find(const struct graph *self, struct slice name)
{
	void *v = NULL;
	if (!map_find(&self->names, name, &v))
		return -1;
	return (int64_t)((uintptr_t)v - 1);
}

void graph_subgraph(struct graph *out, const struct graph *g, const bool *keep, unsigned mask)
{
	assert(g->frozen);
	uint32_t *idx = xmalloc(sizeof(uint32_t) * (g->nodes.len ? g->nodes.len : 1));
	for (size_t i = 0; i < g->nodes.len; i++) {
		const struct graph_node *n = &g->nodes.ptr[i];
		if (keep && !keep[i])
			continue;
		idx[i] = graph_add_node(out, n->name, n->kind, n->file, n->package);
	}
	for (size_t i = 0; i < g->edges.len; i++) {
		const struct graph_edge *e = &g->edges.ptr[i];
		if (keep && (!keep[e->from] || !keep[e->to]))
			continue;
		if (!graph_kinds_match(e->kinds, mask))
			continue;
		graph_add_edge_idx(out, idx[e->from], idx[e->to], e->file, e->line, e->col, e->kinds);
	}
	free(idx);
	graph_freeze(out);
}

/* ---- names ------------------------------------------------------------- */

const char *graph_node_kind_name(enum graph_node_kind kind)
{
	switch (kind) {
	case GRAPH_NODE_LOCAL: return "local";
	case GRAPH_NODE_STDLIB: return "stdlib";
	case GRAPH_NODE_THIRD_PARTY: return "third_party";
	case GRAPH_NODE_BUILTIN: return "builtin";
	case GRAPH_NODE_UNRESOLVED: return "unresolved";
	}
	return "unresolved";
}

static const struct {
	unsigned bit;
	const char *name;
} kind_names[] = {
	{ GRAPH_EDGE_EAGER, "eager" },
	{ GRAPH_EDGE_GUARDED, "guarded" },
	{ GRAPH_EDGE_CONDITIONAL, "conditional" },
	{ GRAPH_EDGE_TYPE_CHECKING, "type_checking" },
	{ GRAPH_EDGE_LAZY, "lazy" },
	{ GRAPH_EDGE_DYNAMIC, "dynamic" },
	{ GRAPH_EDGE_PARENT, "parent" },
};

const char *graph_edge_kind_name(unsigned bit)
{
	for (size_t i = 0; i < sizeof(kind_names) / sizeof(kind_names[0]); i++) {
		if (kind_names[i].bit == bit)
			return kind_names[i].name;
	}
	return NULL;
}

int graph_parse_kinds(const char *spec, unsigned *mask, const char **bad, size_t *bad_len)
{
	unsigned m = 0;
	const char *p = spec;
	for (;;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		struct slice word = slice_make(p, len);
		unsigned bit = 0;
		if (slice_eq_cstr(word, "all"))
			bit = GRAPH_EDGE_ALL;
		for (size_t i = 0; !bit && i < sizeof(kind_names) / sizeof(kind_names[0]); i++) {
			if (slice_eq_cstr(word, kind_names[i].name))
				bit = kind_names[i].bit;
		}
		if (!bit) {
			*bad = p;
			*bad_len = len;
			return -1;
		}
		m |= bit;
		if (!end)
			break;
		p = end + 1;
	}
	*mask = m;
	return 0;
}
