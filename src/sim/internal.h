/* Shared inside src/sim/: the run state of one simulation (sim.c holds the
 * import machinery, exec.c the statement and expression executor). */
#ifndef MODSCOPE_SIM_INTERNAL_H
#define MODSCOPE_SIM_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/map.h"
#include "base/vec.h"
#include "env/env.h"
#include "find/find.h"
#include "sim/sim.h"
#include "syntax/ir.h"

/* Control flow out of a statement or expression. */
enum flow { F_NORMAL, F_RAISE, F_RETURN, F_BREAK, F_CONTINUE, F_UNKNOWN };

enum vkind {
	V_UNKNOWN, V_NONE, V_BOOL, V_INT, V_STR, V_TUPLE,
	V_MODULE, V_FUNC, V_CLASS,
	V_BUILTIN, /* a builtin name: s is the name */
	V_SPECIAL, /* s: "import_module", "sys.path", "sys.modules", "__import__" */
	V_DICT,    /* a dict the model follows: dict */
	V_OBJECT,  /* an object the model cannot identify but knows is not None
		    * and is true (a lambda, one of several functions...) */
	V_EXC,     /* a caught exception (`except E as e`): s its str() when b */
};

/* One key: value of a followed dict; newest first. */
struct dict_item {
	const struct val *key;         /* NULL: a key the model cannot evaluate */
	const struct val *value;
	bool maybe;                    /* set by code that may or may not run */
	struct dict_item *next;
};

/* A dict made by a display at import time and changed by d[k] = v.  It is
 * open once code the model does not follow may have changed it (it was
 * passed to such code, or a method other than a read was taken). */
struct dictobj {
	struct dict_item *head;
	bool open;
};

struct mod;
struct ns;
struct frame;

/* Values are immutable once made. */
struct val {
	uint8_t kind;
	bool b;
	long long i;
	struct slice s;
	struct mod *mod;             /* MODULE; FUNC/CLASS: the defining module */
	const struct ir_stmt *stmt;  /* FUNC/CLASS definition */
	struct ns *cls;              /* CLASS namespace */
	const struct val *meta;      /* CLASS: its metaclass (a CLASS) or NULL */
	struct frame *closure;       /* FUNC defined in a function: its frame */
	const struct val **elts;     /* TUPLE */
	uint32_t n;
	struct dictobj *dict;        /* DICT; TUPLE made by a list display: its cell,
				      * open once the list may have changed */
};

/* A tuple, or a list not changed since it was made: its items are known. */
#define ITEMS_KNOWN(v) ((v)->kind == V_TUPLE && !((v)->dict && (v)->dict->open))

enum { B_PRESENT = 1, B_MAYBE = 2 };

struct binding {
	struct slice name; /* persistent bytes */
	const struct val *v;
	uint8_t flags;     /* 0: absent (deleted or never bound) */
	uint32_t region;   /* 0: v is certain; else v holds only while that
			    * speculative region is active */
};

struct ns {
	struct map map;                /* name -> struct binding * */
	VEC(struct binding *) order;   /* insertion order (dict order) */
	bool open;                     /* may hold names the model does not know */
	struct arena *arena;           /* where its bindings live */
};

enum mstate { M_INIT, M_DONE, M_FAILED };

struct mod {
	const char *name;              /* interned */
	const char *file;              /* __file__ (absolute), NULL when none */
	const char *package;           /* __package__ */
	bool is_package;
	bool simulated;
	uint8_t state;                 /* enum mstate */
	const struct ir_file *ir;      /* simulated only */
	struct ns ns;
	const struct val *self;        /* the V_MODULE value */
	struct find *find;             /* the resolver that found it (its
					* submodules are searched with it), or NULL */
};

enum fkind { FR_MODULE, FR_CLASS, FR_FUNC };

