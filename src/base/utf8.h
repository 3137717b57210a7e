/* UTF-8 decoding and encoding, with the validity rules of Python's 'utf-8'
 * codec (no overlong forms, no surrogates, nothing above U+10FFFF). */
#ifndef MODSCOPE_BASE_UTF8_H
#define MODSCOPE_BASE_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

/* Decodes the sequence at s, of which n >= 1 bytes may be read (s is
 * borrowed).  Returns its length (1-4) and sets *cp; or returns 0, leaves
 * *cp alone and, when why is not NULL, sets *why to the static reason
 * Python's codec gives for the byte at s: "invalid start byte", "invalid
 * continuation byte" or "unexpected end of data" (the sequence is cut at n).
 * Mirrors the checks of CPython's utf8_decode (Objects/stringlib/codecs.h). */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp, const char **why);

/* Length (1-4) of the valid sequence at s (n >= 1 bytes readable), or 0. */
size_t utf8_len(const unsigned char *s, size_t n);

/* Writes the encoding of cp (a scalar value <= U+10FFFF; surrogates are
 * written like any other value) into out and returns its length, 1-4. */
size_t utf8_encode(uint32_t cp, char out[4]);

/* Appends the encoding of cp to b, as utf8_encode writes it. */
void utf8_add(struct buf *b, uint32_t cp);

#endif
