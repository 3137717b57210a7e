/* A whole-project analysis: the project (config/project.h), every file under
 * its targets scanned in parallel (syntax/scan.h), every import resolved as
 * importlib would (env/, find/), and the module graph built from them
 * (graph/graph.h, docs/graph.md).  The commands graph, cycles, why, deps,
 * rdeps and affected read it; later stages (sim, rules) will too. */
#ifndef MODSCOPE_GRAPH_ANALYSIS_H
#define MODSCOPE_GRAPH_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/vec.h"
#include "config/project.h"
#include "env/env.h"
#include "find/find.h"
#include "graph/graph.h"
#include "syntax/facts.h"

/* One analysed Python file. */
struct analysis_file {
	char *path;          /* owned, absolute */
	char *display;       /* owned: relative to the current folder when below it */
	char *module;        /* owned dotted name, or NULL when it has none */
	bool package;        /* an __init__.py */
	struct arena arena;  /* owns facts' arrays */
	struct scan_facts facts;
	char *read_error;    /* owned message when the file could not be read */
};

/* A problem found while analysing, for the CLI to print (file:line:col). */
struct analysis_problem {
	char *file;    /* owned display path, may be NULL */
	unsigned line, col;
	char *message; /* owned */
};

struct analysis_options {
	const char *python;         /* --python, or NULL: configured, else chosen by env */
	const char *const *path;    /* --path entries, in front of the source roots */
	size_t npath;
	unsigned jobs;              /* threads; 0: all cores */
	bool include_external;      /* keep stdlib, third-party and builtin nodes */
	bool no_cache;              /* do not use the interpreter-facts cache */
	bool imports_only;          /* the caller reads only facts.imports and
				     * facts.error (scanner.imports_only) */
	bool graph_only;            /* the caller reads no facts but facts.error:
				     * the others are freed (emptied) as soon as
				     * their edges are in the graph */
};

struct analysis {
	struct project project;
	struct env env;
	struct find find;
	bool env_loaded, find_ready;
	VEC(struct analysis_file) files;  /* in walk order */
	VEC(struct analysis_problem) problems;
	struct graph graph;               /* frozen after analysis_run */
};

/* Loads the project holding start, scans every .py file under its targets
 * on opts->jobs threads, resolves every import and builds the frozen graph
 * into self->graph.  Files that cannot be read or scanned are recorded in
 * self->problems and the rest is analysed.  self is initialised by the call
 * whatever it returns; release it with analysis_release.  Returns 0, or -1
 * with a message appended to err when the project or the environment
 * cannot be loaded (configuration error, interpreter missing). */
int analysis_run(struct analysis *self, const char *start, const struct analysis_options *opts,
		 struct buf *err);
/* Frees everything self owns. */
void analysis_release(struct analysis *self);

/* The graph edge kind of one import record (docs/graph.md): type_checking
 * under `if TYPE_CHECKING`, lazy in a function body or for PEP 810 lazy
 * imports, dynamic for import_module, guarded in a try whose handlers catch
 * ImportError, conditional under other ifs or in an except body, else eager. */
unsigned analysis_edge_kind(const struct scan_import *imp);

/* True when a try guard's handlers catch a failing import: ImportError,
 * ModuleNotFoundError, Exception or BaseException (by their last dotted
 * part), or a bare except. */
bool analysis_catches_import_error(const struct scan_guard *g);

/* The absolute name a relative import (level >= 1, module may be empty)
 * means in the module called importer (a package when is_package), like
 * importlib._bootstrap._resolve_name.  Appends it to out and returns 0, or
 * returns -1 when it goes beyond the top-level package. */
int analysis_resolve_relative(const char *importer, bool is_package, unsigned level,
			      struct slice module, struct buf *out);

/* The file of self->files whose absolute or display path is path, or NULL. */
const struct analysis_file *analysis_file_by_path(const struct analysis *self, const char *path);

#endif
