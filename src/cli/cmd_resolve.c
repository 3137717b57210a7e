/* modscope resolve MODULE... [--python P] [--path DIR]... [--from FILE]
 *                 [--no-cache] [--format json|text]
 * One spec per name, found as importlib would (docs/resolve.md). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "cli/cli.h"
#include "env/env.h"
#include "find/find.h"
#include "report/json.h"

static const char resolve_usage[] =
	"usage: modscope resolve MODULE... [--python P] [--path DIR]... [--from FILE]\n"
	"                        [--no-cache] [--format json|text]\n"
	"  MODULE '-' reads names from standard input, one per line.\n";

static void spec_json(struct buf *out, const char *module, const struct find_spec *s,
		      const char *error)
{
	buf_adds(out, "{\"module\": ");
	json_cstr(out, module);
	if (!s || !s->found) {
		buf_adds(out, ", \"found\": false");
		if (error) {
			buf_adds(out, ", \"error\": ");
			json_cstr(out, error);
		}
		buf_adds(out, "}\n");
		return;
	}
	buf_adds(out, ", \"found\": true, \"kind\": ");
	json_cstr(out, find_kind_name(s->kind));
	buf_addf(out, ", \"package\": %s, \"origin\": ", s->is_package ? "true" : "false");
	json_cstr(out, s->origin);
	buf_adds(out, ", \"search_locations\": ");
	if (!s->search_locations) {
		buf_adds(out, "null");
	} else {
		json_cstr_array(out, s->search_locations, s->nsearch_locations);
	}
	buf_adds(out, "}\n");
}

static void spec_text(struct buf *out, const char *module, const struct find_spec *s,
		      const char *error, const struct buf *trace)
{
	buf_addsl(out, buf_slice(trace));
	if (!s || !s->found) {
		buf_addf(out, "=> %s: not found: %s\n\n", module, error ? error : "");
		return;
	}
	buf_addf(out, "=> %s: %s%s via %s", module, find_kind_name(s->kind),
		 s->is_package ? " package" : " module", s->finder);
	if (s->origin)
		buf_addf(out, ", origin %s", s->origin);
	if (s->search_locations) {
		buf_adds(out, ", __path__ [");
		for (size_t i = 0; i < s->nsearch_locations; i++)
			buf_addf(out, "%s%s", i ? ", " : "", s->search_locations[i]);
		buf_addc(out, ']');
	}
	buf_adds(out, "\n\n");
}

typedef VEC(char *) name_vec;

/* Reads names from stdin, one per line (blank lines skipped). */
static void read_names(name_vec *names, struct buf *storage)
{
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
		buf_add(storage, chunk, n);
	char *p = storage->ptr;
	while (p && *p) {
		char *e = strchr(p, '\n');
		if (e)
			*e = '\0';
		size_t len = strlen(p);
		if (len && p[len - 1] == '\r')
			p[--len] = '\0';
		if (len)
			vec_push(names, p);
		p = e ? e + 1 : NULL;
	}
}

