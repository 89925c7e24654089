/* split: data parallelism inside one mini-batch. Helper threads each run
 * forward + backward on a slice of the batch with their own workspace while
 * the caller does the first slice; the caller then combines the gradients,
 * weighted by slice size, into the gradient of the whole batch's mean loss.
 * For wide layers over big batches, where one GEMM per layer leaves cores
 * idle; results are deterministic for a given seed and thread count. */
#ifndef REGSCOPE_SPLIT_H
#define REGSCOPE_SPLIT_H

#include <stdint.h>

#include "model.h"

#define SPLIT_MAX_WAYS 4

typedef struct Split Split;

/* ways - 1 helper threads for batches of up to max_rows rows. */
Split *split_new(const Model *m, int ways, int max_rows, uint64_t seed, Err *err);
void split_free(Split *s);
int split_ways(const Split *s);

/* Forward + backward over x (n x n_in), y (n) with dropout keeps: the
 * caller's slice runs in ws on this thread; the gradient of the mean data
 * loss over all n rows ends in ws->grad. */
void split_gradient(Split *s, const Model *m, Workspace *ws, Rng *rng, const double *x,
                    const double *y, int n, double keep, double input_keep);

/* Evaluation mode (no dropout) over x (n rows) in rounds of slices of at
 * most chunk rows per thread (ws must hold chunk rows): adds the summed
 * per-row data loss to *loss_sum and the correct predictions to *correct. */
void split_evaluate(Split *s, const Model *m, Workspace *ws, int chunk, const double *x,
                    const double *y, int n, double *loss_sum, long *correct);

#endif
