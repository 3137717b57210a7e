/* modscope deps|rdeps MODULE... [--depth N] [--project DIR] [--kinds K,...]
 *                  [--format text|json]
 * What modules import (deps) or what imports them (rdeps), breadth first
 * (docs/graph.md "Queries"). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/internal.h"
#include "graph/query.h"
#include "report/emit_graph.h"
#include "report/json.h"

static const char deps_usage[] =
	"usage: modscope deps|rdeps MODULE... [--depth N] [--project DIR] [--kinds KIND,...]\n"
	"                 [--include-external] [--format text|json] [--jobs N] [--python P]\n"
	"  deps: what MODULE imports; rdeps: what imports MODULE.  Without --depth, all\n"
	"  of it, transitively.\n";

static int run(int argc, char **argv, enum graph_direction dir)
{
	static const char *const formats[] = { "text", "json", NULL };
	struct cli_opts o = { .format = "text", .formats = formats, .kinds = GRAPH_EDGE_ALL };
	struct analysis a;
	struct buf out = BUF_INIT;
	struct graph_hits hits = { 0 };
	int rc = cli_parse(argc, argv, deps_usage,
			   OPT_ENV | OPT_JOBS | OPT_KINDS | OPT_PROJECT | OPT_DEPTH | OPT_EXTERNAL, &o);
	if (rc != 0) {
		cli_opts_release(&o);
		return rc > 0 ? EXIT_CLEAN : EXIT_ERROR;
	}
	if (!o.args.len) {
		fprintf(stderr, "modscope: %s needs a MODULE\n%s", argv[0], deps_usage);
		cli_opts_release(&o);
		return EXIT_ERROR;
	}
	if (cli_analyse(&a, o.project, &o) < 0) {
		rc = EXIT_ERROR;
		goto cleanup;
	}
	cli_print_problems(&a);
	if (cli_reach(&a, &o, false, dir, o.depth, &hits) < 0) {
		rc = EXIT_ERROR;
		goto cleanup;
	}
	for (size_t i = 0; i < hits.len; i++) {
		const struct graph_hit *h = &hits.ptr[i];
		if (h->depth == 0)
			continue;
		const struct graph_node *n = &a.graph.nodes.ptr[h->node];
		if (!strcmp(o.format, "json")) {
			buf_adds(&out, "{\"module\": ");
			json_str(&out, n->name);
			buf_addf(&out, ", \"kind\": \"%s\", \"file\": ", graph_node_kind_name(n->kind));
			json_cstr(&out, n->file);
			buf_addf(&out, ", \"depth\": %u, \"via\": ", h->depth);
			emit_edge_json(&out, &a.graph, h->edge);
			buf_adds(&out, "}\n");
		} else {
			const struct graph_edge *e = &a.graph.edges.ptr[h->edge];
			buf_addf(&out, "%*s%s  (%s:%u)\n", (int)(2 * (h->depth - 1)), "", n->name.ptr,
				 e->file ? e->file : "?", e->line);
		}
	}
	rc = cli_write(&out) < 0 ? EXIT_ERROR : EXIT_CLEAN;
cleanup:
	vec_release(&hits);
	analysis_release(&a);
	buf_release(&out);
	cli_opts_release(&o);
	return rc;
}

int cmd_deps(int argc, char **argv)
{
	return run(argc, argv, GRAPH_FORWARD);
}

int cmd_rdeps(int argc, char **argv)
{
	return run(argc, argv, GRAPH_BACKWARD);
}
