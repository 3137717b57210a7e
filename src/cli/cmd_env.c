/* modscope env [--python P] [--path DIR]... [--no-cache] [--format json|text]
 * Prints the modelled environment (docs/env.md). */
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "cli/cli.h"
#include "env/env.h"
#include "report/json.h"

static const char env_usage[] =
	"usage: modscope env [--python P] [--path DIR]... [--no-cache] [--format json|text]\n";

#define STR_ARRAY(out, vec) json_cstr_array((out), (vec).ptr, (vec).len)

static void env_json(const struct env *e, struct buf *out)
{
	const struct { const char *key, *value; } fields[] = {
		{ "executable", e->executable },
		{ "implementation", e->implementation },
		{ "version", e->version },
		{ "prefix", e->prefix },
		{ "base_prefix", e->base_prefix },
		{ "exec_prefix", e->exec_prefix },
		{ "base_exec_prefix", e->base_exec_prefix },
		{ "stdlib_dir", e->stdlib_dir },
	};
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		buf_adds(out, i ? ", \"" : "{\"");
		buf_adds(out, fields[i].key);
		buf_adds(out, "\": ");
		json_cstr(out, fields[i].value);
	}
	buf_adds(out, ", \"venv\": ");
	if (e->pyvenv_cfg) {
		buf_adds(out, "{\"pyvenv_cfg\": ");
		json_cstr(out, e->pyvenv_cfg);
		buf_adds(out, ", \"home\": ");
		json_cstr(out, e->venv_home);
		buf_addf(out, ", \"include_system_site_packages\": %s}",
			 e->system_site_packages ? "true" : "false");
	} else {
		buf_adds(out, "null");
	}
	buf_adds(out, ", \"user_site\": ");
	json_cstr(out, e->user_site);
	buf_addf(out, ", \"user_site_enabled\": %s", e->user_site_enabled ? "true" : "false");
	buf_adds(out, ", \"sys_path\": ");
	STR_ARRAY(out, e->sys_path);
	buf_adds(out, ", \"builtin_modules\": ");
	STR_ARRAY(out, e->builtin_modules);
	buf_adds(out, ", \"frozen_modules\": [");
	for (size_t i = 0; i < e->frozen_modules.len; i++) {
		if (i)
			buf_adds(out, ", ");
		json_cstr(out, e->frozen_modules.ptr[i].name);
	}
	buf_addf(out, "], \"frozen_modules_enabled\": %s", e->frozen_modules_enabled ? "true" : "false");
	buf_adds(out, ", \"extension_suffixes\": ");
	STR_ARRAY(out, e->extension_suffixes);
	buf_adds(out, ", \"source_suffixes\": ");
	STR_ARRAY(out, e->source_suffixes);
	buf_adds(out, ", \"bytecode_suffixes\": ");
	STR_ARRAY(out, e->bytecode_suffixes);
	buf_adds(out, ", \"pth_files\": [");
	for (size_t i = 0; i < e->pth_files.len; i++) {
		const struct env_pth *p = &e->pth_files.ptr[i];
		buf_adds(out, i ? ", {\"path\": " : "{\"path\": ");
		json_cstr(out, p->path);
		buf_adds(out, ", \"entries\": ");
		STR_ARRAY(out, p->entries);
		buf_adds(out, ", \"imports\": [");
		for (size_t j = 0; j < p->imports.len; j++) {
			const struct env_pth_import *im = &p->imports.ptr[j];
			buf_addf(out, "%s{\"line\": %d, \"code\": ", j ? ", " : "", im->line);
			json_cstr(out, im->code);
			buf_adds(out, ", \"modelled\": ");
			json_cstr(out, im->modelled);
			buf_addc(out, '}');
		}
		buf_adds(out, "]}");
	}
	buf_adds(out, "], \"editable_finders\": [");
	for (size_t i = 0; i < e->editables.len; i++) {
		const struct env_editable *ed = &e->editables.ptr[i];
		buf_adds(out, i ? ", {\"pth\": " : "{\"pth\": ");
		json_cstr(out, ed->pth);
		buf_adds(out, ", \"finder\": ");
		json_cstr(out, ed->file);
		buf_adds(out, ", \"mapping\": {");
		for (size_t j = 0; j < ed->mapping.len; j++) {
			if (j)
				buf_adds(out, ", ");
			json_cstr(out, ed->mapping.ptr[j].name);
			buf_adds(out, ": ");
			json_cstr(out, ed->mapping.ptr[j].path);
		}
		buf_addf(out, "}, \"namespaces\": %s}", ed->has_namespaces ? "true" : "false");
	}
	buf_adds(out, "], \"warnings\": [");
	for (size_t i = 0; i < e->warnings.len; i++) {
		const struct env_warning *w = &e->warnings.ptr[i];
		buf_adds(out, i ? ", {\"file\": " : "{\"file\": ");
		json_cstr(out, w->file);
		buf_addf(out, ", \"line\": %d, \"message\": ", w->line);
		json_cstr(out, w->message);
		buf_addc(out, '}');
	}
	buf_adds(out, "], \"cache\": ");
	json_cstr(out, e->cache);
	buf_adds(out, "}\n");
}

