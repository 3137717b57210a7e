/* The module graph: one node per module name, one edge per import
 * occurrence (docs/graph.md).
 *
 * Life cycle: graph_init, then any number of graph_add_node/graph_add_edge
 * (in any order, from one thread), then graph_freeze once; after that the
 * graph is read-only and may be read from many threads.  Freezing renumbers
 * the nodes in byte order of their names and sorts the edges by
 * (from, to, file, line, col, kinds), so every index, every iteration and
 * every algorithm result depends only on the set of nodes and edges added,
 * never on the order they were added in. */
#ifndef MODSCOPE_GRAPH_GRAPH_H
#define MODSCOPE_GRAPH_GRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/map.h"
#include "base/slice.h"
#include "base/vec.h"

/* Where a module's spec came from (decided by the resolver). */
enum graph_node_kind {
	GRAPH_NODE_LOCAL,       /* under the analysed tree */
	GRAPH_NODE_STDLIB,      /* in the interpreter's standard library */
	GRAPH_NODE_THIRD_PARTY, /* elsewhere on sys.path (site-packages, ...) */
	GRAPH_NODE_BUILTIN,     /* compiled into the interpreter (or frozen) */
	GRAPH_NODE_UNRESOLVED,  /* no finder found it */
};

/* Edge kinds are bits so that a set of kinds is a mask.  A single import
 * occurrence has exactly one of the six kind bits, plus GRAPH_EDGE_PARENT
 * when the edge is one of the parents an `import a.b.c` also runs.  Edges
 * merged by graph_collapse carry the union of their kinds. */
enum graph_edge_kind {
	GRAPH_EDGE_EAGER = 1u << 0,         /* module scope, unguarded */
	GRAPH_EDGE_GUARDED = 1u << 1,       /* in a try whose handler catches the failure */
	GRAPH_EDGE_CONDITIONAL = 1u << 2,   /* under another if */
	GRAPH_EDGE_TYPE_CHECKING = 1u << 3, /* under if TYPE_CHECKING */
	GRAPH_EDGE_LAZY = 1u << 4,          /* function body, or PEP 810 lazy */
	GRAPH_EDGE_DYNAMIC = 1u << 5,       /* import_module("literal") */
	GRAPH_EDGE_PARENT = 1u << 6,        /* flag: a parent package run by a dotted import */
};
#define GRAPH_EDGE_KINDS 0x3Fu /* the six kind bits */
#define GRAPH_EDGE_ALL 0x7Fu   /* every kind, parent edges included */
/* The default mask for cycles: eager imports and the parents they run. */
#define GRAPH_MASK_DEFAULT (GRAPH_EDGE_EAGER | GRAPH_EDGE_PARENT)

/* True when an edge with kinds passes the mask: it shares a kind bit with
 * mask, and when it is a parent edge, mask has GRAPH_EDGE_PARENT too. */
static inline bool graph_kinds_match(unsigned kinds, unsigned mask)
{
	if (!(kinds & mask & GRAPH_EDGE_KINDS))
		return false;
	return !(kinds & GRAPH_EDGE_PARENT) || (mask & GRAPH_EDGE_PARENT);
}

struct graph_node {
	struct slice name;        /* NUL-terminated, in the graph's arena */
	const char *file;         /* origin, in the graph's arena; NULL when none */
	enum graph_node_kind kind;
	bool package;             /* has submodule_search_locations */
};

struct graph_edge {
	uint32_t from, to;        /* node indices */
	const char *file;         /* the importing file, interned in the arena; may be NULL */
	uint32_t line, col;       /* of the import: 1-based line, 0-based byte column */
	uint32_t kinds;           /* enum graph_edge_kind bits */
};

struct graph {
	struct arena arena;       /* names and file strings */
	struct map names;         /* name -> (void *)(index + 1) */
	struct map files;         /* file string interning */
	VEC(struct graph_node) nodes;
	VEC(struct graph_edge) edges;
	bool frozen;
	const char *last_file;    /* the file graph_intern_file returned last */
	/* After graph_freeze: edges[out_start[n] .. out_start[n+1]) leave node
	 * n; in_edges[in_start[n] .. in_start[n+1]) are the indices of the edges
	 * entering n, ordered by (from, file, line, col). */
	uint32_t *out_start;
	uint32_t *in_start;
	uint32_t *in_edges;
};

/* Prepares an empty, unfrozen graph owning nothing yet. */
void graph_init(struct graph *self);
/* Frees everything self owns; every name, file and index from it becomes
 * invalid. */
void graph_release(struct graph *self);

/* Returns the index of the node called name (borrowed; copied into the
 * arena), creating it as GRAPH_NODE_UNRESOLVED with no file when absent.
 * Indices returned before graph_freeze are renumbered by it.  Not after
 * freeze. */
