#include "report/json.h"

#include "base/utf8.h"

void json_str(struct buf *out, struct slice s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s.ptr;
	buf_grow(out, s.len + 2);
	buf_addc(out, '"');
	size_t i = 0;
	while (i < s.len) {
		unsigned char c = p[i];
		if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
			size_t j = i + 1;
			while (j < s.len && p[j] >= 0x20 && p[j] < 0x80 && p[j] != '"' && p[j] != '\\')
				j++;
			buf_add(out, p + i, j - i);
			i = j;
			continue;
		}
		switch (c) {
		case '"': buf_add(out, "\\\"", 2); i++; continue;
		case '\\': buf_add(out, "\\\\", 2); i++; continue;
		case '\n': buf_add(out, "\\n", 2); i++; continue;
		case '\r': buf_add(out, "\\r", 2); i++; continue;
		case '\t': buf_add(out, "\\t", 2); i++; continue;
		case '\b': buf_add(out, "\\b", 2); i++; continue;
		case '\f': buf_add(out, "\\f", 2); i++; continue;
		default: break;
		}
		if (c < 0x20) {
			char esc[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
			buf_add(out, esc, 6);
			i++;
			continue;
		}
		size_t n = utf8_len(p + i, s.len - i);
		if (n == 0) {
			buf_add(out, "\xEF\xBF\xBD", 3);
			i++;
		} else {
			buf_add(out, p + i, n);
			i += n;
		}
	}
	buf_addc(out, '"');
}

void json_cstr(struct buf *out, const char *s)
{
	if (!s)
		buf_adds(out, "null");
	else
		json_str(out, slice_cstr(s));
}

void json_cstr_array(struct buf *out, const char *const *v, size_t n)
{
	buf_addc(out, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_adds(out, ", ");
		json_cstr(out, v[i]);
	}
	buf_addc(out, ']');
}
