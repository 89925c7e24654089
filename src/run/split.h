/* split: data parallelism inside one mini-batch. Helper threads each run
 * forward + backward on a slice of the batch with their own workspace while
 * the caller does the first slice; then every thread combines, weighted by
 * slice size, its share of the parameters' gradients into the gradient of
 * the whole batch's mean loss and applies the update to that share. For wide
 * layers over big batches, where one GEMM per layer leaves cores idle;
 * results are deterministic for a given seed and thread count.
 *
 * Threads hand work over through atomics: a waiting thread spins for at
 * most 2 ms (longer than a step's serial gap, far shorter than a UI frame),
 * then sleeps on a condition variable, so idle helpers never spin against
 * other threads for long. */
#ifndef REGSCOPE_SPLIT_H
#define REGSCOPE_SPLIT_H

#include <stdint.h>

#include "model.h"

#define SPLIT_MAX_WAYS 4

typedef struct Split Split;

/* One mini-batch: rows idx[0..n-1] of X (rows of n_in) and y, gathered by
 * each thread for its own slice (the caller's slice into xb, yb), or, when
 * idx is NULL, the first n rows of X and y as they are. */
typedef struct {
    const double *X, *y;
    const int *idx;
    int n;
    double *xb, *yb; /* the caller's gather buffers (idx only) */
} SplitBatch;

/* The update of parameters [lo, hi) from ws->grad of the caller's
 * workspace (already combined there); called once per thread per step on
 * disjoint ranges, so it may touch only entries in [lo, hi). */
typedef void (*SplitUpdate)(void *ctx, size_t lo, size_t hi);

/* ways - 1 helper threads for batches of up to max_rows rows and
 * evaluation in chunks of up to chunk rows per thread. */
Split *split_new(const Model *m, int ways, int max_rows, int chunk, uint64_t seed, Err *err);
void split_free(Split *s);
int split_ways(const Split *s);
/* The helpers' dropout streams from seed, as split_new seeds them: a reset
 * to a seed replays its masks. Between steps only (s may be NULL). */
void split_reseed(Split *s, uint64_t seed);

/* Forward + backward over the batch with dropout keeps (the caller's slice
 * in ws, with rng), the gradient of the mean data loss over all n rows into
 * ws->grad, then update (may be NULL) over all parameters. s may be NULL:
 * everything on this thread. */
void split_step(Split *s, const Model *m, Workspace *ws, Rng *rng, const SplitBatch *b, double keep,
                double input_keep, SplitUpdate update, void *ctx);

/* The gradient alone: split_step without gather and update. */
void split_gradient(Split *s, const Model *m, Workspace *ws, Rng *rng, const double *x,
                    const double *y, int n, double keep, double input_keep);

/* Evaluation mode (no dropout) over x (n rows): each thread takes a
 * contiguous share of the rows in slices of at most chunk rows (ws must
 * hold chunk rows); adds the summed per-row data loss to *loss_sum and the
 * correct predictions to *correct. */
void split_evaluate(Split *s, const Model *m, Workspace *ws, int chunk, const double *x,
                    const double *y, int n, double *loss_sum, long *correct);

#endif
