/* One typed growable array (tree-sitter array.h):
 *     VEC(int) v = VEC_INIT;  vec_push(&v, 3);  v.ptr[0];  vec_release(&v);
 * Storage is malloc'ed and owned by the vector. */
#ifndef MODSCOPE_BASE_VEC_H
#define MODSCOPE_BASE_VEC_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

#define VEC(T) struct { T *ptr; size_t len; size_t cap; }
#define VEC_INIT { NULL, 0, 0 }

/* Makes room for n more elements. */
#define vec_reserve(v, n) \
	vec_grow_((void **)&(v)->ptr, &(v)->cap, (v)->len + (n), sizeof(*(v)->ptr))
/* Appends x (copied). */
#define vec_push(v, x) \
	(vec_reserve((v), 1), (v)->ptr[(v)->len++] = (x))
/* Appends one zeroed element and returns a pointer to it. */
#define vec_push_zero(v) \
	(vec_reserve((v), 1), \
	 memset(&(v)->ptr[(v)->len], 0, sizeof(*(v)->ptr)), &(v)->ptr[(v)->len++])
#define vec_last(v) (&(v)->ptr[(v)->len - 1])
#define vec_pop(v) ((v)->ptr[--(v)->len])
#define vec_clear(v) ((v)->len = 0)
/* Frees the storage; the vector is empty again. */
#define vec_release(v) \
	(free((v)->ptr), (v)->ptr = NULL, (v)->len = 0, (v)->cap = 0)

static inline void vec_grow_(void **ptr, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return;
	size_t c = *cap ? *cap * 2 : 8;
	while (c < need)
		c *= 2;
	*ptr = xrealloc(*ptr, c * elem);
	*cap = c;
}

#endif
