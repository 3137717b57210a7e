/* importlib's resolution, step by step.  Each function names the piece of
 * Lib/importlib/_bootstrap.py, _bootstrap_external.py or zipimport.py it
 * mirrors (CPython 3.11). */
#include "find/find.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "find/internal.h"

struct loader {
	const char *suffix;
	enum find_kind kind;
};

/* os.listdir() of one directory, as FileFinder._fill_cache keeps it */
struct dir_listing {
	struct map names; /* entry name -> non-NULL */
	/* Each entry name up to its first '.': a module tail + suffix (every
	 * suffix begins with '.') or a package directory can only be there
	 * when tail is one of these, so most misses cost one lookup. */
	struct map stems;
};

enum importer_kind { IMPORTER_NONE, IMPORTER_FILE, IMPORTER_ZIP };

/* What sys.path_importer_cache would hold for one path entry. */
struct importer {
	enum importer_kind kind;
	const char *path;          /* FileFinder.path */
	struct zip_archive *zip;   /* zipimporter's archive */
	const char *prefix;        /* zipimporter.prefix ("" or "sub/dir/") */
	const char *why_none;      /* IMPORTER_NONE: why no hook accepted it */
};

static const char *const kind_names[] = {
	[FIND_SOURCE] = "source", [FIND_BYTECODE] = "bytecode", [FIND_EXTENSION] = "extension",
	[FIND_BUILTIN] = "builtin", [FIND_FROZEN] = "frozen", [FIND_ZIP] = "zip",
	[FIND_NAMESPACE] = "namespace",
};

const char *find_kind_name(enum find_kind kind)
{
	return kind_names[kind];
}

static const char *adup(struct find *self, const char *s, size_t n)
{
	return arena_strndup(&self->arena, s, n);
}

static const char *adups(struct find *self, const char *s)
{
	return arena_strndup(&self->arena, s, strlen(s));
}

static void diag(struct find *self, const char *path, const char *msg)
{
	struct find_diag d = { adups(self, path), adups(self, msg) };
	vec_push(&self->diags, d);
}

void find_init(struct find *self, const struct env *env)
{
	memset(self, 0, sizeof(*self));
	self->env = env;
	arena_init(&self->arena);
	map_init(&self->specs);
	map_init(&self->importers);
	map_init(&self->dirs);
	self->cwd = getcwd(NULL, 0);
	/* _bootstrap_external._get_supported_file_loaders(): extensions,
	 * source, bytecode */
	for (size_t i = 0; i < env->extension_suffixes.len; i++) {
		struct loader l = { env->extension_suffixes.ptr[i], FIND_EXTENSION };
		vec_push(&self->loaders, l);
	}
	for (size_t i = 0; i < env->source_suffixes.len; i++) {
		struct loader l = { env->source_suffixes.ptr[i], FIND_SOURCE };
		vec_push(&self->loaders, l);
	}
	for (size_t i = 0; i < env->bytecode_suffixes.len; i++) {
		struct loader l = { env->bytecode_suffixes.ptr[i], FIND_BYTECODE };
		vec_push(&self->loaders, l);
	}
}

void find_release(struct find *self)
{
	size_t i = 0;
	struct map_entry *e;
	while ((e = map_next(&self->dirs, &i))) {
		map_release(&((struct dir_listing *)e->value)->names);
		map_release(&((struct dir_listing *)e->value)->stems);
	}
	i = 0;
	while ((e = map_next(&self->importers, &i))) {
		struct importer *imp = e->value;
		if (imp->zip)
			zip_archive_release(imp->zip);
	}
	map_release(&self->specs);
	map_release(&self->importers);
	map_release(&self->dirs);
	vec_release(&self->diags);
	vec_release(&self->loaders);
	free(self->cwd);
	arena_release(&self->arena);
}

/* _bootstrap_external._path_join() on POSIX: separators at the end of each
 * part are dropped, parts joined with '/' (no normalisation). */
static void path_join(struct buf *out, const char *a, const char *b)
{
	size_t n = strlen(a);
	while (n && a[n - 1] == '/')
		n--;
	buf_add(out, a, n);
	buf_addc(out, '/');
	buf_adds(out, b);
}

