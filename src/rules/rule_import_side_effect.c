/* import-side-effect: a module that other project modules import (or a
 * package __init__, which every import of a submodule runs) calls, while
 * it is being imported, a function that does work: file or network I/O,
 * subprocesses, printing, logging setup, reading data files, sleeping,
 * seeding global generators...  Calls come from the facts (module level,
 * class bodies, decorators, default values: never function bodies); the
 * body of `if __name__ == "__main__":` is left out.  Callees are compared
 * by their absolute name: `import subprocess as sp` makes `sp.run` read
 * `subprocess.run`.  [tool.modscope.import-side-effect] deny = [...] adds
 * patterns, allow = [...] exempts them (allow wins); a pattern is a dotted
 * name, "prefix*" ("subprocess.*", "pandas.read_*") or "*.method". */
#include "rules/content.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

#define RULE "import-side-effect"

struct deny {
	const char *pattern;
	const char *what;
};

/* The built-in deny list (docs/check.md documents it). */
static const struct deny builtin_deny[] = {
	{ "open", "opens a file" },
	{ "io.open", "opens a file" },
	{ "codecs.open", "opens a file" },
	{ "print", "prints" },
	{ "input", "reads standard input" },
	{ "breakpoint", "stops in the debugger" },
	{ "exit", "exits the interpreter" },
	{ "quit", "exits the interpreter" },
	{ "sys.exit", "exits the interpreter" },
	{ "os._exit", "exits the interpreter" },
	{ "sys.stdout.write", "prints" },
	{ "sys.stderr.write", "prints" },
	{ "os.makedirs", "changes the file system" },
	{ "os.mkdir", "changes the file system" },
	{ "os.remove", "changes the file system" },
	{ "os.unlink", "changes the file system" },
	{ "os.rmdir", "changes the file system" },
	{ "os.removedirs", "changes the file system" },
	{ "os.rename", "changes the file system" },
	{ "os.renames", "changes the file system" },
	{ "os.replace", "changes the file system" },
	{ "os.chmod", "changes the file system" },
	{ "os.chown", "changes the file system" },
	{ "os.symlink", "changes the file system" },
	{ "os.link", "changes the file system" },
	{ "os.truncate", "changes the file system" },
	{ "os.mkfifo", "changes the file system" },
	{ "os.listdir", "reads the file system" },
	{ "os.scandir", "reads the file system" },
	{ "os.walk", "reads the file system" },
	{ "glob.glob", "reads the file system" },
	{ "os.chdir", "changes the current directory" },
	{ "os.putenv", "changes the environment" },
	{ "os.unsetenv", "changes the environment" },
	{ "os.environ.setdefault", "changes the environment" },
	{ "os.environ.update", "changes the environment" },
	{ "os.system", "runs a shell command" },
	{ "os.popen", "starts a subprocess" },
	{ "os.fork", "starts a subprocess" },
	{ "os.kill", "sends a signal" },
	{ "subprocess.*", "starts a subprocess" },
	{ "multiprocessing.Pool", "starts worker processes" },
	{ "shutil.*", "changes the file system" },
	{ "tempfile.mkstemp", "creates a temporary file" },
	{ "tempfile.mkdtemp", "creates a temporary folder" },
	{ "tempfile.NamedTemporaryFile", "creates a temporary file" },
	{ "tempfile.TemporaryFile", "creates a temporary file" },
	{ "tempfile.TemporaryDirectory", "creates a temporary folder" },
	{ "*.read_text", "reads a file" },
	{ "*.read_bytes", "reads a file" },
	{ "*.write_text", "writes a file" },
	{ "*.write_bytes", "writes a file" },
	{ "*.mkdir", "changes the file system" },
	{ "*.touch", "changes the file system" },
	{ "socket.*", "uses the network" },
	{ "urllib.request.*", "uses the network" },
	{ "http.client.*", "uses the network" },
	{ "ftplib.*", "uses the network" },
	{ "smtplib.*", "uses the network" },
	{ "requests.*", "uses the network" },
	{ "httpx.*", "uses the network" },
	{ "urllib3.*", "uses the network" },
	{ "webbrowser.*", "opens a web browser" },
	{ "sqlite3.connect", "opens a database" },
	{ "logging.basicConfig", "configures logging" },
	{ "logging.config.*", "configures logging" },
	{ "*.addHandler", "configures logging" },
	{ "warnings.simplefilter", "changes the global warning filters" },
	{ "warnings.filterwarnings", "changes the global warning filters" },
	{ "signal.signal", "installs a signal handler" },
	{ "locale.setlocale", "changes the process locale" },
	{ "json.load", "reads a data file" },
	{ "pickle.load", "reads a data file" },
	{ "marshal.load", "reads a data file" },
	{ "tomllib.load", "reads a data file" },
	{ "csv.reader", "reads a data file" },
	{ "csv.DictReader", "reads a data file" },
	{ "csv.writer", "writes a data file" },
	{ "csv.DictWriter", "writes a data file" },
	{ "numpy.load", "reads a data file" },
	{ "numpy.loadtxt", "reads a data file" },
	{ "numpy.genfromtxt", "reads a data file" },
	{ "numpy.fromfile", "reads a data file" },
	{ "pandas.read_*", "reads a data file" },
	{ "time.sleep", "sleeps" },
	{ "asyncio.run", "runs an event loop" },
	{ "random.seed", "seeds the global random generator" },
	{ "numpy.random.seed", "seeds the global random generator" },
};

