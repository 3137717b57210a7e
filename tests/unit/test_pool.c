#include "test.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

#include "base/buf.h"
#include "base/pool.h"

struct job_ctx {
	size_t n;
	unsigned max_workers;
	atomic_int *calls;      /* per index */
	uint64_t *result;       /* per index */
	atomic_int bad_worker;
	size_t *order;          /* inline runs: the order indices ran in */
	atomic_size_t ran;
};

static uint64_t work_of(size_t i)
{
	/* Some uneven busy work, so threads interleave. */
	uint64_t h = i * 0x9E3779B97F4A7C15ull;
	for (size_t k = 0; k < (i % 17) * 50; k++)
		h = (h ^ (h >> 31)) * 0xBF58476D1CE4E5B9ull;
	return h;
}

static void job(void *arg, size_t index, unsigned worker)
{
	struct job_ctx *c = arg;
	atomic_fetch_add(&c->calls[index], 1);
	if (worker >= c->max_workers)
		atomic_fetch_add(&c->bad_worker, 1);
	c->result[index] = work_of(index);
	size_t slot = atomic_fetch_add(&c->ran, 1);
	if (c->order)
		c->order[slot] = index;
}

static void run_with(size_t n, unsigned threads, struct buf *digest, unsigned *used)
{
	struct job_ctx c = { .n = n, .max_workers = threads ? threads : pool_default_threads() };
	c.calls = calloc(n + 1, sizeof(atomic_int));
	c.result = calloc(n + 1, sizeof(uint64_t));
	c.order = threads == 1 ? calloc(n + 1, sizeof(size_t)) : NULL;
	atomic_init(&c.bad_worker, 0);
	atomic_init(&c.ran, 0);
	*used = pool_run(n, threads, job, &c);
	CHECK_INT(atomic_load(&c.ran), n);
	CHECK_INT(atomic_load(&c.bad_worker), 0);
	for (size_t i = 0; i < n; i++) {
		CHECK_INT(atomic_load(&c.calls[i]), 1);
		CHECK(c.result[i] == work_of(i));
		buf_addf(digest, "%llx,", (unsigned long long)c.result[i]);
		if (c.order)
			CHECK_INT(c.order[i], i);
	}
	free(c.calls);
	free(c.result);
	free(c.order);
}

TEST(every_index_once_any_threads)
{
	struct buf first = BUF_INIT;
	unsigned used;
	run_with(5000, 1, &first, &used);
	CHECK_INT(used, 1);
	const unsigned counts[] = { 2, 3, 4, 8, 0 };
	for (size_t k = 0; k < sizeof(counts) / sizeof(counts[0]); k++) {
		struct buf b = BUF_INIT;
		run_with(5000, counts[k], &b, &used);
		CHECK(used >= 1);
		if (counts[k])
			CHECK(used <= counts[k]);
		CHECK_STR(b.ptr, first.ptr);
		buf_release(&b);
	}
	buf_release(&first);
}

TEST(small_and_empty_runs)
{
	struct buf b = BUF_INIT;
	unsigned used;
	run_with(3, 16, &b, &used);
	CHECK(used >= 1 && used <= 3); /* never more threads than jobs */
	CHECK_INT(pool_run(0, 4, job, NULL), 0); /* job never called: ctx NULL is fine */
	run_with(1, 4, &b, &used);
	CHECK_INT(used, 1);
	CHECK(pool_default_threads() >= 1);
	buf_release(&b);
}

TEST_MAIN(T(every_index_once_any_threads), T(small_and_empty_runs))