static bool path_is_mode(const char *p, mode_t type)
{
	struct stat st;
	return stat(p, &st) == 0 && (st.st_mode & S_IFMT) == type;
}

/* ---- path hooks --------------------------------------------------------- */

/* zipimport.zipimporter.__init__: strip components off the end until an
 * existing path is met; it must be a regular file holding a Zip directory. */
static struct importer *try_zip(struct find *self, const char *entry)
{
	struct buf path = BUF_INIT, prefix = BUF_INIT;
	struct importer *imp = NULL;
	buf_adds(&path, entry);
	VEC(const char *) parts = VEC_INIT;
	if (!path.len)
		goto cleanup;
	for (;;) {
		struct stat st;
		if (stat(path.ptr, &st) == 0) {
			if (!S_ISREG(st.st_mode))
				goto cleanup;
			break;
		}
		/* _path_split: dirname is everything before the last '/' */
		char *slash = strrchr(path.ptr, '/');
		if (!slash)
			goto cleanup; /* dirname '' == ... path differs; stat('') fails next */
		size_t cut = (size_t)(slash - path.ptr);
		const char *base = adups(self, slash + 1);
		vec_push(&parts, base);
		buf_truncate(&path, cut);
		if (!path.len)
			goto cleanup;
	}
	struct zip_archive *zip = zip_archive_open(path.ptr);
	if (!zip)
		goto cleanup;
	for (size_t i = parts.len; i-- > 0;) {
		if (!parts.ptr[i][0])
			continue; /* _path_join skips empty parts */
		buf_adds(&prefix, parts.ptr[i]);
		buf_addc(&prefix, '/');
	}
	imp = ARENA_NEW(&self->arena, struct importer);
	imp->kind = IMPORTER_ZIP;
	imp->zip = zip;
	imp->path = adups(self, path.ptr);
	imp->prefix = adup(self, prefix.ptr, prefix.len);
cleanup:
	vec_release(&parts);
	buf_release(&path);
	buf_release(&prefix);
	return imp;
}

/* PathFinder._path_importer_cache(): sys.path_hooks are zipimporter, then
 * FileFinder.path_hook (directories only); neither accepting means None. */
static struct importer *importer_for(struct find *self, const char *entry)
{
	const char *key_path = entry;
	if (!entry[0]) {
		if (!self->cwd)
			return NULL;
		key_path = self->cwd; /* '' means the current directory */
	}
	struct importer *imp = map_get(&self->importers, slice_cstr(key_path));
	if (imp)
		return imp;
	imp = try_zip(self, key_path);
	if (!imp) {
		imp = ARENA_NEW(&self->arena, struct importer);
		struct stat st;
		int rc = stat(key_path, &st);
		int e = errno;
		if (rc == 0 && S_ISDIR(st.st_mode)) {
			imp->kind = IMPORTER_FILE;
			/* FileFinder.__init__: a relative path is joined to the cwd */
			if (key_path[0] == '/' || !self->cwd) {
				imp->path = adups(self, key_path);
			} else {
				struct buf p = BUF_INIT;
				if (!strcmp(key_path, "."))
					buf_adds(&p, self->cwd);
				else
					path_join(&p, self->cwd, key_path);
				imp->path = adup(self, p.ptr, p.len);
				buf_release(&p);
			}
		} else {
			imp->kind = IMPORTER_NONE;
			if (rc != 0)
				imp->why_none = e == ENOENT ? "does not exist" : adups(self, strerror(e));
			else
				imp->why_none = "not a directory or Zip file";
		}
	}
	const char *k = adups(self, key_path);
	map_put(&self->importers, slice_cstr(k), imp);
	return imp;
}

/* FileFinder._fill_cache(): FileNotFoundError, PermissionError and
 * NotADirectoryError all give an empty listing. */
