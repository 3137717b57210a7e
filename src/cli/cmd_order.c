/* modscope order ENTRY [--script FILE] [--python P] [--path DIR]... [--deep]
 *                [--no-cache] [--format json|text]
 * Predicts `python -c "import ENTRY"` run from the current directory (or
 * `python FILE`): the order modules start executing and the first failure,
 * with CPython's message (docs/order.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/vec.h"
#include "cli/cli.h"
#include "env/env.h"
#include "find/find.h"
#include "report/json.h"
#include "sim/sim.h"

static const char order_usage[] =
	"usage: modscope order ENTRY [--python P] [--path DIR]... [--deep] [--format json|text]\n"
	"       modscope order --script FILE [--python P] [--path DIR]... [--deep] [--format json|text]\n"
	"  Predicts `python -c \"import ENTRY\"` run here (or `python FILE`) without running it.\n"
	"  ENTRY '-' reads entries from standard input, one per line (one JSON line each).\n"
	"  --deep  also simulate the standard library and third-party modules.\n"
	"  exit code: 0 ok or unknown, 1 a predicted error, 2 usage, configuration or I/O error.\n";

/* A path relative to cwd when below it. */
static void rel(struct buf *out, const char *path, const char *cwd)
{
	size_t n = strlen(cwd);
	if (path && n && !strncmp(path, cwd, n) && path[n] == '/')
		buf_adds(out, path + n + 1);
	else if (path)
		buf_adds(out, path);
}

static void json_path(struct buf *out, const char *path, const char *cwd)
{
	if (!path) {
		buf_adds(out, "null");
		return;
	}
	struct buf r = BUF_INIT;
	rel(&r, path, cwd);
	json_cstr(out, r.ptr);
	buf_release(&r);
}

static void json_or_null(struct buf *out, const char *s)
{
	if (s)
		json_cstr(out, s);
	else
		buf_adds(out, "null");
}

static void result_json(struct buf *out, const char *entry, const struct sim_result *res,
			const char *cwd)
{
	buf_adds(out, "{\"entry\": ");
	json_cstr(out, entry);
	buf_adds(out, ", \"order\": [");
	for (size_t i = 0; i < res->order.len; i++) {
		if (i)
			buf_adds(out, ", ");
		json_cstr(out, res->order.ptr[i]);
	}
	buf_adds(out, "], \"outcome\": ");
	json_cstr(out, sim_outcome_name(res->outcome));
	buf_adds(out, ", \"error\": ");
	if (res->outcome == SIM_ERROR) {
		buf_adds(out, "{\"type\": ");
		json_cstr(out, res->error.type);
		buf_adds(out, ", \"module\": ");
		json_or_null(out, res->error.module);
		buf_adds(out, ", \"name\": ");
		json_or_null(out, res->error.name);
		buf_adds(out, ", \"message\": ");
		json_cstr(out, res->error.message);
		buf_adds(out, ", \"file\": ");
		json_path(out, res->error.file, cwd);
		if (res->error.file)
			buf_addf(out, ", \"line\": %u}", res->error.line);
		else
			buf_adds(out, ", \"line\": null}");
	} else {
		buf_adds(out, "null");
	}
	buf_adds(out, ", \"chain\": [");
	for (size_t i = 0; i < res->chain.len; i++) {
		const struct sim_frame *fr = &res->chain.ptr[i];
		buf_adds(out, i ? ", {\"module\": " : "{\"module\": ");
		json_cstr(out, fr->module);
		buf_adds(out, ", \"file\": ");
		json_path(out, fr->file, cwd);
		buf_addf(out, ", \"line\": %u}", fr->line);
	}
	buf_adds(out, "], \"reason\": ");
	if (res->outcome == SIM_UNKNOWN) {
		struct buf r = BUF_INIT;
		if (res->reason_file) {
			rel(&r, res->reason_file, cwd);
			if (res->reason_line)
				buf_addf(&r, ":%u", res->reason_line);
			buf_adds(&r, ": ");
		}
		buf_adds(&r, res->reason ? res->reason : "");
		json_cstr(out, r.ptr);
		buf_release(&r);
	} else {
		buf_adds(out, "null");
	}
	buf_adds(out, "}\n");
}

static void result_text(struct buf *out, const char *entry, const struct sim_result *res,
			const char *cwd)
{
	buf_addf(out, "%s: %s\norder:", entry, sim_outcome_name(res->outcome));
	for (size_t i = 0; i < res->order.len; i++)
		buf_addf(out, " %s", res->order.ptr[i]);
	buf_addc(out, '\n');
	if (res->outcome == SIM_ERROR) {
		for (size_t i = 0; i < res->chain.len; i++) {
			buf_adds(out, "  ");
			rel(out, res->chain.ptr[i].file, cwd);
			buf_addf(out, ":%u  (%s)\n", res->chain.ptr[i].line, res->chain.ptr[i].module);
		}
		buf_addf(out, "%s: %s\n", res->error.type, res->error.message);
	} else if (res->outcome == SIM_UNKNOWN) {
		for (size_t i = 0; i < res->chain.len; i++) {
			buf_adds(out, "  ");
			rel(out, res->chain.ptr[i].file, cwd);
			buf_addf(out, ":%u  (%s)\n", res->chain.ptr[i].line, res->chain.ptr[i].module);
		}
		buf_adds(out, "unknown: ");
		if (res->reason_file) {
			rel(out, res->reason_file, cwd);
			if (res->reason_line)
				buf_addf(out, ":%u", res->reason_line);
			buf_adds(out, ": ");
		}
		buf_addf(out, "%s\n", res->reason ? res->reason : "");
	}
}

