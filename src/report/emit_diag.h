/* Emitters of a diagnostic list: text (for people), json (modscope's own
 * schema, docs/check.md), sarif (SARIF 2.1.0, for code-scanning tools) and
 * github (workflow commands that annotate a pull request).  Each writes the
 * whole report into a buffer; printing it is the caller's business.  The
 * list should be sorted (diag_sort) first: emitters keep its order. */
#ifndef MODSCOPE_REPORT_EMIT_DIAG_H
#define MODSCOPE_REPORT_EMIT_DIAG_H

#include <stdbool.h>

#include "base/buf.h"
#include "report/diag.h"

/* Placeholder project address for SARIF's tool.driver.informationUri until
 * modscope has a public home; callers may pass their own. */
#define EMIT_INFORMATION_URI "https://github.com/modscope/modscope"

struct emit_options {
	bool color;                  /* text: ANSI colours (the CLI decides: tty, NO_COLOR) */
	const char *version;         /* tool version for SARIF; NULL: "0" */
	const char *information_uri; /* SARIF; NULL: EMIT_INFORMATION_URI */
	const char *root_uri;        /* SARIF originalUriBaseIds %SRCROOT% ("file:///abs/root/"), or NULL */
	struct diag_sources *sources; /* code frames and fingerprints; NULL: none */
};

/* Each appends the report of list (borrowed) to out.  opts may be NULL. */
void emit_diag_text(struct buf *out, const struct diag_list *list, const struct emit_options *opts);
void emit_diag_json(struct buf *out, const struct diag_list *list, const struct emit_options *opts);
void emit_diag_sarif(struct buf *out, const struct diag_list *list, const struct emit_options *opts);
void emit_diag_github(struct buf *out, const struct diag_list *list, const struct emit_options *opts);

struct emit_diag_format {
	const char *name;  /* "text", "json", "sarif", "github" */
	void (*emit)(struct buf *out, const struct diag_list *list, const struct emit_options *opts);
};

/* The emitter called name, or NULL. */
const struct emit_diag_format *emit_diag_format_lookup(const char *name);
/* The names of the formats, "text|json|sarif|github" (static). */
const char *emit_diag_format_names(void);

/* Counts of a list, as the summaries give them. */
struct emit_summary {
	size_t problems, errors, warnings, notes, files;
};
/* Fills *out from list (files: distinct file names among the diagnostics). */
void emit_diag_summarize(const struct diag_list *list, struct emit_summary *out);
/* Appends the text summary line of s with its newline:
 * "Found 3 problems (2 errors, 1 warning) in 2 files." or "No problems found." */
void emit_diag_summary_line(struct buf *out, const struct emit_summary *s);

#endif
