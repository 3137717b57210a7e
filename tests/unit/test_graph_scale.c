/* The scaling check of issue #4: a random graph of 200k modules and 1M
 * imports, SCCs and cycles (shortest cycle and cut set per component).
 * Prints the times; asserts only on results, never on time. */
#include "test.h"

#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "graph/cycles.h"
#include "graph/graph.h"

enum { NODES = 200000, EDGES = 1000000 };

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ull;
}

TEST(random_200k_1m)
{
	uint64_t seed = 7;
	double t0 = now();
	struct graph g;
	graph_init(&g);
	/* Names shaped like a real tree: pkgNN.subNNN.modNNNNNN. */
	char name[48];
	for (uint32_t i = 0; i < NODES; i++) {
		snprintf(name, sizeof name, "pkg%02u.sub%03u.mod%06u", i % 50, i % 997, i);
		graph_add_node(&g, slice_cstr(name), GRAPH_NODE_LOCAL, NULL, false);
	}
	/* graph_add_node returned dense indices 0..NODES-1 in this order. */
	for (uint32_t i = 0; i < EDGES; i++) {
		uint32_t from = (uint32_t)(rnd(&seed) % NODES);
		uint32_t to = (uint32_t)(rnd(&seed) % NODES);
		unsigned kind = rnd(&seed) % 4 ? GRAPH_EDGE_EAGER : GRAPH_EDGE_LAZY;
		graph_add_edge_idx(&g, from, to, "f.py", i % 500 + 1, 0, kind);
	}
	double t1 = now();
	graph_freeze(&g);
	double t2 = now();
	struct graph_sccs s;
	graph_sccs_find(&s, &g, GRAPH_MASK_DEFAULT);
	double t3 = now();
	struct graph_cycles cy;
	graph_cycles_find(&cy, &g, NULL);
	double t4 = now();
	CHECK_INT(graph_node_count(&g), NODES);
	CHECK(cy.comps.len >= 1);
	size_t biggest = cy.comps.len ? cy.comps.ptr[0].size : 0;
	for (size_t i = 0; i < cy.comps.len; i++)
		CHECK(graph_cycle_cut_is_acyclic(&g, &cy.comps.ptr[i], GRAPH_MASK_DEFAULT));
	double t5 = now();
	printf("graph scale: %d nodes, %zu edges (after dedup): build %.3fs, freeze %.3fs, "
	       "sccs %.3fs (%zu components), cycles+cuts %.3fs (%zu cyclic components, "
	       "largest %zu modules, shortest cycle %zu, cut %zu imports%s%s), verify %.3fs\n",
	       NODES, graph_edge_count(&g), t1 - t0, t2 - t1, t3 - t2, s.count, t4 - t3,
	       cy.comps.len, biggest, cy.comps.len ? cy.comps.ptr[0].cycle_len : 0,
	       cy.comps.len ? cy.comps.ptr[0].cut_len : 0,
	       cy.comps.len && !cy.comps.ptr[0].cycle_exact ? ", cycle budget hit" : "",
	       cy.comps.len && !cy.comps.ptr[0].cut_minimal ? ", cut budget hit" : "",
	       t5 - t4);
	graph_cycles_release(&cy);
	graph_sccs_release(&s);
	graph_release(&g);
}

TEST_MAIN(T(random_200k_1m))
