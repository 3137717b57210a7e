/* Queries on a frozen graph: shortest import chain (`why`), dependencies
 * and dependents within a depth (`deps`, `rdeps`), reverse reachability
 * from a set (`affected`), and folding modules into packages (`--collapse`).
 * All breadth-first, iterative, over the edges passing a kind mask, and
 * deterministic: neighbours are visited in the frozen edge order. */
#ifndef MODSCOPE_GRAPH_QUERY_H
#define MODSCOPE_GRAPH_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "graph/graph.h"

/* A list of edge (or node) indices; works with the base/vec.h macros. */
struct graph_ids {
	uint32_t *ptr;
	size_t len;
	size_t cap;
};

/* Finds a shortest chain of imports from node `from` to node `to` over the
 * edges passing mask.  Among shortest chains, the one breadth-first search
 * meets first in edge order (targets by name, then file, line).  Appends
 * the chain's edge indices, in order, to *out (owned by the caller; release
 * with vec_release).  Returns 0 when found (an empty chain when from == to),
 * -1 when `to` cannot be reached (out unchanged). */
int graph_path(const struct graph *g, uint32_t from, uint32_t to, unsigned mask,
	       struct graph_ids *out);

enum graph_direction {
	GRAPH_FORWARD,  /* follow imports: what the starts import (deps) */
	GRAPH_BACKWARD, /* follow importers: what imports the starts (rdeps) */
};

#define GRAPH_DEPTH_UNLIMITED UINT32_MAX

struct graph_hit {
	uint32_t node;
	uint32_t depth;  /* 0 for a start, else the number of edges walked */
	uint32_t edge;   /* edge by which BFS first reached node; UINT32_MAX for a start */
};

struct graph_hits {
	struct graph_hit *ptr;
	size_t len;
	size_t cap;
};

/* Every node reachable from the starts (node indices, borrowed; duplicates
 * allowed) in direction dir over edges passing mask, within max_depth edges
 * (GRAPH_DEPTH_UNLIMITED for no limit).  The starts themselves come first at
 * depth 0; the others follow sorted by (depth, name).  Appends to *out
 * (owned by the caller; release with vec_release). */
void graph_reach(const struct graph *g, const uint32_t *starts, size_t n_starts, unsigned mask,
		 enum graph_direction dir, uint32_t max_depth, struct graph_hits *out);

/* The package a module folds into at `levels` dotted components: returns
 * the length of name's first `levels` components (name.len when it has no
 * more than that).  levels >= 1. */
size_t graph_collapse_prefix(struct slice name, unsigned levels);

/* Builds into out (freshly graph_init'ed; frozen on return) the graph of the
 * frozen g with every module folded into its package `levels` components
 * deep (graph_collapse_prefix).  A folded node takes kind, file and package
 * flag from the module of exactly that name when g has one, else the kind
 * of its first member by name, no file; it is a package whenever it folds a
 * deeper module.  Edges between two different folded nodes are merged per
 * (from, to): the merged edge keeps the file, line and column of the first
 * occurrence in (file, line, col) order, the union of the kind bits, and
 * GRAPH_EDGE_PARENT only when every merged edge had it.  Edges inside one
 * folded node are dropped.  g is unchanged. */
void graph_collapse(struct graph *out, const struct graph *g, unsigned levels);

#endif
