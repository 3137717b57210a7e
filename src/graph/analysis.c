#include "graph/analysis.h"

#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/fs.h"
#include "base/map.h"
#include "base/pool.h"
#include "base/xalloc.h"
#include "syntax/scan.h"

/* ---- edge kinds and relative names ------------------------------------ */

bool analysis_catches_import_error(const struct scan_guard *g)
{
	for (uint32_t i = 0; i < g->ncatches; i++) {
		struct slice c = g->catches[i];
		const char *dot = memrchr(c.ptr, '.', c.len);
		struct slice last = dot ? slice_make(dot + 1, c.len - (size_t)(dot + 1 - c.ptr)) : c;
		if (slice_eq_cstr(last, "ImportError") || slice_eq_cstr(last, "ModuleNotFoundError") ||
		    slice_eq_cstr(last, "Exception") || slice_eq_cstr(last, "BaseException") ||
		    slice_eq_cstr(c, "*"))
			return true;
	}
	return false;
}

unsigned analysis_edge_kind(const struct scan_import *imp)
{
	bool guarded = false, conditional = false;
	for (uint32_t i = 0; i < imp->nguards; i++) {
		const struct scan_guard *g = imp->guards[i];
		switch (g->kind) {
		case SCAN_GUARD_TYPE_CHECKING:
			return GRAPH_EDGE_TYPE_CHECKING;
		case SCAN_GUARD_TRY:
			/* A try that does not catch the failure lets it through. */
			if (analysis_catches_import_error(g))
				guarded = true;
			break;
		case SCAN_GUARD_EXCEPT:
		case SCAN_GUARD_MAIN:
		case SCAN_GUARD_IF:
			conditional = true;
			break;
		}
	}
	if (imp->scope == SCAN_SCOPE_FUNCTION || imp->kind == SCAN_LAZY_IMPORT ||
	    imp->kind == SCAN_LAZY_FROM)
		return GRAPH_EDGE_LAZY;
	if (imp->kind == SCAN_DYNAMIC)
		return GRAPH_EDGE_DYNAMIC;
	if (guarded)
		return GRAPH_EDGE_GUARDED;
	if (conditional)
		return GRAPH_EDGE_CONDITIONAL;
	return GRAPH_EDGE_EAGER;
}

/* importlib._bootstrap._resolve_name, with __package__ derived from the
 * importer's name as _calc___package__ does for a module loaded normally. */
int analysis_resolve_relative(const char *importer, bool is_package, unsigned level,
			      struct slice module, struct buf *out)
{
	size_t plen = strlen(importer);
	if (!is_package) {
		const char *dot = strrchr(importer, '.');
		plen = dot ? (size_t)(dot - importer) : 0;
	}
	if (plen == 0 || level == 0)
		return -1; /* no known parent package */
	/* package.rsplit('.', level - 1): drop level - 1 trailing parts. */
	size_t end = plen;
	for (unsigned i = 1; i < level; i++) {
		while (end > 0 && importer[end - 1] != '.')
			end--;
		if (end == 0)
			return -1; /* beyond the top-level package */
		end--;
	}
	buf_add(out, importer, end);
	if (module.len) {
		buf_addc(out, '.');
		buf_addsl(out, module);
	}
	return 0;
}

/* ---- files ------------------------------------------------------------ */

/* How a file is shown: relative to the current folder when it is below it;
 * relative with "../" steps when it is below the project root (the user
 * named the project that way: `--project ../app` shows ../app/x.py) and
 * shares more than "/" with the current folder; else absolute (an
 * interpreter's stdlib, site-packages). */
static char *display_path(const char *abs, const char *cwd, const char *root)
{
	size_t n = strlen(cwd);
	if (cwd[0] && !strncmp(abs, cwd, n) && abs[n] == '/')
		return xstrdup(abs + n + 1);
	size_t r = root ? strlen(root) : 0;
	if (!cwd[0] || !r || strncmp(abs, root, r) || abs[r] != '/')
		return xstrdup(abs);
	/* The longest common folder of abs and cwd (both absolute, clean). */
	size_t common = 0;
	for (size_t i = 0; abs[i] && abs[i] == cwd[i]; i++)
		if (abs[i] == '/')
			common = i;
	if (common == 0)
		return xstrdup(abs); /* nothing in common but "/" */
	struct buf out = BUF_INIT;
	for (const char *p = cwd + common; *p; p++)
		if (*p == '/' && p[1])
			buf_adds(&out, "../");
	buf_adds(&out, abs + common + 1);
	return buf_detach(&out, NULL);
}

