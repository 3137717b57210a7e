/* Strongly connected components, shortest cycles and cut sets.
 *
 * Inside one component the parallel edges between two modules (several
 * imports of b in a) are folded into one weighted "arc": a cycle walks arcs
 * (reported with the first import of each, in edge order) and a cut removes
 * whole arcs (reported as every import between the two modules), because
 * removing one of several imports of b from a does not break anything. */
#include "graph/cycles.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

#define NONE UINT32_MAX

enum {
	DEFAULT_CYCLE_BUDGET = 8 * 1000 * 1000,
	DEFAULT_CUT_BUDGET = 4 * 1000 * 1000,
};

/* ---- Tarjan, iterative ------------------------------------------------- */

struct frame {
	uint32_t node;
	uint32_t cur; /* next edge index to look at */
};

void graph_sccs_find(struct graph_sccs *out, const struct graph *g, unsigned mask)
{
	assert(g->frozen);
	size_t n = g->nodes.len;
	uint32_t *index = xmalloc(sizeof(uint32_t) * (n ? n : 1));
	uint32_t *low = xmalloc(sizeof(uint32_t) * (n ? n : 1));
	bool *on_stack = xcalloc(n ? n : 1, sizeof(bool));
	uint32_t *stack = xmalloc(sizeof(uint32_t) * (n ? n : 1));
	struct frame *frames = xmalloc(sizeof(struct frame) * (n ? n : 1));
	size_t sp = 0, fp = 0;
	uint32_t counter = 0;
	out->comp = xmalloc(sizeof(uint32_t) * (n ? n : 1));
	out->count = 0;
	for (size_t i = 0; i < n; i++)
		index[i] = NONE;

	for (uint32_t root = 0; root < n; root++) {
		if (index[root] != NONE)
			continue;
		index[root] = low[root] = counter++;
		stack[sp++] = root;
		on_stack[root] = true;
		frames[fp++] = (struct frame){ root, graph_out_begin(g, root) };
		while (fp) {
			struct frame *f = &frames[fp - 1];
			uint32_t v = f->node;
			if (f->cur < graph_out_end(g, v)) {
				const struct graph_edge *e = &g->edges.ptr[f->cur++];
				if (!graph_kinds_match(e->kinds, mask))
					continue;
				uint32_t w = e->to;
				if (index[w] == NONE) {
					index[w] = low[w] = counter++;
					stack[sp++] = w;
					on_stack[w] = true;
					frames[fp++] = (struct frame){ w, graph_out_begin(g, w) };
				} else if (on_stack[w] && index[w] < low[v]) {
					low[v] = index[w];
				}
				continue;
			}
			fp--;
			if (low[v] == index[v]) {
				uint32_t w;
				do {
					w = stack[--sp];
					on_stack[w] = false;
					out->comp[w] = (uint32_t)out->count;
				} while (w != v);
				out->count++;
			}
			if (fp) {
				uint32_t parent = frames[fp - 1].node;
				if (low[v] < low[parent])
					low[parent] = low[v];
			}
		}
	}
	free(index);
	free(low);
	free(on_stack);
	free(stack);
	free(frames);
}

void graph_sccs_release(struct graph_sccs *self)
{
	free(self->comp);
	self->comp = NULL;
	self->count = 0;
}

/* ---- one component as weighted arcs ------------------------------------ */

struct comp {
	const struct graph *g;
	unsigned mask;
	const uint32_t *members; /* k node indices, ascending */
	uint32_t k;
	uint32_t *local;         /* node -> local index or NONE (shared, k entries set) */
	/* arcs leaving local i: [arc_start[i], arc_start[i+1]) */
	uint32_t *arc_start;
	VEC(uint32_t) arc_from, arc_to, arc_w, arc_edge;
	/* arcs entering local i: arc indices rarc[rarc_start[i] .. rarc_start[i+1]) */
	uint32_t *rarc_start, *rarc;
	/* scratch for searches */
	uint32_t *stamp, *dist, *par;
	uint32_t cur_stamp;
	VEC(uint32_t) queue;
};

