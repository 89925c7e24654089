/* tunejob: the cross-validated tuning grid computed in a thread of its own
 * (the TUI's `h` view), cells filling in as they finish, with progress and
 * an estimate of the time left to poll. No ncurses.
 *
 * The grid has two knobs: rows (the first) and columns (the second). For a
 * linear model the rows are alpha (--tune alpha=V1,V2,..., by default 0,
 * 0.25, 0.5, 0.75, 1) and the columns the path's lambdas, made as --tune
 * makes them (tunecmd.h): cfg.path_len values at the largest alpha. The
 * job works in units: a linear unit is one alpha's row (its folds' paths by
 * tune_cv_grid, then the path on the whole training split, whose weights
 * are the row's models); a hidden-layer unit is one cell, run by
 * tune_net_cell (tune_net.h) on the cores but one, its weights kept: rows and columns
 * are --tune's one or two knobs, by default lambda x keep, and a cell's
 * value its validation loss. Folds (linear): cfg.cv_folds, or
 * TUNEJOB_DEFAULT_FOLDS, or those of --foldid.
 *
 * Threading: the job's thread writes a unit's cells and models, then marks
 * them ready under the job's lock; tunejob_cells copies the cells out
 * under it. A row's models are read-only once ready. */
#ifndef REGSCOPE_TUNEJOB_H
#define REGSCOPE_TUNEJOB_H

#include "config.h"
#include "pathjob.h"
#include "problem.h"
#include "tune.h"

#define TUNEJOB_DEFAULT_FOLDS 5
#define TUNEJOB_MAX_VALUES 100

typedef struct TuneJob TuneJob;

/* The grid's shape, fixed once the job has made its axes (tunejob_axes). */
typedef struct {
    int n_row, n_col, folds;         /* folds 0: a hidden-layer grid, on the validation split */
    const char *row_knob, *col_knob; /* knob keys: "alpha", "lambda", "keep"; "-" for none */
    const double *row_val, *col_val;
    const char *value_name; /* "cv loss", or "val loss" for a hidden-layer model */
} TuneAxes;

/* 0 when c's --tune makes a grid for c's model (alpha=... for a linear
 * model; one or two of lambda, alpha, keep, input-keep, lr, augment-noise
 * for hidden layers), else -1 with an ERR_INPUT message. */
int tunejob_check(const Config *c, Err *err);

/* Starts the job; c is copied. NULL with err when the thread cannot start
 * or the grid is refused (--tune values); data errors come later, through
 * tunejob_error. */
TuneJob *tunejob_start(const Config *c, Err *err);
/* Cancels (checked between fits), joins and frees. NULL is fine. */
void tunejob_free(TuneJob *j);

/* 1 once the axes are made (then *a is filled and stays valid). */
int tunejob_axes(TuneJob *j, TuneAxes *a);
/* Copies the n_row x n_col cells (row-major) into out and the ready flags
 * into ready (either may be NULL); returns how many cells are ready. A cell
 * not ready has mean NaN. */
int tunejob_cells(TuneJob *j, TuneCell *out, int *ready, int n);
/* The best and one-standard-error cells among n cells copied by
 * tunejob_cells (those not ready take no part): tune_pick for a linear
 * model, tune_net_pick's knob order for hidden layers; -1 when none. */
void tunejob_pick(TuneJob *j, const TuneCell *cells, int n, int *best, int *one_se);
/* Fraction of the work done, 0..1 (1 once done, also on failure). */
double tunejob_progress(TuneJob *j);
/* Seconds left by the pace so far; -1 before there is a pace. */
double tunejob_eta(TuneJob *j);
int tunejob_done(TuneJob *j);
/* The error message once done and failed (or cancelled), else NULL. */
const char *tunejob_error(TuneJob *j);
const Config *tunejob_config(TuneJob *j);
/* The problem the grid runs on, once its axes are made, else NULL. */
const Problem *tunejob_problem(TuneJob *j);

/* Cell (row, col)'s model fitted on the whole training split, as a path
 * result whose index `col` is that model (pathjob_predict on *out at col),
 * when its row is ready; else 0. Linear models (a net's cells:
 * tunejob_net_params). */
int tunejob_model(TuneJob *j, int row, PathJobResult *out);

/* A hidden-layer cell's weights (n_params into *n_params) once it is
 * ready and did not diverge, else NULL; read-only from then on. */
const double *tunejob_net_params(TuneJob *j, int cell, size_t *n_params);

/* Settings that change the grid (data, features, split, model, folds,
 * seed, --tune; for a hidden-layer model every hyperparameter but the
 * grid's own knobs, the epochs and early stopping) differ between a and b;
 * the grid's own knobs do not. */
int tunejob_config_differs(const Config *a, const Config *b);

#endif
