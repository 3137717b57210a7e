/* Helpers shared inside src/env/. */
#ifndef MODSCOPE_ENV_INTERNAL_H
#define MODSCOPE_ENV_INTERNAL_H

#include <stdbool.h>

#include "base/buf.h"
#include "env/env.h"

/* Runs `exe -I -S -c <query>` (or reads its cached answer unless no_cache)
 * and appends the JSON text of the answer to json.  *cache_state becomes
 * "hit", "miss" or "off" (a static string).  Returns 0, or -1 with a
 * message in err when the interpreter cannot be run, fails or answers
 * something that is not JSON.  A cache that cannot be written is ignored. */
int env_query(const char *exe, bool no_cache, struct buf *json, const char **cache_state,
	      struct buf *err);

/* site.py's model: fills self->sys_path, pth_files, editables, warnings,
 * the venv and user-site fields from self->base_path and the query facts.
 * path/npath are the PYTHONPATH-like entries.  Returns 0, or -1 with a
 * message in err (an unreadable pyvenv.cfg). */
int env_model_site(struct env *self, const char *const *path, size_t npath, struct buf *err);

#endif
