/* sys.path as a run changes it (docs/order.md "sys.path"): the list the
 * code sees, its changes by list methods, slice assignment and rebinding,
 * the resolver that searches each distinct list, and the posixpath
 * functions code uses to compute entries from __file__.  A change that
 * cannot be evaluated, or that may or may not happen, makes the outcome
 * unknown. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/xalloc.h"
#include "sim/internal.h"

/* ---- the list and its resolvers ---------------------------------------- */

/* The entries of sys.path as the code sees them now.  At start they are
 * the modelled sys.path, except that `python -c` puts '' (not the current
 * directory) first (pymain_run_python: sys.path[0] is computed after site
 * ran, and is '' for -c). */
void sim_path_entries(struct run *r, const char *const **out, uint32_t *n)
{
	if (r->path) {
		*out = r->path->entries;
		*n = r->path->n;
		return;
	}
	const struct env *env = r->sim->env;
	const char **e = ARENA_ARRAY(r->A, const char *, env->sys_path.len + 1);
	for (size_t i = 0; i < env->sys_path.len; i++)
		e[i] = env->sys_path.ptr[i];
	if (!r->script && env->sys_path.len && r->sim->cwd && !strcmp(e[0], r->sim->cwd))
		e[0] = "";
	*out = e;
	*n = (uint32_t)env->sys_path.len;
}

/* The resolver for a list: one per distinct list, shared by every run. */
static struct sim_path *path_for(struct sim *s, const char *const *entries, uint32_t n)
{
	struct buf key = BUF_INIT;
	for (uint32_t i = 0; i < n; i++) {
		buf_adds(&key, entries[i]);
		buf_addc(&key, '\0');
	}
	struct sim_path *p = map_get(&s->paths, buf_slice(&key));
	if (!p) {
		p = ARENA_NEW(&s->pa, struct sim_path);
		const char **e = ARENA_ARRAY(&s->pa, const char *, n + 1);
		for (uint32_t i = 0; i < n; i++)
			e[i] = sim_intern(s, slice_cstr(entries[i]));
		p->entries = e;
		p->n = n;
		/* the interpreter facts are the simulator's; only sys.path differs */
		p->env = *s->env;
		p->env.sys_path.ptr = e;
		p->env.sys_path.len = n;
		p->env.sys_path.cap = n;
		p->find = xcalloc(1, sizeof(*p->find));
		find_init(p->find, &p->env);
		char *k = arena_strndup(&s->pa, key.ptr, key.len);
		map_put(&s->paths, slice_make(k, key.len), p);
		vec_push(&s->path_list, p);
	}
	buf_release(&key);
	return p;
}

void sim_paths_release(struct sim *s)
{
	for (size_t i = 0; i < s->path_list.len; i++) {
		find_release(s->path_list.ptr[i]->find);
		free(s->path_list.ptr[i]->find);
	}
	vec_release(&s->path_list);
	map_release(&s->paths);
}

/* Sets the run's sys.path to a copy of entries (undone at rollback). */
static void path_set(struct run *r, const char *const *entries, uint32_t n)
{
	struct sim_path *p = path_for(r->sim, entries, n);
	if (r->logging)
		vec_push(&r->log, ((struct undo){ .kind = U_PATH, .p = (void *)r->path }));
	r->path = p;
}

struct find *sim_finder(struct run *r, const char *name)
{
	/* _find_and_load_unlocked: a submodule is searched in its parent's
	 * __path__, fixed when the parent was imported, so the parent's
	 * resolver (which knows that __path__) finds it */
	const char *dot = strrchr(name, '.');
	if (dot) {
		struct mod *parent = map_get(&r->sysmods, slice_make(name, (size_t)(dot - name)));
		if (parent && parent->find)
			return parent->find;
	}
	return r->path ? r->path->find : r->sim->find;
}

/* ---- changes ------------------------------------------------------------- */

static int path_unknown(struct run *r, struct frame *f, const char *what)
{
	return sim_unknown(r, f, "sys.path %s the model cannot evaluate", what);
}

/* The strings of a known tuple (list display), or -1. */
static int strings(const struct val *v, const char ***out, uint32_t *n, struct run *r)
{
	if (!v || !ITEMS_KNOWN(v))
		return -1;
	const char **s = ARENA_ARRAY(r->A, const char *, v->n + 1);
	for (uint32_t i = 0; i < v->n; i++) {
		if (v->elts[i]->kind != V_STR)
			return -1;
		s[i] = sim_intern(r->sim, v->elts[i]->s);
	}
	*out = s;
	*n = v->n;
	return 0;
}

/* Python's slice bounds for a list of length n (PySlice_AdjustIndices,
 * step 1). */
static uint32_t clamp(long long i, uint32_t n)
{
	if (i < 0)
		i += n;
	if (i < 0)
		i = 0;
	if (i > (long long)n)
		i = n;
	return (uint32_t)i;
}

