/* Suppression comments: `# modscope: ignore[rule-a, rule-b]` on the line a
 * diagnostic points at silences those rules there; a bare
 * `# modscope: ignore` silences every rule on that line.  Whitespace around
 * each part is optional (`#modscope:ignore[ rule-a ,rule-b ]`), and the
 * directive may follow other text in the same comment
 * (`# type: ignore  # modscope: ignore[wildcard-import]`).
 *
 *     VEC(struct suppress_span) spans = VEC_INIT;
 *     suppress_find_comments(src, len, &spans);
 *     struct suppress_file sf;
 *     suppress_file_init(&sf, "pkg/a.py");
 *     suppress_parse(&sf, src, len, spans.ptr, spans.len);
 *     suppress_filter(&sf, &diags);          // drops silenced diagnostics
 *     suppress_report_unused(&sf, &diags);   // unused-suppression findings
 *     suppress_file_release(&sf);
 */
#ifndef MODSCOPE_RULES_SUPPRESS_H
#define MODSCOPE_RULES_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/vec.h"
#include "report/diag.h"

/* A comment: bytes [start, end) of the source, from its '#' up to (not
 * including) the line ending. */
struct suppress_span {
	size_t start, end;
};

typedef VEC(struct suppress_span) suppress_span_vec;

/* Appends to out the comments of the len bytes of Python source at src
 * (borrowed), in order: '#' outside string literals, as Python 3.11's
 * tokenizer sees them.  It knows single- and double-quoted strings (which a
 * backslash-newline continues), triple-quoted strings spanning lines, string
 * prefixes (an f-string is one string token, as before Python 3.12), and
 * backslash escapes and line continuations; an unterminated single-quoted
 * string ends at its line's end and an unterminated triple-quoted one at the
 * end of input.  Returns the number of comments appended. */
size_t suppress_find_comments(const char *src, size_t len, suppress_span_vec *out);

struct suppression {
	int line, col;          /* 1-based position of the comment's '#' */
	bool all;               /* bare "ignore": every rule */
	bool malformed;         /* "ignore[" without a closing ']', or an empty name */
	const char **rules;     /* arena-owned names as written, nrules of them */
	size_t nrules;
	bool *used;             /* per name (all: used[0]), set by suppress_filter */
};

struct suppress_file {
	struct arena arena;
	const char *file;       /* arena-owned file name, as diagnostics name it */
	VEC(struct suppression) items; /* in source order */
};

/* Prepares self for the file named file (copied) with no suppressions. */
void suppress_file_init(struct suppress_file *self, const char *file);
/* Frees everything self owns. */
void suppress_file_release(struct suppress_file *self);
/* Reads the suppression directives of the comments spans (n of them, byte
 * offsets into the len bytes at src, both borrowed) into self.  Returns the
 * number of directives found. */
size_t suppress_parse(struct suppress_file *self, const char *src, size_t len,
		      const struct suppress_span *spans, size_t n);
/* Removes from list the diagnostics of self's file whose line carries a
 * directive naming their rule (or a bare one), marking that directive used.
 * Diagnostics of other files are kept.  Returns the number removed. */
size_t suppress_filter(struct suppress_file *self, struct diag_list *list);
/* Appends to list one unused-suppression diagnostic for each directive name
 * that silenced nothing (a bare directive that silenced nothing, a name that
 * is no rule id, a malformed directive).  Returns the number appended. */
size_t suppress_report_unused(const struct suppress_file *self, struct diag_list *list);

#endif
