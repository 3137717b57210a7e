#include "base/pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/xalloc.h"

struct run {
	pool_fn *fn;
	void *ctx;
	size_t n;
	atomic_size_t next; /* next index to hand out */
};

struct worker {
	struct run *run;
	unsigned id;
	pthread_t thread;
};

static void work(struct run *run, unsigned id)
{
	for (;;) {
		size_t i = atomic_fetch_add_explicit(&run->next, 1, memory_order_relaxed);
		if (i >= run->n)
			return;
		run->fn(run->ctx, i, id);
	}
}

static void *thread_main(void *arg)
{
	struct worker *w = arg;
	work(w->run, w->id);
	return NULL;
}

unsigned pool_default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 1024 ? 1024 : (unsigned)n;
}

unsigned pool_run(size_t n, unsigned threads, pool_fn *fn, void *ctx)
{
	if (n == 0)
		return 0;
	if (threads == 0)
		threads = pool_default_threads();
	if (threads > n)
		threads = (unsigned)n;
	if (threads <= 1) {
		for (size_t i = 0; i < n; i++)
			fn(ctx, i, 0);
		return 1;
	}
	struct run run = { .fn = fn, .ctx = ctx, .n = n };
	atomic_init(&run.next, 0);
	struct worker *workers = xcalloc(threads, sizeof(struct worker));
	unsigned started = 1; /* worker 0 is this thread */
	for (unsigned t = 1; t < threads; t++) {
		struct worker *w = &workers[started];
		w->run = &run;
		w->id = started;
		if (pthread_create(&w->thread, NULL, thread_main, w) != 0)
			break;
		started++;
	}
	work(&run, 0);
	for (unsigned t = 1; t < started; t++)
		pthread_join(workers[t].thread, NULL);
	free(workers);
	return started;
}
