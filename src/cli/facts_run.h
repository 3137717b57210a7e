/* What `modscope imports` and `modscope facts` share: options, walking the
 * paths, scanning each file with one reused scanner and one arena per file,
 * reporting unreadable and invalid files on stderr. */
#ifndef MODSCOPE_CLI_FACTS_RUN_H
#define MODSCOPE_CLI_FACTS_RUN_H

#include <stdbool.h>

#include "base/buf.h"
#include "syntax/facts.h"

/* Appends what one file prints to out.  path and facts are borrowed for
 * the call. */
typedef void (*facts_emit_fn)(struct buf *out, const char *path,
			      const struct scan_facts *facts, bool json);

/* Runs a command over argv (argv[0] is the verb): parses --format json|text,
 * --jobs N (scanning threads; default one per core) and --help, then emits
 * every .py file under the paths in order (the same output for any N).
 * emit is called from worker threads, each with its own out.
 * usage is the --help text; want_calls false means only the imports are
 * printed (the scanners run imports_only).  Returns the exit code (0 clean, 1 when a file
 * could not be read or has a syntax error, 2 for usage errors). */
int facts_run(int argc, char **argv, const char *usage, facts_emit_fn emit, bool want_calls);

#endif