struct frame {
	uint8_t kind;
	struct mod *mod;               /* globals */
	struct ns *cls;                /* FR_CLASS namespace */
	const struct ir_def *def;      /* FR_FUNC */
	struct binding *locals;        /* FR_FUNC: one per def->locals */
	struct frame *closure;         /* FR_FUNC: the enclosing function's frame */
	struct frame *up;              /* caller */
	uint32_t line;                 /* the line being executed */
	const struct val *retval;
	const struct slice *shadow;    /* comprehension variables */
	uint32_t nshadow;
	bool maybe_jumped;             /* a break/continue may have run */
	bool maybe_returned;           /* a return may have run */
	const struct val *fn;          /* FR_FUNC: the function */
	int base_maybe;                /* run.maybe when the frame started: its own
					* locals are certain relative to it */
};

/* A raised exception. */
struct exc {
	const char *type;
	const char *module, *name;
	const char *message;           /* NULL: unknown text */
	const char *file;
	uint32_t line;
	struct sim_frame *chain;
	uint32_t nchain;
	bool maybe;                    /* raised by code that may or may not run */
};

enum ukind { U_BIND, U_SYSMOD, U_STATE, U_OPEN, U_NSPUSH, U_PATH, U_DICT };

/* One value of sys.path: its entries and the resolver searching them
 * (shared by every run; syspath.c). */
struct sim_path {
	const char *const *entries;    /* interned */
	uint32_t n;
	struct find *find;             /* owned */
	struct env env;                /* the simulator's env (shallow copy) with
					* sys_path = entries; owns nothing */
};

struct undo {
	uint8_t kind;
	uint8_t flags;
	void *p;                       /* binding, mod, ns, dictobj */
	void *q;                       /* U_DICT: the previous head */
	const struct val *v;
	struct slice key;
	uint32_t region;
};

struct run {
	struct sim *sim;
	struct arena base;             /* state before the checkpoint */
	struct arena tmp;              /* state after it (released at rollback) */
	struct arena *A;               /* where new state goes */
	struct map sysmods;            /* interned name -> struct mod * (NULL: removed) */
	VEC(const char *) order;
	bool logging;
	VEC(struct undo) log;
	VEC(struct ns *) namespaces;   /* base namespaces (released at the end) */
	VEC(struct ns *) tmp_namespaces;
	VEC(struct binding *) spec_new; /* bindings made MAYBE by speculation */
	int maybe;                     /* > 0: speculative (may or may not run) */
	VEC(uint32_t) regions;         /* the active speculative regions, innermost last */
	uint32_t next_region;
	uint64_t steps, max_steps;
	int depth;
	const char *top;               /* the entry's top-level package */
	struct exc *exc;               /* the pending exception (F_RAISE) */
	struct exc *handling;          /* the exception an except body handles */
	char *reason;                  /* F_UNKNOWN: malloc'ed */
	const char *reason_file;
	uint32_t reason_line;
	struct exc *reason_at;         /* F_UNKNOWN: the frames where it stopped */
	struct buf tmpbuf;
	const struct sim_path *path;   /* sys.path once changed; NULL: as it started */
	bool script;                   /* `python FILE` (sys.path[0] is its directory) */
};

struct sim {
	const struct env *env;
	struct find *find;
	struct sim_options opts;
	struct arena pa;               /* interned names, parsed files */
	struct map files;              /* path -> struct srcfile * */
	struct map interned;           /* name -> NUL-terminated persistent copy */
	struct run *base;              /* checkpointed run for reuse, or NULL */
	const char *base_top;
	enum flow base_flow;
	struct exc *base_exc, *base_reason_at; /* the base run's exception / unknown frames */
	char *cwd;                     /* the current directory (malloc'ed), or NULL */
	struct map paths;              /* entries joined by NUL -> struct sim_path * */
	VEC(struct sim_path *) path_list;
};

/* ---- sim.c ---- */
const char *sim_intern(struct sim *s, struct slice name);
/* importlib._bootstrap._gcd_import(name): *out is the module itself. */
int sim_import_abs(struct run *r, struct frame *f, const char *name, struct mod **out);
/* The IMPORT_NAME opcode / __import__: resolves level, imports, handles the
 * fromlist; *out is what __import__ returns. */
