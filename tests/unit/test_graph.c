#include "test.h"

#include <stdint.h>
#include <stdlib.h>

#include "base/buf.h"
#include "graph/cycles.h"
#include "graph/graph.h"
#include "graph/query.h"
#include "report/emit_graph.h"

/* ---- helpers --------------------------------------------------------------- */

/* Adds edges written as "a>b b>c ..." (eager, line = position in the list,
 * file "<from>.py"). */
static void add_edges(struct graph *g, const char *spec, unsigned kinds)
{
	const char *p = spec;
	uint32_t line = 1;
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *gt = strchr(p, '>');
		const char *end = strchr(gt, ' ');
		if (!end)
			end = gt + strlen(gt);
		char file[64];
		snprintf(file, sizeof file, "%.*s.py", (int)(gt - p), p);
		graph_add_edge(g, slice_make(p, (size_t)(gt - p)), slice_make(gt + 1, (size_t)(end - gt - 1)),
			       file, line++, 0, kinds);
		p = end;
	}
}

static uint32_t node(const struct graph *g, const char *name)
{
	int64_t i = graph_find(g, slice_cstr(name));
	CHECK(i >= 0);
	return i < 0 ? 0 : (uint32_t)i;
}

static const char *name_of(const struct graph *g, uint32_t n)
{
	return g->nodes.ptr[n].name.ptr;
}

/* The cycle as "a>b>c>a". */
static void cycle_str(struct buf *out, const struct graph *g, const struct graph_cycle *c)
{
	buf_clear(out);
	for (size_t i = 0; i < c->cycle_len; i++) {
		const struct graph_edge *e = &g->edges.ptr[c->cycle[i]];
		if (i == 0)
			buf_adds(out, name_of(g, e->from));
		buf_addc(out, '>');
		buf_adds(out, name_of(g, e->to));
	}
}

static void modules_str(struct buf *out, const struct graph *g, const struct graph_cycle *c)
{
	buf_clear(out);
	for (size_t i = 0; i < c->size; i++) {
		if (i)
			buf_addc(out, ',');
		buf_adds(out, name_of(g, c->modules[i]));
	}
}

/* A small deterministic generator (xorshift64*), state passed explicitly. */
static uint64_t rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ull;
}

/* ---- structure ------------------------------------------------------------- */

TEST(freeze_orders_and_dedupes)
{
	struct graph g;
	graph_init(&g);
	add_edges(&g, "zeta>alpha mid>zeta alpha>mid", GRAPH_EDGE_EAGER);
	graph_add_edge(&g, SLICE_LIT("zeta"), SLICE_LIT("alpha"), "zeta.py", 1, 0, GRAPH_EDGE_EAGER);
	graph_add_node(&g, SLICE_LIT("beta"), GRAPH_NODE_STDLIB, "/lib/beta.py", true);
	graph_freeze(&g);
	CHECK_INT(graph_node_count(&g), 4);
	CHECK_STR(name_of(&g, 0), "alpha");
	CHECK_STR(name_of(&g, 1), "beta");
	CHECK_STR(name_of(&g, 2), "mid");
	CHECK_STR(name_of(&g, 3), "zeta");
	CHECK_INT(g.nodes.ptr[1].kind, GRAPH_NODE_STDLIB);
	CHECK_STR(g.nodes.ptr[1].file, "/lib/beta.py");
	CHECK(g.nodes.ptr[1].package);
	CHECK_INT(g.nodes.ptr[0].kind, GRAPH_NODE_UNRESOLVED);
	CHECK_INT(graph_edge_count(&g), 3); /* the duplicate is gone */
	CHECK_INT(node(&g, "zeta"), 3);
	CHECK(graph_find(&g, SLICE_LIT("nope")) == -1);
	/* out-edges of zeta and in-edges of alpha */
	CHECK_INT(graph_out_end(&g, 3) - graph_out_begin(&g, 3), 1);
	CHECK_INT(g.edges.ptr[graph_out_begin(&g, 3)].to, 0);
	CHECK_INT(graph_in_end(&g, 0) - graph_in_begin(&g, 0), 1);
	CHECK_INT(g.edges.ptr[g.in_edges[graph_in_begin(&g, 0)]].from, 3);
	CHECK_INT(graph_out_end(&g, 1) - graph_out_begin(&g, 1), 0);
	graph_release(&g);
}

TEST(edges_sorted_by_target_then_line)
{
	struct graph g;
	graph_init(&g);
	graph_add_edge(&g, SLICE_LIT("m"), SLICE_LIT("b"), "m.py", 9, 0, GRAPH_EDGE_LAZY);
	graph_add_edge(&g, SLICE_LIT("m"), SLICE_LIT("a"), "m.py", 7, 0, GRAPH_EDGE_EAGER);
	graph_add_edge(&g, SLICE_LIT("m"), SLICE_LIT("b"), "m.py", 2, 4, GRAPH_EDGE_EAGER);
	graph_freeze(&g);
	uint32_t m = node(&g, "m");
	uint32_t e = graph_out_begin(&g, m);
	CHECK_INT(graph_out_end(&g, m) - e, 3);
	CHECK_STR(name_of(&g, g.edges.ptr[e].to), "a");
	CHECK_INT(g.edges.ptr[e + 1].line, 2);
	CHECK_INT(g.edges.ptr[e + 1].col, 4);
	CHECK_INT(g.edges.ptr[e + 2].line, 9);
	graph_release(&g);
}

