/* Helpers shared by the rules (internal.h). */
#include "rules/internal.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

int rule_col_at(const struct rule_ctx *ctx, const char *file, unsigned line, unsigned bytecol)
{
	struct slice s;
	if (!ctx->sources || !file || diag_sources_line(ctx->sources, file, (int)line, &s) < 0 ||
	    s.len < bytecol)
		return (int)bytecol + 1;
	return diag_char_col(s.ptr, bytecol);
}

static bool contains(struct slice s, const char *word)
{
	size_t n = strlen(word);
	for (size_t i = 0; i + n <= s.len; i++)
		if (!memcmp(s.ptr + i, word, n))
			return true;
	return false;
}

bool rule_file_has_main_guard(const struct rule_ctx *ctx, const struct analysis_file *f)
{
	if (!ctx->sources || f->read_error)
		return false;
	/* The guard is a module-level statement: an "if" at column 0 comparing
	 * __name__ with "__main__" (either quote, either side). */
	for (size_t k = 0; k < f->facts.nstmts; k++) {
		struct slice s;
		if (diag_sources_line(ctx->sources, f->display, (int)f->facts.stmts[k].line, &s) < 0)
			continue;
		if (s.len < 3 || memcmp(s.ptr, "if", 2) || (s.ptr[2] != ' ' && s.ptr[2] != '('))
			continue;
		if (contains(s, "__name__") &&
		    (contains(s, "\"__main__\"") || contains(s, "'__main__'")))
			return true;
	}
	return false;
}

bool rule_module_within(const char *name, const char *module)
{
	size_t n = strlen(module);
	return !strncmp(name, module, n) && (name[n] == '\0' || name[n] == '.');
}

const struct analysis_file *rule_file_of_module(const struct analysis *a, const char *name)
{
	const struct analysis_file *found = NULL;
	for (size_t i = 0; i < a->files.len; i++) {
		const struct analysis_file *f = &a->files.ptr[i];
		if (f->module && !strcmp(f->module, name) && (!found || f->package))
			found = f;
	}
	return found;
}

const struct analysis_file *rule_file_by_display(const struct analysis *a, const char *display)
{
	for (size_t i = 0; i < a->files.len; i++)
		if (!strcmp(a->files.ptr[i].display, display))
			return &a->files.ptr[i];
	return NULL;
}

/* Levenshtein distance over bytes, two rows. */
size_t rule_edit_distance(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	size_t *prev = xcalloc(nb + 1, sizeof(size_t)), *cur = xcalloc(nb + 1, sizeof(size_t));
	for (size_t j = 0; j <= nb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= na; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t best = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			cur[j] = best;
		}
		size_t *t = prev;
		prev = cur;
		cur = t;
	}
	size_t d = prev[nb];
	free(prev);
	free(cur);
	return d;
}

void rule_suggest_word(const char *word, const char *const *candidates, size_t n, struct buf *out)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		size_t d = rule_edit_distance(word, candidates[i]);
		if (d < best_d) {
			best_d = d;
			best = candidates[i];
		}
	}
	size_t limit = strlen(word) >= 8 ? 3 : 2;
	if (best && best_d <= limit && best_d < strlen(word))
		buf_addf(out, "; did you mean '%s'?", best);
}
