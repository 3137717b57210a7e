/* The project being analysed: its root, its configuration ([tool.modscope]
 * in pyproject.toml, or modscope.toml), its source roots (the sys.path
 * entries its modules are imported from) and the folders to analyse. */
#ifndef MODSCOPE_CONFIG_PROJECT_H
#define MODSCOPE_CONFIG_PROJECT_H

#include <stdbool.h>

#include "base/buf.h"
#include "base/vec.h"
#include "config/toml.h"

struct project {
	char *root;               /* absolute, owned: the folder holding the marker */
	char *config_file;        /* owned path of the file read, or NULL */
	VEC(char *) roots;        /* owned absolute source roots, in sys.path order */
	VEC(char *) targets;      /* owned absolute files/folders to analyse */
	VEC(char *) exclude;      /* owned glob patterns, relative to root */
	char *python;             /* owned configured interpreter, or NULL */
	struct toml_doc doc;      /* the configuration document (root NULL if none) */
	const struct toml_value *tool; /* [tool.modscope], borrowed from doc, or NULL */
};

/* Finds and loads the project that holds start (a file or folder):
 * - a folder that is a package (has __init__.py) is analysed as that package:
 *   its sys.path root is found by walking up through __init__.py files, and
 *   only the package is a target;
 * - otherwise the root is the nearest folder, from start up, holding
 *   pyproject.toml, modscope.toml, setup.cfg or .git (start itself when none
 *   is found); the source roots are [tool.modscope] roots (relative to the
 *   root), else "src" and the root (src layout: src first), else the root
 *   (flat layout); the targets are start when it is below the root and not
 *   the root itself, else the source roots.
 * Returns 0, or -1 with "file:line:col: reason" appended to err for a
 * configuration error (bad TOML, a roots entry that is not a string or not a
 * folder).  self must be released either way. */
int project_load(struct project *self, const char *start, struct buf *err);
/* Frees everything self owns. */
void project_release(struct project *self);

/* Appends to out the dotted module name that path (a .py file or a package
 * folder) has when imported from the first source root that contains it, and
 * returns the index of that root; "pkg/__init__.py" names "pkg".  Returns -1
 * when path is under no root or a part of its name is not an identifier. */
int project_module_name(const struct project *self, const char *path, struct buf *out);
/* As project_module_name for a path the caller knows to be a real path
 * (absolute, no symbolic links): no realpath() call. */
int project_module_name_real(const struct project *self, const char *real_path, struct buf *out);

/* True when path (absolute or relative to the root) matches an exclude glob
 * (fnmatch with FNM_PATHNAME off, tried on the path relative to the root and
 * on each trailing part of it). */
bool project_is_excluded(const struct project *self, const char *path);

/* True when s is a Python identifier (ASCII letters, digits, '_', or any
 * non-ASCII UTF-8 byte, not starting with a digit) and not empty. */
bool project_is_identifier(const char *s, size_t len);

#endif