int cmd_order(int argc, char **argv)
{
	const char *format = "json", *script = NULL, *python = NULL, *entry = NULL;
	bool deep = false, no_cache = false;
	VEC(const char *) path = VEC_INIT;
	struct buf err = BUF_INIT, out = BUF_INIT, abs = BUF_INIT, dir = BUF_INIT;
	int rc = EXIT_ERROR;
	bool env_loaded = false, find_ready = false;
	struct env e;
	struct find f;
	struct sim *s = NULL;
	char *cwd = getcwd(NULL, 0);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;
		if (a[0] != '-' || !strcmp(a, "-")) {
			if (entry) {
				fprintf(stderr, "modscope order: one ENTRY only\n%s", order_usage);
				goto cleanup;
			}
			entry = a;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(order_usage, stdout);
			rc = EXIT_CLEAN;
			goto cleanup;
		} else if (!strcmp(a, "--deep")) {
			deep = true;
		} else if (!strcmp(a, "--no-cache")) {
			no_cache = true;
		} else if (val && !strcmp(a, "--format")) {
			format = argv[++i];
		} else if (val && !strcmp(a, "--python")) {
			python = argv[++i];
		} else if (val && !strcmp(a, "--path")) {
			vec_push(&path, argv[++i]);
		} else if (val && !strcmp(a, "--script")) {
			script = argv[++i];
		} else {
			fprintf(stderr, "modscope order: unknown or incomplete option '%s'\n%s", a, order_usage);
			goto cleanup;
		}
	}
	if (strcmp(format, "json") && strcmp(format, "text")) {
		fprintf(stderr, "modscope order: unknown format '%s' (json or text)\n", format);
		goto cleanup;
	}
	if (!!entry == !!script) {
		fprintf(stderr, "modscope order: give either ENTRY or --script FILE\n%s", order_usage);
		goto cleanup;
	}
	if (!cwd) {
		fprintf(stderr, "modscope order: error: cannot read the current directory\n");
		goto cleanup;
	}
	/* sys.path[0]: the current directory for -c, the script's directory */
	if (script) {
		env_abspath(&abs, script);
		FILE *fp = fopen(abs.ptr, "rb");
		if (!fp) {
			fprintf(stderr, "modscope order: error: cannot read '%s'\n", script);
			goto cleanup;
		}
		fclose(fp);
		const char *slash = strrchr(abs.ptr, '/');
		buf_add(&dir, abs.ptr, slash && slash != abs.ptr ? (size_t)(slash - abs.ptr) : 1);
	} else {
		buf_adds(&dir, cwd);
	}
	VEC(const char *) full = VEC_INIT;
	vec_push(&full, dir.ptr);
	for (size_t i = 0; i < path.len; i++)
		vec_push(&full, path.ptr[i]);
	struct env_options eo = { .python = python, .project_root = cwd, .path = full.ptr,
				  .npath = full.len, .no_cache = no_cache };
	env_loaded = true;
	int lrc = env_load(&e, &eo, &err);
	vec_release(&full);
	if (lrc < 0) {
		fprintf(stderr, "modscope order: error: %s\n", err.ptr);
		goto cleanup;
	}
	find_init(&f, &e);
	find_ready = true;
	struct sim_options so = { .local_root = dir.ptr, .deep = deep };
	s = sim_new(&e, &f, &so);
	struct sim_result res;
	if (script) {
		sim_run_script(s, abs.ptr, &res);
		if (!strcmp(format, "json"))
			result_json(&out, script, &res, cwd);
		else
			result_text(&out, script, &res, cwd);
		fwrite(out.ptr, 1, out.len, stdout);
		rc = fflush(stdout) ? EXIT_ERROR : res.outcome == SIM_ERROR ? EXIT_FINDINGS : EXIT_CLEAN;
		sim_result_release(&res);
		goto cleanup;
	}
	/* ENTRY '-': one entry per line of standard input, each predicted as if
	 * alone (the state after importing a top-level package is shared) */
	bool batch = !strcmp(entry, "-");
	char *line = NULL;
	size_t cap = 0;
	bool any_error = false;
	rc = EXIT_CLEAN;
	for (;;) {
		const char *name = entry;
		if (batch) {
			ssize_t n = getline(&line, &cap, stdin);
			if (n < 0)
				break;
			while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' '))
				line[--n] = '\0';
			if (!n)
				continue;
			name = line;
		}
		sim_run_import(s, name, batch, &res);
		if (!strcmp(format, "json"))
			result_json(&out, name, &res, cwd);
		else
			result_text(&out, name, &res, cwd);
		any_error |= res.outcome == SIM_ERROR;
		sim_result_release(&res);
		if (out.len > 65536 || !batch) {
			fwrite(out.ptr, 1, out.len, stdout);
			buf_clear(&out);
		}
		if (!batch)
			break;
	}
	free(line);
	fwrite(out.ptr, 1, out.len, stdout);
	rc = fflush(stdout) ? EXIT_ERROR : any_error ? EXIT_FINDINGS : EXIT_CLEAN;
cleanup:
	sim_free(s);
	if (find_ready)
		find_release(&f);
	if (env_loaded)
		env_release(&e);
	vec_release(&path);
	buf_release(&err);
	buf_release(&out);
	buf_release(&abs);
	buf_release(&dir);
	free(cwd);
	return rc;
}