static void comp_build(struct comp *c)
{
	const struct graph *g = c->g;
	uint32_t k = c->k;
	c->arc_start = xmalloc(sizeof(uint32_t) * (k + 1));
	for (uint32_t i = 0; i < k; i++) {
		uint32_t u = c->members[i];
		c->arc_start[i] = (uint32_t)c->arc_to.len;
		uint32_t last_to = NONE;
		for (uint32_t e = graph_out_begin(g, u); e < graph_out_end(g, u); e++) {
			const struct graph_edge *ed = &g->edges.ptr[e];
			if (!graph_kinds_match(ed->kinds, c->mask))
				continue;
			uint32_t v = c->local[ed->to];
			if (v == NONE)
				continue;
			if (v == last_to) {
				(*vec_last(&c->arc_w))++;
				continue;
			}
			last_to = v;
			vec_push(&c->arc_from, i);
			vec_push(&c->arc_to, v);
			vec_push(&c->arc_w, 1);
			vec_push(&c->arc_edge, e);
		}
	}
	c->arc_start[k] = (uint32_t)c->arc_to.len;
	size_t na = c->arc_to.len;
	c->rarc_start = xcalloc(k + 1, sizeof(uint32_t));
	c->rarc = xmalloc(sizeof(uint32_t) * (na ? na : 1));
	for (size_t a = 0; a < na; a++)
		c->rarc_start[c->arc_to.ptr[a] + 1]++;
	for (uint32_t i = 0; i < k; i++)
		c->rarc_start[i + 1] += c->rarc_start[i];
	uint32_t *fill = xmalloc(sizeof(uint32_t) * k);
	memcpy(fill, c->rarc_start, sizeof(uint32_t) * k);
	for (size_t a = 0; a < na; a++)
		c->rarc[fill[c->arc_to.ptr[a]]++] = (uint32_t)a;
	free(fill);
	c->stamp = xcalloc(k, sizeof(uint32_t));
	c->dist = xmalloc(sizeof(uint32_t) * k);
	c->par = xmalloc(sizeof(uint32_t) * k);
	c->cur_stamp = 0;
}

static void comp_free(struct comp *c)
{
	free(c->arc_start);
	vec_release(&c->arc_from);
	vec_release(&c->arc_to);
	vec_release(&c->arc_w);
	vec_release(&c->arc_edge);
	free(c->rarc_start);
	free(c->rarc);
	free(c->stamp);
	free(c->dist);
	free(c->par);
	vec_release(&c->queue);
}

static void new_search(struct comp *c)
{
	if (++c->cur_stamp == 0) {
		memset(c->stamp, 0, sizeof(uint32_t) * c->k);
		c->cur_stamp = 1;
	}
	vec_clear(&c->queue);
}

/* ---- shortest cycle ------------------------------------------------------ */

/* BFS from every member in name order; a BFS from s finds the shortest
 * cycle through s (the first arc back to s seen in BFS order).  Only a
 * strictly shorter cycle replaces the best one, so the result is the first
 * member (by name) lying on a cycle of minimal length, and among its
 * shortest cycles the one BFS meets first in edge order.  Once a cycle of
 * length L is known, searches stop at depth L - 1. */
static void shortest_cycle(struct comp *c, uint64_t budget, struct graph_cycle *out,
			   struct arena *arena)
{
	uint32_t best_len = NONE;
	VEC(uint32_t) best = VEC_INIT;
	uint64_t work = 0;
	out->cycle_exact = true;
	for (uint32_t s = 0; s < c->k && best_len > 1; s++) {
		if (work > budget && best_len != NONE) {
			out->cycle_exact = false;
			break;
		}
		new_search(c);
		c->stamp[s] = c->cur_stamp;
		c->dist[s] = 0;
		vec_push(&c->queue, s);
		for (size_t qi = 0; qi < c->queue.len; qi++) {
			uint32_t x = c->queue.ptr[qi];
			if (c->dist[x] + 1 >= best_len)
				break;
			uint32_t back = NONE;
			for (uint32_t a = c->arc_start[x]; a < c->arc_start[x + 1]; a++) {
				work++;
				uint32_t y = c->arc_to.ptr[a];
				if (y == s) {
					back = a;
					break;
				}
				if (c->stamp[y] != c->cur_stamp) {
					c->stamp[y] = c->cur_stamp;
					c->dist[y] = c->dist[x] + 1;
					c->par[y] = a;
					vec_push(&c->queue, y);
				}
			}
			if (back != NONE) {
				best_len = c->dist[x] + 1;
				vec_clear(&best);
				vec_reserve(&best, best_len);
				best.len = best_len;
				best.ptr[best_len - 1] = back;
				uint32_t y = x;
				for (uint32_t i = best_len - 1; i > 0; i--) {
					uint32_t a = c->par[y];
					best.ptr[i - 1] = a;
					y = c->arc_from.ptr[a];
				}
				break;
			}
		}
	}
	assert(best_len != NONE);
	out->cycle_len = best_len;
	out->cycle = ARENA_ARRAY(arena, uint32_t, best_len);
	for (uint32_t i = 0; i < best_len; i++)
		out->cycle[i] = c->arc_edge.ptr[best.ptr[i]];
	vec_release(&best);
}

