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

/* pool_start/pool_help/pool_finish: the caller consumes results in index
 * order while other threads produce later ones (as graph analysis does). */
struct flag_ctx {
	atomic_uchar *done;
	uint64_t *result;
	atomic_int calls;
	atomic_int caller_ran;
	unsigned threads;
	atomic_int bad_worker;
};

static void flag_job(void *arg, size_t index, unsigned worker)
{
	struct flag_ctx *c = arg;
	atomic_fetch_add(&c->calls, 1);
	if (worker == 0)
		atomic_fetch_add(&c->caller_ran, 1);
	if (worker >= c->threads)
		atomic_fetch_add(&c->bad_worker, 1);
	c->result[index] = work_of(index);
	atomic_store_explicit(&c->done[index], 1, memory_order_release);
}

TEST(start_help_finish_consumes_in_order)
{
	const size_t n = 3000;
	const unsigned counts[] = { 1, 2, 3, 8 };
	for (size_t k = 0; k < sizeof(counts) / sizeof(counts[0]); k++) {
		struct flag_ctx c = { .threads = counts[k] };
		c.done = calloc(n, sizeof(atomic_uchar));
		c.result = calloc(n, sizeof(uint64_t));
		for (size_t i = 0; i < n; i++)
			atomic_init(&c.done[i], 0);
		atomic_init(&c.calls, 0);
		atomic_init(&c.caller_ran, 0);
		atomic_init(&c.bad_worker, 0);
		struct pool_task task;
		pool_start(&task, n, counts[k], flag_job, &c);
		uint64_t sum = 0, want = 0;
		for (size_t i = 0; i < n; i++) {
			while (!atomic_load_explicit(&c.done[i], memory_order_acquire))
				pool_help(&task); /* may run a later index: fine */
			sum += c.result[i]; /* the consumer reads what the job wrote */
			want += work_of(i);
		}
		CHECK(!pool_help(&task)); /* every index is done, so handed out */
		unsigned used = pool_finish(&task);
		CHECK(sum == want);
		CHECK_INT(atomic_load(&c.calls), n);
		CHECK_INT(atomic_load(&c.bad_worker), 0);
		CHECK(used >= 1 && used <= counts[k]);
		if (counts[k] == 1)
			CHECK_INT(atomic_load(&c.caller_ran), n); /* one thread: all inline */
		free(c.done);
		free(c.result);
	}
	struct pool_task empty;
	pool_start(&empty, 0, 4, flag_job, NULL);
	CHECK(!pool_help(&empty));
	CHECK_INT(pool_finish(&empty), 0);
}

TEST_MAIN(T(every_index_once_any_threads), T(small_and_empty_runs),
	  T(start_help_finish_consumes_in_order))
