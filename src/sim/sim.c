/* The simulator's state and import machinery (see sim.h): sys.modules,
 * module objects, namespaces with an undo log (so the state after importing
 * a top-level package can be reused by many entries), and importlib's
 * algorithm ported, step by step, from Lib/importlib/_bootstrap.py and the
 * IMPORT_NAME / IMPORT_FROM opcodes of Python/ceval.c (3.11). */
#include "sim/sim.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/fs.h"
#include "base/xalloc.h"
#include "sim/internal.h"

const struct val sim_unknown_val = { .kind = V_UNKNOWN };

/* A parsed source file, shared by every run. */
struct srcfile {
	struct arena arena;
	struct ir_file ir;
	bool unreadable;
};

/* ---- persistent names ----------------------------------------------------- */

const char *sim_intern(struct sim *s, struct slice name)
{
	bool inserted;
	struct map_entry *e = map_intern(&s->interned, name, &inserted);
	if (inserted) {
		char *c = arena_strndup(&s->pa, name.ptr, name.len);
		e->key = slice_make(c, name.len);
		e->value = c;
	}
	return e->value;
}

static const struct ir_file *load_file(struct sim *s, const char *path)
{
	struct srcfile *sf = map_get(&s->files, slice_cstr(path));
	if (!sf) {
		sf = ARENA_NEW(&s->pa, struct srcfile);
		arena_init(&sf->arena);
		struct fs_file f;
		struct buf err = BUF_INIT;
		if (fs_read_file(path, &f, &err) < 0) {
			sf->unreadable = true;
			sf->ir.error = true;
			sf->ir.error_message = arena_strndup(&sf->arena, err.ptr, err.len);
		} else {
			ir_file_parse(f.ptr, f.len, &sf->arena, &sf->ir);
			fs_file_release(&f);
		}
		buf_release(&err);
		const char *k = sim_intern(s, slice_cstr(path));
		map_put(&s->files, slice_cstr(k), sf);
	}
	return &sf->ir;
}

/* ---- values and namespaces -------------------------------------------------- */

const struct val *sim_val(struct run *r, enum vkind kind)
{
	struct val *v = ARENA_NEW(r->A, struct val);
	v->kind = (uint8_t)kind;
	return v;
}

const struct val *sim_str(struct run *r, const char *s)
{
	struct val *v = (struct val *)sim_val(r, V_STR);
	v->s = slice_cstr(sim_intern(r->sim, slice_cstr(s)));
	return v;
}

struct ns *sim_ns_new(struct run *r)
{
	struct ns *ns = ARENA_NEW(r->A, struct ns);
	map_init(&ns->map);
	ns->arena = r->A;
	if (r->logging)
		vec_push(&r->tmp_namespaces, ns);
	else
		vec_push(&r->namespaces, ns);
	return ns;
}

static void ns_release(struct ns *ns)
{
	map_release(&ns->map);
	vec_release(&ns->order);
}

struct binding *sim_ns_get(struct run *r, struct ns *ns, struct slice name, bool create)
{
	struct binding *b = map_get(&ns->map, name);
	if (b || !create)
		return b;
	b = ARENA_NEW(ns->arena, struct binding);
	b->name = slice_cstr(sim_intern(r->sim, name));
	map_put(&ns->map, b->name, b);
	vec_push(&ns->order, b);
	if (r->logging)
		vec_push(&r->log, ((struct undo){ .kind = U_NSPUSH, .p = ns }));
	return b;
}

static void log_bind(struct run *r, struct binding *b)
{
	if (r->logging)
		vec_push(&r->log, ((struct undo){ .kind = U_BIND, .p = b, .v = b->v, .flags = b->flags,
						   .region = b->region }));
}

void sim_spec_enter(struct run *r)
{
	r->maybe++;
	vec_push(&r->regions, ++r->next_region);
}

void sim_spec_leave(struct run *r)
{
	r->maybe--;
	r->regions.len--;
}

static bool region_active(const struct run *r, uint32_t id)
{
	for (size_t i = r->regions.len; i-- > 0;)
		if (r->regions.ptr[i] == id)
			return true;
	return false;
}

const struct val *sim_binding_value(struct run *r, const struct binding *b)
{
	if (!b->flags)
		return &sim_unknown_val;
	if (b->region && !region_active(r, b->region))
		return &sim_unknown_val;
	if (b->flags != B_PRESENT && !b->region)
		return &sim_unknown_val;
	return b->v ? b->v : &sim_unknown_val;
}