TEST(kind_masks)
{
	CHECK(graph_kinds_match(GRAPH_EDGE_EAGER, GRAPH_MASK_DEFAULT));
	CHECK(graph_kinds_match(GRAPH_EDGE_EAGER | GRAPH_EDGE_PARENT, GRAPH_MASK_DEFAULT));
	CHECK(!graph_kinds_match(GRAPH_EDGE_EAGER | GRAPH_EDGE_PARENT, GRAPH_EDGE_EAGER));
	CHECK(!graph_kinds_match(GRAPH_EDGE_LAZY, GRAPH_MASK_DEFAULT));
	CHECK(!graph_kinds_match(GRAPH_EDGE_LAZY | GRAPH_EDGE_PARENT, GRAPH_MASK_DEFAULT));
	CHECK(graph_kinds_match(GRAPH_EDGE_LAZY | GRAPH_EDGE_EAGER, GRAPH_EDGE_EAGER));
	unsigned mask = 0;
	const char *bad = NULL;
	size_t bad_len = 0;
	CHECK_INT(graph_parse_kinds("eager,type_checking,parent", &mask, &bad, &bad_len), 0);
	CHECK_INT(mask, GRAPH_EDGE_EAGER | GRAPH_EDGE_TYPE_CHECKING | GRAPH_EDGE_PARENT);
	CHECK_INT(graph_parse_kinds("all", &mask, &bad, &bad_len), 0);
	CHECK_INT(mask, GRAPH_EDGE_ALL);
	CHECK_INT(graph_parse_kinds("eager,bogus,lazy", &mask, &bad, &bad_len), -1);
	CHECK_INT(bad_len, 5);
	CHECK(bad && !strncmp(bad, "bogus", 5));
	CHECK_INT(graph_parse_kinds("eager,", &mask, &bad, &bad_len), -1);
	CHECK_INT(bad_len, 0);
}

TEST(import_adds_parent_edges)
{
	struct graph g;
	graph_init(&g);
	graph_add_import(&g, SLICE_LIT("m"), SLICE_LIT("a.b.c"), "m.py", 3, 0, GRAPH_EDGE_LAZY);
	/* inside package p: no parent edge to p or to p.q itself */
	graph_add_import(&g, SLICE_LIT("p.q"), SLICE_LIT("p.q.r"), "p/q.py", 1, 0, GRAPH_EDGE_EAGER);
	graph_add_import(&g, SLICE_LIT("pp"), SLICE_LIT("p.x"), "pp.py", 1, 0, GRAPH_EDGE_EAGER);
	graph_freeze(&g);
	struct buf b = BUF_INIT;
	emit_graph_json(&b, &g);
	const char *edges = strstr(b.ptr, "\"edges\"");
	CHECK_STR(edges,
		"\"edges\": [\n"
		"{\"from\": \"m\", \"to\": \"a\", \"file\": \"m.py\", \"line\": 3, \"kind\": \"lazy+parent\"},\n"
		"{\"from\": \"m\", \"to\": \"a.b\", \"file\": \"m.py\", \"line\": 3, \"kind\": \"lazy+parent\"},\n"
		"{\"from\": \"m\", \"to\": \"a.b.c\", \"file\": \"m.py\", \"line\": 3, \"kind\": \"lazy\"},\n"
		"{\"from\": \"p.q\", \"to\": \"p.q.r\", \"file\": \"p/q.py\", \"line\": 1, \"kind\": \"eager\"},\n"
		"{\"from\": \"pp\", \"to\": \"p\", \"file\": \"pp.py\", \"line\": 1, \"kind\": \"eager+parent\"},\n"
		"{\"from\": \"pp\", \"to\": \"p.x\", \"file\": \"pp.py\", \"line\": 1, \"kind\": \"eager\"}\n"
		"]}\n");
	buf_release(&b);
	graph_release(&g);
}

/* ---- SCCs and cycles ------------------------------------------------------- */

TEST(scc_known_graph)
{
	struct graph g;
	graph_init(&g);
	add_edges(&g, "a>b b>c c>a c>d d>e e>d f>f g>a", GRAPH_EDGE_EAGER);
	graph_add_node(&g, SLICE_LIT("h"), GRAPH_NODE_LOCAL, NULL, false);
	graph_freeze(&g);
	struct graph_sccs s;
	graph_sccs_find(&s, &g, GRAPH_MASK_DEFAULT);
	CHECK_INT(s.count, 5); /* abc, de, f, g, h */
	CHECK(s.comp[node(&g, "a")] == s.comp[node(&g, "b")]);
	CHECK(s.comp[node(&g, "a")] == s.comp[node(&g, "c")]);
	CHECK(s.comp[node(&g, "d")] == s.comp[node(&g, "e")]);
	CHECK(s.comp[node(&g, "a")] != s.comp[node(&g, "d")]);
	CHECK(s.comp[node(&g, "g")] != s.comp[node(&g, "a")]);
	/* Tarjan completes components in reverse topological order. */
	CHECK(s.comp[node(&g, "d")] < s.comp[node(&g, "a")]);
	CHECK(s.comp[node(&g, "a")] < s.comp[node(&g, "g")]);
	graph_sccs_release(&s);

	struct graph_cycles cy;
	graph_cycles_find(&cy, &g, NULL);
	CHECK_INT(cy.comps.len, 3);
	struct buf b = BUF_INIT;
	modules_str(&b, &g, &cy.comps.ptr[0]);
	CHECK_STR(b.ptr, "a,b,c");
	cycle_str(&b, &g, &cy.comps.ptr[0]);
	CHECK_STR(b.ptr, "a>b>c>a");
	CHECK_INT(cy.comps.ptr[0].cut_len, 1);
	modules_str(&b, &g, &cy.comps.ptr[1]);
	CHECK_STR(b.ptr, "d,e");
	cycle_str(&b, &g, &cy.comps.ptr[1]);
	CHECK_STR(b.ptr, "d>e>d");
	modules_str(&b, &g, &cy.comps.ptr[2]);
	CHECK_STR(b.ptr, "f");
	cycle_str(&b, &g, &cy.comps.ptr[2]);
	CHECK_STR(b.ptr, "f>f");
	CHECK_INT(cy.comps.ptr[2].cut_len, 1);
	for (size_t i = 0; i < cy.comps.len; i++) {
		CHECK(cy.comps.ptr[i].cycle_exact);
		CHECK(cy.comps.ptr[i].cut_minimal);
		CHECK(graph_cycle_cut_is_acyclic(&g, &cy.comps.ptr[i], GRAPH_MASK_DEFAULT));
	}
	buf_release(&b);
	graph_cycles_release(&cy);
	graph_release(&g);
}

