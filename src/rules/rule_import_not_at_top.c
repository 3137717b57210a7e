/* import-not-at-top: a module-level import statement after the first
 * statement that is code.  Not code: the docstring, imports (from
 * __future__ ones included), assignments to a __dunder__ name (__all__,
 * __version__...), `pass`, and if/try statements holding only imports and
 * assignments (`if TYPE_CHECKING:`, `try: import x / except ImportError:
 * x = None`).  Like pycodestyle's E402, only imports at the top level of the
 * module count; imports inside if/try/def bodies are not reported
 * (docs/check-vs-peers.md compares the two). */
#include "rules/content.h"

#define RULE "import-not-at-top"

static void check_file(const struct analysis_file *f, const struct rule_tokens *t,
		       struct diag_list *out)
{
	const struct rule_stmt *code = NULL;
	for (size_t i = 0; i < t->stmts.len; i++) {
		const struct rule_stmt *s = &t->stmts.ptr[i];
		enum rule_line_kind lk = rule_line_kind(t, s->first);
		if (lk == RULE_LINE_IMPORT) {
			if (!code)
				continue;
			const struct lex_token *tok = rule_tok(t, s->first);
			const struct lex_token *ct = rule_tok(t, code->first);
			int line = (int)lex_line(&t->lex, tok->start), col = (int)lex_char_col(&t->lex, tok->start);
			const struct lex_token *last = rule_tok(t, s->header_end - 1);
			struct diag *d = diag_add(out, RULE, rule_severity(RULE_IMPORT_NOT_AT_TOP), f->display,
						  line, col, "module level import not at top of file: code runs before it (line %u)",
						  lex_line(&t->lex, ct->start));
			if (lex_line(&t->lex, last->start) == (uint32_t)line)
				diag_set_end(d, line, (int)lex_char_col(&t->lex, last->end));
			diag_add_note(out, d, f->display, (int)lex_line(&t->lex, ct->start),
				      (int)lex_char_col(&t->lex, ct->start), "the first statement that is not an import");
			diag_set_fix(out, d, "move the import above the code, or into the function that needs it");
			continue;
		}
		if (lk == RULE_LINE_DUNDER || lk == RULE_LINE_PASS || (lk == RULE_LINE_STRING && i == 0))
			continue;
		if (rule_stmt_is_import_block(t, s))
			continue;
		if (!code)
			code = s;
	}
}

int rule_import_not_at_top(const struct rule_ctx *ctx, struct diag_list *out)
{
	const struct analysis *a = ctx->analysis;
	for (size_t i = 0; i < a->files.len; i++) {
		const struct analysis_file *f = &a->files.ptr[i];
		if (f->read_error || !f->facts.nimports)
			continue;
		struct rule_tokens t;
		if (rule_tokens_load(&t, f->path) == 0)
			check_file(f, &t, out);
		rule_tokens_release(&t);
	}
	return 0;
}