/* Binds b to v; while speculating, a binding that did not exist becomes
 * "maybe" and a changed value becomes unknown. */
void sim_bind(struct run *r, struct binding *b, const struct val *v)
{
	log_bind(r, b);
	if (r->maybe > 0) {
		/* the value is lost once the region ends (sim_binding_value) */
		sim_escape(r, v);
		/* the value holds while this speculative region runs */
		if (!(b->flags & B_PRESENT)) {
			vec_push(&r->spec_new, b);
			b->flags = B_MAYBE;
		}
		b->v = v;
		b->region = r->regions.len ? *vec_last(&r->regions) : 0;
		return;
	}
	b->flags = B_PRESENT;
	b->v = v;
	b->region = 0;
}

void sim_unbind(struct run *r, struct binding *b)
{
	log_bind(r, b);
	if (r->maybe > 0) {
		if (b->flags)
			b->flags = B_MAYBE;
		return;
	}
	b->flags = 0;
	b->v = NULL;
}

void sim_ns_open(struct run *r, struct ns *ns)
{
	if (ns->open)
		return;
	if (r->logging)
		vec_push(&r->log, ((struct undo){ .kind = U_OPEN, .p = ns }));
	ns->open = true;
}

static void set_state(struct run *r, struct mod *m, enum mstate st)
{
	if (r->logging)
		vec_push(&r->log, ((struct undo){ .kind = U_STATE, .p = m, .flags = m->state }));
	m->state = (uint8_t)st;
}

static struct mod *sysmod_get(struct run *r, const char *name)
{
	return map_get(&r->sysmods, slice_cstr(name));
}

static void sysmod_set(struct run *r, const char *name, struct mod *m)
{
	const char *k = sim_intern(r->sim, slice_cstr(name));
	struct mod *old = map_put(&r->sysmods, slice_cstr(k), m);
	if (r->logging)
		vec_push(&r->log, ((struct undo){ .kind = U_SYSMOD, .key = slice_cstr(k), .p = old }));
}

/* ---- errors ------------------------------------------------------------------ */

static const char *fmt_arena(struct run *r, const char *fmt, va_list ap)
{
	buf_clear(&r->tmpbuf);
	buf_vaddf(&r->tmpbuf, fmt, ap);
	return arena_strndup(r->A, r->tmpbuf.ptr, r->tmpbuf.len);
}

static const char *frame_file(const struct frame *f)
{
	return f->mod ? f->mod->file : NULL;
}

int sim_unknown(struct run *r, struct frame *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct buf b = BUF_INIT;
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	free(r->reason);
	r->reason = buf_detach(&b, NULL);
	r->reason_file = f ? frame_file(f) : NULL;
	r->reason_line = f ? f->line : 0;
	struct exc *saved = r->exc;
	int maybe = r->maybe;
	r->maybe = 0;
	sim_raise(r, f, "unknown", NULL, NULL, NULL);
	r->reason_at = r->exc;
	r->exc = saved;
	r->maybe = maybe;
	return F_UNKNOWN;
}

int sim_unspec(struct run *r, struct frame *f, int fl)
{
	if (fl != F_RAISE || !r->exc || !r->exc->maybe)
		return fl;
	struct exc *e = r->exc;
	r->exc = NULL;
	int out = sim_unknown(r, f, "%s (%s) may be raised by code that may or may not run",
			      e->type ? e->type : "an exception", e->message ? e->message : "?");
	r->reason_file = e->file;
	r->reason_line = e->line;
	return out;
}

int sim_raise(struct run *r, struct frame *f, const char *type, const char *module,
	      const char *name, const char *fmt, ...)
{
	struct exc *e = ARENA_NEW(r->A, struct exc);
	e->type = type;
	e->module = module;
	e->name = name;
	if (fmt) {
		va_list ap;
		va_start(ap, fmt);
		e->message = fmt_arena(r, fmt, ap);
		va_end(ap);
	}
	uint32_t n = 0;
	for (struct frame *x = f; x; x = x->up)
		if (x->mod)
			n++;
	e->chain = ARENA_ARRAY(r->A, struct sim_frame, n ? n : 1);
	e->nchain = n;
	uint32_t k = n;
	for (struct frame *x = f; x; x = x->up) {
		if (!x->mod)
			continue;
		k--;
		e->chain[k].module = x->mod->name;
		e->chain[k].file = x->mod->file;
		e->chain[k].line = x->line;
	}
	e->maybe = r->maybe > 0;
	e->file = f && f->mod ? f->mod->file : NULL;
	e->line = f && f->mod ? f->line : 0;
	r->exc = e;
	return F_RAISE;
}

