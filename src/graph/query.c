#include "graph/query.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "base/vec.h"
#include "base/xalloc.h"

#define NONE UINT32_MAX

/* ---- shortest path ------------------------------------------------------ */

int graph_path(const struct graph *g, uint32_t from, uint32_t to, unsigned mask,
	       struct graph_ids *out)
{
	assert(g->frozen);
	if (from == to)
		return 0;
	size_t n = g->nodes.len;
	uint32_t *par = xmalloc(sizeof(uint32_t) * n);
	for (size_t i = 0; i < n; i++)
		par[i] = NONE;
	uint32_t *queue = xmalloc(sizeof(uint32_t) * n);
	size_t qh = 0, qt = 0;
	int rc = -1;
	queue[qt++] = from;
	par[from] = NONE - 1; /* seen, no edge */
	while (qh < qt && rc != 0) {
		uint32_t x = queue[qh++];
		for (uint32_t e = graph_out_begin(g, x); e < graph_out_end(g, x); e++) {
			const struct graph_edge *ed = &g->edges.ptr[e];
			if (!graph_kinds_match(ed->kinds, mask) || par[ed->to] != NONE)
				continue;
			par[ed->to] = e;
			if (ed->to == to) {
				rc = 0;
				break;
			}
			queue[qt++] = ed->to;
		}
	}
	if (rc == 0) {
		size_t len = 0;
		for (uint32_t y = to; y != from; y = g->edges.ptr[par[y]].from)
			len++;
		vec_reserve(out, len);
		size_t base = out->len;
		out->len += len;
		size_t i = len;
		for (uint32_t y = to; y != from; y = g->edges.ptr[par[y]].from)
			out->ptr[base + --i] = par[y];
	}
	free(par);
	free(queue);
	return rc;
}

/* ---- reachability -------------------------------------------------------- */

static int cmp_hit(const void *pa, const void *pb)
{
	const struct graph_hit *a = pa, *b = pb;
	if (a->depth != b->depth)
		return a->depth < b->depth ? -1 : 1;
	return (a->node > b->node) - (a->node < b->node);
}

void graph_reach(const struct graph *g, const uint32_t *starts, size_t n_starts, unsigned mask,
		 enum graph_direction dir, uint32_t max_depth, struct graph_hits *out)
{
	assert(g->frozen);
	size_t n = g->nodes.len;
	bool *seen = xcalloc(n ? n : 1, sizeof(bool));
	size_t base = out->len;
	for (size_t i = 0; i < n_starts; i++) {
		uint32_t s = starts[i];
		if (seen[s])
			continue;
		seen[s] = true;
		vec_push(out, ((struct graph_hit){ s, 0, NONE }));
	}
	/* out doubles as the BFS queue: hits are appended level by level. */
	for (size_t qi = base; qi < out->len; qi++) {
		struct graph_hit h = out->ptr[qi];
		if (h.depth >= max_depth)
			continue;
		uint32_t b = dir == GRAPH_FORWARD ? graph_out_begin(g, h.node) : graph_in_begin(g, h.node);
		uint32_t end = dir == GRAPH_FORWARD ? graph_out_end(g, h.node) : graph_in_end(g, h.node);
		for (uint32_t i = b; i < end; i++) {
			uint32_t e = dir == GRAPH_FORWARD ? i : g->in_edges[i];
			const struct graph_edge *ed = &g->edges.ptr[e];
			if (!graph_kinds_match(ed->kinds, mask))
				continue;
			uint32_t y = dir == GRAPH_FORWARD ? ed->to : ed->from;
			if (seen[y])
				continue;
			seen[y] = true;
			vec_push(out, ((struct graph_hit){ y, h.depth + 1, e }));
		}
	}
	/* Starts stay first in their given order; the rest by (depth, name). */
	size_t first = base;
	while (first < out->len && out->ptr[first].depth == 0)
		first++;
	if (out->len > first)
		qsort(out->ptr + first, out->len - first, sizeof(struct graph_hit), cmp_hit);
	free(seen);
}

/* ---- collapse ------------------------------------------------------------ */

size_t graph_collapse_prefix(struct slice name, unsigned levels)
{
	assert(levels >= 1);
	unsigned dots = 0;
	for (size_t i = 0; i < name.len; i++) {
		if (name.ptr[i] == '.' && ++dots == levels)
			return i;
	}
	return name.len;
}

