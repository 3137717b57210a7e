/* A bump allocator: many small allocations, freed all at once.  Per-file
 * data (tokens, facts, interned strings) lives in the arena of that file's
 * record (CPython pycore_pyarena.h, git mem-pool.h). */
#ifndef MODSCOPE_BASE_ARENA_H
#define MODSCOPE_BASE_ARENA_H

#include <stddef.h>

#include "base/slice.h"

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t used; /* bytes handed out, for statistics */
};

/* Prepares an empty arena owning nothing. */
void arena_init(struct arena *self);
/* Frees every block; all pointers from self become invalid. */
void arena_release(struct arena *self);
/* Returns size bytes aligned to 16, owned by self, uninitialised. */
void *arena_alloc(struct arena *self, size_t size);
/* Like arena_alloc, zero-filled. */
void *arena_zalloc(struct arena *self, size_t size);
/* Copies n bytes at s into self and NUL-terminates them. */
char *arena_strndup(struct arena *self, const char *s, size_t n);
/* Copies slice s into self; the result's bytes are NUL-terminated. */
struct slice arena_slice(struct arena *self, struct slice s);

#define ARENA_NEW(a, T) ((T *)arena_zalloc((a), sizeof(T)))
#define ARENA_ARRAY(a, T, n) ((T *)arena_zalloc((a), sizeof(T) * (n)))

#endif