/* ---- modules ----------------------------------------------------------------- */

static bool under(const char *path, const char *root)
{
	if (!path || !root)
		return false;
	size_t n = strlen(root);
	while (n > 1 && root[n - 1] == '/')
		n--;
	return !strncmp(path, root, n) && (path[n] == '/' || path[n] == '\0');
}

static bool wants_simulation(struct run *r, const char *name, const struct find_spec *spec)
{
	const struct sim_options *o = &r->sim->opts;
	size_t tl = strcspn(name, ".");
	bool top = r->top && strlen(r->top) == tl && !strncmp(name, r->top, tl);
	if (spec->kind == FIND_NAMESPACE) {
		if (top)
			return true;
		for (size_t i = 0; i < spec->nsearch_locations; i++)
			if (under(spec->search_locations[i], o->local_root))
				return true;
		return false;
	}
	if (spec->kind != FIND_SOURCE || !spec->origin)
		return false;
	return top || o->deep || under(spec->origin, o->local_root);
}

static struct mod *mod_new(struct run *r, const char *name)
{
	struct mod *m = ARENA_NEW(r->A, struct mod);
	m->name = sim_intern(r->sim, slice_cstr(name));
	struct ns *ns = &m->ns;
	map_init(&ns->map);
	ns->arena = r->A;
	if (r->logging)
		vec_push(&r->tmp_namespaces, ns);
	else
		vec_push(&r->namespaces, ns);
	struct val *v = (struct val *)sim_val(r, V_MODULE);
	v->mod = m;
	m->self = v;
	return m;
}

static void set_attr(struct run *r, struct mod *m, const char *name, const struct val *v)
{
	int saved = r->maybe;
	r->maybe = 0;
	sim_bind(r, sim_ns_get(r, &m->ns, slice_cstr(name), true), v);
	r->maybe = saved;
}

/* The namespace a module starts with (module_init_dict + _init_module_attrs). */
static void init_attrs(struct run *r, struct mod *m, const struct find_spec *spec)
{
	set_attr(r, m, "__name__", sim_str(r, m->name));
	set_attr(r, m, "__doc__", sim_val(r, V_NONE));
	set_attr(r, m, "__loader__", &sim_unknown_val);
	set_attr(r, m, "__spec__", &sim_unknown_val);
	set_attr(r, m, "__builtins__", &sim_unknown_val);
	set_attr(r, m, "__package__", m->package ? sim_str(r, m->package) : sim_val(r, V_NONE));
	if (m->is_package)
		set_attr(r, m, "__path__", &sim_unknown_val);
	if (m->file) {
		set_attr(r, m, "__file__", sim_str(r, m->file));
		set_attr(r, m, "__cached__", &sim_unknown_val);
	}
	(void)spec;
}

/* _load_unlocked(spec): the module enters sys.modules before its code runs
 * and leaves it when that code fails. */
static int load(struct run *r, struct frame *f, const char *name, const struct find_spec *spec,
		struct find *finder, struct mod **out)
{
	struct mod *m = mod_new(r, name);
	m->find = finder;
	m->is_package = spec->is_package || spec->kind == FIND_NAMESPACE;
	m->file = spec->kind == FIND_NAMESPACE ? NULL : spec->origin;
	if (m->file)
		m->file = sim_intern(r->sim, slice_cstr(m->file));
	/* _calc___package__: a package is its own __package__ */
	const char *dot = strrchr(name, '.');
	m->package = m->is_package ? m->name
		     : sim_intern(r->sim, slice_make(name, dot ? (size_t)(dot - name) : 0));
	m->simulated = wants_simulation(r, name, spec);
	init_attrs(r, m, spec);
	sysmod_set(r, m->name, m);
	*out = m;
	if (!m->simulated) {
		sim_ns_open(r, &m->ns);
		set_state(r, m, M_DONE);
		return F_NORMAL;
	}
	if (spec->kind == FIND_NAMESPACE) {
		/* no code runs (and 3.11 calls no exec_module we could see) */
		set_state(r, m, M_DONE);
		return F_NORMAL;
	}
	vec_push(&r->order, m->name);
	m->ir = load_file(r->sim, m->file);
	if (m->ir->error) {
		f->line = f->line ? f->line : 1;
		return sim_unknown(r, f, "cannot read %s as Python (line %u: %s)", m->file,
				   m->ir->error_line, m->ir->error_message ? m->ir->error_message : "");
	}
	set_state(r, m, M_INIT);
	int fl = sim_exec_module(r, f, m);
	if (fl == F_RAISE) {
		sysmod_set(r, m->name, NULL);
		set_state(r, m, M_FAILED);
		return fl;
	}
	if (fl == F_UNKNOWN)
		return fl;
	set_state(r, m, M_DONE);
	/* module = sys.modules.pop(spec.name); sys.modules[spec.name] = module */
	struct mod *now = sysmod_get(r, m->name);
	if (now)
		*out = now;
	return F_NORMAL;
}

