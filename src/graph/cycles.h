/* Import cycles: strongly connected components of a frozen graph over a set
 * of edge kinds, each with a shortest concrete cycle and a small set of
 * imports whose removal makes it acyclic (docs/graph.md "Cycles").
 * Every algorithm here is iterative (no recursion) and deterministic: the
 * result depends only on the frozen graph and the mask. */
#ifndef MODSCOPE_GRAPH_CYCLES_H
#define MODSCOPE_GRAPH_CYCLES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "graph/graph.h"

/* The strongly connected components of g over the edges passing mask. */
struct graph_sccs {
	uint32_t *comp;   /* node -> component id, owned */
	size_t count;     /* number of components (trivial ones included) */
};

/* Computes the SCCs of the frozen g over edges passing mask (iterative
 * Tarjan).  Component ids are in the order Tarjan completes them (a reverse
 * topological order of the condensation).  out is owned by the caller;
 * release it with graph_sccs_release. */
void graph_sccs_find(struct graph_sccs *out, const struct graph *g, unsigned mask);
void graph_sccs_release(struct graph_sccs *self);

/* One non-trivial component: more than one module, or one module that
 * imports itself.  Arrays are owned by the enclosing graph_cycles. */
struct graph_cycle {
	uint32_t *modules;   /* node indices in name order */
	size_t size;
	uint32_t *cycle;     /* edge indices of g: a shortest cycle, in order;
			      * cycle[0] leaves the first module of the cycle and
			      * the last edge returns to it */
	size_t cycle_len;
	uint32_t *cut;       /* edge indices of g, sorted: removing them (all
			      * imports between the cut module pairs) leaves the
			      * component acyclic */
	size_t cut_len;
	size_t cut_pairs;    /* number of distinct (from, to) module pairs cut */
	bool cycle_exact;    /* false when the search budget ran out before every
			      * member was tried (cycle is still a real cycle) */
	bool cut_minimal;    /* false when the minimisation budget ran out */
};

struct graph_cycles {
	VEC(struct graph_cycle) comps; /* sorted: size desc, then first module name */
	struct arena arena;            /* the arrays of every component */
};

/* Limits on the work of the two searches that are quadratic in the worst
 * case, counted in edge visits so that results stay deterministic.
 * 0 means the defaults (docs/graph.md). */
struct graph_cycles_options {
	unsigned mask;            /* edge kinds; 0 means GRAPH_MASK_DEFAULT */
	uint64_t cycle_budget;    /* for the shortest-cycle searches */
	uint64_t cut_budget;      /* for the cut minimisation */
	bool no_cut;              /* skip computing cut sets */
};

/* Finds every non-trivial component of the frozen g over opts->mask (opts may
 * be NULL for defaults), each with a shortest cycle and (unless no_cut) a cut
 * set.  out is initialised here; release with graph_cycles_release. */
void graph_cycles_find(struct graph_cycles *out, const struct graph *g,
		       const struct graph_cycles_options *opts);
void graph_cycles_release(struct graph_cycles *self);

/* True when the edges passing mask among the modules of c, minus the edges
 * listed in c->cut, form no cycle (Kahn's algorithm).  For tests and
 * assertions. */
bool graph_cycle_cut_is_acyclic(const struct graph *g, const struct graph_cycle *c, unsigned mask);

#endif