static void add_problem(struct analysis *self, const char *file, unsigned line, unsigned col,
			const char *message)
{
	struct analysis_problem p = { file ? xstrdup(file) : NULL, line, col, xstrdup(message) };
	vec_push(&self->problems, p);
}

static void collect_files(struct analysis *self, const char *cwd)
{
	struct map seen;
	map_init(&seen);
	struct buf name = BUF_INIT;
	for (size_t t = 0; t < self->project.targets.len; t++) {
		struct fs_walk w = { VEC_INIT, VEC_INIT };
		const char *target = self->project.targets.ptr[t];
		bool linked;
		fs_walk_links(&w, target, ".py", &linked);
		/* Paths below a real target reached through no link are real:
		 * no realpath() per file (a dozen system calls each). */
		char *real_target = linked ? NULL : realpath(target, NULL);
		bool real = real_target && !strcmp(real_target, target);
		free(real_target);
		for (size_t i = 0; i < w.errors.len; i++) {
			char *d = display_path(w.errors.ptr[i].path, cwd, self->project.root);
			add_problem(self, d, 0, 0, w.errors.ptr[i].message);
			free(d);
		}
		for (size_t i = 0; i < w.files.len; i++) {
			char *path = w.files.ptr[i];
			if (project_is_excluded(&self->project, path))
				continue;
			bool fresh;
			struct map_entry *e = map_intern(&seen, slice_cstr(path), &fresh);
			if (!fresh)
				continue;
			struct analysis_file *f = vec_push_zero(&self->files);
			f->path = path;
			w.files.ptr[i] = NULL; /* now owned by f */
			e->key = slice_cstr(f->path);
			f->display = display_path(path, cwd, self->project.root);
			buf_clear(&name);
			if ((real ? project_module_name_real(&self->project, path, &name) :
			     project_module_name(&self->project, path, &name)) >= 0)
				f->module = xstrdup(name.ptr);
			const char *base = strrchr(path, '/');
			f->package = base && !strcmp(base + 1, "__init__.py");
			arena_init(&f->arena);
		}
		fs_walk_release(&w);
	}
	buf_release(&name);
	map_release(&seen);
}

struct scan_job {
	struct analysis *self;
	struct scanner *scanners; /* one per worker */
	struct buf *sources;      /* one per worker: the file being scanned */
	atomic_uchar *done;       /* per file: its facts (or read error) are ready */
};

static void scan_one(void *ctx, size_t index, unsigned worker)
{
	struct scan_job *job = ctx;
	struct analysis_file *f = &job->self->files.ptr[index];
	struct buf *data = &job->sources[worker];
	struct buf err = BUF_INIT;
	if (fs_read_into(f->path, data, &err) < 0)
		f->read_error = buf_detach(&err, NULL);
	else
		scan_file(&job->scanners[worker], data->ptr, data->len, &f->arena, &f->facts);
	atomic_store_explicit(&job->done[index], 1, memory_order_release);
}

/* ---- the graph -------------------------------------------------------- */

/* What the builder knows of one module name an import names. */
struct target {
	uint32_t node;  /* its graph node, when keep */
	bool resolved;  /* keep and node are known */
	bool keep;      /* it has a node: local, unresolved, or externals kept */
	int8_t module;  /* is_module(): 1, 0, or -1 not asked yet */
};

struct builder {
	struct analysis *self;
	const struct analysis_options *opts;
	struct map local;     /* module name -> struct analysis_file * */
	struct map targets;   /* module name -> struct target *, in arena */
	struct arena arena;
	struct buf base, sub; /* add_import's names */
	/* the file whose imports are being added */
	const struct analysis_file *file;
	uint32_t from;        /* its node */
	const char *display;  /* its display path, interned in the graph */
	const char *cwd;      /* the current folder, for display paths */
};

static bool below_dir(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	return dir[0] && !strncmp(path, dir, n) && (path[n] == '/' || path[n] == '\0');
}