TEST(nested_cycles_shortest_and_cut)
{
	struct graph g;
	graph_init(&g);
	/* a<->b nested in a>b>c>d>a, and a longer loop through e. */
	add_edges(&g, "a>b b>a b>c c>d d>a d>e e>c", GRAPH_EDGE_EAGER);
	graph_freeze(&g);
	struct graph_cycles cy;
	graph_cycles_find(&cy, &g, NULL);
	CHECK_INT(cy.comps.len, 1);
	struct graph_cycle *c = &cy.comps.ptr[0];
	CHECK_INT(c->size, 5);
	struct buf b = BUF_INIT;
	cycle_str(&b, &g, c);
	CHECK_STR(b.ptr, "a>b>a");
	CHECK(graph_cycle_cut_is_acyclic(&g, c, GRAPH_MASK_DEFAULT));
	CHECK(c->cut_minimal);
	CHECK(c->cut_len >= 1 && c->cut_len <= 2);
	buf_release(&b);
	graph_cycles_release(&cy);
	graph_release(&g);
}

TEST(shortest_cycle_prefers_length_then_name)
{
	struct graph g;
	graph_init(&g);
	/* through a: length 4 only; through b: b>c>b is 2 (b is the first member
	 * on a cycle of length 2). */
	add_edges(&g, "a>b b>c c>d d>a c>b", GRAPH_EDGE_EAGER);
	graph_freeze(&g);
	struct graph_cycles cy;
	graph_cycles_find(&cy, &g, NULL);
	CHECK_INT(cy.comps.len, 1);
	struct buf b = BUF_INIT;
	cycle_str(&b, &g, &cy.comps.ptr[0]);
	CHECK_STR(b.ptr, "b>c>b");
	CHECK_STR(g.edges.ptr[cy.comps.ptr[0].cycle[0]].file, "b.py");
	buf_release(&b);
	graph_cycles_release(&cy);
	graph_release(&g);
}

TEST(cycles_follow_the_mask)
{
	struct graph g;
	graph_init(&g);
	add_edges(&g, "a>b", GRAPH_EDGE_EAGER);
	add_edges(&g, "b>a", GRAPH_EDGE_TYPE_CHECKING);
	add_edges(&g, "c>d", GRAPH_EDGE_EAGER | GRAPH_EDGE_PARENT);
	add_edges(&g, "d>c", GRAPH_EDGE_EAGER);
	add_edges(&g, "e>f f>e", GRAPH_EDGE_LAZY);
	graph_freeze(&g);
	struct graph_cycles cy;
	graph_cycles_find(&cy, &g, NULL); /* eager + parent */
	CHECK_INT(cy.comps.len, 1);
	struct buf b = BUF_INIT;
	if (cy.comps.len) {
		modules_str(&b, &g, &cy.comps.ptr[0]);
		CHECK_STR(b.ptr, "c,d");
	}
	graph_cycles_release(&cy);

	struct graph_cycles_options o = { .mask = GRAPH_EDGE_EAGER };
	graph_cycles_find(&cy, &g, &o);
	CHECK_INT(cy.comps.len, 0);
	graph_cycles_release(&cy);

	o.mask = GRAPH_EDGE_ALL;
	graph_cycles_find(&cy, &g, &o);
	CHECK_INT(cy.comps.len, 3);
	graph_cycles_release(&cy);

	o.mask = GRAPH_EDGE_EAGER | GRAPH_EDGE_TYPE_CHECKING;
	graph_cycles_find(&cy, &g, &o);
	CHECK_INT(cy.comps.len, 1);
	if (cy.comps.len) {
		modules_str(&b, &g, &cy.comps.ptr[0]);
		CHECK_STR(b.ptr, "a,b");
	}
	graph_cycles_release(&cy);
	buf_release(&b);
	graph_release(&g);
}

TEST(cut_takes_every_import_of_the_lighter_pair)
{
	struct graph g;
	graph_init(&g);
	graph_add_edge(&g, SLICE_LIT("a"), SLICE_LIT("b"), "a.py", 1, 0, GRAPH_EDGE_EAGER);
	graph_add_edge(&g, SLICE_LIT("a"), SLICE_LIT("b"), "a.py", 5, 0, GRAPH_EDGE_EAGER);
	graph_add_edge(&g, SLICE_LIT("b"), SLICE_LIT("a"), "b.py", 3, 0, GRAPH_EDGE_EAGER);
	graph_add_edge(&g, SLICE_LIT("b"), SLICE_LIT("a"), "b.py", 4, 0, GRAPH_EDGE_LAZY);
	graph_freeze(&g);
	struct graph_cycles cy;
	graph_cycles_find(&cy, &g, NULL);
	CHECK_INT(cy.comps.len, 1);
	struct graph_cycle *c = &cy.comps.ptr[0];
	CHECK_INT(c->cycle_len, 2);
	CHECK_INT(g.edges.ptr[c->cycle[0]].line, 1); /* first import of b in a */
	CHECK_INT(c->cut_len, 1);
	CHECK_INT(c->cut_pairs, 1);
	CHECK_STR(g.edges.ptr[c->cut[0]].file, "b.py");
	CHECK_INT(g.edges.ptr[c->cut[0]].line, 3);
	graph_cycles_release(&cy);

	/* When a->b is the lighter pair, both of b's imports... are cut together. */
	struct graph h;
	graph_init(&h);
	graph_add_edge(&h, SLICE_LIT("a"), SLICE_LIT("b"), "a.py", 1, 0, GRAPH_EDGE_EAGER);
	graph_add_edge(&h, SLICE_LIT("a"), SLICE_LIT("b"), "a.py", 2, 0, GRAPH_EDGE_EAGER);
	for (uint32_t line = 1; line <= 3; line++)
		graph_add_edge(&h, SLICE_LIT("b"), SLICE_LIT("a"), "b.py", line, 0, GRAPH_EDGE_EAGER);
	graph_freeze(&h);
	graph_cycles_find(&cy, &h, NULL);
	CHECK_INT(cy.comps.ptr[0].cut_len, 2);
	CHECK_STR(h.edges.ptr[cy.comps.ptr[0].cut[0]].file, "a.py");
	CHECK_STR(h.edges.ptr[cy.comps.ptr[0].cut[1]].file, "a.py");
	graph_cycles_release(&cy);
	graph_release(&h);
	graph_release(&g);
}