static struct dir_listing *listing(struct find *self, const char *dir)
{
	struct dir_listing *l = map_get(&self->dirs, slice_cstr(dir));
	if (l)
		return l;
	l = ARENA_NEW(&self->arena, struct dir_listing);
	map_init(&l->names);
	map_init(&l->stems);
	DIR *d = opendir(dir);
	if (!d) {
		char msg[256];
		snprintf(msg, sizeof(msg), "cannot list directory: %s; nothing is found in it",
			 strerror(errno));
		diag(self, dir, msg);
	} else {
		struct dirent *de;
		while ((de = readdir(d))) {
			if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
				continue;
			const char *n = adups(self, de->d_name);
			map_put(&l->names, slice_cstr(n), (void *)n);
			const char *dot = strchr(n, '.');
			map_put(&l->stems, slice_make(n, dot ? (size_t)(dot - n) : strlen(n)), (void *)n);
		}
		closedir(d);
	}
	const char *k = adups(self, dir);
	map_put(&self->dirs, slice_cstr(k), l);
	return l;
}

/* What one path entry's finder returned. */
struct entry_result {
	bool found;             /* a module or regular package */
	bool portion;           /* a namespace portion */
	struct find_spec spec;  /* when found */
	const char *portion_path;
};

static void set_package(struct find *self, struct find_spec *spec, const char *location)
{
	const char **locs = ARENA_ARRAY(&self->arena, const char *, 1);
	locs[0] = adups(self, location);
	spec->search_locations = locs;
	spec->nsearch_locations = 1;
	spec->is_package = true;
}

/* FileFinder.find_spec(): in one directory, a package directory with an
 * __init__ in loader order, then tail + each suffix in loader order, then
 * (remembered) a directory without __init__ as a namespace portion. */
static void file_finder(struct find *self, const struct importer *imp, const char *fullname,
			struct entry_result *r, struct buf *trace)
{
	const char *dot = strrchr(fullname, '.');
	const char *tail = dot ? dot + 1 : fullname;
	struct dir_listing *l = listing(self, imp->path);
	if (!map_get(&l->stems, slice_cstr(tail))) {
		if (trace)
			buf_addf(trace, "      nothing named '%s'\n", tail);
		return;
	}
	struct buf base = BUF_INIT, full = BUF_INIT, name = BUF_INIT;
	bool is_namespace = false;
	path_join(&base, imp->path, tail);
	if (map_get(&l->names, slice_cstr(tail))) {
		for (size_t i = 0; i < self->loaders.len; i++) {
			buf_clear(&full);
			path_join(&full, base.ptr, "__init__");
			buf_adds(&full, self->loaders.ptr[i].suffix);
			if (path_is_mode(full.ptr, S_IFREG)) {
				r->found = true;
				r->spec.kind = self->loaders.ptr[i].kind;
				r->spec.origin = adup(self, full.ptr, full.len);
				set_package(self, &r->spec, base.ptr);
				if (trace)
					buf_addf(trace, "      package %s\n", full.ptr);
				goto cleanup;
			}
		}
		is_namespace = path_is_mode(base.ptr, S_IFDIR);
	}
	for (size_t i = 0; i < self->loaders.len; i++) {
		buf_clear(&name);
		buf_adds(&name, tail);
		buf_adds(&name, self->loaders.ptr[i].suffix);
		buf_clear(&full);
		path_join(&full, imp->path, name.ptr);
		if (map_get(&l->names, buf_slice(&name)) && path_is_mode(full.ptr, S_IFREG)) {
			r->found = true;
			r->spec.kind = self->loaders.ptr[i].kind;
			r->spec.origin = adup(self, full.ptr, full.len);
			if (trace)
				buf_addf(trace, "      module %s\n", full.ptr);
			goto cleanup;
		}
	}
	if (is_namespace) {
		r->portion = true;
		r->portion_path = adup(self, base.ptr, base.len);
		if (trace)
			buf_addf(trace, "      possible namespace portion %s (no __init__)\n", base.ptr);
	} else if (trace) {
		buf_addf(trace, "      nothing named '%s'\n", tail);
	}
cleanup:
	buf_release(&base);
	buf_release(&full);
	buf_release(&name);
}

/* zipimporter.find_spec(): _zip_searchorder is package __init__.pyc,
 * __init__.py, then module .pyc, .py; else an explicit directory entry
 * is a namespace portion. */