/* Where a spec the resolver found comes from. */
static enum graph_node_kind classify(struct builder *b, const struct find_spec *spec)
{
	const struct analysis *self = b->self;
	if (!spec->found)
		return GRAPH_NODE_UNRESOLVED;
	if (spec->kind == FIND_BUILTIN)
		return GRAPH_NODE_BUILTIN;
	if (spec->kind == FIND_FROZEN)
		return GRAPH_NODE_STDLIB;
	const char *where = spec->origin;
	if (!where && spec->nsearch_locations)
		where = spec->search_locations[0];
	if (!where)
		return GRAPH_NODE_THIRD_PARTY;
	for (size_t i = 0; i < self->project.targets.len; i++)
		if (below_dir(where, self->project.targets.ptr[i]))
			return GRAPH_NODE_LOCAL;
	const char *stdlib = self->env.stdlib_dir;
	if (stdlib && below_dir(where, stdlib) && !strstr(where, "-packages/"))
		return GRAPH_NODE_STDLIB;
	if (below_dir(where, self->project.root) && !strstr(where, "-packages/"))
		return GRAPH_NODE_LOCAL;
	return GRAPH_NODE_THIRD_PARTY;
}

/* The builder's entry for name (borrowed), made empty when new. */
static struct target *target_of(struct builder *b, struct slice name)
{
	bool fresh;
	struct map_entry *e = map_intern(&b->targets, name, &fresh);
	if (fresh) {
		e->key = arena_slice(&b->arena, name);
		struct target *t = arena_zalloc(&b->arena, sizeof *t);
		t->module = -1;
		e->value = t;
	}
	return e->value;
}

/* Makes sure the graph has a node for name when it should have one: local
 * and unresolved modules always, external ones with --include-external. */
static struct target *resolve_target(struct builder *b, const char *name)
{
	struct target *t = target_of(b, slice_cstr(name));
	if (t->resolved)
		return t;
	t->resolved = true;
	struct slice key = slice_cstr(name);
	if (map_get(&b->local, key)) {
		t->keep = true;
		t->node = graph_intern(&b->self->graph, key);
		return t;
	}
	const struct find_spec *spec = find_module(&b->self->find, name, NULL);
	enum graph_node_kind kind = classify(b, spec);
	t->keep = kind == GRAPH_NODE_LOCAL || kind == GRAPH_NODE_UNRESOLVED ||
		  b->opts->include_external;
	if (t->keep) {
		const char *file = spec->found ? spec->origin : NULL;
		char *disp = file ? display_path(file, b->cwd, b->self->project.root) : NULL;
		t->node = graph_add_node(&b->self->graph, key, kind, disp,
					 spec->found && spec->is_package);
		free(disp);
	}
	return t;
}

/* True when target is importer itself or one of its parent packages: those
 * are already in sys.modules while importer runs. */
static bool is_self_or_ancestor(const char *importer, const char *target)
{
	size_t n = strlen(target);
	return !strncmp(importer, target, n) && (importer[n] == '\0' || importer[n] == '.');
}

static void add_edge(struct builder *b, const char *target, uint32_t line, uint32_t col,
		     unsigned kinds)
{
	const char *module = b->file->module;
	if ((kinds & GRAPH_EDGE_PARENT) ? is_self_or_ancestor(module, target)
					 : !strcmp(module, target))
		return;
	const struct target *t = resolve_target(b, target);
	if (t->keep)
		graph_add_edge_idx(&b->self->graph, b->from, t->node, b->display, line, col, kinds);
}

/* The edge to name and, marked parent, to each of its parent packages
 * (name is cut at each '.' in turn, and restored). */
static void add_with_parents(struct builder *b, char *name, uint32_t line, uint32_t col,
			     unsigned kind, bool name_is_parent)
{
	for (char *p = name; *p; p++) {
		if (*p != '.')
			continue;
		*p = '\0';
		add_edge(b, name, line, col, kind | GRAPH_EDGE_PARENT);
		*p = '.';
	}
	add_edge(b, name, line, col, kind | (name_is_parent ? GRAPH_EDGE_PARENT : 0));
}

/* True when name resolves to a module (a submodule in `from pkg import x`). */
static bool is_module(struct builder *b, const char *name)
{
	struct target *t = target_of(b, slice_cstr(name));
	if (t->module < 0)
		t->module = map_get(&b->local, slice_cstr(name)) ||
			    find_module(&b->self->find, name, NULL)->found;
	return t->module;
}