/* ---- random graphs against brute force ----------------------------------- */

enum { MAXN = 32 };

/* reach[u][v]: a non-empty path u -> v over edges passing mask, and not
 * removed (removed may be NULL). */
static void closure(const struct graph *g, unsigned mask, const bool *removed,
		    bool reach[MAXN][MAXN])
{
	size_t n = g->nodes.len;
	memset(reach, 0, sizeof(bool) * MAXN * MAXN);
	for (size_t i = 0; i < g->edges.len; i++) {
		const struct graph_edge *e = &g->edges.ptr[i];
		if (graph_kinds_match(e->kinds, mask) && !(removed && removed[i]))
			reach[e->from][e->to] = true;
	}
	for (size_t k = 0; k < n; k++)
		for (size_t i = 0; i < n; i++)
			if (reach[i][k])
				for (size_t j = 0; j < n; j++)
					if (reach[k][j])
						reach[i][j] = true;
}

/* Length of the shortest cycle through s (0 when none), by plain BFS over
 * an adjacency matrix. */
static unsigned shortest_through(const struct graph *g, unsigned mask, uint32_t s)
{
	size_t n = g->nodes.len;
	bool adj[MAXN][MAXN] = { { false } };
	for (size_t i = 0; i < g->edges.len; i++) {
		const struct graph_edge *e = &g->edges.ptr[i];
		if (graph_kinds_match(e->kinds, mask))
			adj[e->from][e->to] = true;
	}
	unsigned dist[MAXN];
	for (size_t i = 0; i < n; i++)
		dist[i] = 0;
	uint32_t queue[MAXN];
	size_t qh = 0, qt = 0;
	queue[qt++] = s;
	dist[s] = 1; /* 1 + depth, 0 = unseen */
	while (qh < qt) {
		uint32_t x = queue[qh++];
		for (uint32_t y = 0; y < n; y++) {
			if (!adj[x][y])
				continue;
			if (y == s)
				return dist[x];
			if (!dist[y]) {
				dist[y] = dist[x] + 1;
				queue[qt++] = y;
			}
		}
	}
	return 0;
}

static void random_graph(struct graph *g, uint64_t *seed, size_t n, size_t m)
{
	static const unsigned kinds[] = {
		GRAPH_EDGE_EAGER, GRAPH_EDGE_EAGER, GRAPH_EDGE_EAGER, GRAPH_EDGE_LAZY,
		GRAPH_EDGE_EAGER | GRAPH_EDGE_PARENT, GRAPH_EDGE_TYPE_CHECKING,
	};
	char a[16], b[16];
	for (size_t i = 0; i < n; i++) {
		snprintf(a, sizeof a, "m%zu", i);
		graph_add_node(g, slice_cstr(a), GRAPH_NODE_LOCAL, NULL, false);
	}
	for (size_t i = 0; i < m; i++) {
		snprintf(a, sizeof a, "m%zu", (size_t)(rnd(seed) % n));
		snprintf(b, sizeof b, "m%zu", (size_t)(rnd(seed) % n));
		graph_add_edge(g, slice_cstr(a), slice_cstr(b), "f.py", (uint32_t)(rnd(seed) % 5 + 1),
			       0, kinds[rnd(seed) % 6]);
	}
	graph_freeze(g);
}

TEST(random_graphs_match_brute_force)
{
	uint64_t seed = 0x9E3779B97F4A7C15ull;
	static bool reach[MAXN][MAXN], after[MAXN][MAXN];
	for (int round = 0; round < 200; round++) {
		size_t n = 2 + rnd(&seed) % (MAXN - 2);
		size_t m = rnd(&seed) % (3 * n + 1);
		struct graph g;
		graph_init(&g);
		random_graph(&g, &seed, n, m);
		unsigned mask = round % 3 == 0 ? GRAPH_EDGE_ALL : GRAPH_MASK_DEFAULT;
		closure(&g, mask, NULL, reach);

		struct graph_sccs s;
		graph_sccs_find(&s, &g, mask);
		for (uint32_t u = 0; u < n; u++)
			for (uint32_t v = 0; v < n; v++)
				CHECK((s.comp[u] == s.comp[v]) == (u == v || (reach[u][v] && reach[v][u])));

		struct graph_cycles_options o = { .mask = mask };
		struct graph_cycles cy;
		graph_cycles_find(&cy, &g, &o);
		size_t on_cycle = 0, listed = 0;
		for (uint32_t u = 0; u < n; u++)
			on_cycle += reach[u][u];
		bool *removed = calloc(g.edges.len + 1, sizeof(bool));
		for (size_t ci = 0; ci < cy.comps.len; ci++) {
			struct graph_cycle *c = &cy.comps.ptr[ci];
			listed += c->size;
			if (ci)
				CHECK(c->size < cy.comps.ptr[ci - 1].size ||
				      (c->size == cy.comps.ptr[ci - 1].size &&
				       c->modules[0] > cy.comps.ptr[ci - 1].modules[0]));
			/* The cycle is a closed walk of matching edges, as short as
			 * the shortest cycle through any member. */
			unsigned best = UINT32_MAX;
			for (size_t i = 0; i < c->size; i++) {
				unsigned l = shortest_through(&g, mask, c->modules[i]);
				CHECK(l > 0);
				if (l < best)
					best = l;
			}
			CHECK_INT(c->cycle_len, best);
			for (size_t i = 0; i < c->cycle_len; i++) {
				const struct graph_edge *e = &g.edges.ptr[c->cycle[i]];
				const struct graph_edge *next = &g.edges.ptr[c->cycle[(i + 1) % c->cycle_len]];
				CHECK(e->to == next->from);
				CHECK(graph_kinds_match(e->kinds, mask));
				CHECK(s.comp[e->from] == s.comp[c->modules[0]]);
			}
			CHECK(c->cycle_exact && c->cut_minimal);
			CHECK(graph_cycle_cut_is_acyclic(&g, c, mask));
			for (size_t i = 0; i < c->cut_len; i++)
				removed[c->cut[i]] = true;
		}
		CHECK_INT(listed, on_cycle);
		/* Without every cut, no cycle is left anywhere... */
		closure(&g, mask, removed, after);
		for (uint32_t u = 0; u < n; u++)
			CHECK(!after[u][u]);
		/* ...and each cut pair is needed: putting its imports back closes
		 * a cycle. */
		for (size_t ci = 0; ci < cy.comps.len; ci++) {
			struct graph_cycle *c = &cy.comps.ptr[ci];
			for (size_t i = 0; i < c->cut_len; i++) {
				const struct graph_edge *e = &g.edges.ptr[c->cut[i]];
				CHECK(e->from == e->to || after[e->to][e->from]); /* needed: to still reaches from */
				for (size_t j = 0; j < c->cut_len; j++) {
					const struct graph_edge *f = &g.edges.ptr[c->cut[j]];
					if (f->from == e->from && f->to == e->to)
						removed[c->cut[j]] = false;
				}
				closure(&g, mask, removed, after);
				bool cyclic = false;
				for (uint32_t u = 0; u < n; u++)
					cyclic |= after[u][u];
				CHECK(cyclic);
				for (size_t j = 0; j < c->cut_len; j++)
					removed[c->cut[j]] = true;
				closure(&g, mask, removed, after);
			}
		}
		free(removed);
		graph_cycles_release(&cy);
		graph_sccs_release(&s);
		graph_release(&g);
	}
}

