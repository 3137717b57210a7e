#include "report/emit_graph.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "report/json.h"

void emit_edge_kinds(struct buf *out, unsigned kinds)
{
	bool first = true;
	for (unsigned bit = 1; bit <= GRAPH_EDGE_PARENT; bit <<= 1) {
		if (!(kinds & bit))
			continue;
		if (!first)
			buf_addc(out, '+');
		buf_adds(out, graph_edge_kind_name(bit));
		first = false;
	}
}

/* ---- JSON ------------------------------------------------------------------ */

void emit_edge_json(struct buf *out, const struct graph *g, uint32_t edge)
{
	const struct graph_edge *e = &g->edges.ptr[edge];
	buf_adds(out, "{\"from\": ");
	json_str(out, g->nodes.ptr[e->from].name);
	buf_adds(out, ", \"to\": ");
	json_str(out, g->nodes.ptr[e->to].name);
	buf_adds(out, ", \"file\": ");
	json_cstr(out, e->file);
	buf_adds(out, ", \"line\": ");
	buf_addu(out, e->line);
	buf_adds(out, ", \"kind\": \"");
	emit_edge_kinds(out, e->kinds);
	buf_adds(out, "\"}");
}

/* The whole graph escapes each node name once (edges repeat them: a
 * graph has tens of edges per node) and each edge's file once per run of
 * edges from one file. */
void emit_graph_json(struct buf *out, const struct graph *g)
{
	struct buf names = BUF_INIT, file = BUF_INIT;
	size_t *at = xcalloc(g->nodes.len + 1, sizeof *at);
	for (size_t i = 0; i < g->nodes.len; i++) {
		json_str(&names, g->nodes.ptr[i].name);
		at[i + 1] = names.len;
	}
	buf_adds(out, "{\"nodes\": [");
	for (size_t i = 0; i < g->nodes.len; i++) {
		const struct graph_node *n = &g->nodes.ptr[i];
		buf_adds(out, i ? ",\n" : "\n");
		buf_adds(out, "{\"module\": ");
		buf_add(out, names.ptr + at[i], at[i + 1] - at[i]);
		buf_adds(out, ", \"kind\": \"");
		buf_adds(out, graph_node_kind_name(n->kind));
		buf_adds(out, "\", \"file\": ");
		json_cstr(out, n->file);
		buf_adds(out, n->package ? ", \"package\": true}" : ", \"package\": false}");
	}
	buf_adds(out, g->nodes.len ? "\n], \"edges\": [" : "], \"edges\": [");
	/* Each edge is copied in from pieces made once: the escaped names
	 * and file, and the kinds (at most 128 sets of bits) as text. */
	struct buf kinds = BUF_INIT;
	uint32_t kind_at[GRAPH_EDGE_ALL + 2] = { 0 };
	for (unsigned k = 0; k <= GRAPH_EDGE_ALL; k++) {
		emit_edge_kinds(&kinds, k);
		kind_at[k + 1] = (uint32_t)kinds.len;
	}
	static const char from_[] = "\n{\"from\": ", to_[] = ", \"to\": ",
			  file_[] = ", \"file\": ", line_[] = ", \"line\": ",
			  kind_[] = ", \"kind\": \"", end_[] = "\"}";
	const char *file_of = NULL; /* the edge file whose JSON is in file */
	for (size_t i = 0; i < g->edges.len; i++) {
		const struct graph_edge *e = &g->edges.ptr[i];
		if (i == 0 || e->file != file_of) {
			buf_clear(&file);
			json_cstr(&file, e->file);
			file_of = e->file;
		}
		unsigned k = e->kinds & GRAPH_EDGE_ALL;
		size_t nf = at[e->from + 1] - at[e->from], nt = at[e->to + 1] - at[e->to];
		size_t nk = kind_at[k + 1] - kind_at[k];
		char digits[12];
		size_t nd = 0;
		for (uint32_t v = e->line; nd == 0 || v; v /= 10)
			digits[sizeof digits - ++nd] = (char)('0' + v % 10);
		buf_grow(out, 1 + sizeof from_ + nf + sizeof to_ + nt + sizeof file_ + file.len +
			      sizeof line_ + nd + sizeof kind_ + nk + sizeof end_);
		char *w = out->ptr + out->len;
		if (i)
			*w++ = ',';
#define PUT(p, n) (memcpy(w, (p), (n)), w += (n))
		PUT(from_, sizeof from_ - 1);
		PUT(names.ptr + at[e->from], nf);
		PUT(to_, sizeof to_ - 1);
		PUT(names.ptr + at[e->to], nt);
		PUT(file_, sizeof file_ - 1);
		PUT(file.ptr, file.len);
		PUT(line_, sizeof line_ - 1);
		PUT(digits + sizeof digits - nd, nd);
		PUT(kind_, sizeof kind_ - 1);
		PUT(kinds.ptr + kind_at[k], nk);
		PUT(end_, sizeof end_ - 1);
#undef PUT
		out->len = (size_t)(w - out->ptr);
		*w = '\0';
	}
	buf_release(&kinds);
	buf_adds(out, g->edges.len ? "\n]}\n" : "]}\n");
	free(at);
	buf_release(&names);
	buf_release(&file);
}

