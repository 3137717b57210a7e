#include "cli/facts_run.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/fs.h"
#include "cli/cli.h"
#include "syntax/scan.h"

static void flush(struct buf *out, bool force)
{
	if (out->len && (force || out->len > (1u << 16))) {
		fwrite(out->ptr, 1, out->len, stdout);
		buf_clear(out);
	}
}

static bool scan_one(struct scanner *sc, const char *path, struct buf *out,
		     facts_emit_fn emit, bool json)
{
	struct fs_file file;
	struct buf err = BUF_INIT;
	bool ok = true;
	if (fs_read_file(path, &file, &err) < 0) {
		flush(out, true);
		fprintf(stderr, "%s: error: %s\n", path, err.ptr);
		buf_release(&err);
		return false;
	}
	struct arena arena;
	struct scan_facts facts;
	arena_init(&arena);
	if (scan_file(sc, file.ptr, file.len, &arena, &facts) < 0) {
		flush(out, true);
		fflush(stdout);
		if (facts.error.line)
			fprintf(stderr, "%s:%u:%u: error: %s\n", path, facts.error.line,
				facts.error.col, facts.error.message);
		else
			fprintf(stderr, "%s: error: %s\n", path, facts.error.message);
		ok = false;
	}
	emit(out, path, &facts, json);
	flush(out, false);
	arena_release(&arena);
	fs_file_release(&file);
	buf_release(&err);
	return ok;
}

int facts_run(int argc, char **argv, const char *usage, facts_emit_fn emit, bool want_calls)
{
	bool json = true, dashdash = false;
	int npaths = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (dashdash || a[0] != '-' || !a[1]) {
			npaths++;
			continue;
		}
		if (!strcmp(a, "--")) {
			dashdash = true;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(usage, stdout);
			return EXIT_CLEAN;
		} else if (!strcmp(a, "--format") || !strncmp(a, "--format=", 9)) {
			const char *v = a[8] == '=' ? a + 9 : (i + 1 < argc ? argv[++i] : NULL);
			if (v && !strcmp(v, "json")) {
				json = true;
			} else if (v && !strcmp(v, "text")) {
				json = false;
			} else {
				fprintf(stderr, "modscope %s: --format must be json or text\n", argv[0]);
				return EXIT_ERROR;
			}
		} else {
			fprintf(stderr, "modscope %s: unknown option '%s'\n%s", argv[0], a, usage);
			return EXIT_ERROR;
		}
	}
	if (npaths == 0) {
		fprintf(stderr, "modscope %s: no PATH given\n%s", argv[0], usage);
		return EXIT_ERROR;
	}

	struct scanner sc;
	struct buf out = BUF_INIT;
	int code = EXIT_CLEAN;
	scan_init(&sc);
	sc.skip_calls = !want_calls;
	dashdash = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!dashdash && a[0] == '-' && a[1]) {
			if (!strcmp(a, "--"))
				dashdash = true;
			else if (!strcmp(a, "--format"))
				i++;
			continue;
		}
		struct fs_walk walk = { VEC_INIT, VEC_INIT };
		fs_walk(&walk, a, ".py");
		for (size_t f = 0; f < walk.files.len; f++)
			if (!scan_one(&sc, walk.files.ptr[f], &out, emit, json))
				code = EXIT_FINDINGS;
		if (walk.errors.len) {
			flush(&out, true);
			fflush(stdout);
			code = EXIT_FINDINGS;
		}
		for (size_t e = 0; e < walk.errors.len; e++)
			fprintf(stderr, "%s: error: %s\n", walk.errors.ptr[e].path,
				walk.errors.ptr[e].message);
		fs_walk_release(&walk);
	}
	flush(&out, true);
	buf_release(&out);
	scan_release(&sc);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "modscope %s: cannot write output\n", argv[0]);
		return EXIT_ERROR;
	}
	return code;
}