struct lists {
	VEC(char *) allow, deny;
};

static void read_list(const struct rule_ctx *ctx, const char *key, void *v_)
{
	VEC(char *) *v = v_;
	const struct toml_value *arr = rule_option(ctx, RULE, key);
	if (!arr || arr->kind != TOML_ARRAY)
		return;
	for (size_t i = 0; i < toml_len(arr); i++) {
		struct slice s;
		if (toml_as_string(toml_array_at(arr, i), &s))
			vec_push(v, xstrndup(s.ptr, s.len));
	}
}

/* What the call does, or NULL when it is not denied. */
static const char *denied(const struct lists *l, const char *callee, bool bound)
{
	for (size_t i = 0; i < l->allow.len; i++)
		if (rule_callee_matches(l->allow.ptr[i], callee))
			return NULL;
	for (size_t i = 0; i < l->deny.len; i++)
		if (rule_callee_matches(l->deny.ptr[i], callee))
			return "is on the deny list";
	for (size_t i = 0; i < sizeof builtin_deny / sizeof builtin_deny[0]; i++) {
		const char *p = builtin_deny[i].pattern;
		/* A bare builtin name ("open") only matches the builtin, not a
		 * name an import bound ("from gzip import open" reads gzip.open). */
		if (!strchr(p, '.') && bound)
			continue;
		if (rule_callee_matches(p, callee))
			return builtin_deny[i].what;
	}
	return NULL;
}

/* Line ranges of the module-level `if __name__ == "__main__":` bodies. */
static void main_ranges(const struct analysis_file *f, void *v_)
{
	VEC(uint32_t) *v = v_;
	struct rule_tokens t;
	if (rule_tokens_load(&t, f->path) == 0) {
		for (size_t i = 0; i < t.stmts.len; i++) {
			const struct rule_stmt *s = &t.stmts.ptr[i];
			if (!rule_stmt_is_main_guard(&t, s))
				continue;
			uint32_t last = s->body_end > s->first ? s->body_end - 1 : s->first;
			vec_push(v, rule_tok_line(&t, s->first));
			vec_push(v, rule_tok_line(&t, last));
		}
	}
	rule_tokens_release(&t);
}