static void add_import(struct builder *b, const struct scan_import *imp)
{
	const struct analysis_file *f = b->file;
	unsigned kind = analysis_edge_kind(imp);
	struct buf base = b->base, sub = b->sub; /* the builder's, reused */
	buf_clear(&base);
	switch (imp->kind) {
	case SCAN_IMPORT:
	case SCAN_LAZY_IMPORT:
		for (uint32_t i = 0; i < imp->nnames; i++) {
			buf_clear(&base);
			buf_addsl(&base, imp->names[i].name);
			add_with_parents(b, base.ptr, imp->line, imp->col, kind, false);
		}
		break;
	case SCAN_FROM:
	case SCAN_LAZY_FROM: {
		if (imp->level) {
			struct slice m = imp->module.ptr ? imp->module : slice_make("", 0);
			if (analysis_resolve_relative(f->module, f->package, imp->level, m, &base) < 0)
				break; /* beyond the top-level package: a rule reports it */
		} else {
			buf_addsl(&base, imp->module);
		}
		/* _handle_fromlist imports submodules only from a package: the
		 * names from a local plain module are its attributes. */
		const struct analysis_file *bf = map_get(&b->local, buf_slice(&base));
		bool attributes = bf && !bf->package;
		bool all_modules = imp->nnames > 0 && !attributes;
		for (uint32_t i = 0; i < imp->nnames && !attributes; i++) {
			struct slice n = imp->names[i].name;
			if (slice_eq_cstr(n, "*")) {
				all_modules = false;
				continue;
			}
			buf_clear(&sub);
			buf_add(&sub, base.ptr, base.len);
			buf_addc(&sub, '.');
			buf_addsl(&sub, n);
			if (is_module(b, sub.ptr))
				add_edge(b, sub.ptr, imp->names[i].line, imp->names[i].col, kind);
			else
				all_modules = false;
		}
		add_with_parents(b, base.ptr, imp->line, imp->col, kind, all_modules);
		break;
	}
	case SCAN_DYNAMIC:
		if (imp->level) {
			if (!imp->package.ptr)
				break;
			char *pkg = xstrndup(imp->package.ptr, imp->package.len);
			struct slice m = imp->module.ptr ? imp->module : slice_make("", 0);
			int rc = analysis_resolve_relative(pkg, true, imp->level, m, &base);
			free(pkg);
			if (rc < 0)
				break;
		} else if (imp->module.ptr) {
			buf_addsl(&base, imp->module);
		} else {
			break;
		}
		add_with_parents(b, base.ptr, imp->line, imp->col, kind, false);
		break;
	}
	b->base = base;
	b->sub = sub;
}

/* Scans every file on opts->jobs threads while this thread adds each
 * file's imports to the graph as soon as its facts are ready, in file order
 * (the graph is the same whatever the threads' timing); this thread scans
 * too whenever the next file is not ready. */