/* importlib._bootstrap._find_and_load / _find_and_load_unlocked */
int sim_import_abs(struct run *r, struct frame *f, const char *name, struct mod **out)
{
	struct mod *m = sysmod_get(r, name);
	if (m) {
		*out = m;
		return F_NORMAL;
	}
	if (++r->depth > 400) {
		r->depth--;
		return sim_unknown(r, f, "imports nested more than 400 deep");
	}
	int fl = F_NORMAL;
	const char *dot = strrchr(name, '.');
	struct mod *parent = NULL;
	if (dot) {
		const char *pname = sim_intern(r->sim, slice_make(name, (size_t)(dot - name)));
		if (!sysmod_get(r, pname)) {
			fl = sim_import_abs(r, f, pname, &parent);
			if (fl != F_NORMAL)
				goto done;
		}
		m = sysmod_get(r, name);
		if (m) {
			*out = m;
			goto done;
		}
		parent = sysmod_get(r, pname);
		if (!parent) {
			fl = sim_unknown(r, f, "'%s' left sys.modules while importing '%s'", pname, name);
			goto done;
		}
		if (!parent->is_package && (parent->simulated ||
					    !find_module(sim_finder(r, name), name, NULL)->found)) {
			fl = sim_raise(r, f, "ModuleNotFoundError", name, NULL,
				       "No module named '%s'; '%s' is not a package", name, pname);
			goto done;
		}
	}
	struct find *finder = sim_finder(r, name);
	if (r->maybe > 0) {
		/* An import that may or may not run: fine when nothing of ours runs. */
		const struct find_spec *spec = find_module(finder, name, NULL);
		if (spec && spec->found && wants_simulation(r, name, spec)) {
			fl = sim_unknown(r, f, "cannot tell whether the import of '%s' runs", name);
			goto done;
		}
	}
	const struct find_spec *spec = find_module(finder, name, NULL);
	if (!spec || !spec->found) {
		fl = sim_raise(r, f, "ModuleNotFoundError", name, NULL, "No module named '%s'", name);
		goto done;
	}
	fl = load(r, f, name, spec, finder, out);
	if (fl == F_NORMAL && parent) {
		/* setattr(parent_module, child, module) */
		struct mod *p = sysmod_get(r, parent->name);
		if (p && p->simulated)
			set_attr(r, p, dot + 1, (*out)->self);
	}
done:
	r->depth--;
	return fl;
}

/* importlib._bootstrap._resolve_name after _sanity_check and _calc___package__ */
static int resolve_name(struct run *r, struct frame *f, struct slice name, uint32_t level,
			struct buf *out)
{
	const char *package = NULL;
	struct binding *b = sim_ns_get(r, &f->mod->ns, SLICE_LIT("__package__"), false);
	if (b && b->flags == B_PRESENT && b->v->kind == V_STR)
		package = b->v->s.ptr;
	else if (b && b->flags == B_PRESENT && b->v->kind == V_NONE)
		package = f->mod->package;
	else if (b && b->flags)
		return sim_unknown(r, f, "cannot tell the value of __package__");
	else
		package = f->mod->package;
	if (!package || !package[0])
		return sim_raise(r, f, "ImportError", NULL, NULL,
				 "attempted relative import with no known parent package");
	/* bits = package.rsplit('.', level - 1) */
	size_t len = strlen(package);
	uint32_t cut = level - 1;
	while (cut && len) {
		const char *d = memrchr(package, '.', len);
		if (!d)
			break;
		len = (size_t)(d - package);
		cut--;
	}
	if (cut)
		return sim_raise(r, f, "ImportError", NULL, NULL,
				 "attempted relative import beyond top-level package");
	buf_add(out, package, len);
	if (name.len) {
		buf_addc(out, '.');
		buf_addsl(out, name);
	}
	return F_NORMAL;
}