/* ---- cut set: Eades–Lin–Smyth, then minimisation ------------------------- */

/* Vertices bucketed by out-weight minus in-weight (shifted to be >= 0),
 * each bucket a doubly linked list, so that every update is O(1) and the
 * whole ordering linear (Eades, Lin & Smyth's own implementation idea). */
struct buckets {
	uint32_t *head, *next, *prev;
	size_t top;   /* no bucket above top is non-empty */
};

static void bucket_insert(struct buckets *b, uint32_t v, size_t key)
{
	b->prev[v] = NONE;
	b->next[v] = b->head[key];
	if (b->head[key] != NONE)
		b->prev[b->head[key]] = v;
	b->head[key] = v;
	if (key > b->top)
		b->top = key;
}

static void bucket_unlink(struct buckets *b, uint32_t v, size_t key)
{
	if (b->prev[v] != NONE)
		b->next[b->prev[v]] = b->next[v];
	else
		b->head[key] = b->next[v];
	if (b->next[v] != NONE)
		b->prev[b->next[v]] = b->prev[v];
}

/* Eades, Lin & Smyth (1993), "A fast and effective heuristic for the
 * feedback arc set problem", on weighted arcs: repeatedly move sinks to the
 * end of the order, sources to the front, and otherwise a vertex with the
 * largest out-weight minus in-weight to the front.  Fills pos[local]. */
static void els_order(struct comp *c, uint32_t *pos)
{
	uint32_t k = c->k;
	int64_t *outw = xcalloc(k, sizeof(int64_t));
	int64_t *inw = xcalloc(k, sizeof(int64_t));
	bool *removed = xcalloc(k, sizeof(bool));
	VEC(uint32_t) sinks = VEC_INIT, sources = VEC_INIT, s1 = VEC_INIT, s2 = VEC_INIT;
	size_t sink_head = 0, source_head = 0;
	for (size_t a = 0; a < c->arc_to.len; a++) {
		if (c->arc_from.ptr[a] == c->arc_to.ptr[a])
			continue;
		outw[c->arc_from.ptr[a]] += c->arc_w.ptr[a];
		inw[c->arc_to.ptr[a]] += c->arc_w.ptr[a];
	}
	int64_t max_in = 0, max_out = 0;
	for (uint32_t v = 0; v < k; v++) {
		if (inw[v] > max_in)
			max_in = inw[v];
		if (outw[v] > max_out)
			max_out = outw[v];
	}
	/* Weights only decrease, so keys stay within [0, max_out + max_in]. */
#define KEY(v) ((size_t)(outw[v] - inw[v] + max_in))
	size_t nb = (size_t)(max_out + max_in) + 1;
	struct buckets b = {
		.head = xmalloc(sizeof(uint32_t) * nb),
		.next = xmalloc(sizeof(uint32_t) * k),
		.prev = xmalloc(sizeof(uint32_t) * k),
		.top = 0,
	};
	for (size_t i = 0; i < nb; i++)
		b.head[i] = NONE;
	/* Inserted last to first, so each bucket starts in index order. */
	for (uint32_t v = k; v-- > 0;)
		bucket_insert(&b, v, KEY(v));
	for (uint32_t v = 0; v < k; v++) {
		if (outw[v] == 0)
			vec_push(&sinks, v);
		else if (inw[v] == 0)
			vec_push(&sources, v);
	}
	for (uint32_t left = k; left > 0; left--) {
		uint32_t v = NONE;
		bool to_end = false;
		while (v == NONE && sink_head < sinks.len) {
			uint32_t x = sinks.ptr[sink_head++];
			if (!removed[x]) {
				v = x;
				to_end = true;
			}
		}
		while (v == NONE && source_head < sources.len) {
			uint32_t x = sources.ptr[source_head++];
			if (!removed[x])
				v = x;
		}
		if (v == NONE) {
			while (b.head[b.top] == NONE)
				b.top--;
			v = b.head[b.top];
		}
		bucket_unlink(&b, v, KEY(v));
		removed[v] = true;
		if (to_end)
			vec_push(&s2, v);
		else
			vec_push(&s1, v);
		for (uint32_t a = c->arc_start[v]; a < c->arc_start[v + 1]; a++) {
			uint32_t w = c->arc_to.ptr[a];
			if (w == v || removed[w])
				continue;
			bucket_unlink(&b, w, KEY(w));
			inw[w] -= c->arc_w.ptr[a];
			bucket_insert(&b, w, KEY(w));
			if (inw[w] == 0)
				vec_push(&sources, w);
		}
		for (uint32_t i = c->rarc_start[v]; i < c->rarc_start[v + 1]; i++) {
			uint32_t a = c->rarc[i];
			uint32_t u = c->arc_from.ptr[a];
			if (u == v || removed[u])
				continue;
			bucket_unlink(&b, u, KEY(u));
			outw[u] -= c->arc_w.ptr[a];
			bucket_insert(&b, u, KEY(u));
			if (outw[u] == 0)
				vec_push(&sinks, u);
		}
	}
#undef KEY
	uint32_t p = 0;
	for (size_t i = 0; i < s1.len; i++)
		pos[s1.ptr[i]] = p++;
	for (size_t i = s2.len; i-- > 0;)
		pos[s2.ptr[i]] = p++;
	assert(p == k);
	free(outw);
	free(inw);
	free(removed);
	free(b.head);
	free(b.next);
	free(b.prev);
	vec_release(&sinks);
	vec_release(&sources);
	vec_release(&s1);
	vec_release(&s2);
}