static void zip_finder(struct find *self, const struct importer *imp, const char *fullname,
		       struct entry_result *r, struct buf *trace)
{
	static const struct { const char *suffix; bool bytecode, package; } order[] = {
		{ "/__init__.pyc", true, true },
		{ "/__init__.py", false, true },
		{ ".pyc", true, false },
		{ ".py", false, false },
	};
	const char *dot = strrchr(fullname, '.');
	const char *tail = dot ? dot + 1 : fullname;
	struct buf modpath = BUF_INIT, p = BUF_INIT;
	buf_adds(&modpath, imp->prefix);
	buf_adds(&modpath, tail);
	for (size_t i = 0; i < 4; i++) {
		buf_clear(&p);
		buf_addsl(&p, buf_slice(&modpath));
		buf_adds(&p, order[i].suffix);
		if (zip_archive_has(imp->zip, p.ptr)) {
			r->found = true;
			r->spec.kind = FIND_ZIP;
			struct buf origin = BUF_INIT;
			path_join(&origin, imp->path, p.ptr);
			r->spec.origin = adup(self, origin.ptr, origin.len);
			if (order[i].package) {
				/* spec_from_file_location(): [] becomes [dirname(origin)] */
				char *slash = strrchr(origin.ptr, '/');
				buf_truncate(&origin, (size_t)(slash - origin.ptr));
				set_package(self, &r->spec, origin.ptr);
			}
			if (trace)
				buf_addf(trace, "      %s %s\n", order[i].package ? "package" : "module",
					 r->spec.origin);
			buf_release(&origin);
			goto cleanup;
		}
	}
	buf_clear(&p);
	buf_addsl(&p, buf_slice(&modpath));
	buf_addc(&p, '/');
	if (zip_archive_has(imp->zip, p.ptr)) {
		buf_clear(&p);
		buf_adds(&p, imp->path);
		buf_addc(&p, '/');
		buf_addsl(&p, buf_slice(&modpath));
		r->portion = true;
		r->portion_path = adup(self, p.ptr, p.len);
		if (trace)
			buf_addf(trace, "      possible namespace portion %s\n", p.ptr);
	} else if (trace) {
		buf_addf(trace, "      nothing named '%s' in the archive\n", modpath.ptr);
	}
cleanup:
	buf_release(&modpath);
	buf_release(&p);
}

/* PathFinder.find_spec() / PathFinder._get_spec(): the first entry with a
 * module or regular package wins; namespace portions are collected while
 * the search goes on and make a namespace package when nothing wins. */
static bool path_finder(struct find *self, const char *fullname, const char *const *path,
			size_t npath, struct find_spec *spec, struct buf *trace)
{
	VEC(const char *) portions = VEC_INIT;
	bool found = false;
	for (size_t i = 0; i < npath; i++) {
		struct importer *imp = importer_for(self, path[i]);
		if (!imp || imp->kind == IMPORTER_NONE) {
			if (trace)
				buf_addf(trace, "    %s: no finder (%s)\n", path[i],
					 imp ? imp->why_none : "no current directory");
			continue;
		}
		if (trace)
			buf_addf(trace, "    %s: %s\n", path[i],
				 imp->kind == IMPORTER_ZIP ? "zipimporter" : "FileFinder");
		struct entry_result r;
		memset(&r, 0, sizeof(r));
		if (imp->kind == IMPORTER_ZIP)
			zip_finder(self, imp, fullname, &r, trace);
		else
			file_finder(self, imp, fullname, &r, trace);
		if (r.found) {
			r.spec.name = spec->name;
			*spec = r.spec;
			spec->found = true;
			spec->finder = "PathFinder";
			if (trace)
				buf_addf(trace, "  found %s %s: the first path entry holding a module "
					 "or regular package wins%s\n", find_kind_name(spec->kind),
					 spec->origin, portions.len ? " over the namespace portions before it" : "");
			found = true;
			goto cleanup;
		}
		if (r.portion)
			vec_push(&portions, r.portion_path);
	}
	if (portions.len) {
		const char **locs = ARENA_ARRAY(&self->arena, const char *, portions.len);
		memcpy(locs, portions.ptr, portions.len * sizeof(*locs));
		spec->found = true;
		spec->kind = FIND_NAMESPACE;
		spec->is_package = true;
		spec->origin = NULL;
		spec->search_locations = locs;
		spec->nsearch_locations = portions.len;
		spec->finder = "PathFinder";
		if (trace)
			buf_addf(trace, "  found namespace package: no regular module or package, "
				 "%zu portion(s)\n", portions.len);
		found = true;
	}
cleanup:
	vec_release(&portions);
	return found;
}

