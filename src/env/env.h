/* The environment a Python program runs in, modelled without running it:
 * the facts compiled into the interpreter (asked of it once with -I -S and
 * cached on disk) and sys.path as getpath and site build it (PYTHONPATH-like
 * entries, pyvenv.cfg, the user site, site-packages, .pth files, setuptools'
 * editable finders).  Nothing from the analysed tree is ever executed. */
#ifndef MODSCOPE_ENV_ENV_H
#define MODSCOPE_ENV_ENV_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/map.h"
#include "base/vec.h"

/* A module frozen into the interpreter (importlib FrozenImporter). */
struct env_frozen {
	const char *name;
	bool is_package;
	const char *origname; /* the stdlib module it was frozen from, or NULL */
};

/* An 'import' line of a .pth file: site.addpackage() would exec() it. */
struct env_pth_import {
	int line;           /* 1-based */
	const char *code;   /* the line, without its line ending */
	const char *modelled; /* "editable" when modscope models what it installs, else NULL */
};

/* One .pth file processed by site.addsitedir(). */
struct env_pth {
	const char *path;
	VEC(const char *) entries;   /* path lines added to sys.path, in order */
	VEC(struct env_pth_import) imports;
};

/* A top-level name -> location pair of a setuptools editable finder. */
struct env_editable_map {
	const char *name;
	const char *path; /* the package directory or module path without suffix */
};

/* setuptools' __editable___*_finder module, installed by a .pth import line.
 * Its _EditableFinder is appended to sys.meta_path (after PathFinder). */
struct env_editable {
	const char *pth;    /* the .pth file whose import line installs it */
	const char *module; /* e.g. "__editable___pkg_0_1_finder" */
	const char *file;   /* the finder's source file */
	VEC(struct env_editable_map) mapping; /* MAPPING, in dict order */
	bool has_namespaces;                  /* NAMESPACES is not empty */
};

/* A note about the environment that does not stop the model (a .pth import
 * line modscope does not model, an unreadable site directory...). */
struct env_warning {
	const char *file; /* may be NULL */
	int line;         /* 0 when not about a line */
	const char *message;
};

struct env {
	struct arena arena; /* every string below lives here */

	/* Facts from the interpreter query. */
	const char *executable;  /* sys.executable */
	const char *implementation;
	const char *version;     /* "3.11.2" */
	int version_major, version_minor;
	const char *cache_tag;
	const char *prefix, *base_prefix, *exec_prefix, *base_exec_prefix;
	const char *platlibdir;
	const char *stdlib_dir;  /* sys._stdlib_dir, may be NULL */
	VEC(const char *) builtin_modules;
	VEC(struct env_frozen) frozen_modules; /* those find_frozen() finds */
	bool frozen_modules_enabled;
	VEC(const char *) extension_suffixes, source_suffixes, bytecode_suffixes;
	VEC(const char *) base_path; /* sys.path under -I -S */
	bool site_dist_packages;     /* Debian's site.getsitepackages() layout */
	const char *cache;           /* "hit", "miss" or "off" */

	/* Modelled by site.main(). */
	const char *pyvenv_cfg;      /* NULL outside a venv */
	const char *venv_home;
	bool system_site_packages;
	const char *user_site;       /* site.getusersitepackages() */
	bool user_site_enabled;      /* site.ENABLE_USER_SITE after venv() */
	VEC(const char *) sys_path;  /* sys.path[1:] of a normal run */
	VEC(struct env_pth) pth_files;
	VEC(struct env_editable) editables;
	VEC(struct env_warning) warnings;

	struct map builtin_set; /* name -> non-NULL */
	struct map frozen_set;  /* name -> struct env_frozen * */
};

struct env_options {
	const char *python;       /* --python, or NULL to choose */
	const char *project_root; /* where .venv/ and venv/ are looked for; NULL: cwd */
	const char *const *path;  /* --path entries, put in front like PYTHONPATH */
	size_t npath;
	bool no_cache;
};

/* Chooses the interpreter (options->python, else $VIRTUAL_ENV, else .venv/
 * or venv/ in the project root, else python3 on PATH), asks it its facts
 * (or reads them from the cache) and models sys.path.  self is initialised
 * by the call whatever it returns; release it with env_release.  Returns 0,
 * or -1 with a one-line message appended to err (interpreter missing or
 * failing, broken pyvenv.cfg...). */
int env_load(struct env *self, const struct env_options *options, struct buf *err);
/* Frees everything self owns. */
void env_release(struct env *self);

/* True when name is compiled into the interpreter (_imp.is_builtin). */
bool env_is_builtin(const struct env *self, const char *name);
/* The frozen module called name (borrowed from self), or NULL. */
const struct env_frozen *env_frozen(const struct env *self, const char *name);

/* Appends os.path.abspath(p) (relative to the current directory, then
 * normalised like posixpath.normpath) to out. */
void env_abspath(struct buf *out, const char *p);

#endif
