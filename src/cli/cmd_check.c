/* modscope check [PATH] [--format text|json|sarif|github] [--select R,...]
 *                [--ignore R,...] [--extend-select R,...] [--baseline FILE]
 *                [--write-baseline FILE] [--report-unused-suppressions]
 *                [--color auto|always|never] [--exit-zero]
 *                [--python P] [--path DIR]... [--jobs N]
 * Every enabled rule over the project (docs/check.md): analysis, the whole
 * configuration validated first, selection (configuration, then the
 * command line), rules, per-file ignores, suppression comments, baseline,
 * sorted output, exit 0 clean / 1 findings / 2 usage, configuration or I/O
 * error. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/fs.h"
#include "base/version.h"
#include "cli/cli.h"
#include "cli/internal.h"
#include "report/diag.h"
#include "report/emit_diag.h"
#include "rules/baseline.h"
#include "rules/contracts.h"
#include "rules/ctx.h"
#include "rules/options.h"
#include "rules/rules.h"
#include "rules/suppress.h"

static const char check_usage[] =
	"usage: modscope check [PATH] [--format text|json|sarif|github]\n"
	"                      [--select R,...] [--extend-select R,...] [--ignore R,...]\n"
	"                      [--baseline FILE] [--write-baseline FILE]\n"
	"                      [--report-unused-suppressions] [--color auto|always|never]\n"
	"                      [--exit-zero] [--python P] [--path DIR]... [--jobs N]\n"
	"  R: a rule id, a prefix ending in '-' (import-), or all.\n"
	"  --select replaces the configured selection; --extend-select and --ignore\n"
	"  adjust it (the command line wins over the configuration).\n"
	"  --write-baseline records today's findings in FILE and exits 0;\n"
	"  --baseline FILE then reports only findings not recorded there.\n"
	"  exit code: 0 no findings, 1 findings, 2 usage, configuration or I/O error.\n";

struct check_opts {
	VEC(struct rule_pattern) select, extend_select, ignore;
	bool has_select;
	const char *baseline, *write_baseline;
	bool report_unused, exit_zero;
	const char *color; /* auto, always, never */
	VEC(char *) owned; /* split selector strings */
};

static void check_opts_release(struct check_opts *c)
{
	vec_release(&c->select);
	vec_release(&c->extend_select);
	vec_release(&c->ignore);
	for (size_t i = 0; i < c->owned.len; i++)
		free(c->owned.ptr[i]);
	vec_release(&c->owned);
}

/* Splits "a,b, c" into patterns appended to v. */
static void split_selectors(struct check_opts *c, void *v_, const char *arg)
{
	VEC(struct rule_pattern) *v = v_;
	const char *p = arg;
	while (*p) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		const char *s = p, *e = p + n;
		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (e > s) {
			char *word = xstrndup(s, (size_t)(e - s));
			vec_push(&c->owned, word);
			struct rule_pattern pat = { word, NULL, 0, 0 };
			vec_push(v, pat);
		}
		p += n;
		if (*p == ',')
			p++;
	}
}

/* Takes check's own options out of argv; the rest goes to cli_parse.
 * Returns 0, or -1 after printing a usage error. */
static int parse_check_opts(int argc, char **argv, struct check_opts *c, void *rest_)
{
	VEC(char *) *rest = rest_;
	vec_push(rest, argv[0]);
	bool only_args = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;
		bool takes = !strcmp(a, "--select") || !strcmp(a, "--ignore") ||
			     !strcmp(a, "--extend-select") || !strcmp(a, "--baseline") ||
			     !strcmp(a, "--write-baseline") || !strcmp(a, "--color");
		if (only_args || !takes) {
			if (!strcmp(a, "--"))
				only_args = true;
			if (!only_args && !strcmp(a, "--report-unused-suppressions")) {
				c->report_unused = true;
				continue;
			}
			if (!only_args && !strcmp(a, "--exit-zero")) {
				c->exit_zero = true;
				continue;
			}
			vec_push(rest, argv[i]);
			continue;
		}
		if (!val) {
			fprintf(stderr, "modscope: %s needs a value\n%s", a, check_usage);
			return -1;
		}
		i++;
		if (!strcmp(a, "--select")) {
			c->has_select = true;
			split_selectors(c, &c->select, val);
		} else if (!strcmp(a, "--ignore")) {
			split_selectors(c, &c->ignore, val);
		} else if (!strcmp(a, "--extend-select")) {
			split_selectors(c, &c->extend_select, val);
		} else if (!strcmp(a, "--baseline")) {
			c->baseline = val;
		} else if (!strcmp(a, "--write-baseline")) {
			c->write_baseline = val;
		} else {
			if (strcmp(val, "auto") && strcmp(val, "always") && strcmp(val, "never")) {
				fprintf(stderr, "modscope: --color takes auto, always or never, not '%s'\n%s",
					val, check_usage);
				return -1;
			}
			c->color = val;
		}
	}
	if (c->baseline && c->write_baseline) {
		fprintf(stderr, "modscope: --baseline and --write-baseline cannot be combined\n%s",
			check_usage);
		return -1;
	}
	return 0;
}