int sim_import_name(struct run *r, struct frame *f, struct slice name, uint32_t level,
		    bool has_fromlist, const struct ir_alias *fromlist, uint32_t nfrom,
		    struct mod **out);
/* The IMPORT_FROM opcode. */
int sim_import_from(struct run *r, struct frame *f, struct mod *m, struct slice name,
		    const struct val **out);
/* Reads attribute name of module m (module_getattro). */
int sim_module_getattr(struct run *r, struct frame *f, struct mod *m, struct slice name,
		       bool for_import_from, const struct val **out);
int sim_unknown(struct run *r, struct frame *f, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int sim_raise(struct run *r, struct frame *f, const char *type, const char *module,
	      const char *name, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Entering / leaving code that may or may not run. */
void sim_spec_enter(struct run *r);
void sim_spec_leave(struct run *r);
/* The value of a bound name as seen from the current point (unknown when
 * it was bound in a speculative region that has ended). */
const struct val *sim_binding_value(struct run *r, const struct binding *b);
/* After leaving code that may or may not run: an exception it raised
 * makes the outcome unknown. */
int sim_unspec(struct run *r, struct frame *f, int fl);
struct binding *sim_ns_get(struct run *r, struct ns *ns, struct slice name, bool create);
void sim_bind(struct run *r, struct binding *b, const struct val *v);
void sim_unbind(struct run *r, struct binding *b);
void sim_ns_open(struct run *r, struct ns *ns);
struct ns *sim_ns_new(struct run *r);
const struct val *sim_val(struct run *r, enum vkind kind);
const struct val *sim_str(struct run *r, const char *s);

/* ---- syspath.c ---- */
/* The resolver that searches for name now: a submodule's parent's, else
 * the one of the run's sys.path. */
struct find *sim_finder(struct run *r, const char *name);
/* The current sys.path entries (*out borrowed, valid during the run). */
void sim_path_entries(struct run *r, const char *const **out, uint32_t *n);
/* sys.path as a tuple of strings (for `in`, indexing). */
const struct val *sim_path_value(struct run *r);
/* sys.path.METHOD(args): insert, append, extend, remove; plain is false
 * when the call has keywords or starred arguments. */
int sim_path_call(struct run *r, struct frame *f, const char *method, const struct val **args,
		  uint32_t n, bool plain, const struct val **out);
/* sys.path[slice] = v, idx the evaluated subscript arguments of sub. */
int sim_path_assign_slice(struct run *r, struct frame *f, const struct ir_expr *sub,
			  const struct val *const *idx, const struct val *v);
/* sys.path = v */
int sim_path_rebind(struct run *r, struct frame *f, const struct val *v);
/* os.path.FN(args) / os.getcwd() on strings: the value, or unknown. */
const struct val *sim_posixpath_call(struct run *r, const char *fn, const struct val **args,
				     uint32_t n);
/* Frees the resolvers of every sys.path seen. */
void sim_paths_release(struct sim *s);

/* ---- dict.c ---- */
/* A new empty dict value. */
const struct val *sim_dict_new(struct run *r);
/* d[key] = value (key NULL when unknown). */
void sim_dict_set(struct run *r, struct dictobj *d, const struct val *key, const struct val *value);
/* Marks d (and the dicts reachable from v through tuples and class
 * namespaces) open: code the model does not follow receives v. */
void sim_escape(struct run *r, const struct val *v);
void sim_dict_open(struct run *r, struct dictobj *d);
/* d.get(key) / d[key] / key in d: 1 found (*out its value: exact, or
 * V_OBJECT / unknown when one of several), 0 certainly missing, -1 the
 * model cannot tell (*out unknown). */
int sim_dict_lookup(struct run *r, const struct dictobj *d, const struct val *key,
		    const struct val **out);
/* Python == between two values: 1, 0, or -1 unknown (exec.c). */
int sim_equal(const struct val *a, const struct val *b);

/* ---- exec.c ---- */
/* Runs the body of module m (already in sys.modules). */
int sim_exec_module(struct run *r, struct frame *caller, struct mod *m);

extern const struct val sim_unknown_val;

#endif