static bool has_attr_exact(struct mod *m, struct slice name)
{
	struct binding *b = map_get(&m->ns.map, name);
	return b && b->flags;
}

/* _handle_fromlist(module, fromlist, import_) */
static int handle_fromlist(struct run *r, struct frame *f, struct mod *m,
			   const struct slice *names, uint32_t n, bool recursive)
{
	for (uint32_t i = 0; i < n; i++) {
		struct slice x = names[i];
		if (slice_eq_cstr(x, "*")) {
			if (recursive)
				continue;
			struct binding *all = map_get(&m->ns.map, SLICE_LIT("__all__"));
			if (!m->simulated) {
				continue; /* unknown __all__ of a module taken as loaded */
			}
			if (all && all->flags) {
				if (all->flags != B_PRESENT || !ITEMS_KNOWN(all->v))
					return sim_unknown(r, f, "cannot evaluate %s.__all__", m->name);
				struct slice *sub = ARENA_ARRAY(r->A, struct slice, all->v->n + 1);
				for (uint32_t k = 0; k < all->v->n; k++) {
					if (all->v->elts[k]->kind != V_STR)
						return sim_unknown(r, f, "cannot evaluate %s.__all__", m->name);
					sub[k] = all->v->elts[k]->s;
				}
				int fl = handle_fromlist(r, f, m, sub, all->v->n, true);
				if (fl != F_NORMAL)
					return fl;
			}
			continue;
		}
		if (m->simulated) {
			struct binding *b = map_get(&m->ns.map, x);
			if (b && b->flags == B_PRESENT)
				continue;
			if (b && b->flags)
				return sim_unknown(r, f, "cannot tell whether '%s' is bound in '%s'",
						   sim_intern(r->sim, x), m->name);
			if (m->ns.open || has_attr_exact(m, SLICE_LIT("__getattr__")))
				return sim_unknown(r, f, "cannot tell whether '%s' is an attribute of '%s'",
						   sim_intern(r->sim, x), m->name);
		} else {
			/* A module taken as loaded: a submodule is imported only
			 * if it is not an attribute already; we cannot know, so
			 * only our own submodules matter. */
		}
		buf_clear(&r->tmpbuf);
		buf_adds(&r->tmpbuf, m->name);
		buf_addc(&r->tmpbuf, '.');
		buf_addsl(&r->tmpbuf, x);
		const char *from_name = sim_intern(r->sim, buf_slice(&r->tmpbuf));
		if (!m->simulated) {
			const struct find_spec *spec = find_module(sim_finder(r, from_name), from_name, NULL);
			if (!spec || !spec->found || !wants_simulation(r, from_name, spec))
				continue;
		}
		struct mod *sub;
		int fl = sim_import_abs(r, f, from_name, &sub);
		if (fl == F_RAISE && !strcmp(r->exc->type, "ModuleNotFoundError") && r->exc->module &&
		    !strcmp(r->exc->module, from_name) && !map_get(&r->sysmods, slice_cstr(from_name))) {
			/* the submodule does not exist: IMPORT_FROM decides */
			r->exc = NULL;
			continue;
		}
		if (fl != F_NORMAL)
			return fl;
	}
	return F_NORMAL;
}

