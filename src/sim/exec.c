/* The executor (see sim.h): runs a module's execution IR statement by
 * statement, evaluating expressions in CPython's order.  What it cannot
 * evaluate is either an unknown value (whose use may make the outcome
 * unknown) or, when it decides what runs next, the end of the simulation
 * with a reason (F_UNKNOWN).  Code that may or may not run (the branches of
 * an `if` whose test is unknown, loop bodies over unknown iterables) runs
 * "speculatively" (run.maybe > 0): its bindings become "maybe", and
 * anything that would change the import order or raise ends the
 * simulation as unknown. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/internal.h"

/* ---- builtins ------------------------------------------------------------- */

/* dir(builtins) of CPython 3.11, sorted (bsearch). */
static const char *const builtin_names[] = {
	"ArithmeticError", "AssertionError", "AttributeError", "BaseException",
	"BaseExceptionGroup", "BlockingIOError", "BrokenPipeError", "BufferError", "BytesWarning",
	"ChildProcessError", "ConnectionAbortedError", "ConnectionError", "ConnectionRefusedError",
	"ConnectionResetError", "DeprecationWarning", "EOFError", "Ellipsis", "EncodingWarning",
	"EnvironmentError", "Exception", "ExceptionGroup", "False", "FileExistsError",
	"FileNotFoundError", "FloatingPointError", "FutureWarning", "GeneratorExit", "IOError",
	"ImportError", "ImportWarning", "IndentationError", "IndexError", "InterruptedError",
	"IsADirectoryError", "KeyError", "KeyboardInterrupt", "LookupError", "MemoryError",
	"ModuleNotFoundError", "NameError", "None", "NotADirectoryError", "NotImplemented",
	"NotImplementedError", "OSError", "OverflowError", "PendingDeprecationWarning",
	"PermissionError", "ProcessLookupError", "RecursionError", "ReferenceError",
	"ResourceWarning", "RuntimeError", "RuntimeWarning", "StopAsyncIteration", "StopIteration",
	"SyntaxError", "SyntaxWarning", "SystemError", "SystemExit", "TabError", "TimeoutError",
	"True", "TypeError", "UnboundLocalError", "UnicodeDecodeError", "UnicodeEncodeError",
	"UnicodeError", "UnicodeTranslateError", "UnicodeWarning", "UserWarning", "ValueError",
	"Warning", "ZeroDivisionError", "__build_class__", "__debug__", "__doc__", "__import__",
	"__loader__", "__name__", "__package__", "__spec__", "abs", "aiter", "all", "anext", "any",
	"ascii", "bin", "bool", "breakpoint", "bytearray", "bytes", "callable", "chr",
	"classmethod", "compile", "complex", "copyright", "credits", "delattr", "dict", "dir",
	"divmod", "enumerate", "eval", "exec", "exit", "filter", "float", "format", "frozenset",
	"getattr", "globals", "hasattr", "hash", "help", "hex", "id", "input", "int", "isinstance",
	"issubclass", "iter", "len", "license", "list", "locals", "map", "max", "memoryview", "min",
	"next", "object", "oct", "open", "ord", "pow", "print", "property", "quit", "range", "repr",
	"reversed", "round", "set", "setattr", "slice", "sorted", "staticmethod", "str", "sum",
	"super", "tuple", "type", "vars", "zip",
};

static int cmp_name(const void *key, const void *elem)
{
	const struct slice *k = key;
	const char *e = *(const char *const *)elem;
	size_t n = strlen(e);
	int c = memcmp(k->ptr, e, k->len < n ? k->len : n);
	return c ? c : (k->len > n) - (k->len < n);
}

static const char *builtin(struct slice name)
{
	const char *const *p = bsearch(&name, builtin_names,
				       sizeof builtin_names / sizeof builtin_names[0],
				       sizeof builtin_names[0], cmp_name);
	return p ? *p : NULL;
}

/* The builtin exception hierarchy: each class and its base. */
static const char *const exc_bases[][2] = {
	{ "ArithmeticError", "Exception" }, { "AssertionError", "Exception" },
	{ "AttributeError", "Exception" }, { "BaseException", NULL },
	{ "BaseExceptionGroup", "BaseException" }, { "BlockingIOError", "OSError" },
	{ "BrokenPipeError", "ConnectionError" }, { "BufferError", "Exception" },
	{ "BytesWarning", "Warning" }, { "ChildProcessError", "OSError" },
	{ "ConnectionAbortedError", "ConnectionError" }, { "ConnectionError", "OSError" },
	{ "ConnectionRefusedError", "ConnectionError" }, { "ConnectionResetError", "ConnectionError" },
	{ "DeprecationWarning", "Warning" }, { "EOFError", "Exception" },
	{ "EncodingWarning", "Warning" }, { "EnvironmentError", "Exception" },
	{ "Exception", "BaseException" }, { "ExceptionGroup", "BaseExceptionGroup" },
	{ "FileExistsError", "OSError" }, { "FileNotFoundError", "OSError" },
	{ "FloatingPointError", "ArithmeticError" }, { "FutureWarning", "Warning" },
	{ "GeneratorExit", "BaseException" }, { "IOError", "Exception" },
	{ "ImportError", "Exception" }, { "ImportWarning", "Warning" },
	{ "IndentationError", "SyntaxError" }, { "IndexError", "LookupError" },
	{ "InterruptedError", "OSError" }, { "IsADirectoryError", "OSError" },
	{ "KeyError", "LookupError" }, { "KeyboardInterrupt", "BaseException" },
	{ "LookupError", "Exception" }, { "MemoryError", "Exception" },
	{ "ModuleNotFoundError", "ImportError" }, { "NameError", "Exception" },
	{ "NotADirectoryError", "OSError" }, { "NotImplementedError", "RuntimeError" },
	{ "OSError", "Exception" }, { "OverflowError", "ArithmeticError" },
	{ "PendingDeprecationWarning", "Warning" }, { "PermissionError", "OSError" },
	{ "ProcessLookupError", "OSError" }, { "RecursionError", "RuntimeError" },
	{ "ReferenceError", "Exception" }, { "ResourceWarning", "Warning" },
	{ "RuntimeError", "Exception" }, { "RuntimeWarning", "Warning" },
	{ "StopAsyncIteration", "Exception" }, { "StopIteration", "Exception" },
	{ "SyntaxError", "Exception" }, { "SyntaxWarning", "Warning" },
	{ "SystemError", "Exception" }, { "SystemExit", "BaseException" },
	{ "TabError", "IndentationError" }, { "TimeoutError", "OSError" },
	{ "TypeError", "Exception" }, { "UnboundLocalError", "NameError" },
	{ "UnicodeDecodeError", "UnicodeError" }, { "UnicodeEncodeError", "UnicodeError" },
	{ "UnicodeError", "ValueError" }, { "UnicodeTranslateError", "UnicodeError" },
	{ "UnicodeWarning", "Warning" }, { "UserWarning", "Warning" },
	{ "ValueError", "Exception" }, { "Warning", "Exception" },
	{ "ZeroDivisionError", "ArithmeticError" },
};

static const char *exc_base(const char *name)
{
	for (size_t i = 0; i < sizeof exc_bases / sizeof exc_bases[0]; i++)
		if (!strcmp(exc_bases[i][0], name))
			return exc_bases[i][1] ? exc_bases[i][1] : "";
	return NULL;
}

/* 1 when the builtin class `raised` is a subclass of builtin `handler`,
 * 0 when not, -1 when unknown. */
static int exc_subclass(const char *raised, const char *handler)
{
	if (!raised || !exc_base(raised))
		return !strcmp(handler, "BaseException") ? 1 : -1;
	if (!exc_base(handler))
		return -1; /* not an exception class */
	for (const char *c = raised; c && *c; c = exc_base(c)) {
		if (!strcmp(c, handler))
			return 1;
		if (!strcmp(c, "OSError") && (!strcmp(handler, "IOError") ||
					       !strcmp(handler, "EnvironmentError")))
			return 1;
	}
	return 0;
}

/* ---- small helpers ---------------------------------------------------------- */

static int exec_block(struct run *r, struct frame *f, const struct ir_block *b);
static int eval(struct run *r, struct frame *f, const struct ir_expr *e, const struct val **out);
static int call_value(struct run *r, struct frame *f, const struct ir_expr *site,
		      const struct val *fn, const struct val **args, const struct slice *kw,
		      uint32_t n, bool star, const struct val **out);

static const struct val *UNK = &sim_unknown_val;

/* A namespace handed out as a dict (globals(), vars(), __dict__): names
 * may change unseen, and so may the dicts bound in it. */
static void open_ns(struct run *r, struct ns *ns)
{
	sim_ns_open(r, ns);
	for (size_t i = 0; i < ns->order.len; i++) {
		const struct binding *b = ns->order.ptr[i];
		if (b->flags && b->v)
			sim_escape(r, b->v);
	}
}

/* The arguments go to code the model does not follow. */
static void escape_all(struct run *r, const struct val **args, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		sim_escape(r, args[i]);
}

static const char *cstr(struct run *r, struct slice s)
{
	return sim_intern(r->sim, s);
}

static int step(struct run *r, struct frame *f)
{
	if (++r->steps > r->max_steps)
		return sim_unknown(r, f, "the simulation budget of %llu steps ran out",
				   (unsigned long long)r->max_steps);
	return F_NORMAL;
}

static const struct val *mk_bool(struct run *r, bool b)
{
	struct val *v = (struct val *)sim_val(r, V_BOOL);
	v->b = b;
	return v;
}

static const struct val *mk_int(struct run *r, long long i)
{
	struct val *v = (struct val *)sim_val(r, V_INT);
	v->i = i;
	return v;
}

static const struct val *mk_tuple(struct run *r, const struct val **elts, uint32_t n)
{
	struct val *v = (struct val *)sim_val(r, V_TUPLE);
	v->elts = ARENA_ARRAY(r->A, const struct val *, n ? n : 1);
	if (n)
		memcpy(v->elts, elts, n * sizeof(*elts));
	v->n = n;
	return v;
}

static const struct val *mk_special(struct run *r, const char *what)
{
	struct val *v = (struct val *)sim_val(r, V_SPECIAL);
	v->s = slice_cstr(what);
	return v;
}

/* 1 true, 0 false, -1 unknown */
static int truth(const struct val *v)
{
	switch (v->kind) {
	case V_NONE: return 0;
	case V_BOOL: return v->b;
	case V_INT: return v->i != 0;
	case V_STR: return v->s.len != 0;
	case V_TUPLE: return ITEMS_KNOWN(v) ? v->n != 0 : -1;
	case V_MODULE: case V_FUNC: case V_CLASS: case V_BUILTIN: case V_OBJECT: return 1;
	case V_DICT:
		if (v->dict->open)
			return -1;
		for (const struct dict_item *it = v->dict->head; it; it = it->next)
			if (!it->maybe)
				return 1;
		return v->dict->head ? -1 : 0;
	default: return -1;
	}
}

/* The posixpath functions the model evaluates on strings (syspath.c). */
static const struct val *posixpath_attr(struct run *r, struct slice name)
{
	static const char *const fns[] = { "join", "dirname", "basename", "normpath", "abspath",
					   "realpath", "exists", "isdir", "isfile" };
	for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
		if (slice_eq_cstr(name, fns[i])) {
			buf_clear(&r->tmpbuf);
			buf_addf(&r->tmpbuf, "os.path.%s", fns[i]);
			return mk_special(r, sim_intern(r->sim, buf_slice(&r->tmpbuf)));
		}
	}
	return NULL;
}

static bool special_is(const struct val *v, const char *what)
{
	return v->kind == V_SPECIAL && slice_eq_cstr(v->s, what);
}

/* type(v) for values of builtin types, else unknown. */
static const struct val *type_of(struct run *r, const struct val *v)
{
	const char *t;
	switch (v->kind) {
	case V_INT: t = "int"; break;
	case V_BOOL: t = "bool"; break;
	case V_STR: t = "str"; break;
	case V_NONE: t = "NoneType"; break;
	case V_DICT: t = "dict"; break;
	default: return UNK;
	}
	struct val *c = (struct val *)sim_val(r, V_BUILTIN);
	c->s = slice_cstr(t);
	return c;
}

/* inspect.getmro(cls) / cls.__mro__ for the builtin classes whose MRO is
 * fixed, else unknown. */
static const struct val *builtin_mro(struct run *r, const struct val *cls)
{
	static const char *const mros[][4] = {
		{ "bool", "int", "object", NULL }, { "int", "object", NULL },
		{ "str", "object", NULL }, { "NoneType", "object", NULL },
		{ "dict", "object", NULL }, { "float", "object", NULL },
		{ "complex", "object", NULL }, { "tuple", "object", NULL },
		{ "list", "object", NULL }, { "set", "object", NULL },
		{ "frozenset", "object", NULL }, { "bytes", "object", NULL },
		{ "object", NULL },
	};
	if (cls->kind != V_BUILTIN)
		return UNK;
	for (size_t i = 0; i < sizeof mros / sizeof mros[0]; i++) {
		if (strcmp(mros[i][0], cls->s.ptr))
			continue;
		const struct val *e[4];
		uint32_t n = 0;
		for (; n < 4 && mros[i][n]; n++) {
			struct val *c = (struct val *)sim_val(r, V_BUILTIN);
			c->s = slice_cstr(mros[i][n]);
			e[n] = c;
		}
		return mk_tuple(r, e, n);
	}
	return UNK;
}

