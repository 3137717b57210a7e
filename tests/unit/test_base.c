#include "test.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/fs.h"
#include "base/map.h"
#include "base/vec.h"
#include "base/xalloc.h"
#include "report/json.h"

TEST(buf_never_null)
{
	struct buf b = BUF_INIT;
	CHECK(b.ptr != NULL);
	CHECK_STR(b.ptr, "");
	buf_addf(&b, "%d-%s", 42, "x");
	buf_addc(&b, '!');
	CHECK_STR(b.ptr, "42-x!");
	buf_truncate(&b, 2);
	CHECK_STR(b.ptr, "42");
	buf_clear(&b);
	CHECK_INT(b.len, 0);
	CHECK_STR(b.ptr, "");
	buf_release(&b);
	CHECK(b.ptr != NULL);
}

/* A spill hook that collects what it is handed. */
static void collect(struct buf *b, void *ctx)
{
	buf_add(ctx, b->ptr, b->len);
	buf_clear(b);
}

TEST(buf_spills_when_full)
{
	struct buf out = BUF_INIT, got = BUF_INIT, want = BUF_INIT;
	buf_grow(&out, 100);
	size_t cap = out.cap;
	out.spill = collect;
	out.spill_ctx = &got;
	for (int i = 0; i < 1000; i++) {
		buf_addf(&out, "line %d\n", i);
		buf_addf(&want, "line %d\n", i);
	}
	CHECK(got.len > 0);            /* it did spill */
	CHECK_INT(out.cap, cap);       /* and never grew */
	buf_add(&got, out.ptr, out.len);
	CHECK_STR(got.ptr, want.ptr);  /* nothing lost, nothing reordered */
	buf_add(&out, want.ptr, want.len); /* one append larger than the buffer */
	CHECK(out.cap > cap);
	buf_release(&out);
	buf_release(&got);
	buf_release(&want);
}

TEST(realloc_big_keeps_bytes)
{
	size_t old = 1000, size = (size_t)5 << 20; /* past 2 MiB: the huge-page path */
	unsigned char *p = xrealloc_big(NULL, 0, old);
	for (size_t i = 0; i < old; i++)
		p[i] = (unsigned char)(i * 7);
	p = xrealloc_big(p, old, size);
	CHECK(((uintptr_t)p & (((uintptr_t)2 << 20) - 1)) == 0); /* 2 MiB-aligned */
	bool same = true;
	for (size_t i = 0; i < old; i++)
		same = same && p[i] == (unsigned char)(i * 7);
	CHECK(same);
	p[size - 1] = 1; /* all of it is usable */
	p = xrealloc_big(p, size, 100); /* and it shrinks back like realloc */
	same = true;
	for (size_t i = 0; i < 100; i++)
		same = same && p[i] == (unsigned char)(i * 7);
	CHECK(same);
	free(p);
}

TEST(vec_grows)
{
	VEC(int) v = VEC_INIT;
	for (int i = 0; i < 1000; i++)
		vec_push(&v, i * 2);
	CHECK_INT(v.len, 1000);
	CHECK_INT(v.ptr[999], 1998);
	CHECK_INT(*vec_last(&v), 1998);
	CHECK_INT(vec_pop(&v), 1998);
	vec_release(&v);
	CHECK(v.ptr == NULL);
}

TEST(map_put_get_grow)
{
	struct map m;
	struct arena a;
	map_init(&m);
	arena_init(&a);
	for (int i = 0; i < 5000; i++) {
		char tmp[32];
		int n = snprintf(tmp, sizeof tmp, "key%d", i);
		struct slice k = arena_slice(&a, slice_make(tmp, (size_t)n));
		CHECK(map_put(&m, k, (void *)(long)(i + 1)) == NULL);
	}
	CHECK_INT(m.count, 5000);
	CHECK_INT((long)map_get(&m, SLICE_LIT("key4321")), 4322);
	CHECK(map_get(&m, SLICE_LIT("nope")) == NULL);
	CHECK_INT((long)map_put(&m, SLICE_LIT("key0"), (void *)7L), 1);
	bool ins;
	map_intern(&m, SLICE_LIT(""), &ins);
	CHECK(ins);
	CHECK(map_find(&m, SLICE_LIT(""), NULL));
	size_t it = 0, seen = 0;
	while (map_next(&m, &it))
		seen++;
	CHECK_INT(seen, 5001);
	map_release(&m);
	arena_release(&a);
}

TEST(arena_big_and_small)
{
	struct arena a;
	arena_init(&a);
	char *s = arena_strndup(&a, "hello", 5);
	void *big = arena_alloc(&a, 1 << 20);
	char *t = arena_strndup(&a, "world", 5);
	CHECK(big != NULL);
	CHECK_STR(s, "hello");
	CHECK_STR(t, "world");
	CHECK(((unsigned long)big & 15) == 0);
	arena_release(&a);
}

TEST(json_escapes)
{
	struct buf b = BUF_INIT;
	json_str(&b, SLICE_LIT("a\"b\\c\n\x01\xc3\xa9\xff"));
	CHECK_STR(b.ptr, "\"a\\\"b\\\\c\\n\\u0001\xc3\xa9\xef\xbf\xbd\"");
	buf_clear(&b);
	json_cstr(&b, NULL);
	CHECK_STR(b.ptr, "null");
	buf_release(&b);
}

TEST(json_arrays)
{
	static const char *const v[] = { "a", NULL, "q\"" };
	struct buf b = BUF_INIT;
	json_cstr_array(&b, v, 3);
	CHECK_STR(b.ptr, "[\"a\", null, \"q\\\"\"]");
	buf_clear(&b);
	json_cstr_array(&b, v, 0);
	CHECK_STR(b.ptr, "[]");
	buf_release(&b);
}

TEST(walk_missing_root)
{
	struct fs_walk w = { VEC_INIT, VEC_INIT };
	CHECK_INT(fs_walk(&w, "/nonexistent/modscope", ".py"), -1);
	CHECK_INT(w.errors.len, 1);
	fs_walk_release(&w);
}

TEST_MAIN(T(buf_never_null), T(buf_spills_when_full), T(realloc_big_keeps_bytes), T(vec_grows), T(map_put_get_grow), T(arena_big_and_small),
	  T(json_escapes), T(json_arrays), T(walk_missing_root))
