#include "base/utf8.h"

#include <stdbool.h>

size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp, const char **why)
{
	unsigned c = s[0];
	size_t len;
	uint32_t v;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		v = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		v = c & 0x07;
	} else {
		if (why)
			*why = "invalid start byte";
		return 0;
	}
	for (size_t i = 1; i < len; i++) {
		if (i >= n) {
			if (why)
				*why = "unexpected end of data";
			return 0;
		}
		unsigned d = s[i];
		bool ok = (d & 0xC0) == 0x80;
		if (i == 1) {
			/* The second byte's range rules out overlong forms (E0, F0),
			 * surrogates (ED) and values above U+10FFFF (F4). */
			if (c == 0xE0 && d < 0xA0) ok = false;
			if (c == 0xED && d > 0x9F) ok = false;
			if (c == 0xF0 && d < 0x90) ok = false;
			if (c == 0xF4 && d > 0x8F) ok = false;
		}
		if (!ok) {
			if (why)
				*why = "invalid continuation byte";
			return 0;
		}
		v = (v << 6) | (d & 0x3F);
	}
	*cp = v;
	return len;
}

size_t utf8_len(const unsigned char *s, size_t n)
{
	uint32_t cp;
	return utf8_decode(s, n, &cp, NULL);
}

size_t utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

void utf8_add(struct buf *b, uint32_t cp)
{
	char s[4];
	buf_add(b, s, utf8_encode(cp, s));
}