static void env_text(const struct env *e, struct buf *out)
{
	buf_addf(out, "interpreter  %s (%s %s)\n", e->executable, e->implementation, e->version);
	buf_addf(out, "prefix       %s\nbase_prefix  %s\n", e->prefix, e->base_prefix);
	if (e->pyvenv_cfg)
		buf_addf(out, "venv         %s (system site-packages: %s)\n", e->pyvenv_cfg,
			 e->system_site_packages ? "yes" : "no");
	buf_addf(out, "user site    %s (%s)\n", e->user_site, e->user_site_enabled ? "enabled" : "disabled");
	buf_addf(out, "builtin      %zu modules, frozen %zu modules (%s)\n", e->builtin_modules.len,
		 e->frozen_modules.len, e->frozen_modules_enabled ? "on" : "off");
	buf_adds(out, "sys.path:\n");
	for (size_t i = 0; i < e->sys_path.len; i++)
		buf_addf(out, "  %s\n", e->sys_path.ptr[i]);
	for (size_t i = 0; i < e->pth_files.len; i++) {
		const struct env_pth *p = &e->pth_files.ptr[i];
		buf_addf(out, ".pth %s: %zu path entries, %zu import lines\n", p->path, p->entries.len,
			 p->imports.len);
	}
}

int cmd_env(int argc, char **argv)
{
	struct env_options o = { 0 };
	const char *format = "json";
	VEC(const char *) path = VEC_INIT;
	int rc = EXIT_ERROR;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(env_usage, stdout);
			rc = EXIT_CLEAN;
			goto cleanup;
		} else if (!strcmp(a, "--no-cache")) {
			o.no_cache = true;
		} else if ((!strcmp(a, "--python") || !strcmp(a, "--format") || !strcmp(a, "--path")) &&
			   i + 1 < argc) {
			const char *v = argv[++i];
			if (a[2] == 'p' && a[3] == 'y')
				o.python = v;
			else if (a[2] == 'f')
				format = v;
			else
				vec_push(&path, v);
		} else {
			fprintf(stderr, "modscope env: unknown or incomplete option '%s'\n%s", a, env_usage);
			goto cleanup;
		}
	}
	if (strcmp(format, "json") && strcmp(format, "text")) {
		fprintf(stderr, "modscope env: unknown format '%s' (json or text)\n", format);
		goto cleanup;
	}
	o.path = path.ptr;
	o.npath = path.len;
	struct env e;
	struct buf err = BUF_INIT, out = BUF_INIT;
	if (env_load(&e, &o, &err) < 0) {
		fprintf(stderr, "modscope env: %s\n", err.ptr);
	} else {
		if (!strcmp(format, "json"))
			env_json(&e, &out);
		else
			env_text(&e, &out);
		fwrite(out.ptr, 1, out.len, stdout);
		if (!strcmp(format, "text"))
			for (size_t i = 0; i < e.warnings.len; i++) {
				const struct env_warning *w = &e.warnings.ptr[i];
				fprintf(stderr, "modscope env: warning: %s%s", w->file ? w->file : "", w->file ? ":" : "");
				if (w->line)
					fprintf(stderr, "%d:", w->line);
				fprintf(stderr, " %s\n", w->message);
			}
		rc = EXIT_CLEAN;
	}
	env_release(&e);
	buf_release(&err);
	buf_release(&out);
cleanup:
	vec_release(&path);
	return rc;
}
