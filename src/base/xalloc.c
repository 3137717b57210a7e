#include "base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static void out_of_memory(size_t size)
{
	fprintf(stderr, "modscope: fatal: out of memory allocating %zu bytes\n", size);
	abort();
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		out_of_memory(size);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory(n * size);
	return p;
}

void *xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);
	if (!q)
		out_of_memory(size);
	return q;
}

void *xrealloc_big(void *p, size_t old_size, size_t size)
{
	const size_t huge = (size_t)2 << 20;
	if (size < huge)
		return xrealloc(p, size);
	size_t rounded = (size + huge - 1) & ~(huge - 1);
	void *q;
	if (posix_memalign(&q, huge, rounded) != 0)
		out_of_memory(rounded);
#ifdef MADV_HUGEPAGE
	madvise(q, rounded, MADV_HUGEPAGE); /* advice: without THP it changes nothing */
#endif
	if (p && old_size)
		memcpy(q, p, old_size < size ? old_size : size);
	free(p);
	return q;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}
