/* A hash map from byte-string keys to pointers (open addressing, linear
 * probing).  Keys are borrowed: the caller keeps their bytes alive while
 * they are in the map (put them in an arena).  Values are opaque. */
#ifndef MODSCOPE_BASE_MAP_H
#define MODSCOPE_BASE_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/slice.h"

struct map_entry {
	struct slice key; /* key.ptr == NULL: empty slot */
	uint64_t hash;
	void *value;
};

struct map {
	struct map_entry *slots;
	size_t cap;   /* power of two, or 0 */
	size_t count;
};

/* Prepares an empty map owning nothing. */
void map_init(struct map *self);
/* Frees the table (not the keys or values). */
void map_release(struct map *self);
/* Returns the value for key, or NULL when absent. */
void *map_get(const struct map *self, struct slice key);
/* Returns true and sets *value when key is present (values may be NULL). */
bool map_find(const struct map *self, struct slice key, void **value);
/* Sets key to value; returns the previous value or NULL.  key is borrowed. */
void *map_put(struct map *self, struct slice key, void *value);
/* Returns the entry for key, inserting it with a NULL value when absent;
 * *inserted tells which.  The pointer is valid until the next insertion. */
struct map_entry *map_intern(struct map *self, struct slice key, bool *inserted);
/* Iterates: call with *i = 0; returns the next entry or NULL at the end. */
struct map_entry *map_next(const struct map *self, size_t *i);

/* A stable hash of bytes (FNV-1a, 64 bits) for names that must not change
 * between versions (fingerprints, cache files).  The map's own table uses
 * a faster word-at-a-time hash; no caller may depend on its values. */
uint64_t map_hash(const void *p, size_t n);

#endif
