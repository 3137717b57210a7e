/* modscope cycles [PATH] [--kinds eager,...] [--format text|json] [--no-labels]
 * Import cycles: strongly connected components over the chosen edge kinds,
 * each with a shortest concrete cycle, a cut (docs/graph.md "Cycles") and a
 * label from the import-time simulation (docs/order.md "Cycle labels"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

#include "cli/cli.h"
#include "cli/internal.h"
#include "graph/cycles.h"
#include "report/emit_graph.h"
#include "report/json.h"
#include "sim/sim.h"

static const char cycles_usage[] =
	"usage: modscope cycles [PATH] [--kinds KIND,...] [--format text|json]\n"
	"                       [--jobs N] [--python P] [--path DIR]... [--no-labels]\n"
	"  KIND: eager (default, with the parent packages they run), guarded, conditional,\n"
	"        type_checking, lazy, dynamic, parent, all.\n"
	"  each cycle is labelled crash, harmless or unknown by simulating `import M`\n"
	"  for every member M (docs/order.md); --no-labels skips the simulation.\n"
	"  exit code 1 when there is a cycle.\n";

/* What simulating each member of a component as the entry predicts. */
struct crash {
	const char *entry;             /* borrowed from the graph */
	struct sim_result res;
};

struct label {
	const char *label;             /* "crash", "harmless", "unknown" */
	VEC(struct crash) crashes;
};

static bool is_circular(const struct sim_result *r)
{
	return r->outcome == SIM_ERROR && r->error.message &&
	       (strstr(r->error.message, "partially initialized") ||
		strstr(r->error.message, "circular import"));
}

/* Labels every component: crash when importing some member first fails on
 * a partially initialised module, unknown when the model cannot tell for
 * some member, else harmless. */
static struct label *label_cycles(struct analysis *a, const struct graph_cycles *c)
{
	struct label *labels = xcalloc(c->comps.len ? c->comps.len : 1, sizeof(*labels));
	struct sim_options so = { .local_root = a->project.root };
	struct sim *s = sim_new(&a->env, &a->find, &so);
	for (size_t i = 0; i < c->comps.len; i++) {
		const struct graph_cycle *cy = &c->comps.ptr[i];
		bool unknown = false;
		for (size_t k = 0; k < cy->size; k++) {
			struct sim_result res;
			const char *entry = a->graph.nodes.ptr[cy->modules[k]].name.ptr;
			sim_run_import(s, entry, true, &res);
			if (is_circular(&res)) {
				vec_push(&labels[i].crashes, ((struct crash){ entry, res }));
				continue;
			}
			unknown |= res.outcome == SIM_UNKNOWN;
			sim_result_release(&res);
		}
		labels[i].label = labels[i].crashes.len ? "crash" : unknown ? "unknown" : "harmless";
	}
	sim_free(s);
	return labels;
}

static void labels_free(struct label *labels, size_t n)
{
	for (size_t i = 0; labels && i < n; i++) {
		for (size_t k = 0; k < labels[i].crashes.len; k++)
			sim_result_release(&labels[i].crashes.ptr[k].res);
		vec_release(&labels[i].crashes);
	}
	free(labels);
}

/* The failing file as the graph shows files (relative to the current folder),
 * else its absolute path. */
static const char *crash_file(const struct analysis *a, const struct sim_result *r)
{
	if (!r->error.file)
		return "";
	const struct analysis_file *f = analysis_file_by_path(a, r->error.file);
	return f && f->display ? f->display : r->error.file;
}

static void label_json(struct buf *out, const struct analysis *a, const struct label *l)
{
	buf_adds(out, ", \"label\": ");
	json_cstr(out, l->label);
	buf_adds(out, ", \"crashes\": [");
	for (size_t k = 0; k < l->crashes.len; k++) {
		const struct sim_result *r = &l->crashes.ptr[k].res;
		buf_adds(out, k ? ", {\"entry\": " : "{\"entry\": ");
		json_cstr(out, l->crashes.ptr[k].entry);
		buf_adds(out, ", \"error\": {\"type\": ");
		json_cstr(out, r->error.type);
		buf_adds(out, ", \"message\": ");
		json_cstr(out, r->error.message);
		buf_adds(out, ", \"file\": ");
		json_cstr(out, crash_file(a, r));
		buf_addf(out, ", \"line\": %u}}", r->error.line);
	}
	buf_addc(out, ']');
}

/* Adds the labels to emit_cycles_json's output, whose components are one
 * per line, in order, each ending with its closing brace. */
static void splice_labels(struct buf *out, const struct analysis *a, const struct buf *json,
			  const struct label *labels)
{
	size_t comp = 0;
	const char *p = json->ptr, *end = json->ptr + json->len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		if (!strncmp(p, "{\"size\"", 7)) {
			const char *close = le;
			while (close > p && close[-1] != '}')
				close--;
			buf_add(out, p, (size_t)(close - 1 - p));
			label_json(out, a, &labels[comp++]);
			buf_add(out, close - 1, (size_t)(le - (close - 1)));
		} else {
			buf_add(out, p, (size_t)(le - p));
		}
		if (nl)
			buf_addc(out, '\n');
		p = nl ? nl + 1 : end;
	}
}

