/* widget_heatmap: the tuning grid as a heatmap (the `h` view's panel).
 *
 * Inside r, top to bottom:
 *   the cursor's cell: "alpha 0.5  lambda 0.0123  cv 0.234 +- 0.012"
 *   while filling: "[#####.....] 45%  ~12s left"; once full: the best and
 *     the one-standard-error cells' knobs
 *   the grid: a row per row value (its label at the left, '>' at the
 *     cursor's row), a cell per column value (squeezed when there are more
 *     columns than room), each ready cell shaded by its mean: a colour ramp
 *     (COL_HEAT0 lowest .. COL_HEAT8 highest) on a colour canvas, the shade
 *     ramp HEATMAP_SHADES (densest lowest) without colour; cells not yet
 *     ready blank (a blank is never a value); B on the best cell, S on the one-SE cell, the
 * cursor's cell in reverse video the column axis: '^' under the cursor, the first and last column
 *     values at the ends and the column knob's name between
 *   the legend: lowest value, the ramp, highest value, "B best S one-SE".
 * Everything reads in ASCII and without colour: marks are letters. */
#ifndef REGSCOPE_WIDGET_HEATMAP_H
#define REGSCOPE_WIDGET_HEATMAP_H

#include "canvas.h"
#include "tune.h"

#define HEATMAP_SHADES "@%#*+=-:." /* lowest loss first; a blank cell is not ready */

typedef struct {
    int n_row, n_col;
    const char *row_knob, *col_knob; /* "alpha", "lambda" */
    const double *row_val, *col_val;
    const TuneCell *cells; /* n_row x n_col, row-major */
    const int *ready;      /* per cell */
    int cur_row, cur_col;
    int best, one_se; /* cell indices, -1 = none yet */
    double progress;  /* 0..1 */
    double eta;       /* seconds left, -1 unknown */
    int done;
    const char *value_name; /* "cv loss" */
    const char *note;       /* shown instead of the grid (computing, errors), or NULL */
} HeatmapView;

void widget_heatmap_draw(Canvas *c, Rect r, const HeatmapView *v);

/* The ramp level of value x between lo and hi: 0 (lowest) .. levels - 1,
 * evenly in log(x) when lo > 0 (the legend then says "(log)"): losses near
 * the best differ by factors, and a linear ramp over a grid whose worst
 * cells are many times the best gives every good cell one shade. Evenly
 * in x when lo <= 0. */
int heatmap_level(double x, double lo, double hi, int levels);

/* Seconds as "45s", "3m05s", "1h02m". */
void heatmap_format_eta(double s, char *buf, size_t n);

#endif