int cmd_resolve(int argc, char **argv)
{
	struct env_options o = { 0 };
	const char *format = "json", *from = NULL;
	VEC(const char *) path = VEC_INIT;
	name_vec names = VEC_INIT;
	struct buf stdin_names = BUF_INIT, err = BUF_INIT, out = BUF_INIT, trace = BUF_INIT,
		   abs = BUF_INIT, rerr = BUF_INIT;
	int rc = EXIT_ERROR;
	bool env_loaded = false, want_stdin = false, options_done = false;
	struct env e;
	struct find f;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (options_done || a[0] != '-' || (a[1] == '.' ) || !strcmp(a, "-")) {
			if (!strcmp(a, "-") && !options_done)
				want_stdin = true;
			else
				vec_push(&names, argv[i]);
		} else if (!strcmp(a, "--")) {
			options_done = true;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(resolve_usage, stdout);
			rc = EXIT_CLEAN;
			goto cleanup;
		} else if (!strcmp(a, "--no-cache")) {
			o.no_cache = true;
		} else if (i + 1 < argc && !strcmp(a, "--python")) {
			o.python = argv[++i];
		} else if (i + 1 < argc && !strcmp(a, "--format")) {
			format = argv[++i];
		} else if (i + 1 < argc && !strcmp(a, "--path")) {
			vec_push(&path, argv[++i]);
		} else if (i + 1 < argc && !strcmp(a, "--from")) {
			from = argv[++i];
		} else {
			fprintf(stderr, "modscope resolve: unknown or incomplete option '%s'\n%s", a,
				resolve_usage);
			goto cleanup;
		}
	}
	if (strcmp(format, "json") && strcmp(format, "text")) {
		fprintf(stderr, "modscope resolve: unknown format '%s' (json or text)\n", format);
		goto cleanup;
	}
	if (want_stdin)
		read_names(&names, &stdin_names);
	if (!names.len) {
		fprintf(stderr, "modscope resolve: no module name given\n%s", resolve_usage);
		goto cleanup;
	}
	if (from) {
		FILE *ff = fopen(from, "rb");
		if (!ff) {
			fprintf(stderr, "modscope resolve: cannot read '%s': %s\n", from, strerror(errno));
			goto cleanup;
		}
		fclose(ff);
	}
	o.path = path.ptr;
	o.npath = path.len;
	env_loaded = true;
	if (env_load(&e, &o, &err) < 0) {
		fprintf(stderr, "modscope resolve: %s\n", err.ptr);
		goto cleanup;
	}
	bool text = !strcmp(format, "text");
	size_t unmodelled = 0;
	for (size_t i = 0; i < e.warnings.len; i++) {
		const struct env_warning *w = &e.warnings.ptr[i];
		if (text) {
			fprintf(stderr, "modscope resolve: warning: %s%s", w->file ? w->file : "",
				w->file ? ":" : "");
			if (w->line)
				fprintf(stderr, "%d:", w->line);
			fprintf(stderr, " %s\n", w->message);
		} else {
			unmodelled++;
		}
	}
	if (unmodelled)
		fprintf(stderr, "modscope resolve: warning: %zu note(s) about the environment "
			"(e.g. .pth import lines not executed, finders they install not modelled); "
			"see 'modscope env'\n", unmodelled);
	find_init(&f, &e);
	bool all_found = true;
	for (size_t i = 0; i < names.len; i++) {
		const char *name = names.ptr[i];
		buf_clear(&abs);
		buf_clear(&rerr);
		buf_clear(&trace);
		const struct find_spec *s = NULL;
		const char *module = name;
		if (name[0] == '.') {
			if (find_relative(&f, name, from, &abs, &rerr) == 0)
				module = abs.ptr;
		}
		if (!rerr.len)
			s = find_module(&f, module, text ? &trace : NULL);
		const char *error = rerr.len ? rerr.ptr : NULL;
		if (s && !s->found && !s->name[0])
			error = s->error; /* "Empty module name" */
		if (!s || !s->found)
			all_found = false;
		if (text)
			spec_text(&out, module, s, error ? error : (s ? s->error : NULL), &trace);
		else
			spec_json(&out, module, s, error);
		if (out.len > (1u << 16)) {
			fwrite(out.ptr, 1, out.len, stdout);
			buf_clear(&out);
		}
	}
	fwrite(out.ptr, 1, out.len, stdout);
	for (size_t i = 0; i < f.diags.len; i++)
		fprintf(stderr, "modscope resolve: warning: %s: %s\n", f.diags.ptr[i].path,
			f.diags.ptr[i].message);
	find_release(&f);
	rc = all_found ? EXIT_CLEAN : EXIT_FINDINGS;
cleanup:
	if (env_loaded)
		env_release(&e);
	vec_release(&path);
	vec_release(&names);
	buf_release(&stdin_names);
	buf_release(&err);
	buf_release(&out);
	buf_release(&trace);
	buf_release(&abs);
	buf_release(&rerr);
	return rc;
}