static void edge_list_json(struct buf *out, const struct graph *g, const uint32_t *edges, size_t n)
{
	buf_addc(out, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_adds(out, ", ");
		emit_edge_json(out, g, edges[i]);
	}
	buf_addc(out, ']');
}

void emit_cycles_json(struct buf *out, const struct graph *g, const struct graph_cycles *c)
{
	buf_adds(out, "{\"components\": [");
	for (size_t i = 0; i < c->comps.len; i++) {
		const struct graph_cycle *gc = &c->comps.ptr[i];
		buf_adds(out, i ? ",\n" : "\n");
		buf_addf(out, "{\"size\": %zu, \"modules\": [", gc->size);
		for (size_t j = 0; j < gc->size; j++) {
			if (j)
				buf_adds(out, ", ");
			json_str(out, g->nodes.ptr[gc->modules[j]].name);
		}
		buf_adds(out, "], \"cycle\": ");
		edge_list_json(out, g, gc->cycle, gc->cycle_len);
		buf_adds(out, ", \"cut\": ");
		edge_list_json(out, g, gc->cut, gc->cut_len);
		buf_addc(out, '}');
	}
	buf_adds(out, c->comps.len ? "\n]}\n" : "]}\n");
}

/* ---- shared by DOT and Mermaid ------------------------------------------- */

/* The union of the kinds of every edge in [*i, end of its (from, to) run);
 * advances *i past the run.  *parent_only tells whether all were parent
 * edges; *first is the run's first edge. */
static unsigned pair_run(const struct graph *g, size_t *i, uint32_t *first, bool *parent_only)
{
	const struct graph_edge *e0 = &g->edges.ptr[*i];
	unsigned kinds = 0, parent = GRAPH_EDGE_PARENT;
	*first = (uint32_t)*i;
	for (; *i < g->edges.len && g->edges.ptr[*i].from == e0->from &&
	       g->edges.ptr[*i].to == e0->to; (*i)++) {
		kinds |= g->edges.ptr[*i].kinds & GRAPH_EDGE_KINDS;
		parent &= g->edges.ptr[*i].kinds;
	}
	*parent_only = parent != 0;
	return kinds;
}

/* The kind that decides how a pair is drawn: the one that runs soonest. */
static unsigned strongest(unsigned kinds)
{
	static const unsigned order[] = {
		GRAPH_EDGE_EAGER, GRAPH_EDGE_DYNAMIC, GRAPH_EDGE_GUARDED,
		GRAPH_EDGE_CONDITIONAL, GRAPH_EDGE_LAZY, GRAPH_EDGE_TYPE_CHECKING,
	};
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		if (kinds & order[i])
			return order[i];
	}
	return GRAPH_EDGE_EAGER;
}

