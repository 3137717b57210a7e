/* modscope imports PATH... [--format json|text]: one record per import
 * (docs/facts.md). */
#include "base/buf.h"
#include "cli/cli.h"
#include "cli/facts_run.h"
#include "report/json.h"

static const char usage[] =
	"usage: modscope imports PATH... [--format json|text] [--jobs N]\n"
	"\n"
	"Lists every import of the Python files under PATH (files, or directories\n"
	"walked for *.py): import, from, lazy forms, and __import__/import_module\n"
	"calls with a literal name, with their scope and guards.\n"
	"JSON: one object per import, in file order then source order.\n"
	"--jobs N scans with N threads (default: one per core); the output is\n"
	"the same for any N.\n"
	"Exit: 0 clean, 1 when a file is unreadable or has a syntax error, 2 usage.\n";

static void add_module(struct buf *out, const struct scan_import *r)
{
	for (uint32_t i = 0; i < r->level; i++)
		buf_addc(out, '.');
	if (r->module.ptr)
		buf_addsl(out, r->module);
}

/* file is the JSON string of the file's path, escaped once per file. */
static void emit_json(struct buf *out, struct slice file, const struct scan_import *r)
{
	buf_adds(out, "{\"file\": ");
	buf_addsl(out, file);
	/* no printf: this runs once per import of the tree */
	buf_adds(out, ", \"line\": ");
	buf_addu(out, r->line);
	buf_adds(out, ", \"col\": ");
	buf_addu(out, r->col);
	buf_adds(out, ", \"kind\": \"");
	buf_adds(out, scan_import_kind_name(r->kind));
	buf_adds(out, "\", \"module\": ");
	if (r->module.ptr)
		json_str(out, r->module);
	else
		buf_adds(out, "null");
	buf_adds(out, ", \"level\": ");
	buf_addu(out, r->level);
	buf_adds(out, ", \"names\": [");
	for (uint32_t i = 0; i < r->nnames; i++) {
		buf_adds(out, i ? ", {\"name\": " : "{\"name\": ");
		json_str(out, r->names[i].name);
		buf_adds(out, ", \"asname\": ");
		if (r->names[i].asname.ptr)
			json_str(out, r->names[i].asname);
		else
			buf_adds(out, "null");
		buf_addc(out, '}');
	}
	buf_adds(out, "], \"scope\": \"");
	buf_adds(out, scan_scope_name(r->scope));
	buf_adds(out, "\", \"guards\": [");
	for (uint32_t g = 0; g < r->nguards; g++) {
		const struct scan_guard *gd = r->guards[g];
		buf_adds(out, g ? ", {\"kind\": \"" : "{\"kind\": \"");
		buf_adds(out, scan_guard_kind_name(gd->kind));
		buf_addc(out, '"');
		if (gd->kind == SCAN_GUARD_TRY || gd->kind == SCAN_GUARD_EXCEPT) {
			buf_adds(out, ", \"catches\": [");
			for (uint32_t c = 0; c < gd->ncatches; c++) {
				if (c)
					buf_adds(out, ", ");
				json_str(out, gd->catches[c]);
			}
			buf_addc(out, ']');
		}
		buf_addc(out, '}');
	}
	buf_addc(out, ']');
	if (r->kind == SCAN_DYNAMIC) {
		buf_adds(out, ", \"package\": ");
		if (r->package.ptr)
			json_str(out, r->package);
		else
			buf_adds(out, "null");
	}
	buf_adds(out, "}\n");
}

static void emit_text(struct buf *out, const char *path, const struct scan_import *r)
{
	buf_adds(out, path);
	buf_addc(out, ':');
	buf_addu(out, r->line);
	buf_addc(out, ':');
	buf_addu(out, r->col);
	buf_adds(out, ": ");
	buf_adds(out, scan_import_kind_name(r->kind));
	buf_addc(out, ' ');
	if (r->kind == SCAN_FROM || r->kind == SCAN_LAZY_FROM || r->kind == SCAN_DYNAMIC) {
		add_module(out, r);
		if (r->kind != SCAN_DYNAMIC)
			buf_adds(out, " import ");
	}
	for (uint32_t i = 0; i < r->nnames; i++) {
		if (i)
			buf_adds(out, ", ");
		buf_addsl(out, r->names[i].name);
		if (r->names[i].asname.ptr) {
			buf_adds(out, " as ");
			buf_addsl(out, r->names[i].asname);
		}
	}
	if (r->kind == SCAN_DYNAMIC && r->package.ptr) {
		buf_adds(out, " package=");
		buf_addsl(out, r->package);
	}
	buf_adds(out, " [");
	buf_adds(out, scan_scope_name(r->scope));
	buf_addc(out, ']');
	if (r->nguards) {
		buf_adds(out, " [");
		for (uint32_t g = 0; g < r->nguards; g++) {
			const struct scan_guard *gd = r->guards[g];
			buf_addf(out, "%s%s", g ? " > " : "", scan_guard_kind_name(gd->kind));
			if (gd->kind == SCAN_GUARD_TRY || gd->kind == SCAN_GUARD_EXCEPT) {
				buf_addc(out, '(');
				for (uint32_t c = 0; c < gd->ncatches; c++) {
					if (c)
						buf_addc(out, ',');
					buf_addsl(out, gd->catches[c]);
				}
				buf_addc(out, ')');
			}
		}
		buf_addc(out, ']');
	}
	buf_addc(out, '\n');
}

static void emit(struct buf *out, const char *path, const struct scan_facts *f, bool json)
{
	if (!json) {
		for (size_t i = 0; i < f->nimports; i++)
			emit_text(out, path, &f->imports[i]);
		return;
	}
	struct buf file = BUF_INIT;
	if (f->nimports)
		json_cstr(&file, path);
	for (size_t i = 0; i < f->nimports; i++)
		emit_json(out, buf_slice(&file), &f->imports[i]);
	buf_release(&file);
}

int cmd_imports(int argc, char **argv)
{
	return facts_run(argc, argv, usage, emit, false);
}