/* ---- queries --------------------------------------------------------------- */

static void path_str(struct buf *out, const struct graph *g, const struct graph_ids *p)
{
	buf_clear(out);
	for (size_t i = 0; i < p->len; i++) {
		const struct graph_edge *e = &g->edges.ptr[p->ptr[i]];
		if (i == 0)
			buf_adds(out, name_of(g, e->from));
		buf_addf(out, ">%s:%u", name_of(g, e->to), (unsigned)e->line);
	}
}

TEST(shortest_path)
{
	struct graph g;
	graph_init(&g);
	add_edges(&g, "a>c a>b b>d c>d d>e", GRAPH_EDGE_EAGER);
	add_edges(&g, "a>e", GRAPH_EDGE_LAZY);
	graph_freeze(&g);
	struct graph_ids p = { 0 };
	struct buf b = BUF_INIT;
	CHECK_INT(graph_path(&g, node(&g, "a"), node(&g, "e"), GRAPH_MASK_DEFAULT, &p), 0);
	path_str(&b, &g, &p);
	CHECK_STR(b.ptr, "a>b:2>d:3>e:5"); /* via b: b sorts before c */
	vec_clear(&p);
	CHECK_INT(graph_path(&g, node(&g, "a"), node(&g, "e"), GRAPH_EDGE_ALL, &p), 0);
	path_str(&b, &g, &p);
	CHECK_STR(b.ptr, "a>e:1");
	vec_clear(&p);
	CHECK_INT(graph_path(&g, node(&g, "e"), node(&g, "a"), GRAPH_EDGE_ALL, &p), -1);
	CHECK_INT(p.len, 0);
	CHECK_INT(graph_path(&g, node(&g, "c"), node(&g, "c"), GRAPH_EDGE_ALL, &p), 0);
	CHECK_INT(p.len, 0);
	vec_release(&p);
	buf_release(&b);
	graph_release(&g);
}

static void hits_str(struct buf *out, const struct graph *g, const struct graph_hits *h)
{
	buf_clear(out);
	for (size_t i = 0; i < h->len; i++)
		buf_addf(out, "%s%s:%u", i ? " " : "", name_of(g, h->ptr[i].node),
			 (unsigned)h->ptr[i].depth);
}

TEST(deps_rdeps_depth)
{
	struct graph g;
	graph_init(&g);
	add_edges(&g, "a>b b>c c>d a>x x>d d>b", GRAPH_EDGE_EAGER);
	add_edges(&g, "t>c", GRAPH_EDGE_LAZY);
	graph_freeze(&g);
	struct graph_hits h = { 0 };
	struct buf b = BUF_INIT;
	uint32_t a = node(&g, "a"), d = node(&g, "d"), c = node(&g, "c");
	graph_reach(&g, &a, 1, GRAPH_MASK_DEFAULT, GRAPH_FORWARD, 1, &h);
	hits_str(&b, &g, &h);
	CHECK_STR(b.ptr, "a:0 b:1 x:1");
	vec_clear(&h);
	graph_reach(&g, &a, 1, GRAPH_MASK_DEFAULT, GRAPH_FORWARD, GRAPH_DEPTH_UNLIMITED, &h);
	hits_str(&b, &g, &h);
	CHECK_STR(b.ptr, "a:0 b:1 x:1 c:2 d:2");
	CHECK_STR(name_of(&g, g.edges.ptr[h.ptr[4].edge].from), "x"); /* d: first reached from x */
	vec_clear(&h);
	graph_reach(&g, &d, 1, GRAPH_MASK_DEFAULT, GRAPH_BACKWARD, 2, &h);
	hits_str(&b, &g, &h);
	CHECK_STR(b.ptr, "d:0 c:1 x:1 a:2 b:2");
	vec_clear(&h);
	/* affected: everything importing c or x, any kind */
	uint32_t starts[] = { c, node(&g, "x"), c };
	graph_reach(&g, starts, 3, GRAPH_EDGE_ALL, GRAPH_BACKWARD, GRAPH_DEPTH_UNLIMITED, &h);
	hits_str(&b, &g, &h);
	CHECK_STR(b.ptr, "c:0 x:0 a:1 b:1 t:1 d:2");
	CHECK_INT(h.ptr[0].edge, UINT32_MAX);
	vec_clear(&h);
	graph_reach(&g, &a, 1, GRAPH_MASK_DEFAULT, GRAPH_FORWARD, 0, &h);
	hits_str(&b, &g, &h);
	CHECK_STR(b.ptr, "a:0");
	vec_release(&h);
	buf_release(&b);
	graph_release(&g);
}