uint32_t graph_intern(struct graph *self, struct slice name);
/* Interns name and sets its kind, file (borrowed, copied; may be NULL) and
 * package flag, overwriting what an earlier call set.  Returns its index
 * (valid until graph_freeze).  Not after freeze. */
uint32_t graph_add_node(struct graph *self, struct slice name, enum graph_node_kind kind,
			const char *file, bool package);
/* Adds one import occurrence from -> to (names borrowed and interned, as
 * graph_intern does).  file is borrowed and copied (interned), may be NULL.
 * kinds is one kind bit, optionally | GRAPH_EDGE_PARENT (or a union, for
 * merged edges).  Edges identical in every field are kept once.  Not after
 * freeze. */
void graph_add_edge(struct graph *self, struct slice from, struct slice to,
		    const char *file, uint32_t line, uint32_t col, uint32_t kinds);
/* The graph's own copy of file (borrowed; NULL gives NULL), what
 * graph_add_edge and graph_add_node store.  Passing the result back to them
 * costs no lookup: a caller adding many edges from one file interns it
 * once.  Valid until graph_release.  Not after freeze. */
const char *graph_intern_file(struct graph *self, const char *file);
/* Same as graph_add_edge with indices from graph_intern (before freeze). */
void graph_add_edge_idx(struct graph *self, uint32_t from, uint32_t to,
			const char *file, uint32_t line, uint32_t col, uint32_t kinds);
/* Adds the edges of one import occurrence in module `from` of module
 * `target` (names borrowed): the edge to target with `kind` (one kind bit),
 * and, as CPython's _gcd_import runs every parent package first, one edge
 * with kind | GRAPH_EDGE_PARENT to each proper dotted prefix of target
 * ("a", "a.b" for "a.b.c").  A parent edge to `from` itself or to one of
 * its own ancestor packages is left out: those are already in sys.modules
 * before `from` runs, so it runs nothing.  file as in graph_add_edge. */
void graph_add_import(struct graph *self, struct slice from, struct slice target,
		      const char *file, uint32_t line, uint32_t col, unsigned kind);
/* Sorts and indexes the graph (see the top of this file); drops duplicate
 * edges.  Call once; the graph is read-only afterwards. */
void graph_freeze(struct graph *self);

/* Orders two edges by their import site: file (NULL first), then line,
 * then column; <0, 0 or >0 as strcmp. */
int graph_site_cmp(const struct graph_edge *a, const struct graph_edge *b);
/* Returns the index of name, or -1 when there is no such node. */
int64_t graph_find(const struct graph *self, struct slice name);
static inline size_t graph_node_count(const struct graph *self)
{
	return self->nodes.len;
}
static inline size_t graph_edge_count(const struct graph *self)
{
	return self->edges.len;
}

/* Edge index ranges after freeze: the edges leaving n are
 * self->edges.ptr[i] for i in [graph_out_begin, graph_out_end). */
static inline uint32_t graph_out_begin(const struct graph *self, uint32_t n)
{
	return self->out_start[n];
}
static inline uint32_t graph_out_end(const struct graph *self, uint32_t n)
{
	return self->out_start[n + 1];
}
/* The edges entering n are self->edges.ptr[self->in_edges[i]] for i in
 * [graph_in_begin, graph_in_end). */
static inline uint32_t graph_in_begin(const struct graph *self, uint32_t n)
{
	return self->in_start[n];
}
static inline uint32_t graph_in_end(const struct graph *self, uint32_t n)
{
	return self->in_start[n + 1];
}

/* Builds into out (which must be freshly graph_init'ed) the frozen subgraph
 * of the frozen graph g holding the nodes n with keep[n] (keep borrowed;
 * NULL keeps every node) and the edges between kept nodes whose kinds pass
 * mask.  Names and files are copied; g is unchanged. */
void graph_subgraph(struct graph *out, const struct graph *g, const bool *keep, unsigned mask);

/* The node kind's name: "local", "stdlib", "third_party", "builtin",
 * "unresolved" (static storage). */
const char *graph_node_kind_name(enum graph_node_kind kind);
/* The name of one kind bit ("eager", "guarded", "conditional",
 * "type_checking", "lazy", "dynamic", "parent"), or NULL (static storage). */
const char *graph_edge_kind_name(unsigned bit);
/* Parses a comma-separated list of kind names (as above, plus "all") into
 * *mask (spec borrowed).  Returns 0, or -1 with *bad pointing at the first
 * unknown (or empty) name inside spec and *bad_len its length, so the
 * caller can quote it. */
int graph_parse_kinds(const char *spec, unsigned *mask, const char **bad, size_t *bad_len);

#endif
