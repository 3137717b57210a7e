/* libFuzzer harness for the syntax stage: any bytes through the tokenizer
 * and the import scanner must neither crash nor leak, and the facts must
 * hold together (positions inside the file, guards non-NULL).  Not built by
 * make.  Build and run:
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -std=c17 -D_GNU_SOURCE \
 *       -Isrc fuzz/fuzz_scan.c src/syntax/lex.c src/syntax/scan.c \
 *       src/base/arena.c src/base/buf.c src/base/xalloc.c -o build/fuzz_scan
 *   mkdir -p build/fuzz-corpus && build/fuzz_scan build/fuzz-corpus \
 *       /usr/lib/python3.11/json -max_len=65536
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "base/arena.h"
#include "syntax/scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scanner sc;
	struct arena arena;
	struct scan_facts facts;
	scan_init(&sc);
	arena_init(&arena);
	scan_file(&sc, (const char *)data, size, &arena, &facts);
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
	return 0;
}