/* Attributes of modules the model does not simulate but knows. */
static const struct val *external_attr(struct run *r, struct mod *m, struct slice name)
{
	const struct env *env = r->sim->env;
	if (!strcmp(m->name, "sys")) {
		if (slice_eq_cstr(name, "version_info")) {
			int micro = 0;
			const char *v = env->version ? strchr(env->version, '.') : NULL;
			if (v && (v = strchr(v + 1, '.')))
				micro = atoi(v + 1);
			const struct val *e[5] = {
				mk_int(r, env->version_major), mk_int(r, env->version_minor),
				mk_int(r, micro), sim_str(r, "final"), mk_int(r, 0),
			};
			struct val *t = (struct val *)mk_tuple(r, e, 5);
			t->s = SLICE_LIT("version_info");
			return t;
		}
		if (slice_eq_cstr(name, "platform"))
			return sim_str(r, "linux");
		if (slice_eq_cstr(name, "byteorder"))
			return sim_str(r, "little");
		if (slice_eq_cstr(name, "modules"))
			return mk_special(r, "sys.modules");
		if (slice_eq_cstr(name, "path"))
			return mk_special(r, "sys.path");
	} else if (!strcmp(m->name, "os")) {
		if (slice_eq_cstr(name, "name"))
			return sim_str(r, "posix");
		if (slice_eq_cstr(name, "path"))
			return mk_special(r, "os.path");
		if (slice_eq_cstr(name, "getcwd"))
			return mk_special(r, "os.getcwd");
		if (slice_eq_cstr(name, "environ"))
			return mk_special(r, "os.environ");
		if (slice_eq_cstr(name, "getenv"))
			return mk_special(r, "os.getenv");
	} else if (!strcmp(m->name, "os.path") || !strcmp(m->name, "posixpath")) {
		return posixpath_attr(r, name);
	} else if (!strcmp(m->name, "site")) {
		if (slice_eq_cstr(name, "addsitedir"))
			return mk_special(r, "sys.path.change");
	} else if (!strcmp(m->name, "typing") || !strcmp(m->name, "typing_extensions")) {
		if (slice_eq_cstr(name, "TYPE_CHECKING"))
			return mk_bool(r, false);
	} else if (!strcmp(m->name, "inspect")) {
		if (slice_eq_cstr(name, "getmro"))
			return mk_special(r, "inspect.getmro");
	} else if (!strcmp(m->name, "importlib")) {
		if (slice_eq_cstr(name, "import_module"))
			return mk_special(r, "import_module");
	}
	return NULL;
}

static int getattr_module(struct run *r, struct frame *f, struct mod *m, struct slice name,
			  bool for_import_from, const struct val **out)
{
	if (!m->simulated) {
		const struct val *v = external_attr(r, m, name);
		*out = v ? v : UNK;
		return F_NORMAL;
	}
	return sim_module_getattr(r, f, m, name, for_import_from, out);
}

/* A class attribute, searched in the class then its bases (depth-first). */
static const struct val *class_lookup(const struct val *cls, struct slice name, int depth)
{
	if (!cls || cls->kind != V_CLASS || depth > 20)
		return NULL;
	struct binding *b = map_get(&cls->cls->map, name);
	if (b && b->flags == B_PRESENT)
		return b->v;
	if (b && b->flags)
		return UNK;
	for (uint32_t i = 0; i < cls->n; i++) {
		const struct val *v = class_lookup(cls->elts[i], name, depth + 1);
		if (v)
			return v;
	}
	return NULL;
}

/* ---- names -------------------------------------------------------------------- */

static int local_index(const struct ir_def *d, struct slice name)
{
	for (uint32_t i = 0; i < d->nlocals; i++)
		if (slice_eq(d->locals[i], name))
			return (int)i;
	return -1;
}

static bool declared_global(const struct ir_def *d, struct slice name)
{
	for (uint32_t i = 0; i < d->nglobals; i++)
		if (slice_eq(d->globals[i], name))
			return true;
	return false;
}

static int lookup(struct run *r, struct frame *f, struct slice name, const struct val **out)
{
	for (uint32_t i = 0; i < f->nshadow; i++) {
		if (slice_eq(f->shadow[i], name)) {
			*out = UNK;
			return F_NORMAL;
		}
	}
	struct frame *scope = NULL;
	if (f->kind == FR_FUNC) {
		if (!declared_global(f->def, name)) {
			int k = local_index(f->def, name);
			if (k >= 0) {
				struct binding *b = &f->locals[k];
				*out = sim_binding_value(r, b);
				return F_NORMAL;
			}
			scope = f->closure;
		}
	} else if (f->kind == FR_CLASS) {
		struct binding *b = map_get(&f->cls->map, name);
		if (b && b->flags) {
			*out = sim_binding_value(r, b);
			return F_NORMAL;
		}
		scope = f->closure;
	}
	for (; scope; scope = scope->closure) {
		int k = local_index(scope->def, name);
		if (k >= 0) {
			struct binding *b = &scope->locals[k];
			*out = sim_binding_value(r, b);
			return F_NORMAL;
		}
	}
	struct binding *b = map_get(&f->mod->ns.map, name);
	if (b && b->flags) {
		*out = sim_binding_value(r, b);
		return F_NORMAL;
	}
	const char *bn = builtin(name);
	if (bn) {
		if (!strcmp(bn, "True") || !strcmp(bn, "False")) {
			*out = mk_bool(r, bn[0] == 'T');
			return F_NORMAL;
		}
		if (!strcmp(bn, "None")) {
			*out = sim_val(r, V_NONE);
			return F_NORMAL;
		}
		struct val *v = (struct val *)sim_val(r, V_BUILTIN);
		v->s = slice_cstr(bn);
		*out = v;
		return F_NORMAL;
	}
	if (f->mod->ns.open) {
		*out = UNK;
		return F_NORMAL;
	}
	const char *n = cstr(r, name);
	return sim_raise(r, f, "NameError", NULL, n, "name '%s' is not defined", n);
}

static struct binding *store_slot_owner(struct run *r, struct frame *f, struct slice name,
					struct frame **owner)
{
	*owner = NULL;
	if (f->kind == FR_FUNC && !declared_global(f->def, name)) {
		int k = local_index(f->def, name);
		if (k >= 0) {
			*owner = f;
			return &f->locals[k];
		}
		for (struct frame *c = f->closure; c; c = c->closure) {
			k = local_index(c->def, name);
			if (k >= 0) {
				*owner = c;
				return &c->locals[k];
			}
		}
	} else if (f->kind == FR_CLASS) {
		*owner = f;
		return sim_ns_get(r, f->cls, name, true);
	}
	return sim_ns_get(r, &f->mod->ns, name, true);
}

static struct binding *store_slot(struct run *r, struct frame *f, struct slice name)
{
	struct frame *owner;
	return store_slot_owner(r, f, name, &owner);
}

/* Binds name in f's scope; a function's locals and a class body's names
 * are certain relative to the frame (a call that may not happen binds its
 * locals for sure once it runs). */
static void store(struct run *r, struct frame *f, struct slice name, const struct val *v)
{
	struct frame *owner;
	struct binding *b = store_slot_owner(r, f, name, &owner);
	int saved = r->maybe;
	if (owner && owner == f)
		r->maybe -= f->base_maybe;
	sim_bind(r, b, v);
	r->maybe = saved;
}

/* ---- expressions ---------------------------------------------------------------- */

static bool is_name(const struct ir_expr *e, const char *n)
{
	return e && e->kind == IR_NAME && slice_eq_cstr(e->name, n);
}

static int eval_args(struct run *r, struct frame *f, const struct ir_expr *call,
		     const struct val ***vals, bool *star)
{
	*star = false;
	*vals = ARENA_ARRAY(r->A, const struct val *, call->nargs ? call->nargs : 1);
	for (uint32_t i = 0; i < call->nargs; i++) {
		const struct ir_expr *a = call->args[i];
		int fl = eval(r, f, a->kind == IR_STARRED ? a->a : a, &(*vals)[i]);
		if (fl != F_NORMAL)
			return fl;
		if (a->kind == IR_STARRED) {
			*star = true;
			sim_escape(r, (*vals)[i]); /* its items are no longer followed */
			(*vals)[i] = UNK;
		}
	}
	return F_NORMAL;
}

static int cmp_vals(const struct val *a, const struct val *b, int op);

static bool plain_builtin(const struct val *v);

int sim_equal(const struct val *a, const struct val *b)
{
	return cmp_vals(a, b, IR_CMP_EQ);
}

/* A dict key the model can compare (hash and == known). */
static bool hashable(const struct val *v)
{
	switch (v->kind) {
	case V_NONE: case V_BOOL: case V_INT: case V_STR: case V_FUNC: case V_MODULE:
		return true;
	case V_BUILTIN:
		return plain_builtin(v);
	case V_CLASS:
		return !(v->meta && class_lookup(v->meta, SLICE_LIT("__eq__"), 0));
	default:
		return false;
	}
}

/* A builtin class or function's identity (IOError and EnvironmentError are
 * OSError), or NULL for the builtins module's dunder values (__debug__...). */
static const char *builtin_identity(const struct val *v)
{
	const char *n = v->s.ptr;
	if (n[0] == '_' && n[1] == '_')
		return NULL;
	return !strcmp(n, "IOError") || !strcmp(n, "EnvironmentError") ? "OSError" : n;
}

static bool plain_builtin(const struct val *v)
{
	return v->kind == V_BUILTIN && builtin_identity(v);
}

/* Functions and classes compare by identity: type.__eq__ and function
 * equality are object identity, unless a metaclass of ours defines __eq__. */
static bool identity_eq(const struct val *v)
{
	if (v->kind == V_FUNC)
		return true;
	return v->kind == V_CLASS && !(v->meta && class_lookup(v->meta, SLICE_LIT("__eq__"), 0));
}

/* Two values made by the same def/class statement run are one object: a
 * class value owns its namespace; a function value is made once per run of
 * its def statement (same defining frame and statement). */
static bool same_object(const struct val *a, const struct val *b)
{
	if (a->kind != b->kind)
		return false;
	if (a->kind == V_CLASS)
		return a->cls == b->cls;
	return a == b;
}

/* Python's < on known values: -2 unknown, else -1/0/1 ordering. */
static int order(const struct val *a, const struct val *b)
{
	if ((a->kind == V_INT || a->kind == V_BOOL) && (b->kind == V_INT || b->kind == V_BOOL)) {
		long long x = a->kind == V_INT ? a->i : a->b, y = b->kind == V_INT ? b->i : b->b;
		return (x > y) - (x < y);
	}
	if (a->kind == V_STR && b->kind == V_STR) {
		size_t n = a->s.len < b->s.len ? a->s.len : b->s.len;
		int c = memcmp(a->s.ptr, b->s.ptr, n);
		if (c)
			return c < 0 ? -1 : 1;
		return (a->s.len > b->s.len) - (a->s.len < b->s.len);
	}
	if (ITEMS_KNOWN(a) && ITEMS_KNOWN(b)) {
		for (uint32_t i = 0; i < a->n && i < b->n; i++) {
			int e = cmp_vals(a->elts[i], b->elts[i], IR_CMP_EQ);
			if (e < 0)
				return -2;
			if (!e)
				return order(a->elts[i], b->elts[i]);
		}
		return (a->n > b->n) - (a->n < b->n);
	}
	return -2;
}

/* 1 true, 0 false, -1 unknown */
static int cmp_vals(const struct val *a, const struct val *b, int op)
{
	switch (op) {
	case IR_CMP_EQ:
	case IR_CMP_NE: {
		int eq;
		if (a->kind == V_NONE || b->kind == V_NONE) {
			if (a->kind == V_UNKNOWN || b->kind == V_UNKNOWN)
				return -1;
			eq = a->kind == b->kind;
		} else if (a->kind == V_MODULE && b->kind == V_MODULE) {
			eq = a->mod == b->mod;
		} else if (ITEMS_KNOWN(a) && ITEMS_KNOWN(b)) {
			/* item by item; one certainly different item decides */
			eq = a->n == b->n;
			for (uint32_t i = 0; i < a->n && eq == 1; i++) {
				int e = cmp_vals(a->elts[i], b->elts[i], IR_CMP_EQ);
				if (e == 0)
					eq = 0;
			}
			for (uint32_t i = 0; i < a->n && eq == 1; i++)
				if (cmp_vals(a->elts[i], b->elts[i], IR_CMP_EQ) < 0)
					return -1;
		} else if (identity_eq(a) && identity_eq(b)) {
			eq = same_object(a, b);
		} else if (plain_builtin(a) && plain_builtin(b)) {
			eq = !strcmp(builtin_identity(a), builtin_identity(b));
		} else if ((plain_builtin(a) && (identity_eq(b) || b->kind == V_STR || b->kind == V_INT ||
						 b->kind == V_BOOL || b->kind == V_MODULE)) ||
			   (plain_builtin(b) && (identity_eq(a) || a->kind == V_STR || a->kind == V_INT ||
						 a->kind == V_BOOL || a->kind == V_MODULE))) {
			eq = 0; /* a builtin object is none of ours, nor a str or int */
		} else {
			int o = order(a, b);
			if (o == -2) {
				if ((a->kind == V_STR && (b->kind == V_INT || b->kind == V_TUPLE)) ||
				    (b->kind == V_STR && (a->kind == V_INT || a->kind == V_TUPLE)))
					eq = 0;
				else
					return -1;
			} else {
				eq = o == 0;
			}
		}
		return op == IR_CMP_EQ ? eq : !eq;
	}
	case IR_CMP_LT: case IR_CMP_LE: case IR_CMP_GT: case IR_CMP_GE: {
		int o = order(a, b);
		if (o == -2)
			return -1;
		return op == IR_CMP_LT ? o < 0 : op == IR_CMP_LE ? o <= 0 : op == IR_CMP_GT ? o > 0 : o >= 0;
	}
	case IR_CMP_IS:
	case IR_CMP_IS_NOT: {
		int is;
		if (a->kind == V_UNKNOWN || b->kind == V_UNKNOWN)
			return -1;
		if (a->kind == V_NONE || b->kind == V_NONE)
			is = a->kind == b->kind;
		else if (a->kind == V_BOOL && b->kind == V_BOOL)
			is = a->b == b->b;
		else if (a->kind == V_MODULE && b->kind == V_MODULE)
			is = a->mod == b->mod;
		else if ((a->kind == V_CLASS || a->kind == V_FUNC) && (b->kind == V_CLASS || b->kind == V_FUNC))
			is = same_object(a, b);
		else if (plain_builtin(a) && plain_builtin(b))
			is = !strcmp(builtin_identity(a), builtin_identity(b));
		else if (a->kind == V_DICT && b->kind == V_DICT)
			is = a->dict == b->dict;
		else
			return -1;
		return op == IR_CMP_IS ? is : !is;
	}
	case IR_CMP_IN:
	case IR_CMP_NOT_IN: {
		int in = -1;
		if (ITEMS_KNOWN(b)) {
			in = 0;
			for (uint32_t i = 0; i < b->n && in != 1; i++) {
				int e = cmp_vals(a, b->elts[i], IR_CMP_EQ);
				if (e < 0)
					in = -1;
				else if (e == 1)
					in = 1;
			}
			if (in < 0)
				return -1;
		} else if (a->kind == V_STR && b->kind == V_STR) {
			in = a->s.len == 0 || memmem(b->s.ptr, b->s.len, a->s.ptr, a->s.len) != NULL;
		} else {
			return -1;
		}
		return op == IR_CMP_IN ? in : !in;
	}
	}
	return -1;
}