/* True when local `to` reaches local `target` over arcs not cut, or when the
 * search ran past *budget (then *exhausted is set). */
static bool reaches(struct comp *c, const bool *cut, uint32_t from, uint32_t target,
		    uint64_t *work, uint64_t budget, bool *exhausted)
{
	new_search(c);
	c->stamp[from] = c->cur_stamp;
	vec_push(&c->queue, from);
	for (size_t qi = 0; qi < c->queue.len; qi++) {
		uint32_t x = c->queue.ptr[qi];
		for (uint32_t a = c->arc_start[x]; a < c->arc_start[x + 1]; a++) {
			if (cut[a])
				continue;
			if (++*work > budget) {
				*exhausted = true;
				return true;
			}
			uint32_t y = c->arc_to.ptr[a];
			if (y == target)
				return true;
			if (c->stamp[y] != c->cur_stamp) {
				c->stamp[y] = c->cur_stamp;
				vec_push(&c->queue, y);
			}
		}
	}
	return false;
}

/* Kahn's algorithm over the arcs not cut: true when they form no cycle. */
static bool arcs_acyclic(const struct comp *c, const bool *cut)
{
	uint32_t *indeg = xcalloc(c->k, sizeof(uint32_t));
	uint32_t *ready = xmalloc(sizeof(uint32_t) * c->k);
	size_t nready = 0, done = 0;
	for (size_t a = 0; a < c->arc_to.len; a++) {
		if (!cut[a])
			indeg[c->arc_to.ptr[a]]++;
	}
	for (uint32_t v = 0; v < c->k; v++) {
		if (!indeg[v])
			ready[nready++] = v;
	}
	while (done < nready) {
		uint32_t v = ready[done++];
		for (uint32_t a = c->arc_start[v]; a < c->arc_start[v + 1]; a++) {
			if (!cut[a] && --indeg[c->arc_to.ptr[a]] == 0)
				ready[nready++] = c->arc_to.ptr[a];
		}
	}
	free(indeg);
	free(ready);
	return done == c->k;
}

static int cmp_candidate(const void *pa, const void *pb)
{
	const uint64_t *a = pa, *b = pb;
	return (*a > *b) - (*a < *b);
}

