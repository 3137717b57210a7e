/* shadowed-stdlib: a project module or package whose top-level name is that
 * of a standard library module and which comes first on the sys.path the
 * project runs with, so `import NAME` finds the project's file.
 *
 * Two places put project folders in front of the standard library:
 * - the source roots (PYTHONPATH, an editable install, the current folder
 *   under `python -m`): a top-level module there shadows for every file;
 * - the folder of a script: `python dir/x.py` puts dir first on sys.path
 *   (sys.path[0]), so a module beside a script shadows for that script and
 *   its siblings.  A script is a file with an `if __name__ == "__main__":`
 *   block, or any file in a folder named scripts or bin, outside a regular
 *   package.
 * Builtin and frozen modules cannot be shadowed (BuiltinImporter and
 * FrozenImporter come before PathFinder on sys.meta_path), nor can
 * `encodings`, imported before any user code.  Modules that a .pth file
 * imports at start-up are not modelled: with such an interpreter a shadow
 * can stay latent (docs/check.md).
 *
 * The finding is at each import of the shadowed name in the affected files;
 * a shadow nothing imports is reported on its own file. */
#include "rules/internal.h"

#include <dirent.h>
#include <string.h>
#include <unistd.h>

#include "base/fs.h"

/* Adds the top-level module names of the standard library folder dir. */
static void list_stdlib(struct map *names, struct arena *arena, const char *dir, bool dynload)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	struct buf p = BUF_INIT;
	while ((e = readdir(d))) {
		const char *n = e->d_name;
		size_t len = strlen(n);
		size_t stem = len;
		if (dynload) {
			const char *dot = strchr(n, '.');
			if (!dot || len < 3 || strcmp(n + len - 3, ".so"))
				continue;
			stem = (size_t)(dot - n);
		} else if (len > 3 && !strcmp(n + len - 3, ".py")) {
			stem = len - 3;
		} else {
			buf_clear(&p);
			fs_join(&p, dir, n);
			buf_adds(&p, "/__init__.py");
			if (access(p.ptr, F_OK) != 0)
				continue;
		}
		if (!project_is_identifier(n, stem) || (stem > 1 && n[0] == '_' && n[1] == '_'))
			continue;
		map_put(names, arena_slice(arena, slice_make(n, stem)), (void *)1);
	}
	buf_release(&p);
	closedir(d);
}

static bool unshadowable(const struct env *env, const char *name)
{
	if (env_is_builtin(env, name) || !strcmp(name, "encodings"))
		return true;
	return env->frozen_modules_enabled && env_frozen(env, name);
}

static size_t dir_len(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? (size_t)(slash - path) : 0;
}

static bool is_script(const struct rule_ctx *ctx, const struct analysis_file *f)
{
	size_t n = dir_len(f->path);
	struct buf p = BUF_INIT;
	buf_add(&p, f->path, n);
	buf_adds(&p, "/__init__.py");
	bool package = access(p.ptr, F_OK) == 0;
	buf_release(&p);
	if (package)
		return false;
	const char *start = f->path + n;
	while (start > f->path && start[-1] != '/')
		start--;
	size_t dn = (size_t)(f->path + n - start);
	if ((dn == 7 && !strncmp(start, "scripts", 7)) || (dn == 3 && !strncmp(start, "bin", 3)))
		return true;
	return rule_file_has_main_guard(ctx, f);
}

/* The top-level name a file defines when its folder is on sys.path:
 * "x" for dir/x.py, "pkg" for dir/pkg/__init__.py; written to out. */
static bool top_name(const char *path, size_t dirlen, struct buf *out)
{
	const char *rest = path + dirlen + 1;
	const char *slash = strchr(rest, '/');
	buf_clear(out);
	if (!slash) {
		size_t n = strlen(rest);
		if (n < 4 || strcmp(rest + n - 3, ".py"))
			return false;
		buf_add(out, rest, n - 3);
	} else if (!strcmp(slash + 1, "__init__.py")) {
		buf_add(out, rest, (size_t)(slash - rest));
	} else {
		return false;
	}
	return project_is_identifier(out->ptr, out->len);
}

struct shadow {
	const struct analysis_file *file; /* the shadowing module (or package __init__) */
	const char *name;
	const char *dir;                  /* the sys.path entry it is found in */
	size_t dirlen;
	bool script_dir;                  /* a script's folder, not a source root */
	const char *script;               /* a script of that folder (display) */
};

/* True when an import in file f of name (top-level part) meets shadow s. */
static bool affected(const struct shadow *s, const struct analysis_file *f)
{
	if (f == s->file)
		return false;
	if (!strncmp(f->path, s->dir, s->dirlen) && f->path[s->dirlen] == '/' &&
	    !strncmp(f->path + s->dirlen + 1, s->name, strlen(s->name)) &&
	    f->path[s->dirlen + 1 + strlen(s->name)] == '/')
		return false; /* inside the shadowing package itself */
	if (!s->script_dir)
		return true;
	return dir_len(f->path) == s->dirlen && !strncmp(f->path, s->dir, s->dirlen);
}

static bool names_top(struct slice dotted, const char *name)
{
	size_t n = strlen(name);
	return dotted.len >= n && !memcmp(dotted.ptr, name, n) && (dotted.len == n || dotted.ptr[n] == '.');
}

