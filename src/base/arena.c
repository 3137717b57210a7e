#include "base/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

struct arena_block {
	struct arena_block *next;
	size_t size;
	size_t used;
	_Alignas(16) unsigned char data[];
};

enum { BLOCK_SIZE = 64 * 1024 };

void arena_init(struct arena *self)
{
	self->head = NULL;
	self->used = 0;
}

void arena_release(struct arena *self)
{
	struct arena_block *b = self->head;
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	arena_init(self);
}

void *arena_alloc(struct arena *self, size_t size)
{
	size = (size + 15) & ~(size_t)15;
	struct arena_block *b = self->head;
	if (!b || b->size - b->used < size) {
		size_t cap = size > BLOCK_SIZE / 4 ? size : BLOCK_SIZE;
		struct arena_block *nb = xmalloc(sizeof(*nb) + cap);
		nb->size = cap;
		nb->used = 0;
		if (b && size > BLOCK_SIZE / 4) {
			/* A big one-off: keep the current block for small ones. */
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			self->head = nb;
		}
		b = nb;
	}
	void *p = b->data + b->used;
	b->used += size;
	self->used += size;
	return p;
}

void *arena_zalloc(struct arena *self, size_t size)
{
	void *p = arena_alloc(self, size);
	memset(p, 0, size);
	return p;
}

char *arena_strndup(struct arena *self, const char *s, size_t n)
{
	char *p = arena_alloc(self, n + 1);
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

struct slice arena_slice(struct arena *self, struct slice s)
{
	return (struct slice){ arena_strndup(self, s.ptr, s.len), s.len };
}