static void cut_set(struct comp *c, uint64_t budget, struct graph_cycle *out, struct arena *arena)
{
	size_t na = c->arc_to.len;
	bool *cut = xcalloc(na ? na : 1, sizeof(bool));
	uint32_t *pos = xmalloc(sizeof(uint32_t) * c->k);
	els_order(c, pos);
	/* Candidates to put back, heaviest first, then in arc order: the key
	 * packs (max weight - weight) above the arc index. */
	VEC(uint64_t) cand = VEC_INIT;
	for (size_t a = 0; a < na; a++) {
		uint32_t u = c->arc_from.ptr[a], v = c->arc_to.ptr[a];
		if (u == v) {
			cut[a] = true;
		} else if (pos[u] > pos[v]) {
			cut[a] = true;
			uint64_t w = c->arc_w.ptr[a];
			vec_push(&cand, ((UINT32_MAX - w) << 32) | a);
		}
	}
	if (cand.len)
		qsort(cand.ptr, cand.len, sizeof(uint64_t), cmp_candidate);
	/* Put back every arc that closes no cycle; an arc refused here stays
	 * necessary, since later additions only add paths. */
	uint64_t work = 0;
	bool exhausted = false;
	for (size_t i = 0; i < cand.len && !exhausted; i++) {
		uint32_t a = (uint32_t)(cand.ptr[i] & UINT32_MAX);
		if (!reaches(c, cut, c->arc_to.ptr[a], c->arc_from.ptr[a], &work, budget, &exhausted))
			cut[a] = false;
	}
	out->cut_minimal = !exhausted;
	/* The property everything rests on; cheap (linear) to check. */
	bool acyclic = arcs_acyclic(c, cut);
	assert(acyclic);
	(void)acyclic;

	VEC(uint32_t) edges = VEC_INIT;
	out->cut_pairs = 0;
	for (size_t a = 0; a < na; a++) {
		if (!cut[a])
			continue;
		out->cut_pairs++;
		uint32_t u = c->members[c->arc_from.ptr[a]], v = c->members[c->arc_to.ptr[a]];
		for (uint32_t e = c->arc_edge.ptr[a]; e < graph_out_end(c->g, u); e++) {
			const struct graph_edge *ed = &c->g->edges.ptr[e];
			if (ed->to != v)
				break;
			if (graph_kinds_match(ed->kinds, c->mask))
				vec_push(&edges, e);
		}
	}
	/* Arcs are in (from, to) order and edges within an arc ascend: the
	 * list is already sorted. */
	out->cut_len = edges.len;
	out->cut = ARENA_ARRAY(arena, uint32_t, edges.len ? edges.len : 1);
	if (edges.len)
		memcpy(out->cut, edges.ptr, sizeof(uint32_t) * edges.len);
	vec_release(&edges);
	vec_release(&cand);
	free(pos);
	free(cut);
}

/* ---- verification ---------------------------------------------------------- */

static int cmp_u32(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	return (a > b) - (a < b);
}

bool graph_cycle_cut_is_acyclic(const struct graph *g, const struct graph_cycle *c, unsigned mask)
{
	size_t k = c->size;
	uint32_t *indeg = xcalloc(k, sizeof(uint32_t));
	VEC(uint32_t) ready = VEC_INIT;
	for (int pass = 0; pass < 2; pass++) {
		/* pass 0 counts in-degrees; pass 1 runs Kahn's algorithm. */
		if (pass == 1) {
			for (uint32_t i = 0; i < k; i++) {
				if (!indeg[i])
					vec_push(&ready, i);
			}
		}
		size_t qi = 0;
		for (uint32_t i = 0; pass == 0 ? i < k : qi < ready.len; i++) {
			uint32_t li = pass == 0 ? i : ready.ptr[qi++];
			uint32_t u = c->modules[li];
			for (uint32_t e = graph_out_begin(g, u); e < graph_out_end(g, u); e++) {
				const struct graph_edge *ed = &g->edges.ptr[e];
				if (!graph_kinds_match(ed->kinds, mask))
					continue;
				uint32_t *hit = bsearch(&ed->to, c->modules, k, sizeof(uint32_t), cmp_u32);
				if (!hit)
					continue;
				if (c->cut_len && bsearch(&e, c->cut, c->cut_len, sizeof(uint32_t), cmp_u32))
					continue;
				uint32_t lv = (uint32_t)(hit - c->modules);
				if (pass == 0)
					indeg[lv]++;
				else if (--indeg[lv] == 0)
					vec_push(&ready, lv);
			}
		}
	}
	bool ok = ready.len == k;
	vec_release(&ready);
	free(indeg);
	return ok;
}