static int eval_comp(struct run *r, struct frame *f, const struct ir_expr *e, const struct val **out)
{
	const struct slice *save = f->shadow;
	uint32_t nsave = f->nshadow;
	struct slice *sh = ARENA_ARRAY(r->A, struct slice, nsave + e->nlocals + 1);
	if (nsave)
		memcpy(sh, save, nsave * sizeof(*sh));
	if (e->nlocals)
		memcpy(sh + nsave, e->locals, e->nlocals * sizeof(*sh));
	f->shadow = sh;
	f->nshadow = nsave + e->nlocals;
	sim_spec_enter(r);
	int fl = F_NORMAL;
	for (uint32_t i = 0; i < e->nargs && fl == F_NORMAL; i++) {
		const struct val *v;
		fl = eval(r, f, e->args[i], &v);
	}
	sim_spec_leave(r);
	fl = sim_unspec(r, f, fl);
	f->shadow = save;
	f->nshadow = nsave;
	*out = UNK;
	return fl;
}

static int eval_attr(struct run *r, struct frame *f, const struct ir_expr *e, const struct val **out)
{
	const struct val *o;
	int fl = eval(r, f, e->a, &o);
	if (fl != F_NORMAL)
		return fl;
	f->line = e->line;
	switch (o->kind) {
	case V_MODULE:
		if (o->mod->simulated && slice_eq_cstr(e->name, "__dict__"))
			open_ns(r, &o->mod->ns);
		return getattr_module(r, f, o->mod, e->name, false, out);
	case V_CLASS: {
		const struct val *v = class_lookup(o, e->name, 0);
		*out = v ? v : UNK;
		return F_NORMAL;
	}
	case V_TUPLE:
		if (o->dict) {
			/* a list: any method but these may change it or hand its
			 * items out where the model does not follow them */
			if (!slice_eq_cstr(e->name, "index") && !slice_eq_cstr(e->name, "count") &&
			    !slice_eq_cstr(e->name, "__len__") && !slice_eq_cstr(e->name, "__contains__"))
				sim_escape(r, o);
			*out = UNK;
			return F_NORMAL;
		}
		if (slice_eq_cstr(o->s, "version_info") && o->n >= 2) {
			if (slice_eq_cstr(e->name, "major")) {
				*out = o->elts[0];
				return F_NORMAL;
			}
			if (slice_eq_cstr(e->name, "minor")) {
				*out = o->elts[1];
				return F_NORMAL;
			}
		}
		break;
	case V_SPECIAL:
		if (slice_eq_cstr(o->s, "os.environ") && slice_eq_cstr(e->name, "get")) {
			*out = mk_special(r, "os.getenv");
			return F_NORMAL;
		}
		if (slice_eq_cstr(o->s, "sys.path") &&
		    (slice_eq_cstr(e->name, "insert") || slice_eq_cstr(e->name, "append") ||
		     slice_eq_cstr(e->name, "extend") || slice_eq_cstr(e->name, "remove") ||
		     slice_eq_cstr(e->name, "pop") || slice_eq_cstr(e->name, "clear") ||
		     slice_eq_cstr(e->name, "reverse") || slice_eq_cstr(e->name, "sort"))) {
			buf_clear(&r->tmpbuf);
			buf_adds(&r->tmpbuf, "sys.path.");
			buf_addsl(&r->tmpbuf, e->name);
			*out = mk_special(r, sim_intern(r->sim, buf_slice(&r->tmpbuf)));
			return F_NORMAL;
		}
		if (slice_eq_cstr(o->s, "os.path")) {
			const struct val *v = posixpath_attr(r, e->name);
			*out = v ? v : UNK;
			return F_NORMAL;
		}
		*out = UNK;
		return F_NORMAL;
	case V_DICT: {
		/* reads keep the dict followed; anything else may change it */
		static const char *const reads[] = { "keys", "values", "items", "copy", "__contains__",
						     "__getitem__", "__len__", "__iter__" };
		if (slice_eq_cstr(e->name, "get")) {
			struct val *m = (struct val *)mk_special(r, "dict.get");
			m->dict = o->dict;
			*out = m;
			return F_NORMAL;
		}
		bool read = false;
		for (size_t i = 0; i < sizeof reads / sizeof reads[0] && !read; i++)
			read = slice_eq_cstr(e->name, reads[i]);
		if (!read) {
			sim_escape(r, o);
		} else if (!slice_eq_cstr(e->name, "keys") && !slice_eq_cstr(e->name, "__len__") &&
			   !slice_eq_cstr(e->name, "__contains__")) {
			/* values() / items() / copy() hand the values out unfollowed */
			for (const struct dict_item *it = o->dict->head; it; it = it->next)
				sim_escape(r, it->value);
		}
		*out = UNK;
		return F_NORMAL;
	}
	case V_INT: case V_BOOL: case V_NONE:
		if (slice_eq_cstr(e->name, "__class__")) {
			*out = type_of(r, o);
			return F_NORMAL;
		}
		break;
	case V_STR:
		if (slice_eq_cstr(e->name, "__class__")) {
			*out = type_of(r, o);
			return F_NORMAL;
		}
		if (slice_eq_cstr(e->name, "lower") || slice_eq_cstr(e->name, "upper") ||
		    slice_eq_cstr(e->name, "strip")) {
			struct val *v = (struct val *)mk_special(r, e->name.ptr[0] == 'l' ? "str.lower" :
								 e->name.ptr[0] == 'u' ? "str.upper" : "str.strip");
			v->elts = ARENA_ARRAY(r->A, const struct val *, 1);
			v->elts[0] = o;
			v->n = 1;
			*out = v;
			return F_NORMAL;
		}
		if (slice_eq_cstr(e->name, "startswith") || slice_eq_cstr(e->name, "endswith")) {
			struct val *v = (struct val *)mk_special(r, e->name.ptr[0] == 's' ? "str.startswith"
									     : "str.endswith");
			v->elts = ARENA_ARRAY(r->A, const struct val *, 1);
			v->elts[0] = o;
			v->n = 1;
			*out = v;
			return F_NORMAL;
		}
		break;
	default:
		break;
	}
	*out = UNK;
	return F_NORMAL;
}

static const struct val *concat(struct run *r, const struct val *a, const struct val *b)
{
	if (ITEMS_KNOWN(a) && ITEMS_KNOWN(b)) {
		const struct val **e = ARENA_ARRAY(r->A, const struct val *, a->n + b->n + 1);
		memcpy(e, a->elts, a->n * sizeof(*e));
		memcpy(e + a->n, b->elts, b->n * sizeof(*e));
		struct val *t = (struct val *)mk_tuple(r, e, a->n + b->n);
		if (a->dict && b->dict) {
			/* list + list is a new list */
			t->b = true;
			t->dict = ARENA_NEW(r->A, struct dictobj);
		}
		return t;
	}
	if (a->kind == V_INT && b->kind == V_INT)
		return mk_int(r, a->i + b->i);
	return UNK;
}

/* A call's arguments, in order, with `*t` of a known tuple and `**d` of a
 * followed dict whose keys are all known strings expanded (the callee gets
 * new containers: only their items are handed over).  Anything else
 * starred leaves *star set and an unknown argument in its place. */
static int eval_call_args(struct run *r, struct frame *f, const struct ir_expr *call,
			  const struct val ***vals, const struct slice **kwnames, uint32_t *n,
			  bool *star)
{
	VEC(const struct val *) v = VEC_INIT;
	VEC(struct slice) k = VEC_INIT;
	bool any_kw = false;
	int fl = F_NORMAL;
	*star = false;
	for (uint32_t i = 0; i < call->nargs; i++) {
		const struct ir_expr *a = call->args[i];
		const struct val *x;
		if ((fl = eval(r, f, a->kind == IR_STARRED ? a->a : a, &x)) != F_NORMAL)
			goto cleanup;
		if (a->kind != IR_STARRED) {
			struct slice name = call->kwnames ? call->kwnames[i] : slice_make(NULL, 0);
			any_kw |= name.ptr != NULL;
			vec_push(&v, x);
			vec_push(&k, name);
			continue;
		}
		if (a->op == '*' && ITEMS_KNOWN(x)) {
			for (uint32_t j = 0; j < x->n; j++) {
				vec_push(&v, x->elts[j]);
				vec_push(&k, slice_make(NULL, 0));
			}
			continue;
		}
		if (a->op == 'd' && x->kind == V_DICT && !x->dict->open) {
			/* oldest first; a later item with the same key replaces the value */
			size_t base = v.len;
			bool ok = true;
			for (const struct dict_item *it = x->dict->head; it && ok; it = it->next)
				ok = it->key && it->key->kind == V_STR && !it->maybe;
			if (ok) {
				uint32_t cnt = 0;
				for (const struct dict_item *it = x->dict->head; it; it = it->next)
					cnt++;
				const struct dict_item **items = ARENA_ARRAY(r->A, const struct dict_item *,
									      cnt + 1);
				uint32_t c = cnt;
				for (const struct dict_item *it = x->dict->head; it; it = it->next)
					items[--c] = it;
				for (uint32_t j = 0; j < cnt; j++) {
					size_t at = v.len;
					for (size_t q = base; q < v.len; q++)
						if (slice_eq(k.ptr[q], items[j]->key->s))
							at = q;
					if (at < v.len) {
						v.ptr[at] = items[j]->value;
					} else {
						vec_push(&v, items[j]->value);
						vec_push(&k, items[j]->key->s);
					}
				}
				any_kw |= cnt > 0;
				continue;
			}
		}
		/* the items go where the model does not follow them */
		if (x->kind == V_DICT) {
			for (const struct dict_item *it = x->dict->head; it; it = it->next)
				sim_escape(r, it->value);
		} else {
			sim_escape(r, x);
		}
		*star = true;
		vec_push(&v, UNK);
		vec_push(&k, slice_make(NULL, 0));
	}
	*n = (uint32_t)v.len;
	*vals = ARENA_ARRAY(r->A, const struct val *, v.len + 1);
	if (v.len)
		memcpy(*vals, v.ptr, v.len * sizeof(*v.ptr));
	*kwnames = NULL;
	if (any_kw) {
		struct slice *kk = ARENA_ARRAY(r->A, struct slice, k.len + 1);
		memcpy(kk, k.ptr, k.len * sizeof(*k.ptr));
		*kwnames = kk;
	}
cleanup:
	vec_release(&v);
	vec_release(&k);
	return fl;
}

/* str(v) for the values the model knows the text of, else NULL. */
static const char *text_of(struct run *r, const struct val *v)
{
	switch (v->kind) {
	case V_STR: return cstr(r, v->s);
	case V_EXC: return v->b ? cstr(r, v->s) : NULL;
	case V_NONE: return "None";
	case V_BOOL: return v->b ? "True" : "False";
	case V_INT:
		buf_clear(&r->tmpbuf);
		buf_addf(&r->tmpbuf, "%lld", v->i);
		return cstr(r, buf_slice(&r->tmpbuf));
	default: return NULL;
	}
}

/* fmt % args (printf-style formatting) with %s and %% only. */
static const struct val *percent(struct run *r, const struct val *fmt, const struct val *args)
{
	if (fmt->kind != V_STR)
		return UNK;
	const struct val *one[1] = { args };
	const struct val *const *items = one;
	uint32_t n = 1, used = 0;
	if (args->kind == V_TUPLE && !args->dict) {
		items = args->elts;
		n = args->n;
	} else if (args->kind == V_TUPLE || args->kind == V_DICT || args->kind == V_UNKNOWN ||
		   args->kind == V_OBJECT) {
		return UNK; /* a mapping or a tuple the model cannot see */
	}
	struct buf out = BUF_INIT;
	const struct val *res = UNK;
	for (size_t i = 0; i < fmt->s.len; i++) {
		char c = fmt->s.ptr[i];
		if (c != '%') {
			buf_addc(&out, c);
			continue;
		}
		if (i + 1 >= fmt->s.len)
			goto done;
		char k = fmt->s.ptr[++i];
		if (k == '%') {
			buf_addc(&out, '%');
		} else if (k == 's' && used < n) {
			const char *t = text_of(r, items[used++]);
			if (!t)
				goto done;
			buf_adds(&out, t);
		} else {
			goto done;
		}
	}
	if (used == n)
		res = sim_str(r, out.ptr);
done:
	buf_release(&out);
	return res;
}