TEST(collapse_packages)
{
	struct graph g;
	graph_init(&g);
	graph_add_node(&g, SLICE_LIT("b"), GRAPH_NODE_LOCAL, "b/__init__.py", true);
	graph_add_node(&g, SLICE_LIT("a.x.m1"), GRAPH_NODE_LOCAL, "a/x/m1.py", false);
	graph_add_node(&g, SLICE_LIT("os.path"), GRAPH_NODE_STDLIB, "/lib/posixpath.py", false);
	graph_add_edge(&g, SLICE_LIT("a.x.m1"), SLICE_LIT("b.z"), "a/x/m1.py", 5, 0, GRAPH_EDGE_EAGER);
	graph_add_edge(&g, SLICE_LIT("a.x.m2"), SLICE_LIT("b.z"), "a/x/m2.py", 2, 0, GRAPH_EDGE_LAZY);
	graph_add_edge(&g, SLICE_LIT("a.x.m2"), SLICE_LIT("b"), "a/x/m2.py", 2, 0,
		       GRAPH_EDGE_LAZY | GRAPH_EDGE_PARENT);
	graph_add_edge(&g, SLICE_LIT("a.x.m1"), SLICE_LIT("a.y"), "a/x/m1.py", 1, 0, GRAPH_EDGE_EAGER);
	graph_add_edge(&g, SLICE_LIT("b"), SLICE_LIT("a.y"), "b/__init__.py", 7, 0,
		       GRAPH_EDGE_EAGER | GRAPH_EDGE_PARENT);
	graph_add_edge(&g, SLICE_LIT("b.z"), SLICE_LIT("os.path"), "b/z.py", 1, 0, GRAPH_EDGE_EAGER);
	graph_freeze(&g);

	struct graph c1;
	graph_init(&c1);
	graph_collapse(&c1, &g, 1);
	struct buf b = BUF_INIT;
	emit_graph_json(&b, &c1);
	CHECK_STR(b.ptr,
		"{\"nodes\": [\n"
		"{\"module\": \"a\", \"kind\": \"local\", \"file\": null, \"package\": true},\n"
		"{\"module\": \"b\", \"kind\": \"local\", \"file\": \"b/__init__.py\", \"package\": true},\n"
		"{\"module\": \"os\", \"kind\": \"stdlib\", \"file\": null, \"package\": true}\n"
		"], \"edges\": [\n"
		"{\"from\": \"a\", \"to\": \"b\", \"file\": \"a/x/m1.py\", \"line\": 5, \"kind\": \"eager+lazy\"},\n"
		"{\"from\": \"b\", \"to\": \"a\", \"file\": \"b/__init__.py\", \"line\": 7, \"kind\": \"eager+parent\"},\n"
		"{\"from\": \"b\", \"to\": \"os\", \"file\": \"b/z.py\", \"line\": 1, \"kind\": \"eager\"}\n"
		"]}\n");
	graph_release(&c1);

	struct graph c2;
	graph_init(&c2);
	graph_collapse(&c2, &g, 2);
	CHECK_INT(graph_node_count(&c2), 5); /* a.x a.y b b.z os.path */
	CHECK(c2.nodes.ptr[node(&c2, "a.x")].package);
	CHECK_INT(c2.nodes.ptr[node(&c2, "a.y")].kind, GRAPH_NODE_UNRESOLVED);
	CHECK(!c2.nodes.ptr[node(&c2, "os.path")].package);
	CHECK_STR(c2.nodes.ptr[node(&c2, "os.path")].file, "/lib/posixpath.py");
	uint32_t ax = node(&c2, "a.x");
	CHECK_INT(graph_out_end(&c2, ax) - graph_out_begin(&c2, ax), 3); /* a.y b b.z */
	const struct graph_edge *e = &c2.edges.ptr[graph_out_begin(&c2, ax) + 1];
	CHECK_STR(name_of(&c2, e->to), "b");
	CHECK_INT(e->kinds, GRAPH_EDGE_LAZY | GRAPH_EDGE_PARENT);
	e = &c2.edges.ptr[graph_out_begin(&c2, ax) + 2];
	CHECK_STR(name_of(&c2, e->to), "b.z");
	CHECK_INT(e->kinds, GRAPH_EDGE_EAGER | GRAPH_EDGE_LAZY);
	CHECK_STR(e->file, "a/x/m1.py");
	graph_release(&c2);
	CHECK_INT(graph_collapse_prefix(SLICE_LIT("a.b.c"), 1), 1);
	CHECK_INT(graph_collapse_prefix(SLICE_LIT("a.b.c"), 2), 3);
	CHECK_INT(graph_collapse_prefix(SLICE_LIT("a.b.c"), 3), 5);
	CHECK_INT(graph_collapse_prefix(SLICE_LIT("a.b.c"), 9), 5);
	buf_release(&b);
	graph_release(&g);
}

TEST(subgraph_filters)
{
	struct graph g;
	graph_init(&g);
	graph_add_node(&g, SLICE_LIT("os"), GRAPH_NODE_STDLIB, NULL, false);
	add_edges(&g, "a>b b>os a>c", GRAPH_EDGE_EAGER);
	add_edges(&g, "c>a", GRAPH_EDGE_LAZY);
	graph_freeze(&g);
	bool keep[4];
	for (size_t i = 0; i < 4; i++)
		keep[i] = g.nodes.ptr[i].kind != GRAPH_NODE_STDLIB;
	struct graph s;
	graph_init(&s);
	graph_subgraph(&s, &g, keep, GRAPH_MASK_DEFAULT);
	CHECK_INT(graph_node_count(&s), 3);
	CHECK_INT(graph_edge_count(&s), 2);
	CHECK(graph_find(&s, SLICE_LIT("os")) == -1);
	graph_release(&s);
	graph_release(&g);
}