int sim_import_name(struct run *r, struct frame *f, struct slice name, uint32_t level,
		    bool has_fromlist, const struct ir_alias *fromlist, uint32_t nfrom,
		    struct mod **out)
{
	struct buf abs = BUF_INIT;
	int fl;
	if (level > 0) {
		fl = resolve_name(r, f, name, level, &abs);
		if (fl != F_NORMAL)
			goto cleanup;
	} else {
		buf_addsl(&abs, name);
	}
	const char *absname = sim_intern(r->sim, buf_slice(&abs));
	struct mod *m;
	fl = sim_import_abs(r, f, absname, &m);
	if (fl != F_NORMAL)
		goto cleanup;
	if (!has_fromlist) {
		if (level == 0) {
			/* return the top-level package */
			size_t tl = strcspn(absname, ".");
			struct mod *top = map_get(&r->sysmods, slice_make(absname, tl));
			if (!top) {
				fl = sim_unknown(r, f, "'%.*s' not in sys.modules as expected", (int)tl, absname);
				goto cleanup;
			}
			*out = top;
		} else {
			*out = m;
		}
		goto cleanup;
	}
	*out = m;
	if (m->is_package) {
		struct slice *names = ARENA_ARRAY(r->A, struct slice, nfrom ? nfrom : 1);
		for (uint32_t i = 0; i < nfrom; i++)
			names[i] = fromlist[i].name;
		fl = handle_fromlist(r, f, m, names, nfrom, false);
	}
cleanup:
	buf_release(&abs);
	return fl;
}

int sim_module_getattr(struct run *r, struct frame *f, struct mod *m, struct slice name,
		       bool for_import_from, const struct val **out)
{
	if (!m->simulated) {
		*out = &sim_unknown_val;
		return F_NORMAL;
	}
	struct binding *b = map_get(&m->ns.map, name);
	if (b && b->flags == B_PRESENT) {
		*out = sim_binding_value(r, b);
		return F_NORMAL;
	}
	const char *n = sim_intern(r->sim, name);
	if (b && b->flags) {
		if (m->state == M_INIT)
			return sim_unknown(r, f, "cannot tell whether '%s' is bound yet in partially "
					   "initialized module '%s'", n, m->name);
		*out = &sim_unknown_val; /* bound on some paths of a finished module */
		return F_NORMAL;
	}
	if (!for_import_from && name.len > 4 && !memcmp(name.ptr, "__", 2) &&
	    !memcmp(name.ptr + name.len - 2, "__", 2)) {
		/* __dict__, __class__...: attributes of the module type */
		*out = &sim_unknown_val;
		return F_NORMAL;
	}
	if (m->ns.open)
		return sim_unknown(r, f, "cannot tell whether module '%s' has attribute '%s' "
				   "(its namespace was changed in ways the model does not follow)", m->name, n);
	if (has_attr_exact(m, SLICE_LIT("__getattr__")))
		return sim_unknown(r, f, "module '%s' defines __getattr__ (reading '%s')", m->name, n);
	if (for_import_from)
		return F_RAISE; /* the caller builds the ImportError */
	if (m->state == M_INIT)
		return sim_raise(r, f, "AttributeError", m->name, n,
				 "partially initialized module '%s' has no attribute '%s' "
				 "(most likely due to a circular import)", m->name, n);
	return sim_raise(r, f, "AttributeError", m->name, n, "module '%s' has no attribute '%s'",
			 m->name, n);
}

/* The IMPORT_FROM opcode (ceval.c import_from): getattr, then the
 * sys.modules fallback for submodules (3.7+), then ImportError. */
int sim_import_from(struct run *r, struct frame *f, struct mod *m, struct slice name,
		    const struct val **out)
{
	r->exc = NULL;
	int fl = sim_module_getattr(r, f, m, name, true, out);
	if (fl != F_RAISE || r->exc)
		return fl;
	const char *n = sim_intern(r->sim, name);
	buf_clear(&r->tmpbuf);
	buf_addf(&r->tmpbuf, "%s.%s", m->name, n);
	struct mod *sub = map_get(&r->sysmods, buf_slice(&r->tmpbuf));
	if (sub) {
		*out = sub->self;
		return F_NORMAL;
	}
	if (!m->file)
		return sim_raise(r, f, "ImportError", m->name, n,
				 "cannot import name '%s' from '%s' (unknown location)", n, m->name);
	if (m->state == M_INIT)
		return sim_raise(r, f, "ImportError", m->name, n,
				 "cannot import name '%s' from partially initialized module '%s' "
				 "(most likely due to a circular import) (%s)", n, m->name, m->file);
	return sim_raise(r, f, "ImportError", m->name, n, "cannot import name '%s' from '%s' (%s)",
			 n, m->name, m->file);
}

/* ---- runs --------------------------------------------------------------------- */

static struct run *run_new(struct sim *s, const char *top)
{
	struct run *r = xcalloc(1, sizeof(*r));
	r->sim = s;
	arena_init(&r->base);
	arena_init(&r->tmp);
	r->A = &r->base;
	map_init(&r->sysmods);
	buf_init(&r->tmpbuf);
	r->max_steps = s->opts.max_steps ? s->opts.max_steps : 2000000;
	r->top = top ? sim_intern(s, slice_cstr(top)) : NULL;
	return r;
}

