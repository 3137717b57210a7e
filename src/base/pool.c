#include "base/pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/xalloc.h"

struct pool_worker {
	struct pool_task *task;
	unsigned id;
	pthread_t thread;
};

static void work(struct pool_task *task, unsigned id)
{
	for (;;) {
		size_t i = atomic_fetch_add_explicit(&task->next, 1, memory_order_relaxed);
		if (i >= task->n)
			return;
		task->fn(task->ctx, i, id);
	}
}

static void *thread_main(void *arg)
{
	struct pool_worker *w = arg;
	work(w->task, w->id);
	return NULL;
}

unsigned pool_default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 1024 ? 1024 : (unsigned)n;
}

void pool_start(struct pool_task *self, size_t n, unsigned threads, pool_fn *fn, void *ctx)
{
	self->fn = fn;
	self->ctx = ctx;
	self->n = n;
	atomic_init(&self->next, 0);
	self->started = 0;
	self->workers = NULL;
	if (threads == 0)
		threads = pool_default_threads();
	if (threads > n)
		threads = (unsigned)n;
	if (threads <= 1)
		return; /* the caller runs every job, in index order */
	self->workers = xcalloc(threads, sizeof(struct pool_worker));
	for (unsigned t = 1; t < threads; t++) {
		struct pool_worker *w = &self->workers[self->started];
		w->task = self;
		w->id = self->started + 1; /* worker 0 is the caller */
		if (pthread_create(&w->thread, NULL, thread_main, w) != 0)
			break;
		self->started++;
	}
}

bool pool_help(struct pool_task *self)
{
	size_t i = atomic_fetch_add_explicit(&self->next, 1, memory_order_relaxed);
	if (i >= self->n)
		return false;
	self->fn(self->ctx, i, 0);
	return true;
}

unsigned pool_finish(struct pool_task *self)
{
	work(self, 0);
	for (unsigned t = 0; t < self->started; t++)
		pthread_join(self->workers[t].thread, NULL);
	free(self->workers);
	self->workers = NULL;
	return self->n ? self->started + 1 : 0;
}

unsigned pool_run(size_t n, unsigned threads, pool_fn *fn, void *ctx)
{
	struct pool_task task;
	pool_start(&task, n, threads, fn, ctx);
	return pool_finish(&task);
}