/* Replaces entries [lo, hi) by add[0..nadd). */
static void splice(struct run *r, uint32_t lo, uint32_t hi, const char *const *add, uint32_t nadd)
{
	const char *const *cur;
	uint32_t n;
	sim_path_entries(r, &cur, &n);
	if (hi < lo)
		hi = lo;
	const char **e = ARENA_ARRAY(r->A, const char *, n - (hi - lo) + nadd + 1);
	uint32_t k = 0;
	for (uint32_t i = 0; i < lo; i++)
		e[k++] = cur[i];
	for (uint32_t i = 0; i < nadd; i++)
		e[k++] = add[i];
	for (uint32_t i = hi; i < n; i++)
		e[k++] = cur[i];
	path_set(r, e, k);
}

int sim_path_call(struct run *r, struct frame *f, const char *method, const struct val **args,
		  uint32_t n, bool plain, const struct val **out)
{
	*out = sim_val(r, V_NONE);
	if (r->maybe > 0)
		return sim_unknown(r, f, "sys.path may or may not be changed here (sys.path.%s)", method);
	if (!plain)
		return path_unknown(r, f, "change");
	const char *const *cur;
	uint32_t len;
	sim_path_entries(r, &cur, &len);
	if (!strcmp(method, "insert") && n == 2) {
		/* list.insert(i, x): i clamped like a slice start */
		if (args[0]->kind != V_INT || args[1]->kind != V_STR)
			return path_unknown(r, f, "insert");
		uint32_t at = clamp(args[0]->i, len);
		const char *x = sim_intern(r->sim, args[1]->s);
		splice(r, at, at, &x, 1);
		return F_NORMAL;
	}
	if (!strcmp(method, "append") && n == 1) {
		if (args[0]->kind != V_STR)
			return path_unknown(r, f, "append");
		const char *x = sim_intern(r->sim, args[0]->s);
		splice(r, len, len, &x, 1);
		return F_NORMAL;
	}
	if (!strcmp(method, "extend") && n == 1) {
		const char **add;
		uint32_t nadd;
		if (strings(args[0], &add, &nadd, r) < 0)
			return path_unknown(r, f, "extend");
		splice(r, len, len, add, nadd);
		return F_NORMAL;
	}
	if (!strcmp(method, "remove") && n == 1 && args[0]->kind == V_STR) {
		for (uint32_t i = 0; i < len; i++) {
			if (slice_eq_cstr(args[0]->s, cur[i])) {
				splice(r, i, i + 1, NULL, 0);
				return F_NORMAL;
			}
		}
		return sim_raise(r, f, "ValueError", NULL, NULL, "list.remove(x): x not in list");
	}
	return path_unknown(r, f, method);
}

int sim_path_assign_slice(struct run *r, struct frame *f, const struct ir_expr *sub,
			  const struct val *const *idx, const struct val *v)
{
	if (r->maybe > 0)
		return sim_unknown(r, f, "sys.path may or may not be changed here");
	/* one slice, no step: ival tells which bounds are written */
	if (sub->op != ':' || sub->ival < 0 || (sub->ival & 4))
		return path_unknown(r, f, "assignment");
	const char *const *cur;
	uint32_t len;
	sim_path_entries(r, &cur, &len);
	uint32_t k = 0, lo = 0, hi = len;
	if (sub->ival & 1) {
		if (k >= sub->nargs || idx[k]->kind != V_INT)
			return path_unknown(r, f, "slice");
		lo = clamp(idx[k++]->i, len);
	}
	if (sub->ival & 2) {
		if (k >= sub->nargs || idx[k]->kind != V_INT)
			return path_unknown(r, f, "slice");
		hi = clamp(idx[k++]->i, len);
	}
	const char **add;
	uint32_t nadd;
	if (strings(v, &add, &nadd, r) < 0)
		return path_unknown(r, f, "assignment");
	splice(r, lo, hi, add, nadd);
	return F_NORMAL;
}

int sim_path_rebind(struct run *r, struct frame *f, const struct val *v)
{
	if (r->maybe > 0)
		return sim_unknown(r, f, "sys.path may or may not be rebound here");
	const char **e;
	uint32_t n;
	if (strings(v, &e, &n, r) < 0)
		return path_unknown(r, f, "rebinding");
	path_set(r, e, n);
	return F_NORMAL;
}

const struct val *sim_path_value(struct run *r)
{
	const char *const *cur;
	uint32_t n;
	sim_path_entries(r, &cur, &n);
	struct val *t = (struct val *)sim_val(r, V_TUPLE);
	t->elts = ARENA_ARRAY(r->A, const struct val *, n + 1);
	for (uint32_t i = 0; i < n; i++)
		t->elts[i] = sim_str(r, cur[i]);
	t->n = n;
	return t;
}

/* ---- posixpath ------------------------------------------------------------ */

/* posixpath.join(a, *p) */
static void pp_join(struct buf *out, const struct val **args, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		struct slice b = args[i]->s;
		if (i == 0 || (b.len && b.ptr[0] == '/')) {
			buf_clear(out);
		} else if (out->len && out->ptr[out->len - 1] != '/') {
			buf_addc(out, '/');
		}
		buf_addsl(out, b);
	}
}

/* posixpath.split(p)[0] / [1]: dirname keeps the head without its
 * trailing slashes unless it is all slashes. */
