/* Choosing the interpreter and reading its facts. */
#include "env/env.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fs.h"
#include "env/internal.h"
#include "env/jsonr.h"

/* posixpath.normpath() of an absolute or relative path. */
static void normpath(struct buf *out, const char *p)
{
	size_t start = out->len;
	int slashes = 0;
	while (p[slashes] == '/')
		slashes++;
	/* POSIX lets exactly two leading slashes mean something else */
	if (slashes == 2)
		buf_adds(out, "//");
	else if (slashes)
		buf_addc(out, '/');
	size_t root = out->len;
	const char *s = p + slashes;
	size_t comps = 0; /* components kept that are not ".." */
	while (*s) {
		const char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (n == 0 || (n == 1 && s[0] == '.')) {
			/* skip */
		} else if (n == 2 && s[0] == '.' && s[1] == '.' && (comps > 0 || slashes)) {
			if (comps > 0) {
				/* drop the last component */
				size_t len = out->len;
				while (len > root && out->ptr[len - 1] != '/')
					len--;
				if (len > root)
					len--;
				buf_truncate(out, len);
				comps--;
			}
		} else {
			if (out->len > root)
				buf_addc(out, '/');
			buf_add(out, s, n);
			if (!(n == 2 && s[0] == '.' && s[1] == '.'))
				comps++;
		}
		s += n;
		while (*s == '/')
			s++;
	}
	if (out->len == start)
		buf_addc(out, '.');
}

void env_abspath(struct buf *out, const char *p)
{
	if (p[0] == '/') {
		normpath(out, p);
		return;
	}
	struct buf joined = BUF_INIT;
	char *cwd = getcwd(NULL, 0);
	buf_adds(&joined, cwd ? cwd : ".");
	free(cwd);
	if (p[0]) {
		buf_addc(&joined, '/');
		buf_adds(&joined, p);
	}
	normpath(out, joined.ptr);
	buf_release(&joined);
}

/* ---- choosing the interpreter --------------------------------------- */