static size_t report_imports(const struct rule_ctx *ctx, struct diag_list *out,
			     const struct shadow *s)
{
	const struct analysis *a = ctx->analysis;
	size_t found = 0;
	for (size_t i = 0; i < a->files.len; i++) {
		const struct analysis_file *f = &a->files.ptr[i];
		if (f->read_error || !affected(s, f))
			continue;
		for (size_t k = 0; k < f->facts.nimports; k++) {
			const struct scan_import *imp = &f->facts.imports[k];
			if (imp->level || imp->kind == SCAN_DYNAMIC)
				continue;
			bool hit = false;
			if (imp->kind == SCAN_FROM || imp->kind == SCAN_LAZY_FROM)
				hit = names_top(imp->module, s->name);
			else
				for (uint32_t n = 0; n < imp->nnames && !hit; n++)
					hit = names_top(imp->names[n].name, s->name);
			if (!hit)
				continue;
			found++;
			struct diag *d = diag_add(out, "shadowed-stdlib", DIAG_WARNING, f->display,
						  (int)imp->line,
						  rule_col_at(ctx, f->display, imp->line, imp->col),
						  "import of '%s' finds the project's '%s', not the standard "
						  "library module", s->name, s->file->display);
			if (s->script_dir)
				diag_add_note(out, d, s->file->display, 0, 0,
					      "'%s' is a script: 'python %s' puts its folder first on "
					      "sys.path, where this file is found before the standard "
					      "library", s->script, s->script);
			else
				diag_add_note(out, d, s->file->display, 0, 0,
					      "this file is top-level in a source root, which comes "
					      "before the standard library on sys.path");
			diag_set_fix(out, d, "rename '%s' (and its imports) so that it no longer "
				     "hides the standard library's '%s'", s->file->display, s->name);
		}
	}
	return found;
}

int rule_shadowed_stdlib(const struct rule_ctx *ctx, struct diag_list *out)
{
	const struct analysis *a = ctx->analysis;
	const struct env *env = &a->env;
	if (!env->stdlib_dir)
		return 0;
	struct map stdlib;
	map_init(&stdlib);
	struct arena arena;
	arena_init(&arena);
	list_stdlib(&stdlib, &arena, env->stdlib_dir, false);
	struct buf p = BUF_INIT, name = BUF_INIT;
	fs_join(&p, env->stdlib_dir, "lib-dynload");
	list_stdlib(&stdlib, &arena, p.ptr, true);

	VEC(struct shadow) shadows = VEC_INIT;
	/* Source roots. */
	for (size_t r = 0; r < a->project.roots.len; r++) {
		const char *root = a->project.roots.ptr[r];
		size_t rl = strlen(root);
		for (size_t i = 0; i < a->files.len; i++) {
			const struct analysis_file *f = &a->files.ptr[i];
			if (strncmp(f->path, root, rl) || f->path[rl] != '/' || !top_name(f->path, rl, &name))
				continue;
			if (!map_get(&stdlib, buf_slice(&name)) || unshadowable(env, name.ptr))
				continue;
			/* Only when the resolver really finds this file for the name. */
			const struct find_spec *spec = find_module(ctx->find, name.ptr, NULL);
			if (!spec->found || !spec->origin || strcmp(spec->origin, f->path))
				continue;
			struct shadow s = { f, arena_strndup(&arena, name.ptr, name.len), root, rl, false, NULL };
			vec_push(&shadows, s);
		}
	}
	/* Script folders. */
	for (size_t i = 0; i < a->files.len; i++) {
		const struct analysis_file *script = &a->files.ptr[i];
		if (script->read_error || !is_script(ctx, script))
			continue;
		size_t dl = dir_len(script->path);
		bool seen = false;
		for (size_t k = 0; k < shadows.len && !seen; k++)
			seen = shadows.ptr[k].script_dir && shadows.ptr[k].dirlen == dl &&
			       !strncmp(shadows.ptr[k].dir, script->path, dl);
		if (seen)
			continue;
		for (size_t j = 0; j < a->files.len; j++) {
			const struct analysis_file *f = &a->files.ptr[j];
			if (strncmp(f->path, script->path, dl) || f->path[dl] != '/' ||
			    !top_name(f->path, dl, &name))
				continue;
			if (!map_get(&stdlib, buf_slice(&name)) || unshadowable(env, name.ptr))
				continue;
			bool dup = false;
			for (size_t k = 0; k < shadows.len && !dup; k++)
				dup = shadows.ptr[k].file == f;
			if (dup)
				continue;
			struct shadow s = { f, arena_strndup(&arena, name.ptr, name.len),
					    arena_strndup(&arena, script->path, dl), dl, true,
					    script->display };
			vec_push(&shadows, s);
		}
	}
	for (size_t k = 0; k < shadows.len; k++) {
		const struct shadow *s = &shadows.ptr[k];
		if (report_imports(ctx, out, s))
			continue;
		struct diag *d = diag_add(out, "shadowed-stdlib", DIAG_WARNING, s->file->display, 0, 0,
					  "'%s' shadows the standard library module '%s'",
					  s->file->display, s->name);
		diag_add_note(out, d, NULL, 0, 0, "%s",
			      s->script_dir ? "it is beside a script, whose folder comes first on sys.path"
					    : "it is top-level in a source root, which comes before the "
					      "standard library on sys.path");
		diag_set_fix(out, d, "rename it: any module importing '%s' in the same process, the "
			     "standard library's own included, gets this file", s->name);
	}
	vec_release(&shadows);
	buf_release(&p);
	buf_release(&name);
	arena_release(&arena);
	map_release(&stdlib);
	return 0;
}