static void scan_and_build(struct analysis *self, const struct analysis_options *opts,
			   const char *cwd)
{
	struct builder b = { .self = self, .opts = opts, .base = BUF_INIT, .sub = BUF_INIT,
			     .cwd = cwd };
	map_init(&b.local);
	map_init(&b.targets);
	arena_init(&b.arena);
	for (size_t i = 0; i < self->files.len; i++) {
		struct analysis_file *f = &self->files.ptr[i];
		if (!f->module)
			continue;
		/* Two files with one name (a.py beside a/__init__.py): the
		 * package wins, as FileFinder looks for it first. */
		struct analysis_file *prev = map_get(&b.local, slice_cstr(f->module));
		if (prev && prev->package)
			continue;
		map_put(&b.local, slice_cstr(f->module), f);
		graph_add_node(&self->graph, slice_cstr(f->module), GRAPH_NODE_LOCAL, f->display,
			       f->package);
	}

	size_t n = self->files.len;
	unsigned threads = opts->jobs ? opts->jobs : pool_default_threads();
	struct scan_job job = { self, xcalloc(threads, sizeof(struct scanner)),
				xcalloc(threads, sizeof(struct buf)),
				xcalloc(n ? n : 1, sizeof(atomic_uchar)) };
	for (unsigned i = 0; i < threads; i++) {
		scan_init(&job.scanners[i]);
		job.scanners[i].imports_only = opts->imports_only;
		buf_init(&job.sources[i]);
	}
	for (size_t i = 0; i < n; i++)
		atomic_init(&job.done[i], 0);
	struct pool_task task;
	pool_start(&task, n, threads, scan_one, &job);
	for (size_t i = 0; i < n; i++) {
		while (!atomic_load_explicit(&job.done[i], memory_order_acquire))
			if (!pool_help(&task))
				sched_yield(); /* file i is being scanned by another thread */
		struct analysis_file *f = &self->files.ptr[i];
		if (f->module && !f->read_error && map_get(&b.local, slice_cstr(f->module)) == f) {
			b.file = f;
			b.from = graph_intern(&self->graph, slice_cstr(f->module));
			b.display = graph_intern_file(&self->graph, f->display);
			for (size_t k = 0; k < f->facts.nimports; k++)
				add_import(&b, &f->facts.imports[k]);
		}
		/* Freed here, the memory serves the next files: fewer pages
		 * touched for the first time (each a page fault). */
		if (opts->graph_only && !f->facts.error.set) {
			arena_release(&f->arena);
			memset(&f->facts, 0, sizeof f->facts);
		}
	}
	pool_finish(&task);
	for (unsigned i = 0; i < threads; i++) {
		scan_release(&job.scanners[i]);
		buf_release(&job.sources[i]);
	}
	free(job.scanners);
	free(job.sources);
	free(job.done);
	for (size_t i = 0; i < n; i++) {
		struct analysis_file *f = &self->files.ptr[i];
		if (f->read_error)
			add_problem(self, f->display, 0, 0, f->read_error);
		else if (f->facts.error.set)
			add_problem(self, f->display, f->facts.error.line, f->facts.error.col,
				    f->facts.error.message);
	}
	graph_freeze(&self->graph);
	map_release(&b.local);
	map_release(&b.targets);
	arena_release(&b.arena);
	buf_release(&b.base);
	buf_release(&b.sub);
}

/* ---- entry points ----------------------------------------------------- */

int analysis_run(struct analysis *self, const char *start, const struct analysis_options *opts,
		 struct buf *err)
{
	memset(self, 0, sizeof(*self));
	graph_init(&self->graph);
	if (project_load(&self->project, start, err) < 0)
		return -1;

	VEC(const char *) path = VEC_INIT;
	for (size_t i = 0; i < opts->npath; i++)
		vec_push(&path, opts->path[i]);
	for (size_t i = 0; i < self->project.roots.len; i++)
		vec_push(&path, self->project.roots.ptr[i]);
	struct env_options eo = {
		.python = opts->python ? opts->python : self->project.python,
		.project_root = self->project.root,
		.path = path.ptr,
		.npath = path.len,
		.no_cache = opts->no_cache,
	};
	int rc = env_load(&self->env, &eo, err);
	self->env_loaded = true;
	vec_release(&path);
	if (rc < 0)
		return -1;
	find_init(&self->find, &self->env);
	self->find_ready = true;

	char cwd[4096];
	if (!getcwd(cwd, sizeof cwd))
		cwd[0] = '\0';
	collect_files(self, cwd);
	scan_and_build(self, opts, cwd);
	return 0;
}

void analysis_release(struct analysis *self)
{
	for (size_t i = 0; i < self->files.len; i++) {
		struct analysis_file *f = &self->files.ptr[i];
		free(f->path);
		free(f->display);
		free(f->module);
		free(f->read_error);
		arena_release(&f->arena);
	}
	vec_release(&self->files);
	for (size_t i = 0; i < self->problems.len; i++) {
		free(self->problems.ptr[i].file);
		free(self->problems.ptr[i].message);
	}
	vec_release(&self->problems);
	if (self->find_ready)
		find_release(&self->find);
	if (self->env_loaded)
		env_release(&self->env);
	project_release(&self->project);
	graph_release(&self->graph);
}

const struct analysis_file *analysis_file_by_path(const struct analysis *self, const char *path)
{
	char *abs = realpath(path, NULL);
	const struct analysis_file *found = NULL;
	for (size_t i = 0; i < self->files.len && !found; i++) {
		const struct analysis_file *f = &self->files.ptr[i];
		if ((abs && !strcmp(f->path, abs)) || !strcmp(f->display, path))
			found = f;
	}
	free(abs);
	return found;
}