static void pp_dirname(struct buf *out, struct slice p, bool base)
{
	size_t i = p.len;
	while (i > 0 && p.ptr[i - 1] != '/')
		i--;
	if (base) {
		buf_add(out, p.ptr + i, p.len - i);
		return;
	}
	size_t h = i;
	bool all = true;
	for (size_t k = 0; k < h; k++)
		all &= p.ptr[k] == '/';
	if (!all)
		while (h > 0 && p.ptr[h - 1] == '/')
			h--;
	buf_add(out, p.ptr, h);
}

/* posixpath.normpath(path) */
static void pp_normpath(struct buf *out, struct slice p)
{
	if (!p.len) {
		buf_addc(out, '.');
		return;
	}
	size_t initial = 0;
	while (initial < p.len && p.ptr[initial] == '/')
		initial++;
	/* POSIX allows one or two initial slashes, but treats three or more as one */
	size_t keep = initial == 2 ? 2 : initial ? 1 : 0;
	VEC(struct slice) comps = VEC_INIT;
	size_t i = 0;
	while (i < p.len) {
		size_t j = i;
		while (j < p.len && p.ptr[j] != '/')
			j++;
		struct slice c = slice_make(p.ptr + i, j - i);
		i = j + 1;
		if (!c.len || slice_eq_cstr(c, "."))
			continue;
		if (!slice_eq_cstr(c, "..") || (!keep && !comps.len) ||
		    (comps.len && slice_eq_cstr(*vec_last(&comps), ".."))) {
			vec_push(&comps, c);
		} else if (comps.len) {
			comps.len--;
		}
	}
	for (size_t k = 0; k < keep; k++)
		buf_addc(out, '/');
	for (size_t k = 0; k < comps.len; k++) {
		if (k)
			buf_addc(out, '/');
		buf_addsl(out, comps.ptr[k]);
	}
	if (!out->len)
		buf_addc(out, '.');
	vec_release(&comps);
}

/* posixpath.abspath(path) */
static void pp_abspath(struct buf *out, const char *cwd, struct slice p)
{
	struct buf j = BUF_INIT;
	if (!p.len || p.ptr[0] != '/') {
		buf_adds(&j, cwd);
		if (p.len && j.len && j.ptr[j.len - 1] != '/')
			buf_addc(&j, '/');
	}
	buf_addsl(&j, p);
	pp_normpath(out, buf_slice(&j));
	buf_release(&j);
}

const struct val *sim_posixpath_call(struct run *r, const char *fn, const struct val **args,
				     uint32_t n)
{
	const char *cwd = r->sim->cwd;
	if (!strcmp(fn, "getcwd"))
		return n == 0 && cwd ? sim_str(r, cwd) : &sim_unknown_val;
	if (!n)
		return &sim_unknown_val;
	for (uint32_t i = 0; i < n; i++)
		if (args[i]->kind != V_STR || memchr(args[i]->s.ptr, '\0', args[i]->s.len))
			return &sim_unknown_val;
	struct buf out = BUF_INIT;
	const struct val *res = &sim_unknown_val;
	struct slice p = args[0]->s;
	if (!strcmp(fn, "join")) {
		pp_join(&out, args, n);
	} else if (n != 1) {
		goto done;
	} else if (!strcmp(fn, "dirname") || !strcmp(fn, "basename")) {
		pp_dirname(&out, p, fn[0] == 'b');
	} else if (!strcmp(fn, "normpath")) {
		pp_normpath(&out, p);
	} else if (!strcmp(fn, "abspath") || !strcmp(fn, "realpath") || !strcmp(fn, "exists") ||
		   !strcmp(fn, "isdir") || !strcmp(fn, "isfile")) {
		if (!cwd)
			goto done;
		if (!strcmp(fn, "abspath")) {
			pp_abspath(&out, cwd, p);
		} else {
			/* the filesystem resolves the path as given: a symlink
			 * followed by '..' leads where the link points */
			if (!p.len || p.ptr[0] != '/') {
				buf_adds(&out, cwd);
				buf_addc(&out, '/');
			}
			buf_addsl(&out, p);
		}
		if (!strcmp(fn, "realpath")) {
			/* a path that does not exist is left to Python's rules: unknown */
			char *rp = realpath(out.ptr, NULL);
			if (!rp)
				goto done;
			buf_clear(&out);
			buf_adds(&out, rp);
			free(rp);
		} else if (fn[0] == 'e' || fn[0] == 'i') {
			/* the filesystem the model reads is the one Python would see */
			struct stat st;
			bool ok = stat(out.ptr, &st) == 0;
			if (ok && fn[2] == 'd')
				ok = S_ISDIR(st.st_mode);
			else if (ok && fn[2] == 'f')
				ok = S_ISREG(st.st_mode);
			struct val *b = (struct val *)sim_val(r, V_BOOL);
			b->b = ok;
			res = b;
			goto done;
		}
	} else {
		goto done;
	}
	res = sim_str(r, out.ptr);
done:
	buf_release(&out);
	return res;
}