static void run_free(struct run *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->namespaces.len; i++)
		ns_release(r->namespaces.ptr[i]);
	for (size_t i = 0; i < r->tmp_namespaces.len; i++)
		ns_release(r->tmp_namespaces.ptr[i]);
	vec_release(&r->namespaces);
	vec_release(&r->tmp_namespaces);
	map_release(&r->sysmods);
	vec_release(&r->order);
	vec_release(&r->log);
	vec_release(&r->spec_new);
	vec_release(&r->regions);
	arena_release(&r->base);
	arena_release(&r->tmp);
	buf_release(&r->tmpbuf);
	free(r->reason);
	free(r);
}

static void checkpoint(struct run *r)
{
	r->logging = true;
	r->A = &r->tmp;
}

/* Undoes everything since the checkpoint. */
static void rollback(struct run *r, size_t order_len)
{
	for (size_t i = r->log.len; i-- > 0;) {
		struct undo *u = &r->log.ptr[i];
		switch (u->kind) {
		case U_BIND: {
			struct binding *b = u->p;
			b->v = u->v;
			b->flags = u->flags;
			b->region = u->region;
			break;
		}
		case U_SYSMOD:
			map_put(&r->sysmods, u->key, u->p);
			break;
		case U_STATE:
			((struct mod *)u->p)->state = u->flags;
			break;
		case U_OPEN:
			((struct ns *)u->p)->open = false;
			break;
		case U_NSPUSH:
			((struct ns *)u->p)->order.len--;
			break;
		case U_PATH:
			r->path = u->p;
			break;
		case U_DICT:
			((struct dictobj *)u->p)->head = u->q;
			((struct dictobj *)u->p)->open = u->flags;
			break;
		}
	}
	vec_clear(&r->log);
	for (size_t i = 0; i < r->tmp_namespaces.len; i++)
		ns_release(r->tmp_namespaces.ptr[i]);
	vec_clear(&r->tmp_namespaces);
	vec_clear(&r->spec_new);
	arena_release(&r->tmp);
	r->order.len = order_len;
	r->exc = NULL;
	r->handling = NULL;
	r->reason_at = NULL;
	r->maybe = 0;
	r->regions.len = 0;
	r->depth = 0;
	r->steps = 0;
}

struct sim *sim_new(const struct env *env, struct find *find, const struct sim_options *opts)
{
	struct sim *s = xcalloc(1, sizeof(*s));
	s->env = env;
	s->find = find;
	if (opts)
		s->opts = *opts;
	arena_init(&s->pa);
	map_init(&s->files);
	map_init(&s->interned);
	map_init(&s->paths);
	s->cwd = getcwd(NULL, 0);
	return s;
}

void sim_free(struct sim *s)
{
	if (!s)
		return;
	run_free(s->base);
	size_t i = 0;
	struct map_entry *e;
	while ((e = map_next(&s->files, &i)))
		arena_release(&((struct srcfile *)e->value)->arena);
	map_release(&s->files);
	map_release(&s->interned);
	sim_paths_release(s);
	arena_release(&s->pa);
	free(s->cwd);
	free(s);
}

const char *sim_outcome_name(enum sim_outcome o)
{
	return o == SIM_OK ? "ok" : o == SIM_ERROR ? "error" : "unknown";
}

void sim_result_release(struct sim_result *self)
{
	vec_release(&self->order);
	vec_release(&self->chain);
	arena_release(&self->arena);
}

static const char *rdup(struct sim_result *out, const char *s)
{
	return s ? arena_strndup(&out->arena, s, strlen(s)) : NULL;
}

