/* A TOML 1.0 reader (https://toml.io/en/v1.0.0) for modscope's configuration
 * (pyproject.toml's [tool.modscope]).  The whole document is parsed into a
 * tree of values that lives in the document's arena; a parse error is data
 * (file, line, column, reason), never printed here.
 *
 * Python's tomllib is the oracle: where TOML 1.0 leaves a choice open the
 * reader decides as tomllib does (CRLF inside multi-line strings becomes LF,
 * a leap second ":60" is rejected, fractions finer than a nanosecond are
 * truncated).
 *
 *     struct toml_doc doc;
 *     struct toml_error err;
 *     toml_doc_init(&doc);
 *     if (toml_parse_file(&doc, "pyproject.toml", &err) < 0)
 *         ... err.line, err.col, err.reason ...
 *     const struct toml_value *v = toml_get(doc.root, "tool.modscope.roots");
 *     toml_doc_release(&doc);
 */
#ifndef MODSCOPE_CONFIG_TOML_H
#define MODSCOPE_CONFIG_TOML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/slice.h"

/* The kinds of values; the names are toml-test's type tags. */
#define TOML_KINDS(X) \
	X(TOML_TABLE, "table") \
	X(TOML_ARRAY, "array") \
	X(TOML_STRING, "string") \
	X(TOML_INTEGER, "integer") \
	X(TOML_FLOAT, "float") \
	X(TOML_BOOL, "bool") \
	X(TOML_DATETIME, "datetime")             /* offset date-time */ \
	X(TOML_DATETIME_LOCAL, "datetime-local") \
	X(TOML_DATE_LOCAL, "date-local") \
	X(TOML_TIME_LOCAL, "time-local")

enum toml_kind {
#define TOML_KIND_ENUM(k, name) k,
	TOML_KINDS(TOML_KIND_ENUM)
#undef TOML_KIND_ENUM
};

/* The parts a date-time kind does not have are zero. */
struct toml_datetime {
	int year, month, day;         /* date kinds */
	int hour, minute, second;     /* time kinds */
	int32_t nanosecond;           /* fraction of the second, truncated */
	int frac_digits;              /* digits written in the file, at most 9 */
	int offset_minutes;           /* TOML_DATETIME: east of UTC; Z is 0 */
};

struct toml_kv;
struct toml_value;

/* Keys in the order the file gives them. */
struct toml_table {
	struct toml_kv *items;
	size_t len, cap;
	uint32_t *index;        /* hash index once the table grows, or NULL */
	size_t index_cap;
	/* Definition state, used while parsing (TOML 1.0 "Table" rules). */
	unsigned defined_in;    /* section that defined it (header or dotted keys), 0: implicit */
	bool from_header;       /* defined by a [table] or [[table]] header */
	bool frozen;            /* inline table or inside one: immutable */
};

struct toml_array {
	struct toml_value **items;
	size_t len, cap;
	bool of_tables;         /* made by [[header]]s, as opposed to a [value] array */
};

struct toml_value {
	enum toml_kind kind;
	uint32_t line, col;     /* 1-based position of the value (the header for tables made by one) */
	union {
		struct toml_table table;
		struct toml_array array;
		struct slice string; /* UTF-8, NUL-terminated, may hold NULs */
		int64_t integer;
		double fp;
		bool boolean;
		struct toml_datetime dt;
	} u;
};

struct toml_kv {
	struct slice key;       /* unescaped, NUL-terminated */
	struct toml_value *value;
};

/* A parsed document.  Everything reachable from root lives in arena. */
struct toml_doc {
	struct arena arena;
	struct toml_value *root; /* a TOML_TABLE after a successful parse, else NULL */
};

struct toml_error {
	const char *file;       /* borrowed from the caller of toml_parse */
	unsigned line, col;     /* 1-based; col counts characters, not bytes */
	char reason[256];       /* lowercase, e.g. "duplicate key 'a'" */
};

/* Prepares an empty document owning nothing. */
void toml_doc_init(struct toml_doc *self);
/* Frees everything the document owns; every value from it becomes invalid. */
void toml_doc_release(struct toml_doc *self);

/* Parses the len bytes at src (borrowed; need not be NUL-terminated) into
 * self, which must be freshly initialised.  file (borrowed, kept in err) is
 * only used for diagnostics.  Returns 0, or -1 with *err filled; on error
 * self->root is NULL and self must still be released. */
int toml_parse(struct toml_doc *self, const char *file, const char *src, size_t len,
	       struct toml_error *err);
/* Reads the file at path and parses it as toml_parse does.  An unreadable file
 * is an error at line 0, column 0 with the system's reason. */
int toml_parse_file(struct toml_doc *self, const char *path, struct toml_error *err);

/* The tag of kind k ("integer", "datetime-local", ...), a static string. */
const char *toml_kind_name(enum toml_kind k);

/* Looks up a dotted key path such as "tool.modscope.roots" (segments may be
 * quoted as in TOML: 'tool."a.b"') starting at table (a TOML_TABLE value;
 * NULL is allowed and yields NULL).  Does not descend into arrays.  Returns
 * the value, borrowed from the document, or NULL when absent or when the path
 * crosses a value that is not a table. */
const struct toml_value *toml_get(const struct toml_value *table, const char *path);
/* The value of key (one segment, unquoted) in table, or NULL. */
const struct toml_value *toml_table_get(const struct toml_value *table, struct slice key);

/* Typed accessors: each returns true and sets *out when v is non-NULL and of
 * the kind asked, else returns false and leaves *out alone.  Results borrow
 * from the document. */
bool toml_as_string(const struct toml_value *v, struct slice *out);
bool toml_as_integer(const struct toml_value *v, int64_t *out);
/* Accepts floats, and integers converted to double. */
bool toml_as_float(const struct toml_value *v, double *out);
bool toml_as_bool(const struct toml_value *v, bool *out);
bool toml_as_datetime(const struct toml_value *v, struct toml_datetime *out);

/* Number of elements of an array, or keys of a table; 0 for other kinds. */
size_t toml_len(const struct toml_value *v);
/* Element i of an array value, or NULL when v is not an array or i is out of range. */
const struct toml_value *toml_array_at(const struct toml_value *v, size_t i);
/* Entry i (file order) of a table value, or NULL. */
const struct toml_kv *toml_table_at(const struct toml_value *v, size_t i);

#endif
