/* Diagnostics as data: a rule appends {rule, severity, file, position,
 * message, notes, fix hint} to a diag_list; only the emitters in src/report
 * turn the list into text.  Every string a diagnostic holds is copied into
 * the list's arena, so callers may pass temporaries.
 *
 *     struct diag_list list;
 *     diag_list_init(&list);
 *     struct diag *d = diag_add(&list, "unresolved-import", DIAG_ERROR,
 *                               "pkg/a.py", 3, 1, "no module named '%s'", "x");
 *     diag_add_note(&list, d, "pkg/b.py", 1, 1, "imported from here");
 *     diag_sort(&list);
 *     ... emit ...
 *     diag_list_release(&list);
 *
 * Positions are 1-based; columns count characters (code points), not bytes
 * (CPython byte_col_to_char_col).  Line 0 means "the whole file" (no
 * position); end_line 0 means "no end position". */
#ifndef MODSCOPE_REPORT_DIAG_H
#define MODSCOPE_REPORT_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/map.h"
#include "base/slice.h"
#include "base/vec.h"

enum diag_severity {
	DIAG_ERROR,
	DIAG_WARNING,
	DIAG_NOTE,
};

/* A secondary location: one step of a cycle's import chain, "cut these N
 * imports", the other file of a duplicate module... */
struct diag_note {
	const char *file;     /* arena-owned, or NULL for a note without location */
	int line, col;        /* 1-based; line 0: no line; col 0: no column */
	const char *message;  /* arena-owned */
};

struct diag {
	const char *rule;     /* arena-owned rule id, e.g. "import-cycle-crash" */
	enum diag_severity severity;
	const char *file;     /* arena-owned path, relative to the project root */
	int line, col;        /* 1-based; line 0: the whole file */
	int end_line, end_col; /* 0 when absent; end_col is exclusive */
	const char *message;  /* arena-owned; lowercase, problem first, subject quoted */
	struct diag_note *notes; /* arena-owned array of nnotes */
	size_t nnotes, notes_cap;
	const char *fix;      /* arena-owned hint, or NULL */
	size_t seq;           /* insertion order: the last sort key */
};

struct diag_list {
	struct arena arena;   /* owns every string and note of items */
	VEC(struct diag) items;
	size_t next_seq;
};

/* Prepares an empty list owning nothing. */
void diag_list_init(struct diag_list *self);
/* Frees everything self owns; every diag and string from it becomes invalid. */
void diag_list_release(struct diag_list *self);
/* Removes every diagnostic (the arena is kept until release). */
void diag_list_clear(struct diag_list *self);

/* Appends a diagnostic; rule, file and the formatted message are copied.
 * Returns a pointer into self, valid until the next diag_add. */
struct diag *diag_add(struct diag_list *self, const char *rule, enum diag_severity severity,
		      const char *file, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
/* Appends a note to d (a diagnostic of self); file (may be NULL) and the
 * formatted message are copied.  d stays valid. */
void diag_add_note(struct diag_list *self, struct diag *d, const char *file, int line, int col,
		   const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* Sets the fix hint of d (a diagnostic of self) to the formatted text (copied). */
void diag_set_fix(struct diag_list *self, struct diag *d, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Sets the end position of d (end_col exclusive, like a Python AST end_col_offset + 1). */
void diag_set_end(struct diag *d, int end_line, int end_col);

/* Sorts self by (file, line, col, rule, message, insertion order), so output
 * does not depend on the order rules ran in. */
void diag_sort(struct diag_list *self);
/* Removes the diagnostics for which keep(d, ud) is false, keeping the order. */
void diag_filter(struct diag_list *self, bool (*keep)(const struct diag *d, void *ud), void *ud);

/* The lowercase name of s: "error", "warning", "note". */
const char *diag_severity_name(enum diag_severity s);
/* Parses "error" / "warning" / "note"; returns 0, or -1 when name is none. */
int diag_severity_parse(const char *name, enum diag_severity *out);

/* The 1-based character column of the byte at offset nbytes of line (the
 * UTF-8 text of one line, borrowed): 1 + the number of code points before it.
 * Bytes that are not valid UTF-8 count one each. */
int diag_char_col(const char *line, size_t nbytes);

/* ---- Source text, for code frames and fingerprints ---- */

/* The text of files by the name diagnostics use, read lazily from
 * root/file (or file itself when it is absolute or root is NULL). */
struct diag_sources {
	char *root;           /* owned, or NULL */
	struct arena arena;   /* owns the file names and texts */
	struct map files;     /* file name -> struct diag_source_text * (NULL: unreadable) */
};

/* Prepares an empty cache reading files below root (borrowed, copied; may be NULL). */
void diag_sources_init(struct diag_sources *self, const char *root);
/* Frees everything self owns. */
void diag_sources_release(struct diag_sources *self);
/* Registers the text of file (both copied), e.g. a file the caller has read
 * already or a test's fixture; later lookups of file do not touch the disk. */
void diag_sources_add(struct diag_sources *self, const char *file, const char *text, size_t len);
/* Sets *out to line number line (1-based) of file without its line ending
 * (borrowed from self).  Returns 0, or -1 when the file cannot be read or has
 * no such line (*out is then empty). */
int diag_sources_line(struct diag_sources *self, const char *file, int line, struct slice *out);

/* The fingerprint of d: 16 lowercase hex digits (plus NUL) of a 64-bit
 * FNV-1a hash of its rule, file, message and source_line stripped of
 * surrounding whitespace.  It does not depend on the line number, so it
 * survives code being moved up or down (baseline, SARIF partialFingerprints). */
void diag_fingerprint(const struct diag *d, struct slice source_line, char out[17]);

#endif
