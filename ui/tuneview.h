/* tuneview: the TUI's tuning view (key `h`, outside a lesson with steps).
 *
 * Opening it starts a TuneJob (src/path/tunejob.h) on the current settings:
 * the cross-validated grid (alpha x lambda for a linear model) fills in as
 * its rows finish, while the live scene keeps training; the panel
 * (widget_heatmap.h) shows the heatmap, the best and one-SE cells, a
 * progress bar and the time left. Arrows move a cursor over the grid
 * (PgUp / PgDn ten columns, Home / End the ends); the other panels show the
 * cursor's cell's model, fitted on the whole training split (model_subst.h)
 * once its row is done. Enter applies the cell's knobs to the live scene
 * through the knob table (knob_read_hyper), as typed values would be. Esc or
 * h closes. Changing what the grid depends on (data, features, model,
 * split, seed, folds) restarts it; compare mode closes the view. */
#ifndef REGSCOPE_TUNEVIEW_H
#define REGSCOPE_TUNEVIEW_H

#include "canvas.h"
#include "live.h"
#include "tunejob.h"
#include "ui_state.h"

typedef struct TuneView TuneView;

TuneView *tuneview_open(const Config *c, Err *err);
void tuneview_close(TuneView *v);
/* Arrows, PgUp / PgDn, Home / End: the cursor; returns 1 when taken. */
int tuneview_key(TuneView *v, int key);
/* Restarts when c changed what the grid depends on; returns 1 when
 * something shown changed since the last call. */
int tuneview_tick(TuneView *v, const Config *c);
TuneJob *tuneview_job(TuneView *v);
/* Blocks until the job is done (tests). */
void tuneview_wait(TuneView *v);
/* The cursor (row, column); -1 before the axes exist. */
void tuneview_cursor(const TuneView *v, int *row, int *col);

/* The panel: a box titled with the grid's knobs around the heatmap. */
void tuneview_draw(Canvas *c, Rect r, TuneView *v);
/* s with the cursor cell's model in place of the live one, or s itself
 * (row not done, other data). Valid until the next call or close. */
const LiveSnapshot *tuneview_snapshot(TuneView *v, const LiveSnapshot *s);
/* Data-panel title for a substituted snapshot ("model at the grid cell"...). */
const char *tuneview_data_title(const LiveSnapshot *s);
/* The grid's rows once its axes are made, else 0 (the layout's height). */
int tuneview_rows(TuneView *v);

/* ---- app glue (UiState.tune) ---------------------------------------------- */

/* `h`: open (one run) or close; otherwise a notice. */
void tuneview_toggle(UiState *ui);
/* Keys while open: Esc and h close, Enter applies the cursor's cell (returns
 * TUNEVIEW_KEY_APPLIED: the caller hands it to the trainer), the cursor's
 * keys move it. Returns 1 when the key was taken. */
#define TUNEVIEW_KEY_APPLIED 2
int tuneview_app_key(UiState *ui, int key);
int tuneview_app_tick(UiState *ui);
void tuneview_app_close(UiState *ui);

#endif