/* The command line over the configured selection: --select replaces it,
 * --extend-select adds, --ignore removes; the more specific selector wins
 * between the three, ignore on a tie. */
static int apply_cli_selection(struct rule_selection *sel, const struct check_opts *c,
			       struct buf *err)
{
	struct rule_config cfg = {
		.select = c->select.ptr, .nselect = c->select.len,
		.extend_select = c->extend_select.ptr, .nextend_select = c->extend_select.len,
		.ignore = c->ignore.ptr, .nignore = c->ignore.len,
	};
	struct rule_selection tmp;
	rule_selection_init(&tmp);
	int rc = rule_select(&tmp, &cfg, err); /* validates the ids */
	rule_selection_release(&tmp);
	if (rc < 0)
		return -1;
	const struct rule *t = rule_table();
	for (int r = 0; r < RULE_COUNT; r++)
		sel->enabled[r] = rule_selected(&cfg, c->has_select, sel->enabled[r], t[r].id);
	return 0;
}

/* path shown relative to the current folder when it is below it. */
static const char *shown(const char *path, const char *cwd)
{
	size_t n = strlen(cwd);
	if (n > 1 && !strncmp(path, cwd, n) && path[n] == '/')
		return path + n + 1;
	return path;
}

/* abs (absolute, clean) relative to cwd, with "../" steps when they share
 * more than "/" (as the analysis shows files); appended to out. */
static void relative_path(const char *abs, const char *cwd, struct buf *out)
{
	size_t common = 0;
	for (size_t i = 0; abs[i] && abs[i] == cwd[i]; i++)
		if (abs[i] == '/')
			common = i;
	if (cwd[0] && !strncmp(abs, cwd, strlen(cwd)) && abs[strlen(cwd)] == '/') {
		buf_adds(out, abs + strlen(cwd) + 1);
		return;
	}
	if (abs[0] != '/' || common == 0) {
		buf_adds(out, abs);
		return;
	}
	for (const char *p = cwd + common; *p; p++)
		if (*p == '/' && p[1])
			buf_adds(out, "../");
	buf_adds(out, abs + common + 1);
}

/* Prints a configuration or analysis error, with paths below the current
 * folder shown relative to it. */
static void print_error(const char *msg, const char *cwd)
{
	fprintf(stderr, "modscope: error: %s\n", shown(msg, cwd));
}

/* The file problems of the analysis as diagnostics of their own:
 * syntax-error for a file CPython could not compile, unreadable-file for
 * one (or a folder) that could not be read. */
static void add_file_problems(const struct analysis *a, struct diag_list *out)
{
	for (size_t i = 0; i < a->problems.len; i++) {
		const struct analysis_problem *p = &a->problems.ptr[i];
		const struct analysis_file *f = p->file ? analysis_file_by_path(a, p->file) : NULL;
		bool syntax = f && !f->read_error && f->facts.error.set;
		const char *file = p->file ? p->file : ".";
		if (syntax) {
			struct diag *d = diag_add(out, "syntax-error", DIAG_ERROR, file,
						  (int)p->line, p->line ? (int)(p->col ? p->col : 1) : 0,
						  "%s", p->message);
			diag_set_fix(out, d, "the file was not analysed past this error; "
				     "importing it raises SyntaxError");
		} else {
			diag_add(out, "unreadable-file", DIAG_ERROR, file, 0, 0, "%s", p->message);
		}
	}
}

/* The path of display file relative to the project root, for per-file
 * globs (display itself when the file is not an analysed one). */
static const char *root_relative(const struct analysis *a, const char *display)
{
	const struct analysis_file *f = NULL;
	for (size_t i = 0; i < a->files.len && !f; i++)
		if (!strcmp(a->files.ptr[i].display, display))
			f = &a->files.ptr[i];
	const char *root = a->project.root;
	size_t n = strlen(root);
	if (f && !strncmp(f->path, root, n) && f->path[n] == '/')
		return f->path + n + 1;
	return display;
}

