/* importlib's path-based resolution, mirrored without executing anything:
 * the meta path (BuiltinImporter, FrozenImporter, PathFinder, then the
 * editable finders site's .pth files install), FileFinder's order inside
 * one directory, zipimport, namespace packages, relative names. */
#ifndef MODSCOPE_FIND_FIND_H
#define MODSCOPE_FIND_FIND_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/map.h"
#include "base/vec.h"
#include "env/env.h"

enum find_kind {
	FIND_SOURCE,
	FIND_BYTECODE,
	FIND_EXTENSION,
	FIND_BUILTIN,
	FIND_FROZEN,
	FIND_ZIP,
	FIND_NAMESPACE,
};

/* The word used for a kind in output: "source", "bytecode"... */
const char *find_kind_name(enum find_kind kind);

/* What importlib's _find_spec() returns for a name, or why it finds none. */
struct find_spec {
	const char *name;
	bool found;
	enum find_kind kind;
	bool is_package;
	const char *origin;                  /* NULL for builtin, frozen, namespace */
	const char *const *search_locations; /* __path__; NULL for a plain module */
	size_t nsearch_locations;
	const char *finder;                  /* "BuiltinImporter", "FrozenImporter",
						"PathFinder", "editable" */
	const char *error;                   /* when !found: CPython's message */
};

/* A problem with one path entry; the search goes on without it. */
struct find_diag {
	const char *path;
	const char *message;
};

/* The resolver's state: like sys.modules and sys.path_importer_cache, it
 * remembers what it has seen (specs, directory listings, zip directories). */
struct find {
	const struct env *env; /* borrowed; outlives self */
	struct arena arena;
	struct map specs;      /* name -> struct find_spec * */
	struct map importers;  /* path entry -> struct importer * */
	struct map dirs;       /* directory -> struct dir_listing * */
	VEC(struct find_diag) diags;
	VEC(struct loader) loaders; /* FileFinder's (suffix, kind) order */
	char *cwd;
};

/* Prepares self to resolve names in env (borrowed). */
void find_init(struct find *self, const struct env *env);
/* Frees everything self owns; specs it returned become invalid. */
void find_release(struct find *self);

/* Resolves the absolute name like importlib._bootstrap._find_and_load
 * without executing anything: parents first, then the meta path.  The
 * spec is owned by self.  When trace is not NULL, a `python -v`-like
 * account of the search is appended to it. */
const struct find_spec *find_module(struct find *self, const char *name, struct buf *trace);

/* The absolute name of relative name (".x", "..y.z", ".") imported from the
 * module whose file is from_file, like importlib._bootstrap._resolve_name
 * after _sanity_check.  Appends it to out and returns 0, or returns -1 with
 * CPython's message in err ("attempted relative import beyond top-level
 * package", "attempted relative import with no known parent package"). */
int find_relative(struct find *self, const char *name, const char *from_file,
		  struct buf *out, struct buf *err);

#endif
