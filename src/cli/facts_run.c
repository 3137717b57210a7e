#include "cli/facts_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/fs.h"
#include "base/pool.h"
#include "base/xalloc.h"
#include "cli/cli.h"
#include "syntax/scan.h"

static void flush(struct buf *out, bool force)
{
	if (out->len && (force || out->len > (1u << 16))) {
		fwrite(out->ptr, 1, out->len, stdout);
		buf_clear(out);
	}
}

/* One file's result, produced by a worker and printed in walk order. */
struct file_result {
	const char *path;  /* borrowed from the walk */
	struct buf text;   /* what the file prints on stdout */
	struct buf err;    /* its error line for stderr, or empty */
	bool ok;
};

struct scan_ctx {
	struct file_result *results;
	struct scanner *scanners; /* one per worker */
	struct buf *sources;      /* one per worker: the file being scanned */
	facts_emit_fn emit;
	bool json;
};

static void scan_one(void *ctx, size_t index, unsigned worker)
{
	struct scan_ctx *c = ctx;
	struct file_result *r = &c->results[index];
	struct buf *src = &c->sources[worker];
	struct buf msg = BUF_INIT;
	buf_clear(&r->text);
	buf_clear(&r->err);
	r->ok = true;
	if (fs_read_into(r->path, src, &msg) < 0) {
		buf_adds(&r->err, r->path);
		buf_adds(&r->err, ": error: ");
		buf_add(&r->err, msg.ptr, msg.len);
		buf_addc(&r->err, '\n');
		buf_release(&msg);
		r->ok = false;
		return;
	}
	struct arena arena;
	struct scan_facts facts;
	arena_init(&arena);
	if (scan_file(&c->scanners[worker], src->ptr, src->len, &arena, &facts) < 0) {
		if (facts.error.line)
			buf_addf(&r->err, "%s:%u:%u: error: %s\n", r->path, facts.error.line,
				 facts.error.col, facts.error.message);
		else
			buf_addf(&r->err, "%s: error: %s\n", r->path, facts.error.message);
		r->ok = false;
	}
	c->emit(&r->text, r->path, &facts, c->json);
	arena_release(&arena);
}

/* Files scanned per round: workers fill a round's results, then they are
 * printed in order (output is the same whatever the number of jobs). */
enum { ROUND = 256 };

int facts_run(int argc, char **argv, const char *usage, facts_emit_fn emit, bool want_calls)
{
	bool json = true, dashdash = false;
	int npaths = 0;
	unsigned jobs = 0;
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
		} else if (!strcmp(a, "--jobs") || !strncmp(a, "--jobs=", 7)) {
			const char *v = a[6] == '=' ? a + 7 : (i + 1 < argc ? argv[++i] : NULL);
			char *end = NULL;
			unsigned long n = v && *v >= '0' && *v <= '9' ? strtoul(v, &end, 10) : 0;
			if (!v || !end || *end || n == 0 || n > 256) {
				fprintf(stderr, "modscope %s: --jobs takes a number from 1 to 256, not '%s'\n",
					argv[0], v ? v : "");
				return EXIT_ERROR;
			}
			jobs = (unsigned)n;
		} else {
			fprintf(stderr, "modscope %s: unknown option '%s'\n%s", argv[0], a, usage);
			return EXIT_ERROR;
		}
	}
	if (npaths == 0) {
		fprintf(stderr, "modscope %s: no PATH given\n%s", argv[0], usage);
		return EXIT_ERROR;
	}

	unsigned threads = jobs ? jobs : pool_default_threads();
	struct buf out = BUF_INIT;
	int code = EXIT_CLEAN;
	struct scan_ctx ctx = { xcalloc(ROUND, sizeof(struct file_result)),
				xcalloc(threads, sizeof(struct scanner)),
				xcalloc(threads, sizeof(struct buf)), emit, json };
	for (unsigned t = 0; t < threads; t++) {
		scan_init(&ctx.scanners[t]);
		ctx.scanners[t].imports_only = !want_calls;
		buf_init(&ctx.sources[t]);
	}
	for (size_t k = 0; k < ROUND; k++) {
		buf_init(&ctx.results[k].text);
		buf_init(&ctx.results[k].err);
	}
	dashdash = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!dashdash && a[0] == '-' && a[1]) {
			if (!strcmp(a, "--"))
				dashdash = true;
			else if (!strcmp(a, "--format") || !strcmp(a, "--jobs"))
				i++;
			continue;
		}
		struct fs_walk walk = { VEC_INIT, VEC_INIT };
		fs_walk(&walk, a, ".py");
		for (size_t f = 0; f < walk.files.len; f += ROUND) {
			size_t n = walk.files.len - f < ROUND ? walk.files.len - f : ROUND;
			for (size_t k = 0; k < n; k++)
				ctx.results[k].path = walk.files.ptr[f + k];
			pool_run(n, threads, scan_one, &ctx);
			for (size_t k = 0; k < n; k++) {
				struct file_result *r = &ctx.results[k];
				if (r->err.len) {
					flush(&out, true);
					fflush(stdout);
					fputs(r->err.ptr, stderr);
				}
				if (!r->ok)
					code = EXIT_FINDINGS;
				buf_add(&out, r->text.ptr, r->text.len);
				flush(&out, false);
			}
		}
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
	for (unsigned t = 0; t < threads; t++) {
		scan_release(&ctx.scanners[t]);
		buf_release(&ctx.sources[t]);
	}
	for (size_t k = 0; k < ROUND; k++) {
		buf_release(&ctx.results[k].text);
		buf_release(&ctx.results[k].err);
	}
	free(ctx.scanners);
	free(ctx.sources);
	free(ctx.results);
	flush(&out, true);
	buf_release(&out);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "modscope %s: cannot write output\n", argv[0]);
		return EXIT_ERROR;
	}
	return code;
}