static void check_file(const struct rule_ctx *ctx, const struct lists *l,
		       const struct analysis_file *f, struct diag_list *out)
{
	const struct analysis *a = ctx->analysis;
	struct rule_imports imports;
	rule_imports_init(&imports, f);
	VEC(uint32_t) ranges = VEC_INIT;
	bool ranges_done = false;
	struct buf callee = BUF_INIT, shown = BUF_INIT;
	struct diag *d = NULL;
	size_t first = 0;
	for (size_t i = 0; i < f->facts.ncalls; i++) {
		const struct scan_call *c = &f->facts.calls[i];
		buf_clear(&callee);
		bool bound = rule_imports_qualify(&imports, c->callee, &callee);
		const char *what = denied(l, callee.ptr, bound);
		if (!what)
			continue;
		if (!ranges_done) {
			main_ranges(f, &ranges);
			ranges_done = true;
		}
		bool in_main = false;
		for (size_t r = 0; r + 1 < ranges.len; r += 2)
			in_main |= c->line >= ranges.ptr[r] && c->line <= ranges.ptr[r + 1];
		if (in_main)
			continue;
		buf_clear(&shown);
		buf_addf(&shown, "'%.*s()'", (int)c->callee.len, c->callee.ptr);
		if (bound && !slice_eq_cstr(c->callee, callee.ptr))
			buf_addf(&shown, " ('%s')", callee.ptr);
		if (!d) {
			first = out->items.len;
			int col = rule_file_col(ctx, f, c->line, c->col);
			d = diag_add(out, RULE, rule_severity(RULE_IMPORT_SIDE_EFFECT), f->display,
				     (int)c->line, col,
				     "import-time call to %s, which %s, in '%s', a module other modules import; move it under if __name__ == \"__main__\": or into a function",
				     shown.ptr, what, f->module ? f->module : f->display);
			diag_set_end(d, (int)c->line, col + (int)c->callee.len);
			diag_set_fix(out, d, "move the call under if __name__ == \"__main__\": or into a function that callers run explicitly");
		} else {
			d = &out->items.ptr[first];
			diag_add_note(out, d, f->display, (int)c->line, rule_file_col(ctx, f, c->line, c->col),
				      "also at import time: %s, which %s", shown.ptr, what);
		}
	}
	if (d && f->module) {
		d = &out->items.ptr[first];
		int64_t n = graph_find(&a->graph, slice_cstr(f->module));
		if (n >= 0 && graph_in_end(&a->graph, (uint32_t)n) > graph_in_begin(&a->graph, (uint32_t)n)) {
			const struct graph_edge *e =
				&a->graph.edges.ptr[a->graph.in_edges[graph_in_begin(&a->graph, (uint32_t)n)]];
			size_t count = graph_in_end(&a->graph, (uint32_t)n) - graph_in_begin(&a->graph, (uint32_t)n);
			diag_add_note(out, d, e->file, (int)e->line, 0, "imported by '%s'%s",
				      a->graph.nodes.ptr[e->from].name.ptr,
				      count > 1 ? " (and other imports)" : "");
		} else if (f->package) {
			diag_add_note(out, d, NULL, 0, 0,
				      "a package __init__ runs whenever one of its submodules is imported");
		}
	}
	buf_release(&callee);
	buf_release(&shown);
	vec_release(&ranges);
	rule_imports_release(&imports);
}

int rule_import_side_effect(const struct rule_ctx *ctx, struct diag_list *out)
{
	struct lists l = { VEC_INIT, VEC_INIT };
	read_list(ctx, "allow", &l.allow);
	read_list(ctx, "deny", &l.deny);
	const struct analysis *a = ctx->analysis;
	for (size_t i = 0; i < a->files.len; i++) {
		const struct analysis_file *f = &a->files.ptr[i];
		if (f->read_error || !f->facts.ncalls || !rule_module_is_imported(a, f))
			continue;
		check_file(ctx, &l, f, out);
	}
	for (size_t i = 0; i < l.allow.len; i++)
		free(l.allow.ptr[i]);
	for (size_t i = 0; i < l.deny.len; i++)
		free(l.deny.ptr[i]);
	vec_release(&l.allow);
	vec_release(&l.deny);
	return 0;
}