static int eval_call(struct run *r, struct frame *f, const struct ir_expr *e, const struct val **out)
{
	const struct val *fn = UNK;
	/* __all__.extend([...]) / __all__.append('x'): followed as a new
	 * value of __all__ (reading the method changes nothing) */
	bool all_change = e->a->kind == IR_ATTR && is_name(e->a->a, "__all__") &&
			  (slice_eq_cstr(e->a->name, "extend") || slice_eq_cstr(e->a->name, "append"));
	int fl;
	if (!all_change && (fl = eval(r, f, e->a, &fn)) != F_NORMAL)
		return fl;
	const struct val **args;
	const struct slice *kwnames;
	uint32_t nargs;
	bool star;
	fl = eval_call_args(r, f, e, &args, &kwnames, &nargs, &star);
	if (fl != F_NORMAL)
		return fl;
	if (all_change && !(nargs == 1 && !kwnames && !star)) {
		if ((fl = eval(r, f, e->a, &fn)) != F_NORMAL)
			return fl;
		all_change = false;
	}
	if (all_change) {
		const struct val *cur;
		fl = lookup(r, f, SLICE_LIT("__all__"), &cur);
		if (fl != F_NORMAL)
			return fl;
		const struct val *add = args[0];
		if (slice_eq_cstr(e->a->name, "append"))
			add = add->kind == V_STR ? mk_tuple(r, &add, 1) : UNK;
		const struct val *nv = concat(r, cur, add);
		if (cur->kind == V_TUPLE && cur->dict)
			sim_escape(r, cur); /* other names for the list see a change */
		store(r, f, SLICE_LIT("__all__"), nv);
		*out = sim_val(r, V_NONE);
		return F_NORMAL;
	}
	f->line = e->a->kind == IR_ATTR ? e->a->line : e->line;
	return call_value(r, f, e, fn, args, kwnames, nargs, star, out);
}

static int eval(struct run *r, struct frame *f, const struct ir_expr *e, const struct val **out)
{
	int fl = step(r, f);
	if (fl != F_NORMAL)
		return fl;
	const struct val *v, *w;
	switch (e->kind) {
	case IR_NAME:
		f->line = e->line;
		return lookup(r, f, e->name, out);
	case IR_ATTR:
		return eval_attr(r, f, e, out);
	case IR_CALL:
		return eval_call(r, f, e, out);
	case IR_CONST:
		switch (e->cval) {
		case IR_C_NONE: *out = sim_val(r, V_NONE); break;
		case IR_C_TRUE: *out = mk_bool(r, true); break;
		case IR_C_FALSE: *out = mk_bool(r, false); break;
		case IR_C_INT: *out = mk_int(r, e->ival); break;
		case IR_C_STR: {
			struct val *s = (struct val *)sim_val(r, V_STR);
			s->s = e->name;
			*out = s;
			break;
		}
		default: *out = UNK; break;
		}
		return F_NORMAL;
	case IR_TUPLE: {
		const struct val **el = ARENA_ARRAY(r->A, const struct val *, e->nargs ? e->nargs : 1);
		bool known = true;
		for (uint32_t i = 0; i < e->nargs; i++) {
			fl = eval(r, f, e->args[i], &el[i]);
			if (fl != F_NORMAL)
				return fl;
			if (e->args[i]->kind == IR_STARRED)
				known = false;
		}
		if (!known) {
			for (uint32_t i = 0; i < e->nargs; i++)
				sim_escape(r, el[i]); /* into a container the model does not follow */
			*out = UNK;
			return F_NORMAL;
		}
		*out = mk_tuple(r, el, e->nargs);
		if (e->op == 'L') {
			struct val *l = (struct val *)*out;
			l->b = true;
			l->dict = ARENA_NEW(r->A, struct dictobj);
		}
		return F_NORMAL;
	}
	case IR_COMPARE: {
		fl = eval(r, f, e->args[0], &v);
		if (fl != F_NORMAL)
			return fl;
		int res = 1;
		for (uint32_t i = 1; i < e->nargs; i++) {
			fl = eval(r, f, e->args[i], &w);
			if (fl != F_NORMAL)
				return fl;
			if (special_is(w, "sys.path"))
				w = sim_path_value(r);
			int c;
			uint8_t op = e->ops[i - 1];
			if (w->kind == V_DICT && (op == IR_CMP_IN || op == IR_CMP_NOT_IN)) {
				const struct val *ignored;
				c = sim_dict_lookup(r, w->dict, hashable(v) ? v : NULL, &ignored);
				if (c >= 0 && op == IR_CMP_NOT_IN)
					c = !c;
			} else {
				c = cmp_vals(v, w, op);
			}
			if (c == 0) {
				res = 0;
				/* later comparisons do not run */
				break;
			}
			if (c < 0)
				res = -1;
			v = w;
		}
		*out = res < 0 ? UNK : mk_bool(r, res == 1);
		return F_NORMAL;
	}
	case IR_BOOLOP: {
		bool is_or = e->op == 'o';
		int spec = 0;
		int res = is_or ? 0 : 1;
		const struct val *last = UNK;
		for (uint32_t i = 0; i < e->nargs; i++) {
			fl = eval(r, f, e->args[i], &last);
			if (fl != F_NORMAL)
				break;
			int t = truth(last);
			if (t < 0) {
				res = -1;
				if (!spec) {
					sim_spec_enter(r);
					spec = 1;
				}
				continue;
			}
			if (t == (is_or ? 1 : 0)) {
				if (res != -1)
					res = t;
				break;
			}
		}
		if (spec) {
			sim_spec_leave(r);
			fl = sim_unspec(r, f, fl);
		}
		if (fl != F_NORMAL)
			return fl;
		*out = res < 0 ? UNK : last;
		return F_NORMAL;
	}
	case IR_NOT:
		fl = eval(r, f, e->a, &v);
		if (fl != F_NORMAL)
			return fl;
		{
			int t = truth(v);
			*out = t < 0 ? UNK : mk_bool(r, !t);
		}
		return F_NORMAL;
	case IR_BINOP:
		fl = eval(r, f, e->a, &v);
		if (fl == F_NORMAL)
			fl = eval(r, f, e->b, &w);
		if (fl != F_NORMAL)
			return fl;
		*out = e->op == '+' ? concat(r, v, w) : e->op == '%' ? percent(r, v, w) : UNK;
		return F_NORMAL;
	case IR_SUBSCRIPT: {
		fl = eval(r, f, e->a, &v);
		if (fl != F_NORMAL)
			return fl;
		const struct val *idx = UNK;
		for (uint32_t i = 0; i < e->nargs; i++) {
			fl = eval(r, f, e->args[i], &idx);
			if (fl != F_NORMAL)
				return fl;
		}
		*out = UNK;
		if (e->op == ':')
			return F_NORMAL; /* a slice */
		if (special_is(v, "sys.path"))
			v = sim_path_value(r);
		if (e->nargs == 1 && ITEMS_KNOWN(v) && idx->kind == V_INT) {
			long long k = idx->i < 0 ? idx->i + v->n : idx->i;
			if (k >= 0 && k < v->n)
				*out = v->elts[k];
		} else if (e->nargs == 1 && v->kind == V_DICT) {
			f->line = e->line;
			if (sim_dict_lookup(r, v->dict, hashable(idx) ? idx : NULL, out) == 0) {
				/* dict.__getitem__: KeyError(key), its text the key's repr */
				sim_raise(r, f, "KeyError", NULL, NULL, NULL);
				return F_RAISE;
			}
		} else if (e->nargs == 1 && v->kind == V_SPECIAL && slice_eq_cstr(v->s, "sys.modules") &&
			   idx->kind == V_STR) {
			struct mod *m = map_get(&r->sysmods, idx->s);
			if (m)
				*out = m->self;
		}
		return F_NORMAL;
	}
	case IR_IFEXP: {
		fl = eval(r, f, e->args[0], &v);
		if (fl != F_NORMAL)
			return fl;
		int t = truth(v);
		if (t >= 0)
			return eval(r, f, e->args[t ? 1 : 2], out);
		sim_spec_enter(r);
		fl = eval(r, f, e->args[1], &v);
		if (fl == F_NORMAL)
			fl = eval(r, f, e->args[2], &v);
		sim_spec_leave(r);
		fl = sim_unspec(r, f, fl);
		*out = UNK;
		return fl;
	}
	case IR_WALRUS:
		fl = eval(r, f, e->a, &v);
		if (fl != F_NORMAL)
			return fl;
		store(r, f, e->name, v);
		*out = v;
		return F_NORMAL;
	case IR_COMP:
		return eval_comp(r, f, e, out);
	case IR_STARRED:
		fl = eval(r, f, e->a, &v);
		*out = UNK;
		return fl;
	case IR_LAMBDA:
		/* the defaults are evaluated; the function object is true */
		for (uint32_t i = 0; i < e->nargs; i++) {
			fl = eval(r, f, e->args[i], &v);
			if (fl != F_NORMAL)
				return fl;
		}
		*out = sim_val(r, V_OBJECT);
		return F_NORMAL;
	case IR_OTHER:
		if (e->op == 'D') {
			/* a dict display: key then value, in order (3.8+) */
			const struct val *d = sim_dict_new(r);
			for (uint32_t i = 0; i + 1 < e->nargs; i += 2) {
				if ((fl = eval(r, f, e->args[i], &v)) != F_NORMAL ||
				    (fl = eval(r, f, e->args[i + 1], &w)) != F_NORMAL)
					return fl;
				int saved = r->maybe;
				r->maybe = 0; /* the display's own items are certain */
				sim_dict_set(r, d->dict, hashable(v) ? v : NULL, w);
				r->maybe = saved;
			}
			*out = d;
			return F_NORMAL;
		}
		/* fallthrough */
	default:
		for (uint32_t i = 0; i < e->nargs; i++) {
			fl = eval(r, f, e->args[i], &v);
			if (fl != F_NORMAL)
				return fl;
			sim_escape(r, v); /* into something the model does not follow */
		}
		*out = UNK;
		return F_NORMAL;
	}
}

/* ---- calls -------------------------------------------------------------------- */

static int call_func(struct run *r, struct frame *f, const struct val *fn,
		     const struct val **args, const struct slice *kw, uint32_t n, bool star,
		     const struct val **out)
{
	const struct ir_def *d = fn->stmt->def;
	*out = UNK;
	if (d->is_generator) {
		escape_all(r, args, n); /* the body runs when iterated, by anyone */
		return F_NORMAL;
	}
	int active = 0;
	for (struct frame *x = f; x; x = x->up)
		if (x->kind == FR_FUNC && x->fn && x->fn->stmt == fn->stmt)
			active++;
	/* A recursive call in code that may or may not run repeats what the
	 * outer call already explores with less known arguments. */
	if (active && r->maybe > 0) {
		escape_all(r, args, n);
		return F_NORMAL;
	}
	if (active >= 8)
		return sim_unknown(r, f, "recursive call of '%s' at import time",
				   cstr(r, fn->stmt->name));
	if (r->depth > 150)
		return sim_unknown(r, f, "calls nested more than 150 deep at import time");
	/* in the arena: closures made by this call may outlive it */
	struct frame *nfp = ARENA_NEW(r->A, struct frame);
	*nfp = (struct frame){ .kind = FR_FUNC, .mod = fn->mod, .def = d, .closure = fn->closure,
			       .up = f, .fn = fn, .line = fn->stmt->line, .base_maybe = r->maybe };
	struct frame *nf_ = nfp;
#define nf (*nf_)
	nf.locals = ARENA_ARRAY(r->A, struct binding, d->nlocals ? d->nlocals : 1);
	for (uint32_t i = 0; i < d->nlocals; i++)
		nf.locals[i].name = d->locals[i];
	/* parameters: positional then keywords; the rest unknown */
	int saved = r->maybe;
	r->maybe = 0;
	uint32_t pos = 0;
	for (uint32_t i = 0; i < d->nparams; i++) {
		const struct ir_param *pr = &d->params[i];
		int k = local_index(d, pr->name);
		if (k < 0)
			continue;
		const struct val *v = UNK;
		bool given = star;
		if (!star && pr->kind == 0) {
			while (pos < n && kw && kw[pos].ptr)
				pos++;
			if (pos < n) {
				v = args[pos++];
				given = true;
			}
		} else if (!star && pr->kind == '*') {
			/* *args: the remaining positional arguments */
			const struct val **rest = ARENA_ARRAY(r->A, const struct val *, n + 1);
			uint32_t nrest = 0;
			for (; pos < n; pos++)
				if (!(kw && kw[pos].ptr))
					rest[nrest++] = args[pos];
			v = mk_tuple(r, rest, nrest);
		}
		if (!star && kw && pr->kind != '*' && pr->kind != 'd')
			for (uint32_t j = 0; j < n; j++)
				if (kw[j].ptr && slice_eq(kw[j], pr->name)) {
					v = args[j];
					given = true;
				}
		if (!given && (pr->kind == 0 || pr->kind == 'k') && fn->elts && i < fn->n && fn->elts[i])
			v = fn->elts[i];
		sim_bind(r, &nf.locals[k], v);
	}
	r->maybe = saved;
	r->depth++;
	int fl = exec_block(r, &nf, &fn->stmt->body);
	r->depth--;
	if (fl == F_RETURN) {
		*out = nf.maybe_returned ? UNK : nf.retval;
		if (nf.maybe_returned && nf.retval)
			sim_escape(r, nf.retval);
		fl = F_NORMAL;
	} else if (fl == F_NORMAL) {
		*out = nf.maybe_returned ? UNK : sim_val(r, V_NONE);
	} else if (fl == F_BREAK || fl == F_CONTINUE) {
		fl = F_NORMAL;
	}
	nf.up = NULL;
#undef nf
	return fl;
}