/* setuptools' _EditableFinder.find_spec(): the longest-listed... in fact the
 * last MAPPING entry whose name is fullname or a parent of it, then
 * candidate/__init__.py, then candidate.with_suffix(s) for
 * importlib.machinery.all_suffixes() (source, bytecode, extensions). */
static bool editable_finder(struct find *self, const struct env_editable *ed,
			    const char *fullname, struct find_spec *spec, struct buf *trace)
{
	for (size_t i = ed->mapping.len; i-- > 0;) {
		const struct env_editable_map *m = &ed->mapping.ptr[i];
		size_t n = strlen(m->name);
		if (strncmp(fullname, m->name, n) != 0 || (fullname[n] && fullname[n] != '.'))
			continue;
		struct buf cand = BUF_INIT, p = BUF_INIT;
		bool found = false;
		buf_adds(&cand, m->path);
		for (const char *r = fullname + n; *r;) {
			r++;
			const char *e = strchr(r, '.');
			size_t len = e ? (size_t)(e - r) : strlen(r);
			buf_addc(&cand, '/');
			buf_add(&cand, r, len);
			r += len;
		}
		path_join(&p, cand.ptr, "__init__.py");
		if (access(p.ptr, F_OK) == 0) {
			spec->kind = FIND_SOURCE;
			spec->origin = adup(self, p.ptr, p.len);
			set_package(self, spec, cand.ptr);
			found = true;
		}
		const struct env *env = self->env;
		const VEC(const char *) *lists[3] = {
			(const void *)&env->source_suffixes, (const void *)&env->bytecode_suffixes,
			(const void *)&env->extension_suffixes };
		static const enum find_kind kinds[3] = { FIND_SOURCE, FIND_BYTECODE, FIND_EXTENSION };
		for (int k = 0; k < 3 && !found; k++) {
			for (size_t s = 0; s < lists[k]->len && !found; s++) {
				buf_clear(&p);
				buf_addsl(&p, buf_slice(&cand));
				/* Path.with_suffix replaces the name's last suffix */
				char *slash = strrchr(p.ptr, '/');
				char *dotp = strrchr(p.ptr, '.');
				if (dotp && slash && dotp > slash + 1)
					buf_truncate(&p, (size_t)(dotp - p.ptr));
				buf_adds(&p, lists[k]->ptr[s]);
				if (access(p.ptr, F_OK) == 0) {
					spec->kind = kinds[k];
					spec->origin = adup(self, p.ptr, p.len);
					found = true;
				}
			}
		}
		if (trace)
			buf_addf(trace, "  editable finder %s: %s\n", ed->module,
				 found ? spec->origin : "nothing at the mapped location");
		buf_release(&cand);
		buf_release(&p);
		if (found) {
			spec->found = true;
			spec->finder = "editable";
		}
		return found;
	}
	return false;
}

