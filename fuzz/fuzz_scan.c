/* libFuzzer harness for the syntax stage: any bytes through the tokenizer
 * and the import scanner, in the full and the imports-only mode, must
 * neither crash nor leak, the facts must hold together (positions inside
 * the file, guards non-NULL), and the line table must be the text's.
 * Not built by make.  Build and run:
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -std=c17 -D_GNU_SOURCE \
 *       -Isrc fuzz/fuzz_scan.c src/syntax/lex.c src/syntax/scan.c \
 *       src/base/arena.c src/base/buf.c src/base/xalloc.c src/base/utf8.c \
 *       -o build/fuzz_scan
 *   mkdir -p build/fuzz-corpus && build/fuzz_scan build/fuzz-corpus \
 *       /usr/lib/python3.11/json -max_len=65536
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "base/arena.h"
#include "syntax/scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The lexer's line table, built as the scan went (or whole after an
 * error), must be the one a plain pass over its text gives. */
static void check_lines(const struct lexer *lx)
{
	size_t k = 0;
	if (lx->lines.len == 0 || lx->lines.ptr[k++] != 0)
		abort();
	for (size_t i = 0; i < lx->len; i++) {
		char c = lx->src[i];
		if (c == '\r' && i + 1 < lx->len && lx->src[i + 1] == '\n')
			i++;
		else if (c != '\n' && c != '\r')
			continue;
		if (k >= lx->lines.len || lx->lines.ptr[k++] != i + 1)
			abort();
	}
	if (k != lx->lines.len)
		abort();
}

static void scan_once(const uint8_t *data, size_t size, bool imports_only)
{
	struct scanner sc;
	struct arena arena;
	struct scan_facts facts;
	scan_init(&sc);
	sc.imports_only = imports_only;
	arena_init(&arena);
	scan_file(&sc, (const char *)data, size, &arena, &facts);
	check_lines(&sc.lex);
	uint32_t lines = (uint32_t)sc.lex.lines.len;
	for (size_t i = 0; i < facts.nimports; i++) {
		const struct scan_import *r = &facts.imports[i];
		if (r->line == 0 || r->line > lines)
			abort();
		for (uint32_t g = 0; g < r->nguards; g++)
			if (!r->guards[g])
				abort();
	}
	for (size_t i = 0; i < facts.nbindings; i++)
		if (facts.bindings[i].line == 0 || facts.bindings[i].line > lines)
			abort();
	for (size_t i = 1; i < facts.ncalls; i++)
		if (facts.calls[i].line < facts.calls[i - 1].line)
			abort();
	arena_release(&arena);
	scan_release(&sc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	scan_once(data, size, false);
	scan_once(data, size, true); /* the graph's mode */
	return 0;
}