/* isinstance(v, t) for values of builtin types: 1, 0, or -1 unknown.  Lists
 * and tuples are one kind here, so neither is answered. */
static int is_instance(const struct val *v, const struct val *t, int depth)
{
	const char *kind;
	switch (v->kind) {
	case V_INT: kind = "int"; break;
	case V_BOOL: kind = "bool"; break;
	case V_STR: kind = "str"; break;
	case V_NONE: kind = "NoneType"; break;
	default: return -1;
	}
	if (depth > 10)
		return -1;
	if (t->kind == V_TUPLE) {
		int res = 0;
		for (uint32_t i = 0; i < t->n; i++) {
			int m = is_instance(v, t->elts[i], depth + 1);
			if (m == 1)
				return 1;
			if (m < 0)
				res = -1;
		}
		return res;
	}
	if (t->kind == V_BUILTIN) {
		const char *n = t->s.ptr;
		if (!strcmp(n, "object"))
			return 1;
		if (!strcmp(n, kind) || (!strcmp(n, "int") && !strcmp(kind, "bool")))
			return 1;
		static const char *const others[] = { "int", "bool", "str", "float", "complex",
						      "bytes", "dict", "set", "frozenset", "list",
						      "tuple", "type" };
		for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
			if (!strcmp(n, others[i]))
				return 0;
		return exc_base(n) ? 0 : -1;
	}
	if (t->kind == V_CLASS) {
		/* a class of ours is a builtin value's type only through a builtin base */
		for (uint32_t i = 0; i < t->n; i++) {
			const struct val *b = t->elts[i];
			if (b->kind == V_CLASS) {
				if (is_instance(v, b, depth + 1) != 0)
					return -1;
			} else if (!(b->kind == V_BUILTIN && (!strcmp(b->s.ptr, "object") ||
							       exc_base(b->s.ptr)))) {
				return -1;
			}
		}
		return t->cls ? 0 : -1;
	}
	return -1;
}

/* True when a value of a builtin type certainly has no attribute name. */
static bool primitive_lacks(const struct val *v, struct slice name)
{
	static const char *const int_attrs[] = { "real", "imag", "numerator", "denominator",
		"conjugate", "bit_length", "bit_count", "to_bytes", "from_bytes", "as_integer_ratio" };
	static const char *const str_attrs[] = { "capitalize", "casefold", "center", "count",
		"encode", "endswith", "expandtabs", "find", "format", "format_map", "index",
		"isalnum", "isalpha", "isascii", "isdecimal", "isdigit", "isidentifier", "islower",
		"isnumeric", "isprintable", "isspace", "istitle", "isupper", "join", "ljust", "lower",
		"lstrip", "maketrans", "partition", "removeprefix", "removesuffix", "replace", "rfind",
		"rindex", "rjust", "rpartition", "rsplit", "rstrip", "split", "splitlines",
		"startswith", "strip", "swapcase", "title", "translate", "upper", "zfill" };
	/* dir(int), dir(str), dir(None) of 3.11: instances have no __dict__,
	 * so these are all the dunder attributes they have */
	static const char *const int_dunders[] = {
		"__abs__", "__add__", "__and__", "__bool__", "__ceil__", "__class__", "__delattr__",
		"__dir__", "__divmod__", "__doc__", "__eq__", "__float__", "__floor__", "__floordiv__",
		"__format__", "__ge__", "__getattribute__", "__getnewargs__", "__getstate__", "__gt__",
		"__hash__", "__index__", "__init__", "__init_subclass__", "__int__", "__invert__",
		"__le__", "__lshift__", "__lt__", "__mod__", "__mul__", "__ne__", "__neg__", "__new__",
		"__or__", "__pos__", "__pow__", "__radd__", "__rand__", "__rdivmod__", "__reduce__",
		"__reduce_ex__", "__repr__", "__rfloordiv__", "__rlshift__", "__rmod__", "__rmul__",
		"__ror__", "__round__", "__rpow__", "__rrshift__", "__rshift__", "__rsub__",
		"__rtruediv__", "__rxor__", "__setattr__", "__sizeof__", "__str__", "__sub__",
		"__subclasshook__", "__truediv__", "__trunc__", "__xor__" };
	static const char *const str_dunders[] = {
		"__add__", "__class__", "__contains__", "__delattr__", "__dir__", "__doc__", "__eq__",
		"__format__", "__ge__", "__getattribute__", "__getitem__", "__getnewargs__",
		"__getstate__", "__gt__", "__hash__", "__init__", "__init_subclass__", "__iter__",
		"__le__", "__len__", "__lt__", "__mod__", "__mul__", "__ne__", "__new__", "__reduce__",
		"__reduce_ex__", "__repr__", "__rmod__", "__rmul__", "__setattr__", "__sizeof__",
		"__str__", "__subclasshook__" };
	static const char *const none_dunders[] = {
		"__bool__", "__class__", "__delattr__", "__dir__", "__doc__", "__eq__", "__format__",
		"__ge__", "__getattribute__", "__getstate__", "__gt__", "__hash__", "__init__",
		"__init_subclass__", "__le__", "__lt__", "__ne__", "__new__", "__reduce__",
		"__reduce_ex__", "__repr__", "__setattr__", "__sizeof__", "__str__", "__subclasshook__" };
	const char *const *list;
	size_t n;
	bool dunder = name.len >= 2 && name.ptr[0] == '_' && name.ptr[1] == '_';
#define LIST(a) (list = (a), n = sizeof(a) / sizeof *(a))
	switch (v->kind) {
	case V_INT: case V_BOOL: dunder ? LIST(int_dunders) : LIST(int_attrs); break;
	case V_STR: dunder ? LIST(str_dunders) : LIST(str_attrs); break;
	case V_NONE:
		if (!dunder)
			return true;
		LIST(none_dunders);
		break;
	default: return false;
	}
#undef LIST
	for (size_t i = 0; i < n; i++)
		if (slice_eq_cstr(name, list[i]))
			return false;
	return true;
}

/* importlib.import_module(name, package) */
static int call_import_module(struct run *r, struct frame *f, const struct val **args,
			      const struct slice *kw, uint32_t n, const struct val **out)
{
	const struct val *name = n >= 1 && !(kw && kw[0].ptr) ? args[0] : NULL;
	const struct val *package = NULL;
	for (uint32_t i = 0; i < n; i++) {
		if (kw && kw[i].ptr && slice_eq_cstr(kw[i], "name"))
			name = args[i];
		else if (kw && kw[i].ptr && slice_eq_cstr(kw[i], "package"))
			package = args[i];
		else if (i == 1 && !(kw && kw[i].ptr))
			package = args[i];
	}
	if (!name || name->kind != V_STR)
		return sim_unknown(r, f, "importlib.import_module() of a name the model cannot evaluate");
	struct slice nm = name->s;
	uint32_t level = 0;
	while (level < nm.len && nm.ptr[level] == '.')
		level++;
	struct buf abs = BUF_INIT;
	int fl = F_NORMAL;
	if (level) {
		if (!package || package->kind != V_STR) {
			buf_release(&abs);
			return sim_unknown(r, f, "importlib.import_module() of a relative name with a "
					   "package the model cannot evaluate");
		}
		size_t len = package->s.len;
		uint32_t cut = level - 1;
		while (cut && len) {
			const char *d = memrchr(package->s.ptr, '.', len);
			if (!d)
				break;
			len = (size_t)(d - package->s.ptr);
			cut--;
		}
		if (cut) {
			buf_release(&abs);
			return sim_raise(r, f, "ImportError", NULL, NULL,
					 "attempted relative import beyond top-level package");
		}
		buf_add(&abs, package->s.ptr, len);
		if (nm.len > level) {
			buf_addc(&abs, '.');
			buf_add(&abs, nm.ptr + level, nm.len - level);
		}
	} else {
		buf_addsl(&abs, nm);
	}
	struct mod *m;
	fl = sim_import_abs(r, f, cstr(r, buf_slice(&abs)), &m);
	buf_release(&abs);
	if (fl == F_NORMAL)
		*out = m->self;
	return fl;
}

static int call_value(struct run *r, struct frame *f, const struct ir_expr *site,
		      const struct val *fn, const struct val **args, const struct slice *kw,
		      uint32_t n, bool star, const struct val **out)
{
	*out = UNK;
	switch (fn->kind) {
	case V_FUNC:
		return call_func(r, f, fn, args, kw, n, star, out);
	case V_CLASS: {
		/* only __init__ is followed: a __new__ of ours, a metaclass
		 * __call__ or a builtin base's __init__ receive the arguments
		 * unfollowed */
		bool followed = !class_lookup(fn, SLICE_LIT("__new__"), 0) &&
				!(fn->meta && class_lookup(fn->meta, SLICE_LIT("__call__"), 0));
		for (uint32_t i = 0; i < fn->n && followed; i++)
			followed = fn->elts[i]->kind == V_CLASS ||
				   (fn->elts[i]->kind == V_BUILTIN && !strcmp(fn->elts[i]->s.ptr, "object"));
		if (!followed)
			escape_all(r, args, n);
		const struct val *init = class_lookup(fn, SLICE_LIT("__init__"), 0);
		if (init && init->kind == V_FUNC) {
			const struct val **a2 = ARENA_ARRAY(r->A, const struct val *, n + 1);
			struct slice *k2 = ARENA_ARRAY(r->A, struct slice, n + 1);
			a2[0] = UNK;
			for (uint32_t i = 0; i < n; i++) {
				a2[i + 1] = args[i];
				if (kw)
					k2[i + 1] = kw[i];
			}
			const struct val *ignored;
			int fl = call_func(r, f, init, a2, k2, n + 1, star, &ignored);
			if (fl != F_NORMAL)
				return fl;
		}
		*out = UNK;
		return F_NORMAL;
	}
	case V_BUILTIN: {
		const char *b = fn->s.ptr;
		/* builtins that only read their arguments */
		/* builtins that only read their arguments and return none of
		 * them (list(x), min(x), getattr(x, n)... hand them back) */
		static const char *const reads[] = { "__import__", "isinstance", "issubclass", "len",
			"hasattr", "callable", "id", "type", "repr", "str", "bool", "print", "dict",
			"any", "all", "sum", "hash", "format", "staticmethod", "classmethod", "property",
			"super", "int", "float", "range", "object" };
		bool read = false;
		for (size_t i = 0; i < sizeof reads / sizeof reads[0] && !read; i++)
			read = !strcmp(b, reads[i]);
		if (!read && !(!strcmp(b, "getattr") && n >= 1 && args[0]->kind == V_MODULE))
			escape_all(r, args, n);
		if (!strcmp(b, "type") && n == 1 && !star && !kw) {
			*out = type_of(r, args[0]);
			return F_NORMAL;
		}
		if (!strcmp(b, "tuple") && !star && !kw && n == 0) {
			/* tuple(): empty */
			*out = mk_tuple(r, NULL, 0);
			return F_NORMAL;
		}
		if (!strcmp(b, "vars") && n == 1) {
			/* vars(obj) is obj.__dict__ */
			if (args[0]->kind == V_MODULE && args[0]->mod->simulated)
				open_ns(r, &args[0]->mod->ns);
			else if (args[0]->kind == V_CLASS)
				open_ns(r, args[0]->cls);
		} else if (!strcmp(b, "globals") || !strcmp(b, "vars") || !strcmp(b, "locals") ||
		    !strcmp(b, "exec") || !strcmp(b, "eval")) {
			if (!(f->kind == FR_FUNC && !strcmp(b, "locals")))
				open_ns(r, &f->mod->ns);
			if (f->kind == FR_CLASS)
				open_ns(r, f->cls);
		} else if ((!strcmp(b, "setattr") || !strcmp(b, "delattr")) && n >= 1) {
			if (args[0]->kind == V_MODULE && args[0]->mod->simulated)
				open_ns(r, &args[0]->mod->ns);
			else if (args[0]->kind == V_CLASS)
				open_ns(r, args[0]->cls);
		} else if (!strcmp(b, "getattr") && (n == 2 || n == 3) && !star && !kw &&
			   args[0]->kind == V_MODULE && args[0]->mod->simulated &&
			   args[1]->kind == V_STR) {
			/* getattr(module, name): the attribute, when certainly bound */
			struct binding *ab = map_get(&args[0]->mod->ns.map, args[1]->s);
			if (ab && ab->flags == B_PRESENT)
				*out = sim_binding_value(r, ab);
		} else if (!strcmp(b, "isinstance") && n == 2 && !star && !kw) {
			int res = is_instance(args[0], args[1], 0);
			if (res >= 0)
				*out = mk_bool(r, res == 1);
		} else if (!strcmp(b, "getattr") && n >= 2 && n <= 3 && !star && !kw &&
			   args[1]->kind == V_STR) {
			if (slice_eq_cstr(args[1]->s, "__class__"))
				*out = type_of(r, args[0]);
			else if (n == 3 && primitive_lacks(args[0], args[1]->s))
				*out = args[2];
		} else if ((!strcmp(b, "staticmethod") || !strcmp(b, "classmethod")) && n == 1) {
			*out = args[0];
		} else if (!strcmp(b, "__import__")) {
			if (n < 1 || args[0]->kind != V_STR || n > 3)
				return sim_unknown(r, f, "__import__() call the model cannot evaluate");
			struct mod *m;
			int fl = sim_import_name(r, f, args[0]->s, 0, false, NULL, 0, &m);
			if (fl == F_NORMAL)
				*out = m->self;
			return fl;
		}
		return F_NORMAL;
	}
	case V_SPECIAL:
		if (slice_eq_cstr(fn->s, "import_module"))
			return call_import_module(r, f, args, kw, n, out);
		if (slice_eq_cstr(fn->s, "dict.get") && n >= 1 && n <= 2 && !kw && !star) {
			const struct val *key = hashable(args[0]) ? args[0] : NULL;
			int found = sim_dict_lookup(r, fn->dict, key, out);
			if (found == 0)
				*out = n == 2 ? args[1] : sim_val(r, V_NONE);
			return F_NORMAL;
		}
		if (slice_eq_cstr(fn->s, "inspect.getmro") && n == 1 && !kw && !star) {
			*out = builtin_mro(r, args[0]);
			return F_NORMAL;
		}
		if (slice_eq_cstr(fn->s, "os.getenv") && n >= 1 && n <= 2 && !kw && !star) {
			/* the environment modscope runs in is the one python would */
			if (args[0]->kind != V_STR)
				return F_NORMAL;
			const char *k = cstr(r, args[0]->s);
			const char *v = getenv(k);
			*out = v ? sim_str(r, v) : n == 2 ? args[1] : sim_val(r, V_NONE);
			return F_NORMAL;
		}
		if ((slice_eq_cstr(fn->s, "str.lower") || slice_eq_cstr(fn->s, "str.upper") ||
		     slice_eq_cstr(fn->s, "str.strip")) && n == 0) {
			struct slice src = fn->elts[0]->s;
			char *c = arena_strndup(r->A, src.ptr, src.len);
			size_t len = src.len, off = 0;
			if (fn->s.ptr[4] == 's') {
				while (off < len && strchr(" \t\n\r\f\v", c[off]))
					off++;
				while (len > off && strchr(" \t\n\r\f\v", c[len - 1]))
					len--;
			} else {
				for (size_t i = 0; i < len; i++) {
					unsigned char ch = (unsigned char)c[i];
					if (ch >= 0x80)
						return F_NORMAL; /* non-ASCII case mapping: unknown */
					c[i] = (char)(fn->s.ptr[4] == 'l' ? (ch >= 'A' && ch <= 'Z' ? ch + 32 : ch)
								       : (ch >= 'a' && ch <= 'z' ? ch - 32 : ch));
				}
			}
			struct val *v = (struct val *)sim_val(r, V_STR);
			v->s = slice_make(c + off, len - off);
			*out = v;
			return F_NORMAL;
		}
		if (slice_eq_cstr(fn->s, "sys.path.change"))
			return sim_unknown(r, f, "sys.path is changed by site.addsitedir() (not modelled)");
		if (fn->s.len > 9 && !memcmp(fn->s.ptr, "sys.path.", 9))
			return sim_path_call(r, f, fn->s.ptr + 9, args, n, !kw && !star, out);
		if ((fn->s.len > 8 && !memcmp(fn->s.ptr, "os.path.", 8)) ||
		    slice_eq_cstr(fn->s, "os.getcwd")) {
			if (!kw && !star)
				*out = sim_posixpath_call(r, fn->s.ptr + (fn->s.ptr[3] == 'p' ? 8 : 3), args, n);
			return F_NORMAL;
		}
		if ((slice_eq_cstr(fn->s, "str.startswith") || slice_eq_cstr(fn->s, "str.endswith")) &&
		    n == 1 && !kw) {
			const struct val *s = fn->elts[0], *p = args[0];
			int res = -1;
			const struct val *pre[64];
			uint32_t np = 0;
			if (p->kind == V_STR)
				pre[np++] = p;
			else if (ITEMS_KNOWN(p) && p->n <= 64)
				for (uint32_t i = 0; i < p->n; i++)
					pre[np++] = p->elts[i];
			if (np) {
				res = 0;
				for (uint32_t i = 0; i < np; i++) {
					if (pre[i]->kind != V_STR) {
						res = -1;
						break;
					}
					struct slice q = pre[i]->s;
					bool start = fn->s.ptr[4] == 's';
					if (q.len <= s->s.len &&
					    !memcmp(s->s.ptr + (start ? 0 : s->s.len - q.len), q.ptr, q.len))
						res = 1;
				}
			}
			*out = res < 0 ? UNK : mk_bool(r, res == 1);
		}
		return F_NORMAL;
	default:
		(void)site;
		escape_all(r, args, n);
		return F_NORMAL;
	}
}