struct keep_ctx {
	const struct analysis *a;
	const struct rule_selection *sel;
};

static bool keep_selected(const struct diag *d, void *ud)
{
	const struct keep_ctx *k = ud;
	int r = rule_index_of(d->rule);
	if (r < 0)
		return true; /* an internal message: always shown */
	return rule_enabled_for(k->sel, (enum rule_index)r, root_relative(k->a, d->file));
}

/* Applies the suppression comments of every file that has a finding (of
 * every analysed file when unused suppressions are reported). */
static void apply_suppressions(const struct analysis *a, struct diag_list *list,
			       struct diag_sources *sources, bool report_unused)
{
	struct map with_findings;
	map_init(&with_findings);
	for (size_t i = 0; i < list->items.len; i++)
		map_put(&with_findings, slice_cstr(list->items.ptr[i].file), (void *)1);
	struct diag_list unused;
	diag_list_init(&unused);
	for (size_t i = 0; i < a->files.len; i++) {
		const struct analysis_file *f = &a->files.ptr[i];
		if (f->read_error || (!report_unused && !map_get(&with_findings, slice_cstr(f->display))))
			continue;
		struct fs_file data;
		struct buf err = BUF_INIT;
		if (fs_read_file(f->path, &data, &err) < 0) {
			buf_release(&err);
			continue;
		}
		diag_sources_add(sources, f->display, data.ptr, data.len);
		suppress_span_vec spans = VEC_INIT;
		suppress_find_comments(data.ptr, data.len, &spans);
		struct suppress_file sf;
		suppress_file_init(&sf, f->display);
		if (suppress_parse(&sf, data.ptr, data.len, spans.ptr, spans.len)) {
			suppress_filter(&sf, list);
			if (report_unused)
				suppress_report_unused(&sf, &unused);
		}
		suppress_file_release(&sf);
		vec_release(&spans);
		fs_file_release(&data);
		buf_release(&err);
	}
	/* Move the unused-suppression findings into the list. */
	for (size_t i = 0; i < unused.items.len; i++) {
		const struct diag *u = &unused.items.ptr[i];
		struct diag *d = diag_add(list, u->rule, u->severity, u->file, u->line, u->col, "%s",
					  u->message);
		if (u->end_line)
			diag_set_end(d, u->end_line, u->end_col);
		if (u->fix)
			diag_set_fix(list, d, "%s", u->fix);
		for (size_t k = 0; k < u->nnotes; k++)
			diag_add_note(list, d, u->notes[k].file, u->notes[k].line, u->notes[k].col,
				      "%s", u->notes[k].message);
	}
	diag_list_release(&unused);
	map_release(&with_findings);
}

static int write_file(const char *path, const struct buf *b)
{
	FILE *fp = fopen(path, "w");
	if (!fp)
		return -1;
	bool ok = fwrite(b->ptr, 1, b->len, fp) == b->len;
	ok &= fclose(fp) == 0;
	return ok ? 0 : -1;
}