static void fill_result(struct run *r, int fl, struct sim_result *out)
{
	for (size_t i = 0; i < r->order.len; i++)
		vec_push(&out->order, rdup(out, r->order.ptr[i]));
	if (fl == F_NORMAL) {
		out->outcome = SIM_OK;
	} else if (fl == F_RAISE && r->exc && r->exc->message) {
		struct exc *e = r->exc;
		out->outcome = SIM_ERROR;
		out->error.type = rdup(out, e->type);
		out->error.module = rdup(out, e->module);
		out->error.name = rdup(out, e->name);
		out->error.message = rdup(out, e->message);
		out->error.file = rdup(out, e->file);
		out->error.line = e->line;
		for (uint32_t i = 0; i < e->nchain; i++) {
			struct sim_frame fr = { rdup(out, e->chain[i].module), rdup(out, e->chain[i].file),
						e->chain[i].line };
			vec_push(&out->chain, fr);
		}
	} else {
		out->outcome = SIM_UNKNOWN;
		if (fl == F_RAISE) {
			out->reason = rdup(out, "an exception whose message the model cannot tell is raised");
			out->reason_file = r->exc ? rdup(out, r->exc->file) : NULL;
			out->reason_line = r->exc ? r->exc->line : 0;
			if (r->exc && r->exc->type) {
				buf_clear(&r->tmpbuf);
				buf_addf(&r->tmpbuf, "%s raised with a message the model cannot evaluate",
					 r->exc->type);
				out->reason = rdup(out, r->tmpbuf.ptr);
			}
		} else {
			out->reason = rdup(out, r->reason ? r->reason : "cannot evaluate");
			out->reason_file = rdup(out, r->reason_file);
			out->reason_line = r->reason_line;
			for (uint32_t i = 0; r->reason_at && i < r->reason_at->nchain; i++) {
				const struct sim_frame *c = &r->reason_at->chain[i];
				struct sim_frame fr = { rdup(out, c->module), rdup(out, c->file), c->line };
				vec_push(&out->chain, fr);
			}
		}
	}
}

static bool valid_dotted(const char *s)
{
	if (!*s)
		return false;
	bool start = true;
	for (const char *p = s; *p; p++) {
		if (*p == '.') {
			if (start)
				return false;
			start = true;
		} else {
			start = false;
		}
	}
	return !start;
}

void sim_run_import(struct sim *s, const char *entry, bool reuse, struct sim_result *out)
{
	memset(out, 0, sizeof(*out));
	arena_init(&out->arena);
	if (!valid_dotted(entry)) {
		out->outcome = SIM_UNKNOWN;
		out->reason = rdup(out, "not a module name");
		return;
	}
	size_t tl = strcspn(entry, ".");
	const char *top = sim_intern(s, slice_make(entry, tl));
	struct frame root = { .kind = FR_MODULE };
	struct run *r;
	int fl;
	if (reuse && s->base && s->base_top == top) {
		r = s->base;
		fl = s->base_flow;
		r->exc = s->base_exc;
		r->reason_at = s->base_reason_at;
	} else {
		if (reuse) {
			run_free(s->base);
			s->base = NULL;
		}
		r = run_new(s, top);
		struct mod *m;
		fl = sim_import_abs(r, &root, top, &m);
		if (reuse) {
			s->base = r;
			s->base_top = top;
			s->base_flow = fl;
			s->base_exc = r->exc;
			s->base_reason_at = r->reason_at;
			checkpoint(r);
		}
	}
	size_t order_len = r->order.len;
	if (fl == F_NORMAL) {
		struct mod *m;
		r->exc = NULL;
		fl = sim_import_abs(r, &root, sim_intern(s, slice_cstr(entry)), &m);
	}
	fill_result(r, fl, out);
	if (reuse)
		rollback(r, order_len);
	else
		run_free(r);
}

void sim_run_script(struct sim *s, const char *path, struct sim_result *out)
{
	memset(out, 0, sizeof(*out));
	arena_init(&out->arena);
	struct run *r = run_new(s, NULL);
	r->script = true;
	struct frame root = { .kind = FR_MODULE };
	struct mod *m = mod_new(r, "__main__");
	m->file = sim_intern(s, slice_cstr(path));
	m->package = NULL;
	m->simulated = true;
	init_attrs(r, m, NULL);
	sysmod_set(r, m->name, m);
	vec_push(&r->order, m->name);
	m->ir = load_file(s, m->file);
	int fl;
	if (m->ir->error) {
		fl = sim_unknown(r, NULL, "cannot read %s as Python (line %u: %s)", m->file,
				 m->ir->error_line, m->ir->error_message ? m->ir->error_message : "");
	} else {
		set_state(r, m, M_INIT);
		fl = sim_exec_module(r, &root, m);
		if (fl == F_NORMAL)
			set_state(r, m, M_DONE);
	}
	fill_result(r, fl, out);
	run_free(r);
}