/* ---- statements --------------------------------------------------------------- */

static int assign(struct run *r, struct frame *f, const struct ir_expr *t, const struct val *v)
{
	int fl;
	const struct val *o;
	switch (t->kind) {
	case IR_NAME:
		store(r, f, t->name, v);
		return F_NORMAL;
	case IR_TUPLE: {
		bool star = false;
		for (uint32_t i = 0; i < t->nargs; i++)
			star |= t->args[i]->kind == IR_STARRED;
		for (uint32_t i = 0; i < t->nargs; i++) {
			const struct val *x = (!star && ITEMS_KNOWN(v) && v->n == t->nargs) ? v->elts[i] : UNK;
			fl = assign(r, f, t->args[i], x);
			if (fl != F_NORMAL)
				return fl;
		}
		return F_NORMAL;
	}
	case IR_STARRED:
		return assign(r, f, t->a, UNK);
	case IR_ATTR:
		fl = eval(r, f, t->a, &o);
		if (fl != F_NORMAL)
			return fl;
		if (o->kind == V_MODULE && !o->mod->simulated && !strcmp(o->mod->name, "sys")) {
			if (slice_eq_cstr(t->name, "path"))
				return sim_path_rebind(r, f, v);
			if (slice_eq_cstr(t->name, "modules"))
				return sim_unknown(r, f, "sys.modules is rebound at import time (not modelled)");
		}
		if (o->kind == V_MODULE && o->mod->simulated)
			sim_bind(r, sim_ns_get(r, &o->mod->ns, t->name, true), v);
		else if (o->kind == V_CLASS) {
			sim_bind(r, sim_ns_get(r, o->cls, t->name, true), v);
			sim_escape(r, v); /* reachable through instances */
		} else {
			sim_escape(r, v); /* into an object the model does not follow */
		}
		return F_NORMAL;
	case IR_SUBSCRIPT:
		fl = eval(r, f, t->a, &o);
		if (fl != F_NORMAL)
			return fl;
		{
			const struct val **idx = ARENA_ARRAY(r->A, const struct val *, t->nargs + 1);
			for (uint32_t i = 0; i < t->nargs; i++) {
				fl = eval(r, f, t->args[i], &idx[i]);
				if (fl != F_NORMAL)
					return fl;
			}
			if (special_is(o, "sys.modules"))
				return sim_unknown(r, f, "sys.modules is changed at import time (not modelled)");
			if (special_is(o, "sys.path")) {
				if (t->op == ':')
					return sim_path_assign_slice(r, f, t, idx, v);
				return sim_unknown(r, f, "an item of sys.path is replaced at import time "
						   "(not modelled)");
			}
			if (o->kind == V_DICT && t->nargs == 1 && t->op != ':') {
				/* dict.__setitem__ */
				sim_dict_set(r, o->dict, hashable(idx[0]) ? idx[0] : NULL, v);
				return F_NORMAL;
			}
			sim_escape(r, o);
			sim_escape(r, v);
		}
		return F_NORMAL;
	default: {
		const struct val *x;
		return eval(r, f, t, &x);
	}
	}
}

static int import_stmt(struct run *r, struct frame *f, const struct ir_stmt *s)
{
	for (uint32_t i = 0; i < s->nnames; i++) {
		const struct ir_alias *al = &s->names[i];
		f->line = s->line;
		struct mod *m;
		int fl = sim_import_name(r, f, al->name, 0, false, NULL, 0, &m);
		if (fl != F_NORMAL)
			return fl;
		if (!al->asname.ptr) {
			size_t tl = 0;
			while (tl < al->name.len && al->name.ptr[tl] != '.')
				tl++;
			store(r, f, slice_make(al->name.ptr, tl), m->self);
			continue;
		}
		/* `import a.b.c as d`: IMPORT_FROM for each component after the first */
		const struct val *v = m->self;
		size_t k = 0;
		while (k < al->name.len && al->name.ptr[k] != '.')
			k++;
		while (k < al->name.len) {
			size_t e = k + 1;
			while (e < al->name.len && al->name.ptr[e] != '.')
				e++;
			struct slice comp = slice_make(al->name.ptr + k + 1, e - k - 1);
			if (v->kind != V_MODULE) {
				v = UNK;
				break;
			}
			fl = sim_import_from(r, f, v->mod, comp, &v);
			if (fl != F_NORMAL)
				return fl;
			k = e;
		}
		store(r, f, al->asname, v);
	}
	return F_NORMAL;
}

/* import_all_from (ceval.c): __all__, else the public names of __dict__ */
static int import_star(struct run *r, struct frame *f, struct mod *m)
{
	if (!m->simulated) {
		sim_ns_open(r, &f->mod->ns);
		return F_NORMAL;
	}
	struct binding *all = map_get(&m->ns.map, SLICE_LIT("__all__"));
	if (all && all->flags) {
		if (all->flags != B_PRESENT || !ITEMS_KNOWN(all->v))
			return sim_unknown(r, f, "cannot evaluate %s.__all__", m->name);
		for (uint32_t i = 0; i < all->v->n; i++) {
			const struct val *nv = all->v->elts[i];
			if (nv->kind != V_STR)
				return sim_unknown(r, f, "cannot evaluate %s.__all__", m->name);
			const struct val *v;
			int fl = getattr_module(r, f, m, nv->s, false, &v);
			if (fl != F_NORMAL)
				return fl;
			store(r, f, nv->s, v);
		}
		return F_NORMAL;
	}
	if (m->ns.open)
		sim_ns_open(r, &f->mod->ns);
	for (size_t i = 0; i < m->ns.order.len; i++) {
		struct binding *b = m->ns.order.ptr[i];
		if (!b->flags || (b->name.len && b->name.ptr[0] == '_'))
			continue;
		if (b->flags == B_MAYBE) {
			sim_spec_enter(r);
			store(r, f, b->name, UNK);
			sim_spec_leave(r);
		} else {
			store(r, f, b->name, sim_binding_value(r, b));
		}
	}
	return F_NORMAL;
}

static int from_stmt(struct run *r, struct frame *f, const struct ir_stmt *s)
{
	f->line = s->line;
	struct mod *m;
	struct slice module = s->name.ptr ? s->name : slice_make("", 0);
	int fl = sim_import_name(r, f, module, s->level, true, s->names, s->nnames, &m);
	if (fl != F_NORMAL)
		return fl;
	if (s->star)
		return import_star(r, f, m);
	for (uint32_t i = 0; i < s->nnames; i++) {
		const struct val *v;
		f->line = s->line;
		if (!m->simulated) {
			fl = getattr_module(r, f, m, s->names[i].name, true, &v);
			/* a submodule of ours under a module we do not simulate */
			buf_clear(&r->tmpbuf);
			buf_addf(&r->tmpbuf, "%s.%s", m->name, cstr(r, s->names[i].name));
			struct mod *sub = map_get(&r->sysmods, buf_slice(&r->tmpbuf));
			if (sub)
				v = sub->self;
		} else {
			fl = sim_import_from(r, f, m, s->names[i].name, &v);
		}
		if (fl != F_NORMAL)
			return fl;
		store(r, f, s->names[i].asname.ptr ? s->names[i].asname : s->names[i].name, v);
	}
	return F_NORMAL;
}

static int eval_list(struct run *r, struct frame *f, struct ir_expr *const *es, uint32_t n,
		     const struct val **vals)
{
	for (uint32_t i = 0; i < n; i++) {
		const struct val *v;
		int fl = eval(r, f, es[i], &v);
		if (fl != F_NORMAL)
			return fl;
		if (vals)
			vals[i] = v;
	}
	return F_NORMAL;
}

static int apply_decorators(struct run *r, struct frame *f, const struct ir_stmt *s,
			    const struct val **decos, const struct val **v)
{
	for (uint32_t i = s->ndecorators; i-- > 0;) {
		f->line = s->decorators[i]->line;
		const struct val *arg = *v, *res;
		int fl = call_value(r, f, s->decorators[i], decos[i], &arg, NULL, 1, false, &res);
		if (fl != F_NORMAL)
			return fl;
		*v = res;
	}
	return F_NORMAL;
}

static int def_stmt(struct run *r, struct frame *f, const struct ir_stmt *s, bool future)
{
	const struct val **decos = ARENA_ARRAY(r->A, const struct val *, s->ndecorators + 1);
	int fl = eval_list(r, f, s->decorators, s->ndecorators, decos);
	if (fl != F_NORMAL)
		return fl;
	const struct ir_def *d = s->def;
	const struct val **defaults = ARENA_ARRAY(r->A, const struct val *, d->nparams + 1);
	for (uint32_t i = 0; i < d->nparams; i++) {
		if (d->params[i].deflt &&
		    (fl = eval_list(r, f, &d->params[i].deflt, 1, &defaults[i])) != F_NORMAL)
			return fl;
	}
	if (!future) {
		for (uint32_t i = 0; i < d->nparams; i++) {
			if (d->params[i].annotation &&
			    (fl = eval_list(r, f, &d->params[i].annotation, 1, NULL)) != F_NORMAL)
				return fl;
		}
		if (d->returns && (fl = eval_list(r, f, &d->returns, 1, NULL)) != F_NORMAL)
			return fl;
	}
	struct val *fn = (struct val *)sim_val(r, V_FUNC);
	fn->mod = f->mod;
	fn->stmt = s;
	fn->closure = f->kind == FR_FUNC ? f : f->closure;
	fn->elts = defaults; /* per parameter, NULL when it has none */
	fn->n = d->nparams;
	const struct val *v = fn;
	f->line = s->line;
	fl = apply_decorators(r, f, s, decos, &v);
	if (fl != F_NORMAL)
		return fl;
	store(r, f, s->name, v);
	return F_NORMAL;
}

