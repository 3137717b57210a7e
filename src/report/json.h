/* Helpers for writing JSON text into a buffer.  Strings are escaped as
 * Python's json.dumps(ensure_ascii=False) does; bytes that are not valid
 * UTF-8 are written as U+FFFD so the output is always valid JSON. */
#ifndef MODSCOPE_REPORT_JSON_H
#define MODSCOPE_REPORT_JSON_H

#include "base/buf.h"
#include "base/slice.h"

/* Appends s as a quoted JSON string. */
void json_str(struct buf *out, struct slice s);
/* Appends the NUL-terminated s as a quoted JSON string, or null when s is NULL. */
void json_cstr(struct buf *out, const char *s);

/* Appends the n NUL-terminated strings of v (borrowed; a NULL one is
 * written as null) as a JSON array: ["a", "b"]. */
void json_cstr_array(struct buf *out, const char *const *v, size_t n);

#endif