/* ---- driver ---------------------------------------------------------------- */

static int cmp_cycle(const void *pa, const void *pb)
{
	const struct graph_cycle *a = pa, *b = pb;
	if (a->size != b->size)
		return a->size > b->size ? -1 : 1;
	return cmp_u32(&a->modules[0], &b->modules[0]);
}

void graph_cycles_find(struct graph_cycles *out, const struct graph *g,
		       const struct graph_cycles_options *opts)
{
	struct graph_cycles_options o = opts ? *opts : (struct graph_cycles_options){ 0 };
	if (!o.mask)
		o.mask = GRAPH_MASK_DEFAULT;
	if (!o.cycle_budget)
		o.cycle_budget = DEFAULT_CYCLE_BUDGET;
	if (!o.cut_budget)
		o.cut_budget = DEFAULT_CUT_BUDGET;
	memset(out, 0, sizeof(*out));
	arena_init(&out->arena);

	size_t n = g->nodes.len;
	struct graph_sccs sccs;
	graph_sccs_find(&sccs, g, o.mask);
	/* Members of each component in node (= name) order: a counting sort. */
	uint32_t *start = xcalloc(sccs.count + 1, sizeof(uint32_t));
	uint32_t *members = xmalloc(sizeof(uint32_t) * (n ? n : 1));
	bool *self_loop = xcalloc(sccs.count ? sccs.count : 1, sizeof(bool));
	for (size_t v = 0; v < n; v++) {
		start[sccs.comp[v] + 1]++;
		for (uint32_t e = graph_out_begin(g, (uint32_t)v); e < graph_out_end(g, (uint32_t)v); e++) {
			const struct graph_edge *ed = &g->edges.ptr[e];
			if (ed->to == v && graph_kinds_match(ed->kinds, o.mask))
				self_loop[sccs.comp[v]] = true;
		}
	}
	for (size_t i = 0; i < sccs.count; i++)
		start[i + 1] += start[i];
	uint32_t *fill = xmalloc(sizeof(uint32_t) * (sccs.count ? sccs.count : 1));
	if (sccs.count)
		memcpy(fill, start, sizeof(uint32_t) * sccs.count);
	for (size_t v = 0; v < n; v++)
		members[fill[sccs.comp[v]]++] = (uint32_t)v;
	free(fill);

	uint32_t *local = xmalloc(sizeof(uint32_t) * (n ? n : 1));
	for (size_t v = 0; v < n; v++)
		local[v] = NONE;
	for (size_t ci = 0; ci < sccs.count; ci++) {
		uint32_t k = start[ci + 1] - start[ci];
		if (k < 2 && !self_loop[ci])
			continue;
		struct comp c = { .g = g, .mask = o.mask, .members = members + start[ci],
				  .k = k, .local = local };
		for (uint32_t i = 0; i < k; i++)
			local[c.members[i]] = i;
		comp_build(&c);
		struct graph_cycle *gc = vec_push_zero(&out->comps);
		gc->size = k;
		gc->modules = ARENA_ARRAY(&out->arena, uint32_t, k);
		memcpy(gc->modules, c.members, sizeof(uint32_t) * k);
		shortest_cycle(&c, o.cycle_budget, gc, &out->arena);
		if (!o.no_cut) {
			cut_set(&c, o.cut_budget, gc, &out->arena);
		}
		for (uint32_t i = 0; i < k; i++)
			local[c.members[i]] = NONE;
		comp_free(&c);
	}
	if (out->comps.len)
		qsort(out->comps.ptr, out->comps.len, sizeof(struct graph_cycle), cmp_cycle);
	free(local);
	free(start);
	free(members);
	free(self_loop);
	graph_sccs_release(&sccs);
}

void graph_cycles_release(struct graph_cycles *self)
{
	vec_release(&self->comps);
	arena_release(&self->arena);
}
