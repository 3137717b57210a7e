/* modscope why A B [--project DIR] [--kinds K,...] [--format text|json]
 * The shortest import chain from module A to module B, each import with
 * its file and line (docs/graph.md "Queries"). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/internal.h"
#include "graph/query.h"
#include "report/emit_graph.h"
#include "report/json.h"

static const char why_usage[] =
	"usage: modscope why A B [--project DIR] [--kinds KIND,...] [--format text|json]\n"
	"                        [--jobs N] [--python P] [--path DIR]...\n"
	"  exit code 0 when A imports B (directly or not), 1 when it does not.\n";

int cmd_why(int argc, char **argv)
{
	static const char *const formats[] = { "text", "json", NULL };
	struct cli_opts o = { .format = "text", .formats = formats, .kinds = GRAPH_EDGE_ALL };
	struct analysis a;
	struct buf out = BUF_INIT;
	struct graph_ids chain = { 0 };
	int rc = cli_parse(argc, argv, why_usage, OPT_ENV | OPT_JOBS | OPT_KINDS | OPT_PROJECT, &o);
	if (rc != 0) {
		cli_opts_release(&o);
		return rc > 0 ? EXIT_CLEAN : EXIT_ERROR;
	}
	if (o.args.len != 2) {
		fprintf(stderr, "modscope: why takes two module names\n%s", why_usage);
		cli_opts_release(&o);
		return EXIT_ERROR;
	}
	o.include_external = true; /* B may well be a third-party module */
	if (cli_analyse(&a, o.project, &o) < 0) {
		rc = EXIT_ERROR;
		goto cleanup;
	}
	cli_print_problems(&a);
	int64_t from = cli_graph_node(&a, o.args.ptr[0], false);
	int64_t to = from < 0 ? -1 : cli_graph_node(&a, o.args.ptr[1], false);
	if (to < 0) {
		rc = EXIT_ERROR;
		goto cleanup;
	}
	bool found = graph_path(&a.graph, (uint32_t)from, (uint32_t)to, o.kinds, &chain) == 0;
	if (!strcmp(o.format, "json")) {
		buf_adds(&out, "{\"from\": ");
		json_cstr(&out, o.args.ptr[0]);
		buf_adds(&out, ", \"to\": ");
		json_cstr(&out, o.args.ptr[1]);
		buf_addf(&out, ", \"found\": %s, \"chain\": [", found ? "true" : "false");
		for (size_t i = 0; i < chain.len; i++) {
			if (i)
				buf_adds(&out, ", ");
			emit_edge_json(&out, &a.graph, chain.ptr[i]);
		}
		buf_adds(&out, "]}\n");
	} else if (!found) {
		buf_addf(&out, "%s does not import %s\n", o.args.ptr[0], o.args.ptr[1]);
	} else {
		for (size_t i = 0; i < chain.len; i++) {
			const struct graph_edge *e = &a.graph.edges.ptr[chain.ptr[i]];
			buf_addf(&out, "%s:%u: %s imports %s (", e->file ? e->file : "?", e->line,
				 a.graph.nodes.ptr[e->from].name.ptr, a.graph.nodes.ptr[e->to].name.ptr);
			emit_edge_kinds(&out, e->kinds);
			buf_adds(&out, ")\n");
		}
	}
	rc = cli_write(&out) < 0 ? EXIT_ERROR : found ? EXIT_CLEAN : EXIT_FINDINGS;
cleanup:
	vec_release(&chain);
	analysis_release(&a);
	buf_release(&out);
	cli_opts_release(&o);
	return rc;
}