int cmd_check(int argc, char **argv)
{
	static const char *const formats[] = { "text", "json", "sarif", "github", NULL };
	struct check_opts c = { .color = "auto" };
	struct cli_opts o = { .format = "text", .formats = formats };
	VEC(char *) rest = VEC_INIT;
	struct analysis a;
	bool analysed = false;
	struct rule_selection sel;
	rule_selection_init(&sel);
	struct arena cfg_arena;
	arena_init(&cfg_arena);
	struct diag_list list;
	diag_list_init(&list);
	struct diag_sources sources;
	diag_sources_init(&sources, NULL);
	struct buf out = BUF_INIT, err = BUF_INIT, cfg_name = BUF_INIT;
	char cwd[4096];
	if (!getcwd(cwd, sizeof cwd))
		cwd[0] = '\0';
	int rc = EXIT_ERROR;

	if (parse_check_opts(argc, argv, &c, &rest) < 0)
		goto cleanup;
	int prc = cli_parse((int)rest.len, rest.ptr, check_usage, OPT_ENV | OPT_JOBS, &o);
	if (prc != 0) {
		rc = prc > 0 ? EXIT_CLEAN : EXIT_ERROR;
		goto cleanup;
	}
	if (o.args.len > 1) {
		fprintf(stderr, "modscope: check takes one PATH\n%s", check_usage);
		goto cleanup;
	}
	/* External nodes stay in the graph: contracts may forbid a third-party
	 * or stdlib module, and rules tell node kinds apart. */
	o.include_external = true;
	{
		struct analysis_options ao = {
			.python = o.python, .path = o.path.ptr, .npath = o.path.len,
			.jobs = o.jobs, .include_external = true, .no_cache = o.no_cache,
		};
		analysed = true;
		if (analysis_run(&a, o.args.len ? o.args.ptr[0] : ".", &ao, &err) < 0) {
			print_error(err.ptr, cwd);
			goto cleanup;
		}
	}

	/* The whole configuration, up front. */
	if (a.project.config_file)
		relative_path(a.project.config_file, cwd, &cfg_name);
	const char *cfg_file = a.project.config_file ? cfg_name.ptr : NULL;
	const struct toml_value *tool = a.project.tool;
	struct rule_config cfg;
	if (rule_options_validate(tool, cfg_file, &err) < 0 ||
	    rule_config_from_toml(&cfg, &cfg_arena, tool, cfg_file, &err) < 0 ||
	    rule_select(&sel, &cfg, &err) < 0) {
		print_error(err.ptr, cwd);
		goto cleanup;
	}
	{
		struct contract_set cs;
		contract_set_init(&cs);
		int crc = contract_set_parse(&cs, tool, cfg_file, &err);
		if (crc == 0)
			crc = contract_set_check_modules(&cs, &a.graph, cfg_file, &err);
		contract_set_release(&cs);
		if (crc < 0) {
			print_error(err.ptr, cwd);
			goto cleanup;
		}
	}
	if (apply_cli_selection(&sel, &c, &err) < 0) {
		fprintf(stderr, "modscope: %s\n%s", err.ptr, check_usage);
		goto cleanup;
	}
	if (c.report_unused)
		sel.enabled[RULE_UNUSED_SUPPRESSION] = true;

	/* Rules. */
	struct rule_ctx ctx = {
		.analysis = &a, .find = &a.find, .options = tool, .config_file = cfg_file,
		.sources = &sources,
	};
	const struct rule *table = rule_table();
	for (int r = 0; r < RULE_COUNT; r++)
		if (sel.enabled[r] && table[r].run)
			table[r].run(&ctx, &list);
	add_file_problems(&a, &list);

	struct keep_ctx keep = { &a, &sel };
	diag_filter(&list, keep_selected, &keep);
	apply_suppressions(&a, &list, &sources, sel.enabled[RULE_UNUSED_SUPPRESSION]);
	diag_filter(&list, keep_selected, &keep);
	diag_sort(&list);

	if (c.write_baseline) {
		baseline_format(&list, &sources, &out);
		if (write_file(c.write_baseline, &out) < 0) {
			fprintf(stderr, "modscope: error: cannot write '%s': %s\n", c.write_baseline,
				strerror(errno));
			goto cleanup;
		}
		fprintf(stderr, "modscope: wrote %zu finding%s to %s\n", list.items.len,
			list.items.len == 1 ? "" : "s", c.write_baseline);
		rc = EXIT_CLEAN;
		goto cleanup;
	}
	if (c.baseline) {
		struct baseline bl;
		baseline_init(&bl);
		if (baseline_read(&bl, c.baseline, &err) < 0) {
			print_error(err.ptr, cwd);
			baseline_release(&bl);
			goto cleanup;
		}
		baseline_filter(&bl, &list, &sources);
		baseline_release(&bl);
	}

	bool color = !strcmp(c.color, "always") ||
		     (!strcmp(c.color, "auto") && isatty(STDOUT_FILENO) &&
		      !(getenv("NO_COLOR") && getenv("NO_COLOR")[0]));
	struct buf root_uri = BUF_INIT;
	buf_adds(&root_uri, "file://");
	buf_adds(&root_uri, cwd);
	buf_adds(&root_uri, "/");
	struct emit_options eo = {
		.color = color, .version = MODSCOPE_VERSION, .root_uri = root_uri.ptr,
		.sources = &sources,
	};
	emit_diag_format_lookup(o.format)->emit(&out, &list, &eo);
	buf_release(&root_uri);
	if (cli_write(&out) < 0)
		goto cleanup;
	rc = list.items.len && !c.exit_zero ? EXIT_FINDINGS : EXIT_CLEAN;

cleanup:
	buf_release(&cfg_name);
	if (analysed)
		analysis_release(&a);
	rule_selection_release(&sel);
	arena_release(&cfg_arena);
	diag_list_release(&list);
	diag_sources_release(&sources);
	buf_release(&out);
	buf_release(&err);
	vec_release(&rest);
	cli_opts_release(&o);
	check_opts_release(&c);
	return rc;
}
