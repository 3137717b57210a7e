#include "base/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

char buf_empty[1];

void buf_init(struct buf *self)
{
	self->ptr = buf_empty;
	self->len = 0;
	self->cap = 0;
	self->spill = NULL;
	self->spill_ctx = NULL;
}

void buf_release(struct buf *self)
{
	if (self->cap)
		free(self->ptr);
	buf_init(self);
}

void buf_clear(struct buf *self)
{
	self->len = 0;
	if (self->cap)
		self->ptr[0] = '\0';
}

void buf_grow(struct buf *self, size_t extra)
{
	size_t need = self->len + extra + 1;
	if (need <= self->cap)
		return;
	if (self->spill && self->len) {
		self->spill(self, self->spill_ctx);
		need = self->len + extra + 1;
		if (need <= self->cap)
			return;
	}
	size_t cap = self->cap ? self->cap : 64;
	while (cap < need)
		cap = cap * 2;
	if (self->cap) {
		self->ptr = xrealloc(self->ptr, cap);
	} else {
		self->ptr = xmalloc(cap);
		self->ptr[0] = '\0';
	}
	self->cap = cap;
}

void buf_add(struct buf *self, const void *p, size_t n)
{
	if (n == 0)
		return;
	buf_grow(self, n);
	memcpy(self->ptr + self->len, p, n);
	self->len += n;
	self->ptr[self->len] = '\0';
}

void buf_adds(struct buf *self, const char *s)
{
	buf_add(self, s, strlen(s));
}

void buf_addsl(struct buf *self, struct slice s)
{
	buf_add(self, s.ptr, s.len);
}

void buf_addc(struct buf *self, char c)
{
	buf_grow(self, 1);
	self->ptr[self->len++] = c;
	self->ptr[self->len] = '\0';
}

void buf_vaddf(struct buf *self, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n <= 0)
		return;
	buf_grow(self, (size_t)n);
	vsnprintf(self->ptr + self->len, (size_t)n + 1, fmt, ap);
	self->len += (size_t)n;
}

void buf_addf(struct buf *self, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(self, fmt, ap);
	va_end(ap);
}

void buf_addu(struct buf *self, unsigned long long v)
{
	char tmp[24];
	size_t i = sizeof tmp;
	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	buf_add(self, tmp + i, sizeof tmp - i);
}

void buf_truncate(struct buf *self, size_t len)
{
	if (len >= self->len)
		return;
	self->len = len;
	self->ptr[len] = '\0';
}

char *buf_detach(struct buf *self, size_t *len)
{
	char *p;
	if (len)
		*len = self->len;
	if (self->cap)
		p = self->ptr;
	else
		p = xstrdup("");
	buf_init(self);
	return p;
}
