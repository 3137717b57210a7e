/* import-cycle-crash: an import cycle whose execution, as CPython runs it,
 * fails.  For every module of every cycle (eager imports and the parents
 * they run), the import simulator (src/sim) predicts `python -c "import M"`;
 * a predicted ImportError or AttributeError about a partially initialized
 * module, raised by a statement of a module of the same cycle, is a
 * finding at that statement, in CPython's words, with the entries that
 * crash and the chain of imports that leads there.  import-cycle reports
 * the cycles where no entry crashes (rule_cycle_crashes). */
#include "rules/internal.h"

#include <stdlib.h>
#include <string.h>

#include "graph/cycles.h"
#include "sim/sim.h"

struct crash {
	const struct analysis_file *file;
	uint32_t line;
	char *message;
	VEC(char *) entries;
	struct buf chain_text;       /* frames as "file\0line\0module\0", entry first */
};

/* The column of the first character of the statement on line. */
static int statement_col(const struct rule_ctx *ctx, const char *file, uint32_t line)
{
	struct slice s;
	if (!ctx->sources || diag_sources_line(ctx->sources, file, (int)line, &s) < 0)
		return 1;
	size_t i = 0;
	while (i < s.len && (s.ptr[i] == ' ' || s.ptr[i] == '\t'))
		i++;
	return diag_char_col(s.ptr, i);
}

static const struct analysis_file *file_of(const struct analysis *a, const char *abs)
{
	for (size_t i = 0; i < a->files.len; i++)
		if (!strcmp(a->files.ptr[i].path, abs))
			return &a->files.ptr[i];
	return abs ? analysis_file_by_path(a, abs) : NULL;
}

/* CPython's message with its trailing " (/abs/origin)" shown as the
 * display path, so reports do not depend on where the project lives. */
static char *portable_message(const struct analysis *a, const char *msg)
{
	size_t n = strlen(msg);
	const char *open = n && msg[n - 1] == ')' ? strrchr(msg, '(') : NULL;
	if (open && open[1] == '/' && open > msg && open[-1] == ' ') {
		char *abs = xstrndup(open + 1, (size_t)(msg + n - 1 - (open + 1)));
		const struct analysis_file *f = file_of(a, abs);
		free(abs);
		if (f) {
			struct buf b = BUF_INIT;
			buf_add(&b, msg, (size_t)(open - msg));
			buf_addf(&b, "(%s)", f->display);
			return buf_detach(&b, NULL);
		}
	}
	return xstrdup(msg);
}

int rule_cycle_crashes(const struct rule_ctx *ctx, const struct graph_cycles *cycles, bool *crashed,
		       struct diag_list *out)
{
	const struct analysis *a = ctx->analysis;
	const struct graph *g = &a->graph;
	struct sim_options so = { .local_root = a->project.root };
	struct sim *sim = sim_new(&a->env, ctx->find, &so);
	for (size_t c = 0; c < cycles->comps.len; c++) {
		const struct graph_cycle *cy = &cycles->comps.ptr[c];
		crashed[c] = false;
		VEC(struct crash) crashes = VEC_INIT;
		for (size_t m = 0; m < cy->size; m++) {
			const struct graph_node *node = &g->nodes.ptr[cy->modules[m]];
			if (node->kind != GRAPH_NODE_LOCAL)
				continue;
			struct sim_result res;
			sim_run_import(sim, node->name.ptr, false, &res);
			const struct analysis_file *f = NULL;
			bool in_cycle = false;
			if (res.outcome == SIM_ERROR && res.error.message &&
			    strstr(res.error.message, "partially initialized") && res.error.file &&
			    (f = file_of(a, res.error.file)) && f->module) {
				int64_t fn = graph_find(g, slice_cstr(f->module));
				for (size_t k = 0; k < cy->size && fn >= 0; k++)
					in_cycle |= cy->modules[k] == (uint32_t)fn;
			}
			if (in_cycle) {
				crashed[c] = true;
				struct crash *cr = NULL;
				for (size_t k = 0; k < crashes.len && !cr; k++)
					if (crashes.ptr[k].file == f && crashes.ptr[k].line == res.error.line)
						cr = &crashes.ptr[k];
				if (!cr) {
					cr = vec_push_zero(&crashes);
					cr->file = f;
					cr->line = res.error.line;
					cr->message = portable_message(a, res.error.message);
					buf_init(&cr->chain_text);
					/* The chain of the first entry that crashes here. */
					for (size_t k = 0; k < res.chain.len; k++) {
						const struct sim_frame *fr = &res.chain.ptr[k];
						const struct analysis_file *ff = file_of(a, fr->file);
						buf_addf(&cr->chain_text, "%s%c%u%c%s%c",
							 ff ? ff->display : (fr->file ? fr->file : ""), 0,
							 fr->line, 0, fr->module ? fr->module : "?", 0);
					}
				}
				vec_push(&cr->entries, xstrdup(node->name.ptr));
			}
			sim_result_release(&res);
		}
		for (size_t k = 0; k < crashes.len; k++) {
			struct crash *cr = &crashes.ptr[k];
			if (out) {
				struct diag *d = diag_add(out, "import-cycle-crash", DIAG_ERROR,
							  cr->file->display, (int)cr->line,
							  cr->line ? statement_col(ctx, cr->file->display, cr->line) : 0,
							  "%s", cr->message);
				for (size_t e = 0; e < cr->entries.len; e++)
					diag_add_note(out, d, NULL, 0, 0,
						      "crashes when '%s' is imported first "
						      "(python -c 'import %s')", cr->entries.ptr[e],
						      cr->entries.ptr[e]);
				for (const char *p = cr->chain_text.ptr;
				     p < cr->chain_text.ptr + cr->chain_text.len;) {
					const char *file = p;
					p += strlen(p) + 1;
					int line = atoi(p);
					p += strlen(p) + 1;
					const char *module = p;
					p += strlen(p) + 1;
					diag_add_note(out, d, file[0] ? file : NULL, line, 0,
						      "'%s' is executing this statement", module);
				}
				diag_set_fix(out, d, "import the module instead of the name and look the "
					     "name up where it is used, or move one import of the cycle into "
					     "the function that needs it");
			}
			free(cr->message);
			for (size_t e = 0; e < cr->entries.len; e++)
				free(cr->entries.ptr[e]);
			vec_release(&cr->entries);
			buf_release(&cr->chain_text);
		}
		vec_release(&crashes);
	}
	sim_free(sim);
	return 0;
}

int rule_import_cycle_crash(const struct rule_ctx *ctx, struct diag_list *out)
{
	struct graph_cycles c;
	struct graph_cycles_options opts = { .mask = GRAPH_MASK_DEFAULT, .no_cut = true };
	graph_cycles_find(&c, &ctx->analysis->graph, &opts);
	bool *crashed = xcalloc(c.comps.len ? c.comps.len : 1, sizeof(bool));
	rule_cycle_crashes(ctx, &c, crashed, out);
	free(crashed);
	graph_cycles_release(&c);
	return 0;
}