/* _bootstrap._find_spec(): each finder of sys.meta_path in turn. */
static void meta_path(struct find *self, struct find_spec *spec, const char *const *path,
		      size_t npath, bool top_level, struct buf *trace)
{
	const struct env *env = self->env;
	const char *name = spec->name;
	/* BuiltinImporter.find_spec(): only for top-level searches (path None) */
	if (top_level && env_is_builtin(env, name)) {
		spec->found = true;
		spec->kind = FIND_BUILTIN;
		spec->finder = "BuiltinImporter";
		if (trace)
			buf_addf(trace, "  BuiltinImporter: '%s' is compiled into the interpreter\n", name);
		return;
	}
	if (trace)
		buf_addf(trace, "  BuiltinImporter: not a builtin module\n");
	/* FrozenImporter.find_spec() and _resolve_filename() */
	const struct env_frozen *fz = env_frozen(env, name);
	if (fz) {
		spec->found = true;
		spec->kind = FIND_FROZEN;
		spec->finder = "FrozenImporter";
		if (fz->is_package) {
			spec->is_package = true;
			spec->search_locations = ARENA_ARRAY(&self->arena, const char *, 1);
			if (fz->origname && env->stdlib_dir && !strcmp(fz->origname, name)) {
				struct buf p = BUF_INIT;
				buf_adds(&p, env->stdlib_dir);
				buf_addc(&p, '/');
				for (const char *c = fz->origname; *c; c++)
					buf_addc(&p, *c == '.' ? '/' : *c);
				((const char **)spec->search_locations)[0] = adup(self, p.ptr, p.len);
				spec->nsearch_locations = 1;
				buf_release(&p);
			}
		}
		if (trace)
			buf_addf(trace, "  FrozenImporter: '%s' is frozen into the interpreter\n", name);
		return;
	}
	if (trace) {
		buf_addf(trace, "  FrozenImporter: not frozen\n");
		buf_addf(trace, "  PathFinder: %zu entries\n", npath);
	}
	if (path_finder(self, name, path, npath, spec, trace))
		return;
	for (size_t i = 0; i < env->editables.len; i++)
		if (editable_finder(self, &env->editables.ptr[i], name, spec, trace))
			return;
}

/* Names the standard library puts into sys.modules while its parent runs
 * ("crazy side-effects!" in _find_and_load_unlocked): Lib/os.py sets
 * sys.modules['os.path'], Lib/importlib/__init__.py the two bootstrap
 * modules, which are the frozen _frozen_importlib*. */
static const struct { const char *name, *target; } stdlib_aliases[] = {
	{ "os.path", "posixpath" },
	{ "importlib._bootstrap", "_frozen_importlib" },
	{ "importlib._bootstrap_external", "_frozen_importlib_external" },
};

/* _bootstrap._find_and_load_unlocked(), without loading: the parent is
 * resolved first and its __path__ searched. */
const struct find_spec *find_module(struct find *self, const char *name, struct buf *trace)
{
	struct find_spec *spec = map_get(&self->specs, slice_cstr(name));
	if (spec) {
		if (trace)
			buf_addf(trace, "%s: already resolved (sys.modules)\n", name);
		return spec;
	}
	spec = ARENA_NEW(&self->arena, struct find_spec);
	spec->name = adups(self, name);
	map_put(&self->specs, slice_cstr(spec->name), spec);
	struct buf msg = BUF_INIT;
	if (!name[0]) {
		spec->error = "Empty module name"; /* _sanity_check() */
		goto cleanup;
	}
	for (size_t i = 0; i < sizeof(stdlib_aliases) / sizeof(stdlib_aliases[0]); i++) {
		if (strcmp(name, stdlib_aliases[i].name) != 0)
			continue;
		const struct find_spec *target = find_module(self, stdlib_aliases[i].target, NULL);
		if (!target->found || target->kind != FIND_FROZEN)
			break; /* frozen modules off: searched like any other */
		*spec = *target;
		spec->name = adups(self, name);
		if (trace)
			buf_addf(trace, "%s: set in sys.modules by its parent: the frozen '%s'\n", name,
				 stdlib_aliases[i].target);
		goto cleanup;
	}
	const char *dot = strrchr(name, '.');
	const char *const *path = self->env->sys_path.ptr;
	size_t npath = self->env->sys_path.len;
	if (dot) {
		char *parent_name = xstrndup(name, (size_t)(dot - name));
		const struct find_spec *parent = find_module(self, parent_name, trace);
		if (!parent->found) {
			spec->error = parent->error;
		} else if (!parent->is_package) {
			/* "No module named '%s'; '%s' is not a package", without printf:
			 * `from mod import attr` asks this for every attr */
			buf_adds(&msg, "No module named '");
			buf_adds(&msg, name);
			buf_adds(&msg, "'; '");
			buf_adds(&msg, parent_name);
			buf_adds(&msg, "' is not a package");
			spec->error = adup(self, msg.ptr, msg.len);
		} else {
			path = parent->search_locations;
			npath = parent->nsearch_locations;
		}
		free(parent_name);
		if (spec->error) {
			if (trace)
				buf_addf(trace, "%s: %s\n", name, spec->error);
			goto cleanup;
		}
	}
	if (trace)
		buf_addf(trace, "%s: searching %s\n", name, dot ? "the parent's __path__" : "sys.path");
	meta_path(self, spec, path, npath, !dot, trace);
	if (!spec->found) {
		buf_adds(&msg, "No module named '"); /* the common miss: no printf */
		buf_adds(&msg, name);
		buf_addc(&msg, '\'');
		spec->error = adup(self, msg.ptr, msg.len);
		if (trace)
			buf_addf(trace, "  not found\n");
	}
cleanup:
	buf_release(&msg);
	return spec;
}

