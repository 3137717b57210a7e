/* modscope facts PATH... [--format json|text]: one object per file with its
 * bindings, __all__, module __getattr__, import-time calls and first syntax
 * error (docs/facts.md). */
#include "base/buf.h"
#include "cli/cli.h"
#include "cli/facts_run.h"
#include "report/json.h"

static const char usage[] =
	"usage: modscope facts PATH... [--format json|text] [--jobs N]\n"
	"\n"
	"Prints the module facts of the Python files under PATH: names bound in\n"
	"the module namespace in execution order, a literal __all__, whether a\n"
	"module __getattr__ exists, calls run at import time, and the first\n"
	"syntax error as CPython reports it.\n"
	"JSON: one object per file, in walk order.\n"
	"--jobs N scans with N threads (default: one per core); the output is\n"
	"the same for any N.\n"
	"Exit: 0 clean, 1 when a file is unreadable or has a syntax error, 2 usage.\n";

static void emit_json(struct buf *out, const char *path, const struct scan_facts *f)
{
	buf_adds(out, "{\"file\": ");
	json_cstr(out, path);
	buf_adds(out, ", \"error\": ");
	if (f->error.set) {
		buf_addf(out, "{\"line\": %u, \"col\": %u, \"message\": ", f->error.line, f->error.col);
		json_cstr(out, f->error.message);
		buf_addc(out, '}');
	} else {
		buf_adds(out, "null");
	}
	buf_adds(out, ", \"bindings\": [");
	for (size_t i = 0; i < f->nbindings; i++) {
		buf_adds(out, i ? ", {\"name\": " : "{\"name\": ");
		json_str(out, f->bindings[i].name);
		buf_addf(out, ", \"line\": %u, \"kind\": \"%s\"}", f->bindings[i].line,
			 scan_binding_kind_name(f->bindings[i].kind));
	}
	buf_adds(out, "], \"all\": ");
	if (f->has_all) {
		buf_addc(out, '[');
		for (size_t i = 0; i < f->nall; i++) {
			if (i)
				buf_adds(out, ", ");
			json_str(out, f->all[i]);
		}
		buf_addc(out, ']');
	} else {
		buf_adds(out, "null");
	}
	buf_addf(out, ", \"getattr\": %s, \"calls\": [", f->has_getattr ? "true" : "false");
	for (size_t i = 0; i < f->ncalls; i++) {
		buf_adds(out, i ? ", {\"callee\": " : "{\"callee\": ");
		json_str(out, f->calls[i].callee);
		buf_addf(out, ", \"line\": %u, \"col\": %u}", f->calls[i].line, f->calls[i].col);
	}
	buf_adds(out, "]}\n");
}

static void emit_text(struct buf *out, const char *path, const struct scan_facts *f)
{
	buf_addf(out, "%s:\n", path);
	if (f->error.set)
		buf_addf(out, "  error %u:%u: %s\n", f->error.line, f->error.col, f->error.message);
	for (size_t i = 0; i < f->nbindings; i++)
		buf_addf(out, "  %u: %s %.*s\n", f->bindings[i].line,
			 scan_binding_kind_name(f->bindings[i].kind),
			 (int)f->bindings[i].name.len, f->bindings[i].name.ptr);
	if (f->has_all) {
		buf_adds(out, "  __all__:");
		for (size_t i = 0; i < f->nall; i++)
			buf_addf(out, " %.*s", (int)f->all[i].len, f->all[i].ptr);
		buf_addc(out, '\n');
	}
	if (f->has_getattr)
		buf_adds(out, "  module __getattr__\n");
	for (size_t i = 0; i < f->ncalls; i++)
		buf_addf(out, "  %u:%u: call %.*s()\n", f->calls[i].line, f->calls[i].col,
			 (int)f->calls[i].callee.len, f->calls[i].callee.ptr);
}

static void emit(struct buf *out, const char *path, const struct scan_facts *f, bool json)
{
	(json ? emit_json : emit_text)(out, path, f);
}

int cmd_facts(int argc, char **argv)
{
	return facts_run(argc, argv, usage, emit, true);
}
