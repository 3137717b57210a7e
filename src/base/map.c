#include "base/map.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

uint64_t map_hash(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 1099511628211ull;
	}
	return h;
}

/* The table's hash: eight bytes per step (module names and paths are tens
 * of bytes; FNV's byte loop was a tenth of the graph's serial time). */
static uint64_t table_hash(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
	for (; n >= 8; s += 8, n -= 8) {
		uint64_t w;
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
		h ^= h >> 29;
	}
	uint64_t w = 0;
	for (size_t i = 0; i < n; i++)
		w |= (uint64_t)s[i] << (8 * i);
	h = (h ^ w) * 0x94D049BB133111EBull;
	return h ^ (h >> 32);
}

void map_init(struct map *self)
{
	self->slots = NULL;
	self->cap = 0;
	self->count = 0;
}

void map_release(struct map *self)
{
	free(self->slots);
	map_init(self);
}

static struct map_entry *lookup(const struct map *self, struct slice key, uint64_t h)
{
	size_t mask = self->cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		struct map_entry *e = &self->slots[i];
		if (!e->key.ptr)
			return e;
		if (e->hash == h && slice_eq(e->key, key))
			return e;
	}
}

static void resize(struct map *self, size_t cap)
{
	struct map old = *self;
	self->slots = xcalloc(cap, sizeof(*self->slots));
	self->cap = cap;
	for (size_t i = 0; i < old.cap; i++) {
		struct map_entry *e = &old.slots[i];
		if (e->key.ptr)
			*lookup(self, e->key, e->hash) = *e;
	}
	free(old.slots);
}

bool map_find(const struct map *self, struct slice key, void **value)
{
	if (!self->cap)
		return false;
	struct map_entry *e = lookup(self, key, table_hash(key.ptr, key.len));
	if (!e->key.ptr)
		return false;
	if (value)
		*value = e->value;
	return true;
}

void *map_get(const struct map *self, struct slice key)
{
	void *v = NULL;
	map_find(self, key, &v);
	return v;
}

struct map_entry *map_intern(struct map *self, struct slice key, bool *inserted)
{
	if ((self->count + 1) * 4 >= self->cap * 3)
		resize(self, self->cap ? self->cap * 2 : 16);
	uint64_t h = table_hash(key.ptr, key.len);
	struct map_entry *e = lookup(self, key, h);
	bool fresh = !e->key.ptr;
	if (fresh) {
		/* An empty key still needs a non-NULL pointer to mark the slot. */
		e->key = key.ptr ? key : (struct slice){ "", 0 };
		e->hash = h;
		e->value = NULL;
		self->count++;
	}
	if (inserted)
		*inserted = fresh;
	return e;
}

void *map_put(struct map *self, struct slice key, void *value)
{
	struct map_entry *e = map_intern(self, key, NULL);
	void *old = e->value;
	e->value = value;
	return old;
}

struct map_entry *map_next(const struct map *self, size_t *i)
{
	for (; *i < self->cap; (*i)++) {
		if (self->slots[*i].key.ptr)
			return &self->slots[(*i)++];
	}
	return NULL;
}
