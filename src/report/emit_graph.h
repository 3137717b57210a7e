/* Writing the module graph and its cycles: JSON, Graphviz DOT, Mermaid.
 * Everything is appended to a caller-owned buffer; nothing is printed here.
 * The output depends only on the frozen graph (docs/graph.md "Output"). */
#ifndef MODSCOPE_REPORT_EMIT_GRAPH_H
#define MODSCOPE_REPORT_EMIT_GRAPH_H

#include "base/buf.h"
#include "graph/cycles.h"
#include "graph/graph.h"

/* Appends an edge's kinds as '+'-joined names in bit order, e.g. "eager",
 * "lazy+parent", "eager+guarded" (a merged edge). */
void emit_edge_kinds(struct buf *out, unsigned kinds);

/* Appends one edge of g as {"from", "to", "file", "line", "kind"}. */
void emit_edge_json(struct buf *out, const struct graph *g, uint32_t edge);

/* Appends the frozen g as
 *   {"nodes": [{"module", "kind", "file", "package"}, ...],
 *    "edges": [{"from", "to", "file", "line", "kind"}, ...]}
 * with one node or edge per line, nodes by name, edges by (from, to, file,
 * line); ends with a newline. */
void emit_graph_json(struct buf *out, const struct graph *g);

/* Appends g as a Graphviz digraph: nodes grouped in one `subgraph
 * "cluster_<pkg>"` per package (a module goes in its package's cluster; a
 * package with submodules in the graph heads its own), one arrow per
 * (from, to) pair styled by its strongest kind. */
void emit_graph_dot(struct buf *out, const struct graph *g);

/* Appends g as a Mermaid flowchart (`graph LR`); node ids are the module
 * names encoded to [A-Za-z0-9_] ("m_" + letters and digits kept, '.' as
 * "__", any other byte as "_xx" hex), so distinct names give distinct ids. */
void emit_graph_mermaid(struct buf *out, const struct graph *g);

/* Appends the cycles found in g as
 *   {"components": [{"size", "modules", "cycle": [edge...], "cut": [edge...]}]}
 * in the order of c (one component per line); ends with a newline. */
void emit_cycles_json(struct buf *out, const struct graph *g, const struct graph_cycles *c);

#endif
