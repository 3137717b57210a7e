/* modscope cycles [PATH] [--kinds eager,...] [--format text|json]
 * Import cycles: strongly connected components over the chosen edge kinds,
 * each with a shortest concrete cycle and a cut (docs/graph.md "Cycles"). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/internal.h"
#include "graph/cycles.h"
#include "report/emit_graph.h"

static const char cycles_usage[] =
	"usage: modscope cycles [PATH] [--kinds KIND,...] [--format text|json]\n"
	"                       [--jobs N] [--python P] [--path DIR]...\n"
	"  KIND: eager (default, with the parent packages they run), guarded, conditional,\n"
	"        type_checking, lazy, dynamic, parent, all.\n"
	"  exit code 1 when there is a cycle.\n";

static void edge_text(struct buf *out, const struct graph *g, uint32_t e)
{
	const struct graph_edge *ed = &g->edges.ptr[e];
	buf_addf(out, "%s -> %s  (%s:%u, ", g->nodes.ptr[ed->from].name.ptr,
		 g->nodes.ptr[ed->to].name.ptr, ed->file ? ed->file : "?", ed->line);
	emit_edge_kinds(out, ed->kinds);
	buf_adds(out, ")\n");
}

static void cycles_text(struct buf *out, const struct graph *g, const struct graph_cycles *c)
{
	for (size_t i = 0; i < c->comps.len; i++) {
		const struct graph_cycle *cy = &c->comps.ptr[i];
		buf_addf(out, "cycle %zu: %zu module%s: ", i + 1, cy->size, cy->size == 1 ? "" : "s");
		for (size_t k = 0; k < cy->size; k++)
			buf_addf(out, "%s%s", k ? ", " : "", g->nodes.ptr[cy->modules[k]].name.ptr);
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
	int rc = cli_parse(argc, argv, cycles_usage, OPT_ENV | OPT_JOBS | OPT_KINDS, &o);
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
	if (!strcmp(o.format, "json"))
		emit_cycles_json(&out, &a.graph, &c);
	else
		cycles_text(&out, &a.graph, &c);
	rc = cli_write(&out) < 0 ? EXIT_ERROR
	     : (c.comps.len || problems) ? EXIT_FINDINGS : EXIT_CLEAN;
	graph_cycles_release(&c);
cleanup:
	analysis_release(&a);
	buf_release(&out);
	cli_opts_release(&o);
	return rc;
}
