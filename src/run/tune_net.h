/* tune_net: the tuning grid of a hidden-layer model (--hidden N --tune
 * KNOB=V1,V2,... once or twice), headless or cell by cell for a view.
 *
 * Knobs: lambda, alpha, keep, input-keep, lr, augment-noise (their ranges
 * are the knob table's, knob_table.c). Every cell is a plain training run
 * (trainer.c) from the same initial weights and seed as the others (the
 * mini-batch order and dropout masks too), only the cell's knobs changed
 * from the base settings, for `epochs` epochs on the training split; with
 * early stopping (patience > 0) it stops as headless training does and its
 * weights are those of the best epoch by validation loss.
 *
 * A cell's value: val_loss, the mean data loss (no penalty) of its final
 * (or restored) weights on the validation split, and val_se, the standard
 * error of that mean over the validation rows, sd / sqrt(n) with the
 * sample sd (n - 1): what the one-standard-error rule (tune_pick) uses. One
 * split gives no fold-to-fold spread, so the spread of the per-row losses
 * stands in for it, as for a single held-out set. A cell whose training
 * diverged (a loss or weight not finite) has val_loss and val_se NaN and
 * takes no part in the pick.
 *
 * Every cell trains single-threaded; a grid runs its cells on `threads`
 * threads, and no result depends on that count. */
#ifndef REGSCOPE_TUNE_NET_H
#define REGSCOPE_TUNE_NET_H

#include <stdatomic.h>
#include <stdio.h>

#include "config.h"
#include "knob_table.h"
#include "trainer.h"

#define TUNE_NET_MAX_VALUES 100

/* What every cell shares; read-only while cells run (any thread). */
typedef struct {
    const Problem *p;   /* the training and validation splits; outlives the cells */
    TrainerConfig base; /* config_trainer's: layers, seed, and the settings off the grid */
    const double *init; /* initial weights (the model's n_params), or NULL: from base.seed */
    size_t n_params;    /* the model's parameters, weights and biases */
    long epochs;        /* >= 1 */
    int early_stop;     /* patience in epochs; 0 = off */
} TuneNetSpec;

/* The grid of --tune: knob[k] (a KnobId) takes values[k][0 .. n_values[k]).
 * Cell (i, j) is values[0][i] x values[1][j], index i * n_values[1] + j
 * (n_values[1] is 1 for a one-knob grid). */
typedef struct {
    int n_knobs; /* 1 or 2 */
    int knob[2];
    int n_values[2];
    double values[2][TUNE_NET_MAX_VALUES];
} TuneNetGrid;

/* One finished cell: its knobs' values (as TuneNetGrid.knob) and value. */
typedef struct {
    double value[2];
    double val_loss, val_se;
} TuneNetCell;

/* +1 when a larger value of grid knob k is the more regularized net (lambda,
 * alpha: sparser, augment-noise), -1 when a smaller one is (keep,
 * input-keep: more dropout; lr: less distance travelled in the epochs). */
int tune_net_direction(int knob);

/* tune_pick_view on n cells of g: best, the lowest val_loss, and one_se, the
 * most regularized cell within one val_se of it. Knobs compare in the fixed
 * order lambda, keep, input-keep, augment-noise, alpha, lr (largest lambda,
 * then smallest keep, ...), whatever the order they were given in. */
void tune_net_pick(const TuneNetGrid *g, const TuneNetCell *cells, int n, int *best, int *one_se);

/* c's --tune for a hidden-layer model into g: 1 or 2 distinct knobs among
 * lambda alpha keep input-keep lr augment-noise, each value in the knob
 * table's range. 0, or -1 with an ERR_INPUT message naming the knob. */
int tune_net_parse(const Config *c, TuneNetGrid *g, Err *err);

/* The spec for c on p (built with config_build_problem): config_trainer's
 * settings with one thread, c's epochs and patience, and --load's initial
 * weights when the scene has them (*init_buf then owns them: free it after
 * the cells; NULL otherwise). 0, or -1 with err. */
int tune_net_spec(const Config *c, const Problem *p, TuneNetSpec *s, double **init_buf, Err *err);

/* ONE cell: the net trained with knob[k] (a KnobId) set to value[k] for
 * k < n_knobs, its val_loss and val_se (above) into *val_loss, *val_se,
 * and when params is not NULL its weights (the model's n_params, the
 * restored best epoch's with early stopping) into params.
 * cancel (may be NULL) is read between epochs: nonzero stops the cell.
 * Thread-safe: any number of cells may run at once on one spec. Returns 0,
 * 1 when cancelled (nothing written), or -1 with err (bad settings, out of
 * memory). */
int tune_net_cell(const TuneNetSpec *spec, const int knob[2], const double value[2], int n_knobs,
                  double *val_loss, double *val_se, double *params, const atomic_int *cancel,
                  Err *err);

/* `regscope --headless --hidden N --tune ...`: every cell of the grid on
 * c's threads (all cores when --threads is 0), one JSON record a cell then
 * the pick; progress on stderr when it is a terminal. Exit status as
 * headless_run (0, 1 internal, 2 bad usage/input). */
int tune_net_headless_run(const Config *c, FILE *out, Err *err);

#endif
