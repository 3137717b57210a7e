/* Baselines: a JSON file recording the findings a project has today, so a
 * check reports only new ones.  A finding is keyed by (rule, file,
 * fingerprint), where the fingerprint (diag_fingerprint) hashes the rule,
 * file, message and the stripped text of the source line but not the line
 * number, so findings survive code moving up or down; each key keeps a
 * count, and a check drops at most that many matching findings.
 *
 * The file (version 1):
 *     {"version": 1, "tool": "modscope", "findings": [
 *       {"rule": "unresolved-import", "file": "pkg/a.py",
 *        "fingerprint": "0123456789abcdef", "count": 1, "message": "..."}, ...]}
 * "message" is for readers and is not used for matching. */
#ifndef MODSCOPE_RULES_BASELINE_H
#define MODSCOPE_RULES_BASELINE_H

#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/map.h"
#include "base/vec.h"
#include "report/diag.h"

struct baseline_entry {
	const char *rule, *file, *fingerprint, *message; /* arena-owned */
	size_t count;       /* as recorded */
	size_t remaining;   /* count minus the findings matched so far */
};

struct baseline {
	struct arena arena;
	VEC(struct baseline_entry) entries;
	struct map index;   /* "rule\0file\0fingerprint" -> entry index + 1 */
};

/* Prepares an empty baseline owning nothing. */
void baseline_init(struct baseline *self);
/* Frees everything self owns. */
void baseline_release(struct baseline *self);

/* Parses the len bytes at text (borrowed) of the baseline file named name
 * (borrowed, for messages) into self (freshly initialised).  Returns 0, or -1
 * with "name:line: reason" (syntax errors) or "name: finding N: reason"
 * (a wrong shape) appended to err. */
int baseline_parse(struct baseline *self, const char *name, const char *text, size_t len,
		   struct buf *err);
/* Reads and parses the file at path as baseline_parse does; a missing or
 * unreadable file is an error too ("cannot read 'path': reason"). */
int baseline_read(struct baseline *self, const char *path, struct buf *err);

/* Appends to out the baseline file (JSON, ending in a newline) recording
 * every diagnostic of list, grouped by key and sorted by file, rule and
 * fingerprint.  Source lines for fingerprints come from sources (may read
 * files; a line that cannot be read counts as empty). */
void baseline_format(const struct diag_list *list, struct diag_sources *sources, struct buf *out);

/* Removes from list the diagnostics matched by self, each key at most its
 * recorded count (in list order, so sort list first for a stable choice).
 * Returns the number removed; entries' remaining counts tell which recorded
 * findings are gone. */
size_t baseline_filter(struct baseline *self, struct diag_list *list, struct diag_sources *sources);

#endif