static int class_stmt(struct run *r, struct frame *f, const struct ir_stmt *s)
{
	const struct val **decos = ARENA_ARRAY(r->A, const struct val *, s->ndecorators + 1);
	int fl = eval_list(r, f, s->decorators, s->ndecorators, decos);
	if (fl != F_NORMAL)
		return fl;
	const struct val *meta = NULL;
	const struct val **bases = NULL;
	uint32_t nbases = 0;
	bool starred = false;
	if (s->bases) {
		const struct ir_expr *b = s->bases;
		bases = ARENA_ARRAY(r->A, const struct val *, b->nargs + 1);
		for (uint32_t i = 0; i < b->nargs; i++) {
			const struct val *v;
			const struct ir_expr *a = b->args[i];
			fl = eval(r, f, a->kind == IR_STARRED ? a->a : a, &v);
			if (fl != F_NORMAL)
				return fl;
			if (b->kwnames && b->kwnames[i].ptr) {
				if (slice_eq_cstr(b->kwnames[i], "metaclass"))
					meta = v;
			} else {
				bases[nbases++] = a->kind == IR_STARRED ? UNK : v;
				starred |= a->kind == IR_STARRED;
			}
		}
	}
	struct ns *ns = sim_ns_new(r);
	struct frame cf = { .kind = FR_CLASS, .mod = f->mod, .cls = ns, .up = f, .line = s->line,
			    .closure = f->kind == FR_FUNC ? f : f->closure, .base_maybe = r->maybe };
	int saved = r->maybe;
	r->maybe = 0;
	sim_bind(r, sim_ns_get(r, ns, SLICE_LIT("__module__"), true), sim_str(r, f->mod->name));
	sim_bind(r, sim_ns_get(r, ns, SLICE_LIT("__qualname__"), true), &sim_unknown_val);
	r->maybe = saved;
	fl = exec_block(r, &cf, &s->body);
	if (fl != F_NORMAL)
		return fl == F_BREAK || fl == F_CONTINUE || fl == F_RETURN ? F_NORMAL : fl;
	struct val *cls = (struct val *)sim_val(r, V_CLASS);
	cls->mod = f->mod;
	cls->stmt = s;
	cls->cls = ns;
	/* a dict bound in a class is reachable through its instances (self.d),
	 * which the model does not follow */
	for (size_t i = 0; i < ns->order.len; i++) {
		const struct binding *b = ns->order.ptr[i];
		if (b->flags && b->v && b->v->kind == V_DICT)
			sim_escape(r, b->v);
	}
	cls->elts = bases;
	cls->n = nbases;
	if (!meta)
		for (uint32_t i = 0; i < nbases && !meta; i++)
			if (bases[i]->kind == V_CLASS && bases[i]->meta)
				meta = bases[i]->meta;
	cls->meta = meta && meta->kind == V_CLASS ? meta : NULL;
	f->line = s->line;
	/* type.__new__ runs the metaclass and __init_subclass__ of the bases */
	if (cls->meta) {
		static const char *const hooks[] = { "__new__", "__init__" };
		for (int h = 0; h < 2; h++) {
			const struct val *m = class_lookup(cls->meta, slice_cstr(hooks[h]), 0);
			if (m && m->kind == V_FUNC) {
				/* meta(name, bases, namespace): bases as written */
				const struct val *a[4] = { cls->meta, sim_str(r, cstr(r, s->name)),
							   starred ? UNK : mk_tuple(r, bases, nbases), UNK };
				const struct val *ignored;
				fl = call_func(r, f, m, a, NULL, 4, false, &ignored);
				if (fl != F_NORMAL)
					return fl;
			}
		}
	}
	for (uint32_t i = 0; i < nbases; i++) {
		const struct val *m = class_lookup(bases[i], SLICE_LIT("__init_subclass__"), 0);
		if (m && m->kind == V_FUNC) {
			const struct val *a[1] = { cls };
			const struct val *ignored;
			fl = call_func(r, f, m, a, NULL, 1, false, &ignored);
			if (fl != F_NORMAL)
				return fl;
			break;
		}
	}
	const struct val *v = cls;
	fl = apply_decorators(r, f, s, decos, &v);
	if (fl != F_NORMAL)
		return fl;
	store(r, f, s->name, v);
	return F_NORMAL;
}

/* Runs a block that may or may not run (an unknown branch). */
static int speculate(struct run *r, struct frame *f, const struct ir_block *b)
{
	sim_spec_enter(r);
	int fl = exec_block(r, f, b);
	sim_spec_leave(r);
	fl = sim_unspec(r, f, fl);
	return fl;
}

/* An if whose test is unknown: both branches speculatively; names bound on
 * both become certainly bound. */
static int if_unknown(struct run *r, struct frame *f, const struct ir_stmt *s)
{
	size_t start = r->spec_new.len;
	int fl = speculate(r, f, &s->body);
	if (fl != F_NORMAL)
		return fl;
	size_t mid = r->spec_new.len;
	fl = speculate(r, f, &s->orelse);
	if (fl != F_NORMAL)
		return fl;
	size_t end = r->spec_new.len;
	if (r->maybe > 0)
		return F_NORMAL;
	for (size_t i = start; i < mid; i++) {
		struct binding *b = r->spec_new.ptr[i];
		if (b->flags != B_MAYBE)
			continue;
		bool both = false;
		for (size_t j = mid; j < end && !both; j++)
			both = r->spec_new.ptr[j] == b;
		/* an else branch that binds it through a nested if counts too */
		if (both) {
			struct undo u = { .kind = U_BIND, .p = b, .v = b->v, .flags = b->flags,
					  .region = b->region };
			if (r->logging)
				vec_push(&r->log, u);
			b->flags = B_PRESENT;
			b->v = UNK;
			b->region = 0;
		}
	}
	r->spec_new.len = start;
	return F_NORMAL;
}

/* except clauses: 1 catches, 0 does not, -1 unknown */
static int handler_matches(struct run *r, const struct val *t, const char *raised)
{
	switch (t->kind) {
	case V_BUILTIN:
		return exc_subclass(raised, t->s.ptr);
	case V_TUPLE: {
		int res = 0;
		for (uint32_t i = 0; i < t->n; i++) {
			int m = handler_matches(r, t->elts[i], raised);
			if (m == 1)
				return 1;
			if (m < 0)
				res = -1;
		}
		return res;
	}
	case V_CLASS:
		if (raised && exc_base(raised)) {
			/* a class of ours catches a builtin exception only when it
			 * is one of its bases (exception classes rarely are) */
			for (uint32_t i = 0; i < t->n; i++) {
				int m = handler_matches(r, t->elts[i], raised);
				if (m != 0)
					return -1;
			}
			return t->n ? 0 : -1;
		}
		return -1;
	default:
		return -1;
	}
}

static const char *describe_exc(const struct exc *e)
{
	return e && e->type ? e->type : "the exception";
}

static int try_stmt(struct run *r, struct frame *f, const struct ir_stmt *s)
{
	int fl = exec_block(r, f, &s->body);
	if (fl == F_UNKNOWN)
		return fl;
	if (fl == F_RAISE) {
		struct exc *e = r->exc;
		bool caught = false;
		for (uint32_t i = 0; i < s->nhandlers && !caught; i++) {
			const struct ir_handler *h = &s->handlers[i];
			if (h->type) {
				const struct val *t;
				r->exc = NULL;
				f->line = h->line;
				int tf = eval(r, f, h->type, &t);
				if (tf != F_NORMAL)
					return tf;
				int m = s->star ? -1 : handler_matches(r, t, e->type);
				if (m < 0)
					return sim_unknown(r, f, "cannot tell whether the except clause at "
							   "line %u catches %s", h->line, describe_exc(e));
				if (!m)
					continue;
			}
			caught = true;
			struct exc *saved = r->handling;
			r->handling = e;
			r->exc = NULL;
			if (h->name.ptr) {
				struct val *ev = (struct val *)sim_val(r, V_EXC);
				if (e->message) {
					ev->s = slice_cstr(e->message);
					ev->b = true;
				}
				store(r, f, h->name, ev);
			}
			fl = exec_block(r, f, &h->body);
			if (h->name.ptr && fl != F_UNKNOWN)
				sim_unbind(r, store_slot(r, f, h->name));
			r->handling = saved;
			if (fl == F_UNKNOWN)
				return fl;
		}
		if (!caught)
			r->exc = e;
	} else if (fl == F_NORMAL) {
		fl = exec_block(r, f, &s->orelse);
		if (fl == F_UNKNOWN)
			return fl;
	}
	if (s->finalbody.n) {
		struct exc *pending = r->exc;
		int ff = exec_block(r, f, &s->finalbody);
		if (ff != F_NORMAL)
			return ff;
		r->exc = pending;
	}
	return fl;
}

static bool is_suppress(const struct ir_expr *e)
{
	if (!e || e->kind != IR_CALL)
		return false;
	const struct ir_expr *c = e->a;
	return (c->kind == IR_NAME || c->kind == IR_ATTR) && slice_eq_cstr(c->name, "suppress");
}

static int with_stmt(struct run *r, struct frame *f, const struct ir_stmt *s)
{
	for (uint32_t i = 0; i < s->ntargets; i++) {
		const struct val *v;
		int fl = eval(r, f, s->items[i], &v);
		if (fl != F_NORMAL)
			return fl;
		if (s->targets[i] && (fl = assign(r, f, s->targets[i], UNK)) != F_NORMAL)
			return fl;
	}
	int fl = exec_block(r, f, &s->body);
	if (fl != F_RAISE)
		return fl;
	struct exc *e = r->exc;
	for (uint32_t i = s->ntargets; i-- > 0;) {
		if (!is_suppress(s->items[i]))
			continue;
		const struct ir_expr *c = s->items[i];
		int res = 0;
		for (uint32_t k = 0; k < c->nargs; k++) {
			const struct val *t;
			r->exc = NULL;
			int tf = eval(r, f, c->args[k], &t);
			if (tf != F_NORMAL)
				return tf;
			int m = handler_matches(r, t, e->type);
			if (m == 1) {
				res = 1;
				break;
			}
			if (m < 0)
				res = -1;
		}
		if (res < 0)
			return sim_unknown(r, f, "cannot tell whether suppress() at line %u catches %s",
					   s->line, describe_exc(e));
		if (res == 1) {
			r->exc = NULL;
			return F_NORMAL;
		}
	}
	r->exc = e;
	return F_RAISE;
}

static int for_stmt(struct run *r, struct frame *f, const struct ir_stmt *s)
{
	const struct val *it;
	int fl = eval(r, f, s->value, &it);
	if (fl != F_NORMAL)
		return fl;
	const struct sim_path *path_before = r->path;
	bool over_path = special_is(it, "sys.path");
	if (over_path)
		it = sim_path_value(r);
	bool saved_jump = f->maybe_jumped;
	f->maybe_jumped = false;
	if (ITEMS_KNOWN(it) && it->n <= 64) {
		int spec = 0;
		bool broke = false;
		for (uint32_t i = 0; i < it->n; i++) {
			fl = assign(r, f, s->targets[0], it->elts[i]);
			if (fl == F_NORMAL)
				fl = exec_block(r, f, &s->body);
			if (fl == F_BREAK) {
				broke = true;
				fl = F_NORMAL;
				break;
			}
			if (fl == F_CONTINUE)
				fl = F_NORMAL;
			if (fl != F_NORMAL)
				break;
			if (f->maybe_jumped && !spec) {
				sim_spec_enter(r);
				spec = 1;
			}
		}
		if (fl == F_NORMAL && !broke)
			fl = exec_block(r, f, &s->orelse);
		if (spec) {
			sim_spec_leave(r);
			fl = sim_unspec(r, f, fl);
		}
	} else if (ITEMS_KNOWN(it) && it->n > 64) {
		fl = sim_unknown(r, f, "a loop over %u items at import time", it->n);
	} else {
		sim_spec_enter(r);
		fl = assign(r, f, s->targets[0], UNK);
		if (fl == F_NORMAL)
			fl = exec_block(r, f, &s->body);
		if (fl == F_NORMAL)
			fl = exec_block(r, f, &s->orelse);
		sim_spec_leave(r);
		fl = sim_unspec(r, f, fl);
	}
	f->maybe_jumped = saved_jump;
	/* a loop over sys.path that changes it sees the list change under it */
	if (fl == F_NORMAL && over_path && r->path != path_before)
		return sim_unknown(r, f, "sys.path is changed while a loop iterates over it");
	return fl;
}

static int while_stmt(struct run *r, struct frame *f, const struct ir_stmt *s)
{
	const struct val *t;
	int fl = eval(r, f, s->value, &t);
	if (fl != F_NORMAL)
		return fl;
	if (truth(t) == 0)
		return exec_block(r, f, &s->orelse);
	bool saved_jump = f->maybe_jumped;
	sim_spec_enter(r);
	fl = exec_block(r, f, &s->body);
	if (fl == F_NORMAL)
		fl = exec_block(r, f, &s->orelse);
	sim_spec_leave(r);
	fl = sim_unspec(r, f, fl);
	f->maybe_jumped = saved_jump;
	return fl;
}

