/* Allocation that never returns NULL: failure prints a message and aborts
 * (allocation failure is not an input error we can report usefully). */
#ifndef MODSCOPE_BASE_XALLOC_H
#define MODSCOPE_BASE_XALLOC_H

#include <stddef.h>

/* Returns owned memory; aborts on failure. */
void *xmalloc(size_t size);
/* Returns owned zeroed memory for n * size bytes; aborts on failure or overflow. */
void *xcalloc(size_t n, size_t size);
/* Resizes owned memory p (may be NULL); p is invalid afterwards. */
void *xrealloc(void *p, size_t size);
/* Resizes owned memory p (may be NULL) holding old_size bytes to size bytes,
 * for a large array filled front to back (a file's tokens).  From 2 MiB on,
 * the storage is 2 MiB-aligned and advised as transparent huge pages: the
 * kernel then maps it a 2 MiB page per fault, not a 4 KiB one (each fault
 * costs microseconds).  p must come from an x*alloc function; the result is
 * released with free().  p is invalid afterwards. */
void *xrealloc_big(void *p, size_t old_size, size_t size);
/* Returns an owned NUL-terminated copy of s. */
char *xstrdup(const char *s);
/* Returns an owned NUL-terminated copy of the n bytes at s. */
char *xstrndup(const char *s, size_t n);

#endif
