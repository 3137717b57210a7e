/* modscope affected FILE... [--project DIR] [--kinds K,...] [--format text|json]
 * Every local module and test file that transitively imports any of the
 * files: what a CI job must re-test after a change (docs/graph.md). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/internal.h"
#include "graph/query.h"
#include "report/json.h"

static const char affected_usage[] =
	"usage: modscope affected FILE... [--project DIR] [--kinds KIND,...]\n"
	"                         [--format text|json] [--jobs N] [--python P] [--path DIR]...\n"
	"  The changed files themselves are listed first (depth 0).\n";

/* A test file as pytest's default discovery sees one: test_*.py, *_test.py,
 * conftest.py, or any file inside a tests/ or test/ package.  The folders
 * are read from the module name, not the shown path, so a project whose
 * own path has a tests/ folder in it is not all tests. */
static bool is_test_file(const char *path, const char *module)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	if (!strncmp(base, "test_", 5) || (n > 8 && !strcmp(base + n - 8, "_test.py")) ||
	    !strcmp(base, "conftest.py"))
		return true;
	for (const char *p = module; *p;) {
		const char *dot = strchr(p, '.');
		size_t len = dot ? (size_t)(dot - p) : strlen(p);
		if ((len == 5 && !strncmp(p, "tests", 5)) || (len == 4 && !strncmp(p, "test", 4)))
			return true;
		p += len + (dot != NULL);
	}
	return false;
}

int cmd_affected(int argc, char **argv)
{
	static const char *const formats[] = { "text", "json", NULL };
	struct cli_opts o = { .format = "text", .formats = formats, .kinds = GRAPH_EDGE_ALL };
	struct analysis a;
	struct buf out = BUF_INIT;
	struct graph_hits hits = { 0 };
	int rc = cli_parse(argc, argv, affected_usage,
			   OPT_ENV | OPT_JOBS | OPT_KINDS | OPT_PROJECT, &o);
	if (rc != 0) {
		cli_opts_release(&o);
		return rc > 0 ? EXIT_CLEAN : EXIT_ERROR;
	}
	if (!o.args.len) {
		fprintf(stderr, "modscope: affected needs at least one FILE\n%s", affected_usage);
		cli_opts_release(&o);
		return EXIT_ERROR;
	}
	if (cli_analyse(&a, o.project, &o) < 0) {
		rc = EXIT_ERROR;
		goto cleanup;
	}
	cli_print_problems(&a);
	if (cli_reach(&a, &o, true, GRAPH_BACKWARD, GRAPH_DEPTH_UNLIMITED, &hits) < 0) {
		rc = EXIT_ERROR;
		goto cleanup;
	}
	for (size_t i = 0; i < hits.len; i++) {
		const struct graph_node *n = &a.graph.nodes.ptr[hits.ptr[i].node];
		if (n->kind != GRAPH_NODE_LOCAL || !n->file)
			continue;
		bool test = is_test_file(n->file, n->name.ptr);
		if (!strcmp(o.format, "json")) {
			buf_adds(&out, "{\"module\": ");
			json_str(&out, n->name);
			buf_adds(&out, ", \"file\": ");
			json_cstr(&out, n->file);
			buf_addf(&out, ", \"depth\": %u, \"test\": %s}\n", hits.ptr[i].depth,
				 test ? "true" : "false");
		} else {
			buf_addf(&out, "%s%s\n", n->file, test ? "  (test)" : "");
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
