/* The import-time simulator: predicts what `python -c "import ENTRY"` (or
 * `python FILE`) does by executing the execution IR (syntax/ir.h) of the
 * modules it reaches in CPython's order, with sys.modules, module states
 * (initialising, done, failed) and namespaces filled statement by
 * statement, and importlib's algorithm mirrored (_find_and_load,
 * _load_unlocked, _handle_fromlist, _calc___package__, the IMPORT_NAME and
 * IMPORT_FROM opcodes).  Nothing is ever run.  docs/order.md.
 *
 * Which modules are simulated: files under opts.local_root, every module of
 * the entry's top-level package, and with opts.deep every source module;
 * any other module that importlib finds is taken as loading successfully
 * with unknown contents.  Changes of sys.path made by the simulated code
 * are followed (later imports search the changed list), and so are dicts
 * (registries deciding what runs).  Anything the model cannot evaluate
 * makes the outcome SIM_UNKNOWN with a reason. */
#ifndef MODSCOPE_SIM_SIM_H
#define MODSCOPE_SIM_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/vec.h"
#include "env/env.h"
#include "find/find.h"

enum sim_outcome { SIM_OK, SIM_ERROR, SIM_UNKNOWN };

/* The exception a predicted failure raises, as CPython would. */
struct sim_error {
	const char *type;    /* "ImportError", "AttributeError", "ModuleNotFoundError"... */
	const char *module;  /* the module the error is about ('a' in "... from 'a'"), may be NULL */
	const char *name;    /* the missing name or attribute, may be NULL */
	const char *message; /* str(exception), CPython's text */
	const char *file;    /* absolute path of the failing statement's file */
	uint32_t line;       /* its line */
};

/* One frame of the chain: a statement being executed, entry first. */
struct sim_frame {
	const char *module;
	const char *file;  /* absolute */
	uint32_t line;
};

struct sim_result {
	enum sim_outcome outcome;
	VEC(const char *) order;       /* modules in the order they start executing */
	struct sim_error error;        /* SIM_ERROR only */
	VEC(struct sim_frame) chain;   /* SIM_ERROR: entry -> failing statement;
					* SIM_UNKNOWN: entry -> where the model stopped */
	const char *reason;            /* SIM_UNKNOWN: what could not be evaluated */
	const char *reason_file;       /* SIM_UNKNOWN: where (may be NULL) */
	uint32_t reason_line;
	struct arena arena;            /* owns every string above */
};

struct sim_options {
	const char *local_root;  /* absolute directory; modules under it are simulated; may be NULL */
	bool deep;               /* simulate every source module, stdlib included */
	uint64_t max_steps;      /* statement/expression budget per run; 0: 2,000,000 */
};

struct sim;

/* Creates a simulator over the interpreter facts env and the resolver find
 * (both borrowed: they must outlive it; find's sys.path is the run's
 * sys.path).  Parsed files and resolutions are shared by every run of the
 * returned simulator; free it with sim_free. */
struct sim *sim_new(const struct env *env, struct find *find, const struct sim_options *opts);
void sim_free(struct sim *self);

/* Predicts `python -c "import entry"`.  out is initialised by the call;
 * release it with sim_result_release.  When reuse is true, the state after
 * importing entry's top-level package is kept and reused by the next runs
 * whose entry is in the same top-level package (the prediction is the
 * same as without reuse, only faster). */
void sim_run_import(struct sim *self, const char *entry, bool reuse, struct sim_result *out);

/* Predicts `python path`: the file runs as __main__ (path absolute). */
void sim_run_script(struct sim *self, const char *path, struct sim_result *out);

void sim_result_release(struct sim_result *self);

/* "ok", "error" or "unknown". */
const char *sim_outcome_name(enum sim_outcome o);

#endif
