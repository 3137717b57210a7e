/* Helpers shared by the commands in src/cli/: option parsing for the
 * commands that analyse a project, and printing its problems. */
#ifndef MODSCOPE_CLI_INTERNAL_H
#define MODSCOPE_CLI_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "base/vec.h"
#include "graph/analysis.h"
#include "graph/query.h"

/* Which options a command takes (besides --help and --format). */
enum {
	OPT_ENV = 1 << 0,      /* --python P, --path DIR, --no-cache */
	OPT_JOBS = 1 << 1,     /* --jobs N */
	OPT_EXTERNAL = 1 << 2, /* --include-external */
	OPT_KINDS = 1 << 3,    /* --kinds K,... */
	OPT_PROJECT = 1 << 4,  /* --project DIR */
	OPT_COLLAPSE = 1 << 5, /* --collapse N */
	OPT_DEPTH = 1 << 6,    /* --depth N */
};

struct cli_opts {
	const char *format;          /* set to the default before parsing */
	const char *const *formats;  /* the accepted formats, NULL-terminated */
	const char *python;
	VEC(const char *) path;
	unsigned jobs;
	bool include_external, no_cache;
	unsigned kinds;              /* edge-kind mask; set the default before parsing */
	const char *project;         /* --project, default "." */
	unsigned collapse;           /* 0: off */
	unsigned depth;              /* GRAPH_DEPTH_UNLIMITED by default */
	VEC(const char *) args;      /* positional arguments */
};

/* Parses argv (argv[0] is the verb) into o.  usage is printed for --help
 * (on stdout) and after a usage error (on stderr, with the error first).
 * Returns 0 to go on, 1 when --help was printed, -1 on a usage error. */
int cli_parse(int argc, char **argv, const char *usage, unsigned allowed, struct cli_opts *o);
/* Frees what cli_parse allocated in o. */
void cli_opts_release(struct cli_opts *o);

/* Runs the analysis of project directory dir with the options of o; on
 * failure prints "modscope: error: ..." and returns -1 (exit code 2). */
int cli_analyse(struct analysis *a, const char *dir, const struct cli_opts *o);
/* Looks up every positional argument of o in the graph (modules, or files
 * when args_are_files) and appends to *out what graph_reach finds from them
 * in direction dir within depth edges over o->kinds.  Returns 0, or -1
 * after printing which argument is not in the graph. */
int cli_reach(const struct analysis *a, const struct cli_opts *o, bool args_are_files,
	      enum graph_direction dir, uint32_t depth, struct graph_hits *out);
/* Prints the analysis problems as "file:line:col: error: message" on
 * stderr; returns how many there were. */
size_t cli_print_problems(const struct analysis *a);
/* The graph node of arg in a: arg is a module name, or with by_file a
 * file path (absolute or as shown) of a project module.  When there is
 * none, prints "modscope: error: no module 'arg' in the graph of ROOT" (or
 * "'arg' is not a module of the project at ROOT") and returns -1. */
int64_t cli_graph_node(const struct analysis *a, const char *arg, bool by_file);
/* Writes out to stdout; returns -1 (and says so) when stdout fails, here
 * or in an earlier spill of out (cli_stream). */
int cli_write(const struct buf *out);
/* Makes out (empty) hand its bytes to stdout whenever it fills up, for
 * output too large to build whole: cli_write then writes the rest. */
void cli_stream(struct buf *out);

#endif