/* An exception class whose str() of an instance made with one string is
 * that string: classes of ours that define none of __init__, __new__,
 * __str__ (and no metaclass), over builtin exceptions whose __str__ is
 * BaseException's for one argument (not KeyError's repr, not the
 * Unicode or Syntax errors' formats). */
static bool plain_exception(const struct val *cls, int depth)
{
	static const char *const plain[] = { "BaseException", "Exception", "ArithmeticError",
		"AssertionError", "AttributeError", "BufferError", "EOFError", "ImportError",
		"LookupError", "MemoryError", "ModuleNotFoundError", "NameError",
		"NotImplementedError", "RecursionError", "ReferenceError", "RuntimeError",
		"StopAsyncIteration", "SystemError", "TypeError", "ValueError", "Warning",
		"UserWarning", "DeprecationWarning", "PendingDeprecationWarning", "RuntimeWarning",
		"FutureWarning", "ImportWarning", "ZeroDivisionError", "OverflowError",
		"FloatingPointError", "IndexError", "UnboundLocalError" };
	if (depth > 20)
		return false;
	if (cls->kind == V_BUILTIN) {
		for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
			if (!strcmp(cls->s.ptr, plain[i]))
				return true;
		return false;
	}
	if (cls->kind != V_CLASS || cls->meta || !cls->n)
		return false;
	static const char *const hooks[] = { "__init__", "__new__", "__str__" };
	for (size_t i = 0; i < 3; i++) {
		const struct binding *b = map_get(&cls->cls->map, slice_cstr(hooks[i]));
		if (b && b->flags)
			return false;
	}
	if (cls->cls->open)
		return false;
	for (uint32_t i = 0; i < cls->n; i++)
		if (!plain_exception(cls->elts[i], depth + 1))
			return false;
	return true;
}

static int raise_stmt(struct run *r, struct frame *f, const struct ir_stmt *s)
{
	f->line = s->line;
	/* An explicit raise in code that may or may not run inside a function
	 * is assumed not to run: such raises check arguments (docs/order.md
	 * "Assumptions"); import failures are never assumed away.  At module
	 * or class level it checks the environment (a library that is not
	 * installed) and may well run: it is raised as one that may happen. */
	if (r->maybe > 0 && f->kind == FR_FUNC)
		return F_NORMAL;
	if (!s->value) {
		if (!r->handling)
			return sim_raise(r, f, "RuntimeError", NULL, NULL, "No active exception to reraise");
		r->exc = r->handling;
		return F_RAISE;
	}
	const struct val *cls = UNK, *msg = NULL;
	int fl;
	uint32_t nargs = 0;
	if (s->value->kind == IR_CALL) {
		fl = eval(r, f, s->value->a, &cls);
		if (fl != F_NORMAL)
			return fl;
		const struct val **args;
		bool star;
		fl = eval_args(r, f, s->value, &args, &star);
		if (fl != F_NORMAL)
			return fl;
		nargs = s->value->nargs;
		if (nargs == 1 && !star && !s->value->kwnames)
			msg = args[0];
		if (nargs == 0)
			msg = sim_str(r, "");
	} else {
		fl = eval(r, f, s->value, &cls);
		if (fl != F_NORMAL)
			return fl;
		msg = sim_str(r, "");
	}
	if (s->annotation) {
		const struct val *c;
		if ((fl = eval(r, f, s->annotation, &c)) != F_NORMAL)
			return fl;
	}
	f->line = s->line;
	const char *type = NULL;
	if (cls->kind == V_BUILTIN && exc_base(cls->s.ptr))
		type = cls->s.ptr;
	else if (cls->kind == V_CLASS)
		type = cstr(r, cls->stmt->name);
	if (!type)
		return sim_unknown(r, f, "raise of an exception the model cannot evaluate");
	if (msg && msg->kind == V_STR && (cls->kind == V_BUILTIN || plain_exception(cls, 0)))
		return sim_raise(r, f, type, NULL, NULL, "%.*s", (int)msg->s.len, msg->s.ptr);
	sim_raise(r, f, type, NULL, NULL, NULL);
	return F_RAISE;
}

static int del_stmt(struct run *r, struct frame *f, const struct ir_stmt *s)
{
	for (uint32_t i = 0; i < s->ntargets; i++) {
		const struct ir_expr *t = s->targets[i];
		int fl;
		const struct val *o;
		f->line = s->line;
		if (t->kind == IR_NAME) {
			struct binding *b = store_slot(r, f, t->name);
			if (!b->flags && r->maybe == 0 && !(f->kind == FR_MODULE && f->mod->ns.open)) {
				const char *n = cstr(r, t->name);
				return sim_raise(r, f, "NameError", NULL, n, "name '%s' is not defined", n);
			}
			sim_unbind(r, b);
		} else if (t->kind == IR_ATTR) {
			if ((fl = eval(r, f, t->a, &o)) != F_NORMAL)
				return fl;
			if (o->kind == V_MODULE && o->mod->simulated) {
				struct binding *b = sim_ns_get(r, &o->mod->ns, t->name, false);
				if (b)
					sim_unbind(r, b);
			}
		} else if (t->kind == IR_SUBSCRIPT) {
			/* del x[k]: the container loses an item the model cannot drop */
			if ((fl = eval(r, f, t->a, &o)) != F_NORMAL)
				return fl;
			for (uint32_t k = 0; k < t->nargs; k++) {
				const struct val *x;
				if ((fl = eval(r, f, t->args[k], &x)) != F_NORMAL)
					return fl;
			}
			if (special_is(o, "sys.path"))
				return sim_unknown(r, f, "an item of sys.path is deleted at import time "
						   "(not modelled)");
			if (special_is(o, "sys.modules"))
				return sim_unknown(r, f, "sys.modules is changed at import time (not modelled)");
			sim_escape(r, o);
		} else {
			if ((fl = assign(r, f, t, UNK)) != F_NORMAL)
				return fl;
		}
	}
	return F_NORMAL;
}

static bool future_annotations(const struct frame *f)
{
	return f->mod && f->mod->ir && f->mod->ir->future_annotations;
}

static int exec_stmt(struct run *r, struct frame *f, const struct ir_stmt *s)
{
	int fl = step(r, f);
	if (fl != F_NORMAL)
		return fl;
	f->line = s->line;
	const struct val *v;
	switch (s->kind) {
	case IR_S_EXPR:
		return eval(r, f, s->value, &v);
	case IR_S_ASSIGN:
		if ((fl = eval(r, f, s->value, &v)) != F_NORMAL)
			return fl;
		for (uint32_t i = 0; i < s->ntargets; i++)
			if ((fl = assign(r, f, s->targets[i], v)) != F_NORMAL)
				return fl;
		return F_NORMAL;
	case IR_S_AUGASSIGN: {
		const struct ir_expr *t = s->targets[0];
		const struct val *cur, *add;
		if (t->kind == IR_NAME) {
			if ((fl = lookup(r, f, t->name, &cur)) != F_NORMAL)
				return fl;
			if ((fl = eval(r, f, s->value, &add)) != F_NORMAL)
				return fl;
			if (special_is(cur, "sys.path")) {
				/* a name for sys.path: list.__iadd__ extends it in place */
				const struct val *none;
				if (s->op != '+')
					return sim_unknown(r, f, "sys.path changed by an operator the model "
							   "does not follow");
				if ((fl = sim_path_call(r, f, "extend", &add, 1, true, &none)) != F_NORMAL)
					return fl;
				store(r, f, t->name, cur);
				return F_NORMAL;
			}
			if (cur->kind == V_TUPLE && cur->dict) {
				/* list += x changes the list in place: other names for
				 * it see the change; this one gets the new items */
				struct val *nl = (struct val *)(s->op == '+' ? concat(r, cur, add) : UNK);
				sim_escape(r, cur);
				if (nl->kind == V_TUPLE && !nl->dict) {
					nl->b = true;
					nl->dict = ARENA_NEW(r->A, struct dictobj);
				}
				store(r, f, t->name, nl);
				return F_NORMAL;
			}
			store(r, f, t->name, s->op == '+' ? concat(r, cur, add) : UNK);
			return F_NORMAL;
		}
		if ((fl = eval(r, f, t, &cur)) != F_NORMAL)
			return fl;
		if ((fl = eval(r, f, s->value, &add)) != F_NORMAL)
			return fl;
		if (cur->kind == V_TUPLE && cur->dict)
			sim_escape(r, cur); /* changed in place */
		if (special_is(cur, "sys.path")) {
			/* list.__iadd__ extends the list in place, then rebinds it */
			if (s->op != '+')
				return sim_unknown(r, f, "sys.path changed by an operator the model does "
						   "not follow");
			const struct val *none;
			return sim_path_call(r, f, "extend", &add, 1, true, &none);
		}
		return assign(r, f, t, UNK);
	}
	case IR_S_ANNASSIGN: {
		const struct ir_expr *t = s->targets[0];
		if (s->value) {
			if ((fl = eval(r, f, s->value, &v)) != F_NORMAL)
				return fl;
			if ((fl = assign(r, f, t, v)) != F_NORMAL)
				return fl;
		} else if (t->kind != IR_NAME) {
			const struct val *o;
			if ((fl = eval(r, f, t->a ? t->a : t, &o)) != F_NORMAL)
				return fl;
		}
		if (f->kind != FR_FUNC && !future_annotations(f))
			return eval(r, f, s->annotation, &v);
		return F_NORMAL;
	}
	case IR_S_IMPORT:
		return import_stmt(r, f, s);
	case IR_S_FROM:
		return from_stmt(r, f, s);
	case IR_S_DEF:
		return def_stmt(r, f, s, future_annotations(f));
	case IR_S_CLASS:
		return class_stmt(r, f, s);
	case IR_S_IF: {
		if (!s->value)
			return exec_block(r, f, &s->body);
		if ((fl = eval(r, f, s->value, &v)) != F_NORMAL)
			return fl;
		int t = truth(v);
		if (t == 1)
			return exec_block(r, f, &s->body);
		if (t == 0)
			return exec_block(r, f, &s->orelse);
		return if_unknown(r, f, s);
	}
	case IR_S_WHILE:
		return while_stmt(r, f, s);
	case IR_S_FOR:
		return for_stmt(r, f, s);
	case IR_S_WITH:
		return with_stmt(r, f, s);
	case IR_S_TRY:
		return try_stmt(r, f, s);
	case IR_S_MATCH:
		if ((fl = eval(r, f, s->value, &v)) != F_NORMAL)
			return fl;
		for (uint32_t i = 0; i < s->nhandlers; i++) {
			sim_spec_enter(r);
			if (s->handlers[i].type)
				fl = eval(r, f, s->handlers[i].type, &v);
			if (fl == F_NORMAL)
				fl = exec_block(r, f, &s->handlers[i].body);
			sim_spec_leave(r);
			fl = sim_unspec(r, f, fl);
			if (fl != F_NORMAL)
				return fl;
		}
		return F_NORMAL;
	case IR_S_DEL:
		return del_stmt(r, f, s);
	case IR_S_RETURN:
		if (s->value && (fl = eval(r, f, s->value, &v)) != F_NORMAL)
			return fl;
		f->retval = s->value ? v : sim_val(r, V_NONE);
		return F_RETURN;
	case IR_S_RAISE:
		return raise_stmt(r, f, s);
	case IR_S_BREAK:
		return F_BREAK;
	case IR_S_CONTINUE:
		return F_CONTINUE;
	case IR_S_ASSERT:
		if ((fl = eval(r, f, s->value, &v)) != F_NORMAL)
			return fl;
		if (truth(v) == 0 && r->maybe == 0) {
			if (s->annotation) {
				const struct val *m;
				if ((fl = eval(r, f, s->annotation, &m)) != F_NORMAL)
					return fl;
				if (m->kind == V_STR)
					return sim_raise(r, f, "AssertionError", NULL, NULL, "%.*s",
							 (int)m->s.len, m->s.ptr);
				sim_raise(r, f, "AssertionError", NULL, NULL, NULL);
				return F_RAISE;
			}
			return sim_raise(r, f, "AssertionError", NULL, NULL, "%s", "");
		}
		return F_NORMAL;
	case IR_S_GLOBAL:
	case IR_S_NONLOCAL:
	case IR_S_PASS:
	default:
		return F_NORMAL;
	}
}

static int exec_block(struct run *r, struct frame *f, const struct ir_block *b)
{
	int spec = 0;
	int fl = F_NORMAL;
	for (uint32_t i = 0; i < b->n; i++) {
		fl = exec_stmt(r, f, b->stmts[i]);
		if ((fl == F_RETURN || fl == F_BREAK || fl == F_CONTINUE) && r->maybe > f->base_maybe) {
			/* a jump that may or may not happen: what follows may run
			 * (a function called by code that may not run returns for
			 * sure once it runs: base_maybe) */
			if (fl == F_RETURN) {
				f->maybe_returned = true;
				/* the value may or may not be the result: lost */
				if (f->retval)
					sim_escape(r, f->retval);
			} else {
				f->maybe_jumped = true;
			}
			fl = F_NORMAL;
		}
		if (fl != F_NORMAL)
			break;
		if ((f->maybe_jumped || f->maybe_returned) && !spec) {
			sim_spec_enter(r);
			spec = 1;
		}
	}
	if (spec) {
		sim_spec_leave(r);
		fl = sim_unspec(r, f, fl);
	}
	return fl;
}

int sim_exec_module(struct run *r, struct frame *caller, struct mod *m)
{
	struct frame mf = { .kind = FR_MODULE, .mod = m, .up = caller, .line = 1 };
	return exec_block(r, &mf, &m->ir->body);
}
