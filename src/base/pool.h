/* Running independent jobs on threads.  pool_run calls fn once for every
 * index in [0, n) and returns when all calls are done.  Jobs are handed out
 * one index at a time, in index order, to whichever thread is free; a job
 * writes its result into slot `index` of an array the caller owns, so the
 * result never depends on scheduling.  No state is kept between runs. */
#ifndef MODSCOPE_BASE_POOL_H
#define MODSCOPE_BASE_POOL_H

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

#endif