/* ---- DOT ------------------------------------------------------------------- */

static void dot_id(struct buf *out, struct slice s)
{
	buf_addc(out, '"');
	for (size_t i = 0; i < s.len; i++) {
		char c = s.ptr[i];
		if (c == '"' || c == '\\')
			buf_addc(out, '\\');
		if (c == '\n')
			buf_adds(out, "\\n");
		else
			buf_addc(out, c);
	}
	buf_addc(out, '"');
}

static const char *dot_node_style(const struct graph_node *n)
{
	switch (n->kind) {
	case GRAPH_NODE_LOCAL: return "";
	case GRAPH_NODE_STDLIB: return ", color=gray50, fontcolor=gray40";
	case GRAPH_NODE_THIRD_PARTY: return ", color=darkgreen, fontcolor=darkgreen";
	case GRAPH_NODE_BUILTIN: return ", color=gray50, fontcolor=gray40, style=dashed";
	case GRAPH_NODE_UNRESOLVED: return ", color=red, fontcolor=red";
	}
	return "";
}

static const char *dot_edge_style(unsigned kind)
{
	switch (kind) {
	case GRAPH_EDGE_EAGER: return "style=solid";
	case GRAPH_EDGE_GUARDED: return "style=dashed, color=orange";
	case GRAPH_EDGE_CONDITIONAL: return "style=dashed";
	case GRAPH_EDGE_TYPE_CHECKING: return "style=dotted, color=gray50";
	case GRAPH_EDGE_LAZY: return "style=dashed, color=blue";
	case GRAPH_EDGE_DYNAMIC: return "style=bold, color=purple";
	}
	return "style=solid";
}

struct cluster_item {
	struct slice key; /* cluster name; len 0: no cluster */
	uint32_t node;
};

static int cmp_item(const void *pa, const void *pb)
{
	const struct cluster_item *a = pa, *b = pb;
	size_t n = a->key.len < b->key.len ? a->key.len : b->key.len;
	int c = n ? memcmp(a->key.ptr, b->key.ptr, n) : 0;
	if (!c)
		c = (a->key.len > b->key.len) - (a->key.len < b->key.len);
	if (!c)
		c = (a->node > b->node) - (a->node < b->node);
	return c;
}

static size_t parent_len(struct slice name)
{
	for (size_t i = name.len; i-- > 0;) {
		if (name.ptr[i] == '.')
			return i;
	}
	return 0;
}

void emit_graph_dot(struct buf *out, const struct graph *g)
{
	size_t n = g->nodes.len;
	bool *heads = xcalloc(n ? n : 1, sizeof(bool));
	for (size_t i = 0; i < n; i++) {
		struct slice name = g->nodes.ptr[i].name;
		size_t p = parent_len(name);
		int64_t parent = p ? graph_find(g, slice_make(name.ptr, p)) : -1;
		if (parent >= 0)
			heads[parent] = true;
	}
	struct cluster_item *items = xmalloc(sizeof(*items) * (n ? n : 1));
	for (size_t i = 0; i < n; i++) {
		struct slice name = g->nodes.ptr[i].name;
		items[i].node = (uint32_t)i;
		items[i].key = heads[i] ? name : slice_make(name.ptr, parent_len(name));
	}
	qsort(items, n, sizeof(*items), cmp_item);

	buf_adds(out, "digraph modules {\n\trankdir=LR;\n\tnode [shape=box, fontsize=10];\n");
	for (size_t i = 0; i < n;) {
		struct slice key = items[i].key;
		bool cluster = key.len > 0;
		const char *indent = cluster ? "\t\t" : "\t";
		if (cluster) {
			struct buf id = BUF_INIT;
			buf_adds(&id, "cluster_");
			buf_addsl(&id, key);
			buf_adds(out, "\tsubgraph ");
			dot_id(out, buf_slice(&id));
			buf_adds(out, " {\n\t\tlabel=");
			dot_id(out, key);
			buf_adds(out, ";\n");
			buf_release(&id);
		}
		for (; i < n && slice_eq(items[i].key, key); i++) {
			const struct graph_node *node = &g->nodes.ptr[items[i].node];
			buf_adds(out, indent);
			dot_id(out, node->name);
			buf_addf(out, " [shape=%s%s];\n", node->package ? "folder" : "box",
				 dot_node_style(node));
		}
		if (cluster)
			buf_adds(out, "\t}\n");
	}
	for (size_t i = 0; i < g->edges.len;) {
		uint32_t first;
		bool parent_only;
		unsigned kinds = pair_run(g, &i, &first, &parent_only);
		const struct graph_edge *e = &g->edges.ptr[first];
		buf_addc(out, '\t');
		dot_id(out, g->nodes.ptr[e->from].name);
		buf_adds(out, " -> ");
		dot_id(out, g->nodes.ptr[e->to].name);
		buf_addf(out, " [%s%s, tooltip=", dot_edge_style(strongest(kinds)),
			 parent_only ? ", arrowhead=empty" : "");
		struct buf tip = BUF_INIT;
		buf_addf(&tip, "%s:%u ", e->file ? e->file : "?", (unsigned)e->line);
		emit_edge_kinds(&tip, kinds | (parent_only ? GRAPH_EDGE_PARENT : 0));
		dot_id(out, buf_slice(&tip));
		buf_release(&tip);
		buf_adds(out, "];\n");
	}
	buf_adds(out, "}\n");
	free(items);
	free(heads);
}