static void edge_text(struct buf *out, const struct graph *g, uint32_t e)
{
	const struct graph_edge *ed = &g->edges.ptr[e];
	buf_addf(out, "%s -> %s  (%s:%u, ", g->nodes.ptr[ed->from].name.ptr,
		 g->nodes.ptr[ed->to].name.ptr, ed->file ? ed->file : "?", ed->line);
	emit_edge_kinds(out, ed->kinds);
	buf_adds(out, ")\n");
}

static void cycles_text(struct buf *out, const struct analysis *a, const struct graph_cycles *c,
			const struct label *labels)
{
	const struct graph *g = &a->graph;
	for (size_t i = 0; i < c->comps.len; i++) {
		const struct graph_cycle *cy = &c->comps.ptr[i];
		buf_addf(out, "cycle %zu: %zu module%s: ", i + 1, cy->size, cy->size == 1 ? "" : "s");
		for (size_t k = 0; k < cy->size; k++)
			buf_addf(out, "%s%s", k ? ", " : "", g->nodes.ptr[cy->modules[k]].name.ptr);
		if (labels) {
			buf_addf(out, "\n  label: %s", labels[i].label);
			for (size_t k = 0; k < labels[i].crashes.len; k++) {
				const struct sim_result *r = &labels[i].crashes.ptr[k].res;
				buf_addf(out, "\n    import %s: %s:%u: %s: %s", labels[i].crashes.ptr[k].entry,
					 crash_file(a, r), r->error.line,
					 r->error.type, r->error.message);
			}
		}
		buf_addf(out, "\n  shortest cycle (%zu import%s):\n", cy->cycle_len,
			 cy->cycle_len == 1 ? "" : "s");
		for (size_t k = 0; k < cy->cycle_len; k++) {
			buf_adds(out, "    ");
			edge_text(out, g, cy->cycle[k]);
		}
		/* The cut is worth reading when the shortest cycle does not show
		 * the whole component. */
		if (cy->cut_len && (cy->cycle_len < cy->size || cy->cut_pairs > 1 || cy->size > 2)) {
			if (cy->cut_len == 1)
				buf_adds(out, "  cut this import to break it:\n");
			else
				buf_addf(out, "  cut these %zu imports to break it:\n", cy->cut_len);
			for (size_t k = 0; k < cy->cut_len; k++) {
				buf_adds(out, "    ");
				edge_text(out, g, cy->cut[k]);
			}
		}
	}
	if (c->comps.len)
		buf_addf(out, "%zu import cycle%s\n", c->comps.len, c->comps.len == 1 ? "" : "s");
	else
		buf_adds(out, "no import cycles\n");
}

int cmd_cycles(int argc, char **argv)
{
	static const char *const formats[] = { "text", "json", NULL };
	struct cli_opts o = { .format = "text", .formats = formats, .kinds = GRAPH_MASK_DEFAULT };
	struct analysis a;
	struct buf out = BUF_INIT;
	bool want_labels = true;
	char **args = xcalloc((size_t)argc + 1, sizeof(*args));
	int nargs = 0;
	for (int i = 0; i < argc; i++) {
		if (i && !strcmp(argv[i], "--labels"))
			want_labels = true; /* the default; kept for older command lines */
		else if (i && !strcmp(argv[i], "--no-labels"))
			want_labels = false;
		else
			args[nargs++] = argv[i];
	}
	int rc = cli_parse(nargs, args, cycles_usage, OPT_ENV | OPT_JOBS | OPT_KINDS, &o);
	free(args);
	if (rc != 0) {
		cli_opts_release(&o);
		return rc > 0 ? EXIT_CLEAN : EXIT_ERROR;
	}
	if (o.args.len > 1) {
		fprintf(stderr, "modscope: cycles takes one PATH\n%s", cycles_usage);
		cli_opts_release(&o);
		return EXIT_ERROR;
	}
	if (cli_analyse(&a, o.args.len ? o.args.ptr[0] : ".", &o) < 0) {
		rc = EXIT_ERROR;
		goto cleanup;
	}
	size_t problems = cli_print_problems(&a);
	struct graph_cycles c;
	struct graph_cycles_options co = { .mask = o.kinds };
	graph_cycles_find(&c, &a.graph, &co);
	struct label *labels = want_labels ? label_cycles(&a, &c) : NULL;
	if (!strcmp(o.format, "json")) {
		if (labels) {
			struct buf tmp = BUF_INIT;
			emit_cycles_json(&tmp, &a.graph, &c);
			splice_labels(&out, &a, &tmp, labels);
			buf_release(&tmp);
		} else {
			emit_cycles_json(&out, &a.graph, &c);
		}
	} else {
		cycles_text(&out, &a, &c, labels);
	}
	labels_free(labels, c.comps.len);
	rc = cli_write(&out) < 0 ? EXIT_ERROR
	     : (c.comps.len || problems) ? EXIT_FINDINGS : EXIT_CLEAN;
	graph_cycles_release(&c);
cleanup:
	analysis_release(&a);
	buf_release(&out);
	cli_opts_release(&o);
	return rc;
}