/* ---- output ---------------------------------------------------------------- */

TEST(json_exact)
{
	struct graph g;
	graph_init(&g);
	graph_add_node(&g, SLICE_LIT("pkg"), GRAPH_NODE_LOCAL, "pkg/__init__.py", true);
	graph_add_node(&g, SLICE_LIT("pkg.mod"), GRAPH_NODE_LOCAL, "pkg/mod.py", false);
	graph_add_node(&g, SLICE_LIT("json"), GRAPH_NODE_STDLIB, "/usr/lib/python3.11/json/__init__.py", true);
	graph_add_edge(&g, SLICE_LIT("pkg.mod"), SLICE_LIT("pkg"), "pkg/mod.py", 1, 0,
		       GRAPH_EDGE_EAGER | GRAPH_EDGE_PARENT);
	graph_add_edge(&g, SLICE_LIT("pkg"), SLICE_LIT("pkg.mod"), "pkg/__init__.py", 2, 0, GRAPH_EDGE_EAGER);
	graph_add_edge(&g, SLICE_LIT("pkg.mod"), SLICE_LIT("json"), "pkg/mod.py", 3, 4, GRAPH_EDGE_GUARDED);
	graph_add_edge(&g, SLICE_LIT("pkg.mod"), SLICE_LIT("nowhere"), "pkg/mod.py", 9, 8, GRAPH_EDGE_DYNAMIC);
	graph_freeze(&g);
	struct buf b = BUF_INIT;
	emit_graph_json(&b, &g);
	CHECK_STR(b.ptr,
		"{\"nodes\": [\n"
		"{\"module\": \"json\", \"kind\": \"stdlib\", \"file\": \"/usr/lib/python3.11/json/__init__.py\", \"package\": true},\n"
		"{\"module\": \"nowhere\", \"kind\": \"unresolved\", \"file\": null, \"package\": false},\n"
		"{\"module\": \"pkg\", \"kind\": \"local\", \"file\": \"pkg/__init__.py\", \"package\": true},\n"
		"{\"module\": \"pkg.mod\", \"kind\": \"local\", \"file\": \"pkg/mod.py\", \"package\": false}\n"
		"], \"edges\": [\n"
		"{\"from\": \"pkg\", \"to\": \"pkg.mod\", \"file\": \"pkg/__init__.py\", \"line\": 2, \"kind\": \"eager\"},\n"
		"{\"from\": \"pkg.mod\", \"to\": \"json\", \"file\": \"pkg/mod.py\", \"line\": 3, \"kind\": \"guarded\"},\n"
		"{\"from\": \"pkg.mod\", \"to\": \"nowhere\", \"file\": \"pkg/mod.py\", \"line\": 9, \"kind\": \"dynamic\"},\n"
		"{\"from\": \"pkg.mod\", \"to\": \"pkg\", \"file\": \"pkg/mod.py\", \"line\": 1, \"kind\": \"eager+parent\"}\n"
		"]}\n");

	struct graph_cycles cy;
	graph_cycles_find(&cy, &g, NULL);
	buf_clear(&b);
	emit_cycles_json(&b, &g, &cy);
	CHECK_STR(b.ptr,
		"{\"components\": [\n"
		"{\"size\": 2, \"modules\": [\"pkg\", \"pkg.mod\"], \"cycle\": ["
		"{\"from\": \"pkg\", \"to\": \"pkg.mod\", \"file\": \"pkg/__init__.py\", \"line\": 2, \"kind\": \"eager\"}, "
		"{\"from\": \"pkg.mod\", \"to\": \"pkg\", \"file\": \"pkg/mod.py\", \"line\": 1, \"kind\": \"eager+parent\"}], "
		"\"cut\": [{\"from\": \"pkg.mod\", \"to\": \"pkg\", \"file\": \"pkg/mod.py\", \"line\": 1, \"kind\": \"eager+parent\"}]}\n"
		"]}\n");
	graph_cycles_release(&cy);

	struct graph empty;
	graph_init(&empty);
	graph_freeze(&empty);
	buf_clear(&b);
	emit_graph_json(&b, &empty);
	CHECK_STR(b.ptr, "{\"nodes\": [], \"edges\": []}\n");
	graph_cycles_find(&cy, &empty, NULL);
	buf_clear(&b);
	emit_cycles_json(&b, &empty, &cy);
	CHECK_STR(b.ptr, "{\"components\": []}\n");
	graph_cycles_release(&cy);
	graph_release(&empty);

	buf_clear(&b);
	emit_graph_dot(&b, &g);
	CHECK(strstr(b.ptr, "digraph modules {\n") == b.ptr);
	CHECK(strstr(b.ptr, "\tsubgraph \"cluster_pkg\" {\n\t\tlabel=\"pkg\";\n"
			    "\t\t\"pkg\" [shape=folder];\n\t\t\"pkg.mod\" [shape=box];\n\t}\n") != NULL);
	CHECK(strstr(b.ptr, "\t\"json\" [shape=folder, color=gray50") != NULL);
	CHECK(strstr(b.ptr, "\t\"pkg.mod\" -> \"pkg\" [style=solid, arrowhead=empty, "
			    "tooltip=\"pkg/mod.py:1 eager+parent\"];\n") != NULL);
	CHECK(strstr(b.ptr, "\t\"pkg.mod\" -> \"json\" [style=dashed, color=orange") != NULL);
	CHECK(b.len && b.ptr[b.len - 2] == '}');

	buf_clear(&b);
	emit_graph_mermaid(&b, &g);
	CHECK_STR(b.ptr,
		"graph LR\n"
		"\tm_json[[\"json\"]]\n"
		"\tm_nowhere[\"nowhere\"]\n"
		"\tm_pkg[[\"pkg\"]]\n"
		"\tm_pkg__mod[\"pkg.mod\"]\n"
		"\tm_pkg --> m_pkg__mod\n"
		"\tm_pkg__mod -.->|guarded| m_json\n"
		"\tm_pkg__mod -.->|dynamic| m_nowhere\n"
		"\tm_pkg__mod -->|eager+parent| m_pkg\n");
	buf_release(&b);
	graph_release(&g);
}