/* ---- relative names ------------------------------------------------------ */

/* __package__ of the module whose file is from_file: the module name is
 * the one under the first sys.path entry that really resolves to it. */
static const char *package_of(struct find *self, const char *from_file)
{
	struct buf file = BUF_INIT, name = BUF_INIT;
	const char *package = NULL;
	env_abspath(&file, from_file);
	char *real_file = realpath(file.ptr, NULL);
	const struct env *env = self->env;
	for (size_t i = 0; i < env->sys_path.len && !package; i++) {
		const char *entry = env->sys_path.ptr[i];
		size_t n = strlen(entry);
		if (strncmp(file.ptr, entry, n) != 0 || file.ptr[n] != '/')
			continue;
		const char *rel = file.ptr + n + 1;
		const char *lastdot = strrchr(rel, '.');
		const char *lastslash = strrchr(rel, '/');
		if (!lastdot || (lastslash && lastdot < lastslash))
			continue;
		buf_clear(&name);
		for (const char *c = rel; c < lastdot; c++)
			buf_addc(&name, *c == '/' ? '.' : *c);
		bool init = false;
		if (name.len >= 9 && !strcmp(name.ptr + name.len - 9, ".__init__")) {
			buf_truncate(&name, name.len - 9);
			init = true;
		}
		const struct find_spec *spec = find_module(self, name.ptr, NULL);
		if (!spec->found || !spec->origin)
			continue;
		char *real_origin = realpath(spec->origin, NULL);
		bool same = real_origin && real_file && !strcmp(real_origin, real_file);
		free(real_origin);
		if (!same)
			continue;
		/* _calc___package__(): a package is its own parent */
		if (init || spec->is_package) {
			package = adup(self, name.ptr, name.len);
		} else {
			const char *d = strrchr(name.ptr, '.');
			package = adup(self, name.ptr, d ? (size_t)(d - name.ptr) : 0);
		}
	}
	free(real_file);
	buf_release(&file);
	buf_release(&name);
	return package;
}

int find_relative(struct find *self, const char *name, const char *from_file,
		  struct buf *out, struct buf *err)
{
	size_t level = 0;
	while (name[level] == '.')
		level++;
	const char *rest = name + level;
	if (!level) {
		buf_adds(out, name);
		return 0;
	}
	/* _bootstrap._sanity_check() */
	const char *package = from_file ? package_of(self, from_file) : NULL;
	if (!package || !package[0]) {
		buf_adds(err, "attempted relative import with no known parent package");
		return -1;
	}
	/* _bootstrap._resolve_name(): package.rsplit('.', level - 1) */
	size_t dots = 0;
	const char *end = package + strlen(package);
	const char *base_end = end;
	for (const char *c = end; c > package && dots < level - 1;) {
		c--;
		if (*c == '.') {
			dots++;
			base_end = c;
		}
	}
	if (dots < level - 1) {
		buf_adds(err, "attempted relative import beyond top-level package");
		return -1;
	}
	buf_add(out, package, (size_t)(base_end - package));
	if (rest[0]) {
		buf_addc(out, '.');
		buf_adds(out, rest);
	}
	return 0;
}
