#include "cli/internal.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "graph/query.h"

__attribute__((format(printf, 2, 3)))
static int usage_error(const char *usage, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "modscope: ");
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s", usage);
	return -1;
}

static int parse_uint(const char *s, unsigned *out)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (!*s || *end || errno || v > UINT_MAX || s[0] == '-')
		return -1;
	*out = (unsigned)v;
	return 0;
}

int cli_parse(int argc, char **argv, const char *usage, unsigned allowed, struct cli_opts *o)
{
	bool only_args = false;
	if (!o->project)
		o->project = ".";
	if (!o->depth)
		o->depth = GRAPH_DEPTH_UNLIMITED;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;
		if (only_args || a[0] != '-' || !strcmp(a, "-")) {
			vec_push(&o->args, a);
			continue;
		}
		if (!strcmp(a, "--")) {
			only_args = true;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(usage, stdout);
			return 1;
		} else if (!strcmp(a, "--format")) {
			if (!val)
				return usage_error(usage, "%s needs a value", a);
			bool ok = false;
			for (size_t k = 0; o->formats && o->formats[k]; k++)
				ok |= !strcmp(val, o->formats[k]);
			if (!ok)
				return usage_error(usage, "unknown format '%s'", val);
			o->format = val;
			i++;
		} else if ((allowed & OPT_ENV) && !strcmp(a, "--python")) {
			if (!val)
				return usage_error(usage, "%s needs a value", a);
			o->python = val;
			i++;
		} else if ((allowed & OPT_ENV) && !strcmp(a, "--path")) {
			if (!val)
				return usage_error(usage, "%s needs a value", a);
			vec_push(&o->path, val);
			i++;
		} else if ((allowed & OPT_ENV) && !strcmp(a, "--no-cache")) {
			o->no_cache = true;
		} else if ((allowed & OPT_JOBS) && !strcmp(a, "--jobs")) {
			if (!val || parse_uint(val, &o->jobs) < 0 || o->jobs == 0 || o->jobs > 256)
				return usage_error(usage, "--jobs takes a number from 1 to 256, not '%s'",
						   val ? val : "");
			i++;
		} else if ((allowed & OPT_EXTERNAL) && !strcmp(a, "--include-external")) {
			o->include_external = true;
		} else if ((allowed & OPT_KINDS) && !strcmp(a, "--kinds")) {
			const char *bad;
			size_t bad_len;
			if (!val)
				return usage_error(usage, "%s needs a value", a);
			if (graph_parse_kinds(val, &o->kinds, &bad, &bad_len) < 0) {
				fprintf(stderr, "modscope: unknown edge kind '%.*s' (kinds: eager, guarded, "
					"conditional, type_checking, lazy, dynamic, parent, all)\n",
					(int)bad_len, bad);
				return -1;
			}
			i++;
		} else if ((allowed & OPT_PROJECT) && !strcmp(a, "--project")) {
			if (!val)
				return usage_error(usage, "%s needs a value", a);
			o->project = val;
			i++;
		} else if ((allowed & OPT_COLLAPSE) && !strcmp(a, "--collapse")) {
			if (!val || parse_uint(val, &o->collapse) < 0 || o->collapse == 0)
				return usage_error(usage, "--collapse takes a number of levels >= 1, not '%s'",
						   val ? val : "");
			i++;
		} else if ((allowed & OPT_DEPTH) && !strcmp(a, "--depth")) {
			if (!val || parse_uint(val, &o->depth) < 0)
				return usage_error(usage, "--depth takes a number >= 0, not '%s'",
						   val ? val : "");
			i++;
		} else {
			return usage_error(usage, "unknown option '%s'", a);
		}
	}
	return 0;
}

void cli_opts_release(struct cli_opts *o)
{
	vec_release(&o->path);
	vec_release(&o->args);
}

int cli_analyse(struct analysis *a, const char *dir, const struct cli_opts *o)
{
	struct analysis_options ao = {
		.python = o->python,
		.path = o->path.ptr,
		.npath = o->path.len,
		.jobs = o->jobs,
		.include_external = o->include_external,
		.no_cache = o->no_cache,
		.imports_only = true, /* the graph commands read nothing else, */
		.graph_only = true,   /* and that only to build the graph */
	};
	struct buf err = BUF_INIT;
	int rc = analysis_run(a, dir, &ao, &err);
	if (rc < 0)
		fprintf(stderr, "modscope: error: %s\n", err.ptr);
	buf_release(&err);
	return rc;
}

size_t cli_print_problems(const struct analysis *a)
{
	for (size_t i = 0; i < a->problems.len; i++) {
		const struct analysis_problem *p = &a->problems.ptr[i];
		if (p->line)
			fprintf(stderr, "%s:%u:%u: error: %s\n", p->file ? p->file : "", p->line,
				p->col ? p->col : 1, p->message);
		else
			fprintf(stderr, "%s: error: %s\n", p->file ? p->file : "", p->message);
	}
	return a->problems.len;
}

int64_t cli_graph_node(const struct analysis *a, const char *arg, bool by_file)
{
	if (by_file) {
		const struct analysis_file *f = analysis_file_by_path(a, arg);
		int64_t n = f && f->module ? graph_find(&a->graph, slice_cstr(f->module)) : -1;
		if (n < 0)
			fprintf(stderr, "modscope: error: '%s' is not a module of the project at %s\n",
				arg, a->project.root);
		return n;
	}
	int64_t n = graph_find(&a->graph, slice_cstr(arg));
	if (n < 0)
		fprintf(stderr, "modscope: error: no module '%s' in the graph of %s\n", arg,
			a->project.root);
	return n;
}

static void spill_stdout(struct buf *out, void *ctx)
{
	(void)ctx;
	fwrite(out->ptr, 1, out->len, stdout); /* a failure stays in ferror() */
	buf_clear(out);
}

void cli_stream(struct buf *out)
{
	/* 256 KiB: written in a few large writes, reused from the first. */
	buf_grow(out, 256 * 1024);
	out->spill = spill_stdout;
}

int cli_write(const struct buf *out)
{
	if (fwrite(out->ptr, 1, out->len, stdout) != out->len || fflush(stdout) != 0 ||
	    ferror(stdout)) {
		fprintf(stderr, "modscope: error: cannot write output: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

int cli_reach(const struct analysis *a, const struct cli_opts *o, bool args_are_files,
	      enum graph_direction dir, uint32_t depth, struct graph_hits *out)
{
	VEC(uint32_t) starts = VEC_INIT;
	for (size_t i = 0; i < o->args.len; i++) {
		int64_t n = cli_graph_node(a, o->args.ptr[i], args_are_files);
		if (n < 0) {
			vec_release(&starts);
			return -1;
		}
		vec_push(&starts, (uint32_t)n);
	}
	graph_reach(&a->graph, starts.ptr, starts.len, o->kinds, dir, depth, out);
	vec_release(&starts);
	return 0;
}