TEST(mermaid_ids_distinct)
{
	struct graph g;
	graph_init(&g);
	const char *names[] = { "a.b", "a_b", "a__b", "a._b", "a_.b", "end", "a-b" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		graph_intern(&g, slice_cstr(names[i]));
	graph_freeze(&g);
	struct buf b = BUF_INIT;
	emit_graph_mermaid(&b, &g);
	/* collect the ids (text between tab and '[') */
	char ids[16][32];
	size_t n = 0;
	for (const char *p = b.ptr; (p = strchr(p, '\t')) != NULL && n < 16; p++) {
		const char *q = strchr(p, '[');
		snprintf(ids[n++], sizeof ids[0], "%.*s", (int)(q - p - 1), p + 1);
		for (const char *r = p + 1; r < q; r++)
			CHECK((*r >= 'a' && *r <= 'z') || (*r >= 'A' && *r <= 'Z') ||
			      (*r >= '0' && *r <= '9') || *r == '_');
	}
	CHECK_INT(n, 7);
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			CHECK(strcmp(ids[i], ids[j]) != 0);
	buf_release(&b);
	graph_release(&g);
}

/* Building from the same edges in any order gives byte-identical output. */
TEST(determinism_under_shuffle)
{
	enum { N = 300, M = 1200 };
	struct spec {
		char from[12], to[12], file[12];
		uint32_t line, kinds;
	};
	static struct spec edges[M];
	uint64_t seed = 42;
	static const unsigned kinds[] = { GRAPH_EDGE_EAGER, GRAPH_EDGE_LAZY, GRAPH_EDGE_GUARDED,
					  GRAPH_EDGE_EAGER | GRAPH_EDGE_PARENT };
	for (size_t i = 0; i < M; i++) {
		uint64_t f = rnd(&seed) % N, t = rnd(&seed) % N;
		snprintf(edges[i].from, sizeof edges[i].from, "p%llu.m%llu",
			 (unsigned long long)(f % 7), (unsigned long long)f);
		snprintf(edges[i].to, sizeof edges[i].to, "p%llu.m%llu",
			 (unsigned long long)(t % 7), (unsigned long long)t);
		snprintf(edges[i].file, sizeof edges[i].file, "f%llu.py", (unsigned long long)f);
		edges[i].line = (uint32_t)(rnd(&seed) % 50 + 1);
		edges[i].kinds = kinds[rnd(&seed) % 4];
	}
	struct buf first = BUF_INIT;
	for (int round = 0; round < 4; round++) {
		if (round) {
			for (size_t i = M - 1; i > 0; i--) {
				size_t j = rnd(&seed) % (i + 1);
				struct spec t = edges[i];
				edges[i] = edges[j];
				edges[j] = t;
			}
		}
		struct graph g;
		graph_init(&g);
		for (size_t i = 0; i < M; i++)
			graph_add_edge(&g, slice_cstr(edges[i].from), slice_cstr(edges[i].to),
				       edges[i].file, edges[i].line, 0, edges[i].kinds);
		graph_freeze(&g);
		struct buf out = BUF_INIT;
		emit_graph_json(&out, &g);
		emit_graph_dot(&out, &g);
		emit_graph_mermaid(&out, &g);
		struct graph_cycles cy;
		graph_cycles_find(&cy, &g, NULL);
		CHECK(cy.comps.len > 0);
		emit_cycles_json(&out, &g, &cy);
		graph_cycles_release(&cy);
		struct graph c;
		graph_init(&c);
		graph_collapse(&c, &g, 1);
		emit_graph_json(&out, &c);
		graph_release(&c);
		if (round == 0) {
			buf_add(&first, out.ptr, out.len);
		} else {
			CHECK_INT(out.len, first.len);
			CHECK(memcmp(out.ptr, first.ptr, out.len) == 0);
		}
		buf_release(&out);
		graph_release(&g);
	}
	buf_release(&first);
}

TEST(deep_chain_no_recursion)
{
	/* A 100k-long chain closed into one cycle: recursion would overflow. */
	enum { N = 100000 };
	struct graph g;
	graph_init(&g);
	char a[16], b[16];
	for (size_t i = 0; i < N; i++) {
		snprintf(a, sizeof a, "n%06zu", i);
		snprintf(b, sizeof b, "n%06zu", (i + 1) % N);
		graph_add_edge(&g, slice_cstr(a), slice_cstr(b), "x.py", 1, 0, GRAPH_EDGE_EAGER);
	}
	graph_freeze(&g);
	struct graph_cycles cy;
	graph_cycles_find(&cy, &g, NULL);
	CHECK_INT(cy.comps.len, 1);
	CHECK_INT(cy.comps.ptr[0].size, N);
	CHECK_INT(cy.comps.ptr[0].cycle_len, N);
	CHECK_INT(cy.comps.ptr[0].cut_len, 1);
	graph_cycles_release(&cy);
	struct graph_ids p = { 0 };
	CHECK_INT(graph_path(&g, 0, N - 1, GRAPH_MASK_DEFAULT, &p), 0);
	CHECK_INT(p.len, N - 1);
	vec_release(&p);
	graph_release(&g);
}

TEST_MAIN(T(freeze_orders_and_dedupes), T(edges_sorted_by_target_then_line), T(kind_masks), T(import_adds_parent_edges),
	  T(scc_known_graph), T(nested_cycles_shortest_and_cut),
	  T(shortest_cycle_prefers_length_then_name), T(cycles_follow_the_mask),
	  T(cut_takes_every_import_of_the_lighter_pair), T(random_graphs_match_brute_force),
	  T(shortest_path), T(deps_rdeps_depth), T(collapse_packages), T(subgraph_filters),
	  T(json_exact), T(mermaid_ids_distinct), T(determinism_under_shuffle),
	  T(deep_chain_no_recursion))
