/* modscope graph [PATH] [--format json|dot|mermaid] [--collapse N]
 *                [--include-external] [--jobs N] [--python P] [--path DIR]...
 * The module graph of a project (docs/graph.md). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/internal.h"
#include "graph/query.h"
#include "report/emit_graph.h"

static const char graph_usage[] =
	"usage: modscope graph [PATH] [--format json|dot|mermaid] [--collapse N]\n"
	"                      [--include-external] [--jobs N] [--python P] [--path DIR]...\n"
	"  PATH (default .) is a project folder, a folder below it, or a package folder.\n";

int cmd_graph(int argc, char **argv)
{
	static const char *const formats[] = { "json", "dot", "mermaid", NULL };
	struct cli_opts o = { .format = "json", .formats = formats };
	struct analysis a;
	struct buf out = BUF_INIT;
	int rc = cli_parse(argc, argv, graph_usage,
			   OPT_ENV | OPT_JOBS | OPT_EXTERNAL | OPT_COLLAPSE, &o);
	if (rc != 0) {
		cli_opts_release(&o);
		return rc > 0 ? EXIT_CLEAN : EXIT_ERROR;
	}
	if (o.args.len > 1) {
		fprintf(stderr, "modscope: graph takes one PATH\n%s", graph_usage);
		cli_opts_release(&o);
		return EXIT_ERROR;
	}
	if (cli_analyse(&a, o.args.len ? o.args.ptr[0] : ".", &o) < 0) {
		rc = EXIT_ERROR;
		goto cleanup;
	}
	size_t problems = cli_print_problems(&a);
	struct graph collapsed;
	const struct graph *g = &a.graph;
	if (o.collapse) {
		graph_init(&collapsed);
		graph_collapse(&collapsed, &a.graph, o.collapse);
		g = &collapsed;
	}
	cli_stream(&out);
	if (!strcmp(o.format, "dot"))
		emit_graph_dot(&out, g);
	else if (!strcmp(o.format, "mermaid"))
		emit_graph_mermaid(&out, g);
	else
		emit_graph_json(&out, g);
	if (o.collapse)
		graph_release(&collapsed);
	rc = cli_write(&out) < 0 ? EXIT_ERROR : problems ? EXIT_FINDINGS : EXIT_CLEAN;
cleanup:
	analysis_release(&a);
	buf_release(&out);
	cli_opts_release(&o);
	return rc;
}
