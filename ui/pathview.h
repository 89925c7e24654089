/* pathview: the TUI's regularization-path view (key `p`).
 *
 * Opening it starts a PathJob (src/path/pathjob.h) on the current settings; the
 * path is computed in the background while the UI and the trainer keep
 * running, and the panel shows "computing path [#####.....] 45%" until it
 * is done. Then, inside the panel's rect:
 *
 *   path: lambda 0.0123 (75/100)  nonzero 7/30  [<-/-> move, p close]
 *   every weight against log10(lambda), one braille line each (at most
 *     PATHVIEW_MAX_LINES: the largest along the path), largest lambda on the
 *     LEFT (as the path is computed: weights grow out of zero going right),
 *     a vertical marker at the selected lambda, dotted verticals at
 *     lambda_min and lambda_1se when cross-validation ran
 *   legend: train (objective), val (data loss), cv mean +- se, lambda_min/1se
 *   train and validation loss and the CV mean with error bars (vertical dot
 *     segments), same x axis
 *   axis row: lambda at both ends, ^ under the selection, m under
 *     lambda_min, s under lambda_1se
 *
 * The other panels show the path's model at the selected lambda: the
 * weight histogram and the per-feature weight bars take its W, and for 2-D
 * data the decision boundary (1-D regression: the fitted curve) is
 * re-evaluated from the path's weights through the same problem transform
 * (pathview_snapshot). Status line and training stay live. If the settings
 * that define the path change (data, features, alpha, seed, split...) the
 * path is recomputed; switching to a hidden-layer model or to compare mode
 * closes the view. */
#ifndef REGSCOPE_PATHVIEW_H
#define REGSCOPE_PATHVIEW_H

#include "ui_state.h"
#include "canvas.h"
#include "live.h"
#include "pathjob.h"

#define PATHVIEW_MAX_LINES 60
#define PATHVIEW_MLP_NOTICE "the path needs a linear model (M or m cycles the model to linear)"

typedef struct PathView PathView;

/* Starts computing the path of c (a linear model). want_lambda: the lambda
 * to select when the path is ready (the nearest on the grid; <= 0 picks
 * lambda_min with CV, else the smallest lambda). NULL with err on failure. */
PathView *pathview_open(const Config *c, double want_lambda, Err *err);
void pathview_close(PathView *v);

/* Left / Right (one lambda), PgUp / PgDn (ten), Home / End: move the
 * selection; returns 1 when the key was one of those. */
int pathview_key(PathView *v, int key);
/* Recomputes when c changed what the path depends on; returns 1 when
 * something shown changed since the last call (progress, result, restart). */
int pathview_tick(PathView *v, const Config *c);
/* The selected lambda index, -1 while computing. */
int pathview_selected(const PathView *v);
/* The job (for tests). */
PathJob *pathview_job(PathView *v);
/* Blocks until the job is done (tests and headless snapshots). */
void pathview_wait(PathView *v);

/* The panel: a box titled "regularization path" around the view. */
void pathview_draw(Canvas *c, Rect r, PathView *v);

/* s with the model at the selected lambda in place of the live one (and
 * its boundary grid / curve re-evaluated), or s itself while computing or
 * when s is of other data. Valid until the next call or pathview_close. */
const LiveSnapshot *pathview_snapshot(PathView *v, const LiveSnapshot *s);
/* Data-panel title for a substituted snapshot ("model at path lambda",
 * "weights at path lambda", ...). */
const char *pathview_data_title(const LiveSnapshot *s);

/* ---- app glue (UiState.path) ---------------------------------------------- */

/* `p`: open (linear models, one run) or close; otherwise a notice. */
void pathview_toggle(UiState *ui);
/* Keys while the view is open: Esc closes, Enter sets the live model's
 * lambda to the selected one (and returns PATHVIEW_KEY_APPLIED: the caller
 * hands it to the trainer), others move as pathview_key. Returns 1 when the
 * key was taken. */
#define PATHVIEW_KEY_APPLIED 2
int pathview_app_key(UiState *ui, int key);
/* Once per loop turn: follow the settings; returns 1 when a redraw is due. */
int pathview_app_tick(UiState *ui);
/* Closes the view if open (on exit). */
void pathview_app_close(UiState *ui);

#endif
