/* Running independent jobs on threads.  pool_run calls fn once for every
 * index in [0, n) and returns when all calls are done.  Jobs are handed out
 * one index at a time, in index order, to whichever thread is free; a job
 * writes its result into slot `index` of an array the caller owns, so the
 * result never depends on scheduling.  No state is kept between runs. */
#ifndef MODSCOPE_BASE_POOL_H
#define MODSCOPE_BASE_POOL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

/* One job: ctx is pool_run's ctx (borrowed), index the job's index, worker
 * the number (0 .. threads-1) of the thread running it, so a job may use
 * per-worker scratch space (an arena per worker) without locking.  Jobs
 * with different indices may run at the same time. */
typedef void pool_fn(void *ctx, size_t index, unsigned worker);

/* The number of online processors (at least 1). */
unsigned pool_default_threads(void);

/* Runs fn(ctx, i, worker) for every i in [0, n) on up to `threads` threads
 * (0 means pool_default_threads(); never more threads than jobs).  The
 * calling thread is worker 0 and takes part; with one thread every job
 * runs inline, in index order.  When a thread cannot be started, the
 * threads that could be take its share.  Returns the number of threads
 * that ran jobs (>= 1 when n > 0). */
unsigned pool_run(size_t n, unsigned threads, pool_fn *fn, void *ctx);

/* A run the caller does not wait for: pool_start hands jobs to threads - 1
 * new threads (workers 1 ..) and returns at once; the caller (worker 0)
 * runs jobs itself with pool_help when it has nothing else to do, and must
 * end with pool_finish.  Lets the caller consume results (in its own
 * order, told by the jobs, e.g. a flag per index) while later ones run. */
struct pool_task {
	pool_fn *fn;
	void *ctx;
	size_t n;
	atomic_size_t next;       /* next index to hand out */
	unsigned started;         /* threads started besides the caller */
	struct pool_worker *workers;
};

/* Starts fn(ctx, i, worker) for i in [0, n) as pool_run does, without
 * waiting.  self is owned by the caller and must stay put until
 * pool_finish. */
void pool_start(struct pool_task *self, size_t n, unsigned threads, pool_fn *fn, void *ctx);
/* Runs the next job not yet handed out, as worker 0.  Returns false (and
 * runs nothing) when every job has been handed out. */
bool pool_help(struct pool_task *self);
/* Runs what is left as worker 0, waits for the threads and frees them.
 * Returns the number of threads that ran jobs, the caller included. */
unsigned pool_finish(struct pool_task *self);

#endif