struct fold_edge {
	uint32_t from, to;  /* indices in the folded graph, before its freeze */
	uint32_t edge;      /* in g */
};

static int cmp_fold(const struct graph *g, const struct fold_edge *a, const struct fold_edge *b)
{
	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	if (a->to != b->to)
		return a->to < b->to ? -1 : 1;
	int c = graph_site_cmp(&g->edges.ptr[a->edge], &g->edges.ptr[b->edge]);
	if (c)
		return c;
	return (a->edge > b->edge) - (a->edge < b->edge);
}

/* A bottom-up merge sort: qsort's comparator cannot see g without a
 * global, and this keeps the order total and deterministic. */
static void sort_folds(const struct graph *g, struct fold_edge *v, size_t n)
{
	struct fold_edge *tmp = xmalloc(sizeof(*tmp) * (n ? n : 1));
	for (size_t width = 1; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n;
			size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi)
				tmp[k++] = cmp_fold(g, &v[j], &v[i]) < 0 ? v[j++] : v[i++];
			while (i < mid)
				tmp[k++] = v[i++];
			while (j < hi)
				tmp[k++] = v[j++];
		}
		memcpy(v, tmp, sizeof(*v) * n);
	}
	free(tmp);
}

void graph_collapse(struct graph *out, const struct graph *g, unsigned levels)
{
	assert(g->frozen && !out->frozen);
	size_t n = g->nodes.len;
	uint32_t *fold = xmalloc(sizeof(uint32_t) * (n ? n : 1));
	/* Per folded node: the module of exactly its name, and whether it
	 * folds any deeper module. */
	VEC(uint32_t) exact = VEC_INIT;
	VEC(bool) deeper = VEC_INIT;
	for (size_t i = 0; i < n; i++) {
		const struct graph_node *node = &g->nodes.ptr[i];
		size_t plen = graph_collapse_prefix(node->name, levels);
		size_t before = out->nodes.len;
		uint32_t f = graph_intern(out, slice_make(node->name.ptr, plen));
		fold[i] = f;
		if (out->nodes.len > before) {
			/* Nodes come in name order: the first member sets the kind. */
			out->nodes.ptr[f].kind = node->kind;
			vec_push(&exact, NONE);
			vec_push(&deeper, false);
		}
		if (plen == node->name.len)
			exact.ptr[f] = (uint32_t)i;
		else
			deeper.ptr[f] = true;
	}
	for (size_t f = 0; f < out->nodes.len; f++) {
		struct graph_node *fn = &out->nodes.ptr[f];
		if (exact.ptr[f] != NONE) {
			const struct graph_node *node = &g->nodes.ptr[exact.ptr[f]];
			graph_add_node(out, fn->name, node->kind, node->file,
				       node->package || deeper.ptr[f]);
		} else {
			fn->package = true;
		}
	}
	vec_release(&exact);
	vec_release(&deeper);

	VEC(struct fold_edge) items = VEC_INIT;
	for (size_t i = 0; i < g->edges.len; i++) {
		const struct graph_edge *e = &g->edges.ptr[i];
		uint32_t f = fold[e->from], t = fold[e->to];
		if (f != t)
			vec_push(&items, ((struct fold_edge){ f, t, (uint32_t)i }));
	}
	sort_folds(g, items.ptr, items.len);
	for (size_t i = 0; i < items.len;) {
		size_t j = i;
		uint32_t kinds = 0, all_parent = GRAPH_EDGE_PARENT;
		for (; j < items.len && items.ptr[j].from == items.ptr[i].from &&
		       items.ptr[j].to == items.ptr[i].to; j++) {
			uint32_t k = g->edges.ptr[items.ptr[j].edge].kinds;
			kinds |= k & GRAPH_EDGE_KINDS;
			all_parent &= k;
		}
		const struct graph_edge *first = &g->edges.ptr[items.ptr[i].edge];
		graph_add_edge_idx(out, items.ptr[i].from, items.ptr[i].to, first->file,
				   first->line, first->col, kinds | all_parent);
		i = j;
	}
	vec_release(&items);
	free(fold);
	graph_freeze(out);
}
