/* A growable byte buffer for building output.  Its ptr is never NULL and is
 * always NUL-terminated (an empty buffer points at a shared static ""), so it
 * can be passed to C string functions at any time (git strbuf). */
#ifndef MODSCOPE_BASE_BUF_H
#define MODSCOPE_BASE_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "base/slice.h"

struct buf {
	char *ptr;
	size_t len;
	size_t cap; /* 0 while ptr is the shared empty string */
	/* Optional, for output too large to hold whole: when an append finds
	 * the buffer full, spill(self, spill_ctx) is called first and must
	 * consume ptr[0..len) and empty self, so the storage is reused. */
	void (*spill)(struct buf *self, void *ctx);
	void *spill_ctx;
};

extern char buf_empty[1];
#define BUF_INIT { buf_empty, 0, 0, NULL, NULL }

/* Prepares self as an empty buffer owning nothing. */
void buf_init(struct buf *self);
/* Frees what self owns; self is an empty buffer again. */
void buf_release(struct buf *self);
/* Empties self, keeping its storage for reuse. */
void buf_clear(struct buf *self);
/* Makes room for extra more bytes (plus the NUL), spilling self first when
 * it has a spill hook.  Pointers into self->ptr become invalid. */
void buf_grow(struct buf *self, size_t extra);
/* Appends n bytes at p (borrowed). */
void buf_add(struct buf *self, const void *p, size_t n);
/* Appends the NUL-terminated string s (borrowed). */
void buf_adds(struct buf *self, const char *s);
/* Appends the bytes of slice s. */
void buf_addsl(struct buf *self, struct slice s);
/* Appends one byte. */
void buf_addc(struct buf *self, char c);
/* Appends v in decimal (no printf: output loops call this per record). */
void buf_addu(struct buf *self, unsigned long long v);
/* Appends printf-formatted text. */
void buf_addf(struct buf *self, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vaddf(struct buf *self, const char *fmt, va_list ap);
/* Shortens self to len bytes (len <= self->len). */
void buf_truncate(struct buf *self, size_t len);
/* Returns the owned, NUL-terminated contents; self is empty afterwards. */
char *buf_detach(struct buf *self, size_t *len);
/* The contents as a slice (borrowed from self until it changes). */
static inline struct slice buf_slice(const struct buf *self)
{
	return (struct slice){ self->ptr, self->len };
}

#endif