static bool is_executable(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/* Looks name up on $PATH like execvp(); appends the full path to out. */
static bool search_path(struct buf *out, const char *name)
{
	const char *path = getenv("PATH");
	if (!path)
		return false;
	struct buf cand = BUF_INIT;
	bool found = false;
	while (!found) {
		const char *e = strchr(path, ':');
		size_t n = e ? (size_t)(e - path) : strlen(path);
		buf_clear(&cand);
		if (n == 0)
			buf_addc(&cand, '.');
		else
			buf_add(&cand, path, n);
		buf_addc(&cand, '/');
		buf_adds(&cand, name);
		if (is_executable(cand.ptr)) {
			buf_addsl(out, buf_slice(&cand));
			found = true;
		}
		if (!e)
			break;
		path = e + 1;
	}
	buf_release(&cand);
	return found;
}

/* The interpreter to model, as an absolute path in out. */
static int choose_interpreter(const struct env_options *o, struct buf *out, struct buf *err)
{
	struct buf cand = BUF_INIT;
	int rc = -1;
	if (o->python) {
		if (!strchr(o->python, '/')) {
			if (!search_path(&cand, o->python)) {
				buf_addf(err, "interpreter '%s' not found on PATH", o->python);
				goto cleanup;
			}
		} else {
			buf_adds(&cand, o->python);
			if (!is_executable(cand.ptr)) {
				buf_addf(err, "interpreter '%s' not found or not executable", o->python);
				goto cleanup;
			}
		}
	} else {
		const char *venv = getenv("VIRTUAL_ENV");
		if (venv && venv[0]) {
			fs_join(&cand, venv, "bin/python");
			if (!is_executable(cand.ptr)) {
				buf_addf(err, "VIRTUAL_ENV is set but '%s' is not an interpreter", cand.ptr);
				goto cleanup;
			}
		} else {
			const char *root = o->project_root ? o->project_root : ".";
			static const char *const local[] = { ".venv/bin/python", "venv/bin/python" };
			for (size_t i = 0; i < 2 && !cand.len; i++) {
				fs_join(&cand, root, local[i]);
				if (!is_executable(cand.ptr))
					buf_clear(&cand);
			}
			if (!cand.len && !search_path(&cand, "python3")) {
				buf_addf(err, "no interpreter: give --python, or put python3 on PATH");
				goto cleanup;
			}
		}
	}
	/* absolute, like sys.executable, but symbolic links kept: a venv's
	 * bin/python is a link and site looks for pyvenv.cfg beside it */
	env_abspath(out, cand.ptr);
	rc = 0;
cleanup:
	buf_release(&cand);
	return rc;
}

/* ---- reading the answer ---------------------------------------------- */

static const char *str_field(struct env *self, const struct jsonr_value *root,
			     const char *key, bool required, struct buf *err)
{
	const struct jsonr_value *v = jsonr_get(root, key);
	if (v && v->type == JSONR_STRING)
		return v->str;
	if (required && !err->len)
		buf_addf(err, "interpreter answer lacks the string '%s'", key);
	return NULL;
}

typedef VEC(const char *) str_vec;

static void str_list(const struct jsonr_value *root, const char *key, void *vec)
{
	str_vec *out = vec;
	const struct jsonr_value *v = jsonr_get(root, key);
	if (!v || v->type != JSONR_ARRAY)
		return;
	for (size_t i = 0; i < v->len; i++)
		if (v->items[i]->type == JSONR_STRING)
			vec_push(out, v->items[i]->str);
}

static int read_facts(struct env *self, const char *text, size_t len, struct buf *err)
{
	struct buf perr = BUF_INIT;
	struct jsonr_value *root = jsonr_parse(&self->arena, text, len, &perr);
	if (!root || root->type != JSONR_OBJECT) {
		buf_addf(err, "cannot read the interpreter's answer: %s",
			 perr.len ? perr.ptr : "not an object");
		buf_release(&perr);
		return -1;
	}
	buf_release(&perr);
	self->executable = str_field(self, root, "executable", true, err);
	self->version = str_field(self, root, "version", true, err);
	self->implementation = str_field(self, root, "implementation", true, err);
	self->cache_tag = str_field(self, root, "cache_tag", false, err);
	self->prefix = str_field(self, root, "prefix", true, err);
	self->base_prefix = str_field(self, root, "base_prefix", true, err);
	self->exec_prefix = str_field(self, root, "exec_prefix", true, err);
	self->base_exec_prefix = str_field(self, root, "base_exec_prefix", true, err);
	self->platlibdir = str_field(self, root, "platlibdir", true, err);
	self->stdlib_dir = str_field(self, root, "stdlib_dir", false, err);
	if (err->len)
		return -1;
	const struct jsonr_value *v = jsonr_get(root, "major");
	self->version_major = v && v->type == JSONR_NUMBER ? (int)v->number : 3;
	v = jsonr_get(root, "minor");
	self->version_minor = v && v->type == JSONR_NUMBER ? (int)v->number : 0;
	v = jsonr_get(root, "frozen_modules_enabled");
	self->frozen_modules_enabled = v && v->type == JSONR_BOOL && v->boolean;
	v = jsonr_get(root, "site_dist_packages");
	self->site_dist_packages = v && v->type == JSONR_BOOL && v->boolean;
	str_list(root, "builtin_modules", &self->builtin_modules);
	str_list(root, "extension_suffixes", &self->extension_suffixes);
	str_list(root, "source_suffixes", &self->source_suffixes);
	str_list(root, "bytecode_suffixes", &self->bytecode_suffixes);
	str_list(root, "sys_path", &self->base_path);
	v = jsonr_get(root, "frozen_modules");
	for (size_t i = 0; v && v->type == JSONR_ARRAY && i < v->len; i++) {
		const struct jsonr_value *f = v->items[i];
		if (f->type != JSONR_ARRAY || f->len < 2 || f->items[0]->type != JSONR_STRING)
			continue;
		struct env_frozen fz = { f->items[0]->str, f->items[1]->type == JSONR_BOOL && f->items[1]->boolean,
					 f->len > 2 ? jsonr_str(f->items[2]) : NULL };
		vec_push(&self->frozen_modules, fz);
	}
	for (size_t i = 0; i < self->builtin_modules.len; i++)
		map_put(&self->builtin_set, slice_cstr(self->builtin_modules.ptr[i]), (void *)1);
	for (size_t i = 0; i < self->frozen_modules.len; i++)
		map_put(&self->frozen_set, slice_cstr(self->frozen_modules.ptr[i].name),
			&self->frozen_modules.ptr[i]);
	return 0;
}

int env_load(struct env *self, const struct env_options *options, struct buf *err)
{
	memset(self, 0, sizeof(*self));
	arena_init(&self->arena);
	map_init(&self->builtin_set);
	map_init(&self->frozen_set);
	struct buf exe = BUF_INIT, json = BUF_INIT;
	int rc = -1;
	if (choose_interpreter(options, &exe, err) < 0)
		goto cleanup;
	if (env_query(exe.ptr, options->no_cache, &json, &self->cache, err) < 0)
		goto cleanup;
	if (read_facts(self, json.ptr, json.len, err) < 0)
		goto cleanup;
	if (env_model_site(self, options->path, options->npath, err) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	buf_release(&exe);
	buf_release(&json);
	return rc;
}

void env_release(struct env *self)
{
	vec_release(&self->builtin_modules);
	vec_release(&self->frozen_modules);
	vec_release(&self->extension_suffixes);
	vec_release(&self->source_suffixes);
	vec_release(&self->bytecode_suffixes);
	vec_release(&self->base_path);
	vec_release(&self->sys_path);
	for (size_t i = 0; i < self->pth_files.len; i++) {
		vec_release(&self->pth_files.ptr[i].entries);
		vec_release(&self->pth_files.ptr[i].imports);
	}
	vec_release(&self->pth_files);
	for (size_t i = 0; i < self->editables.len; i++)
		vec_release(&self->editables.ptr[i].mapping);
	vec_release(&self->editables);
	vec_release(&self->warnings);
	map_release(&self->builtin_set);
	map_release(&self->frozen_set);
	arena_release(&self->arena);
}

bool env_is_builtin(const struct env *self, const char *name)
{
	return map_get(&self->builtin_set, slice_cstr(name)) != NULL;
}

const struct env_frozen *env_frozen(const struct env *self, const char *name)
{
	return map_get(&self->frozen_set, slice_cstr(name));
}
