/* Hidden testing aids of the diagnostics infrastructure:
 *   modscope __emit FORMAT [--color]   a fixed sample list of diagnostics,
 *                                      with built-in sources, in FORMAT
 *   modscope __comments FILE           the comments suppress_find_comments
 *                                      finds: "LINE:COL:TEXT" per line, COL
 *                                      0-based in characters (as tokenize)
 * tests/conformance/test_sarif.py and test_comments.py drive them. */
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/fs.h"
#include "cli/cli.h"
#include "report/diag.h"
#include "report/emit_diag.h"
#include "rules/suppress.h"

/* The version the sample claims; the real one lives in main.c. */
#include "base/version.h"

static const char sample_a[] =
	"\"\"\"M\xc3\xb3" "dulo a.\"\"\"\n"
	"from pkg.b import helper  # cycle\n"
	"if True:\n"
	"\tfrom os.path import *\n"
	"x = \"\xc3\xa9\"; import pkg.missing\n";
static const char sample_b[] =
	"import pkg.a\n"
	"def helper():\n"
	"    return 1\n";
static const char sample_odd[] =
	"import sys\n"
	"sys.path.insert(0, \"..\")\n";

/* The sample, added out of order on purpose: emitters see it sorted. */
static void build_sample(struct diag_list *list, struct diag_sources *sources)
{
	diag_sources_add(sources, "pkg/a.py", sample_a, sizeof(sample_a) - 1);
	diag_sources_add(sources, "pkg/b.py", sample_b, sizeof(sample_b) - 1);
	diag_sources_add(sources, "odd dir/a,b:c.py", sample_odd, sizeof(sample_odd) - 1);

	struct diag *d = diag_add(list, "unresolved-import", DIAG_ERROR, "pkg/a.py", 5, 10,
				  "no module named '%s'", "pkg.missing");
	diag_set_end(d, 5, 28);
	diag_set_fix(list, d, "install the distribution that provides 'pkg.missing' or fix the name");

	d = diag_add(list, "import-cycle", DIAG_NOTE, "pkg/b.py", 1, 1,
		     "modules 'pkg.a' and 'pkg.b' import each other");
	diag_add_note(list, d, "pkg/b.py", 1, 1, "'pkg.b' imports 'pkg.a'");
	diag_add_note(list, d, "pkg/a.py", 2, 1, "'pkg.a' imports 'pkg.b'");
	diag_add_note(list, d, NULL, 0, 0, "cut this import to break every cycle: pkg/b.py:1");

	d = diag_add(list, "module-too-large", DIAG_WARNING, "odd dir/a,b:c.py", 0, 0,
		     "module 'a,b:c' has 1200 lines, more than the limit of 1000");

	d = diag_add(list, "import-cycle-crash", DIAG_ERROR, "pkg/a.py", 2, 1,
		     "cannot import name 'helper' from partially initialized module 'pkg.b' "
		     "(most likely due to a circular import)");
	diag_set_end(d, 2, 25);
	diag_add_note(list, d, "pkg/a.py", 2, 1, "'pkg.a' starts executing and imports 'pkg.b'");
	diag_add_note(list, d, "pkg/b.py", 1, 1,
		      "'pkg.b' imports 'pkg.a', which is partially initialized");
	diag_set_fix(list, d, "import 'pkg.b' and use 'pkg.b.helper' where it is called");

	d = diag_add(list, "wildcard-import", DIAG_WARNING, "pkg/a.py", 4, 2,
		     "'from os.path import *' hides where names come from");
	diag_set_end(d, 4, 23);

	d = diag_add(list, "sys-path-mutation", DIAG_WARNING, "odd dir/a,b:c.py", 2, 1,
		     "'sys.path' is changed at import time: 100%% of later imports depend on it");
	diag_set_end(d, 2, 25);
}

int cmd_emit(int argc, char **argv)
{
	const char *format = NULL;
	bool color = false;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--color")) {
			color = true;
		} else if (!format && argv[i][0] != '-') {
			format = argv[i];
		} else {
			fprintf(stderr, "modscope __emit: unexpected argument '%s'\n", argv[i]);
			return EXIT_ERROR;
		}
	}
	const struct emit_diag_format *f = format ? emit_diag_format_lookup(format) : NULL;
	if (!f) {
		fprintf(stderr, "usage: modscope __emit %s [--color]\n", emit_diag_format_names());
		return EXIT_ERROR;
	}
	struct diag_list list;
	struct diag_sources sources;
	diag_list_init(&list);
	diag_sources_init(&sources, NULL);
	build_sample(&list, &sources);
	diag_sort(&list);
	struct emit_options opts = {
		.color = color,
		.version = MODSCOPE_VERSION,
		.root_uri = "file:///project/",
		.sources = &sources,
	};
	struct buf out = BUF_INIT;
	f->emit(&out, &list, &opts);
	fwrite(out.ptr, 1, out.len, stdout);
	buf_release(&out);
	diag_sources_release(&sources);
	diag_list_release(&list);
	return EXIT_CLEAN;
}

int cmd_comments(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: modscope __comments FILE\n");
		return EXIT_ERROR;
	}
	struct buf err = BUF_INIT, out = BUF_INIT;
	struct fs_file f;
	if (fs_read_file(argv[1], &f, &err) < 0) {
		fprintf(stderr, "modscope: %s\n", err.ptr);
		buf_release(&err);
		return EXIT_ERROR;
	}
	suppress_span_vec spans = VEC_INIT;
	suppress_find_comments(f.ptr, f.len, &spans);
	int line = 1;
	size_t pos = 0, line_start = 0;
	for (size_t k = 0; k < spans.len; k++) {
		for (; pos < spans.ptr[k].start; pos++) {
			char c = f.ptr[pos];
			if (c == '\n' || (c == '\r' && (pos + 1 >= f.len || f.ptr[pos + 1] != '\n'))) {
				line++;
				line_start = pos + 1;
			}
		}
		buf_addf(&out, "%d:%d:", line, diag_char_col(f.ptr + line_start, pos - line_start) - 1);
		buf_add(&out, f.ptr + spans.ptr[k].start, spans.ptr[k].end - spans.ptr[k].start);
		buf_addc(&out, '\n');
	}
	fwrite(out.ptr, 1, out.len, stdout);
	vec_release(&spans);
	fs_file_release(&f);
	buf_release(&out);
	buf_release(&err);
	return EXIT_CLEAN;
}