/* ---- Mermaid --------------------------------------------------------------- */

static void mermaid_id(struct buf *out, struct slice s)
{
	static const char hex[] = "0123456789abcdef";
	buf_adds(out, "m_");
	for (size_t i = 0; i < s.len; i++) {
		unsigned char c = (unsigned char)s.ptr[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
			buf_addc(out, (char)c);
		} else if (c == '.') {
			buf_adds(out, "__");
		} else {
			buf_addc(out, '_');
			buf_addc(out, hex[c >> 4]);
			buf_addc(out, hex[c & 15]);
		}
	}
}

/* A label in double quotes: '"' is written as Mermaid's #quot;. */
static void mermaid_label(struct buf *out, struct slice s)
{
	buf_addc(out, '"');
	for (size_t i = 0; i < s.len; i++) {
		if (s.ptr[i] == '"')
			buf_adds(out, "#quot;");
		else if (s.ptr[i] == '\n')
			buf_addc(out, ' ');
		else
			buf_addc(out, s.ptr[i]);
	}
	buf_addc(out, '"');
}

void emit_graph_mermaid(struct buf *out, const struct graph *g)
{
	buf_adds(out, "graph LR\n");
	for (size_t i = 0; i < g->nodes.len; i++) {
		const struct graph_node *node = &g->nodes.ptr[i];
		buf_addc(out, '\t');
		mermaid_id(out, node->name);
		buf_adds(out, node->package ? "[[" : "[");
		mermaid_label(out, node->name);
		buf_adds(out, node->package ? "]]\n" : "]\n");
	}
	for (size_t i = 0; i < g->edges.len;) {
		uint32_t first;
		bool parent_only;
		unsigned kinds = pair_run(g, &i, &first, &parent_only);
		const struct graph_edge *e = &g->edges.ptr[first];
		unsigned k = strongest(kinds);
		buf_addc(out, '\t');
		mermaid_id(out, g->nodes.ptr[e->from].name);
		if (k == GRAPH_EDGE_EAGER && !parent_only) {
			buf_adds(out, " --> ");
		} else {
			buf_adds(out, k == GRAPH_EDGE_EAGER ? " -->|" : " -.->|");
			emit_edge_kinds(out, kinds | (parent_only ? GRAPH_EDGE_PARENT : 0));
			buf_adds(out, "| ");
		}
		mermaid_id(out, g->nodes.ptr[e->to].name);
		buf_addc(out, '\n');
	}
}
