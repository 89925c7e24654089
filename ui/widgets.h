/* widgets: the panels of the TUI, each drawn into a Rect of a Canvas from a
 * view struct of plain data (arrays and counts). Views borrow the caller's
 * arrays for the duration of the draw call only; no widget keeps a pointer,
 * allocates, or knows about the trainer, so the same code draws the live
 * screen, an exported snapshot and a unit test.
 *
 * Every widget clips itself to its rect, draws nothing outside it, and
 * copes with empty, tiny or absurd input (n = 0, NaN, 1x1 rects).
 * In monochrome (canvas colour off) series, classes and train/validation are
 * told apart by glyph and attribute; in ASCII mode only bytes < 128 appear. */
#ifndef REGSCOPE_WIDGETS_H
#define REGSCOPE_WIDGETS_H

#include <stddef.h>

#include "canvas.h"

/* ---- loss curves (widget_loss.c) --------------------------------------- */

enum { LOSS_TRAIN, LOSS_VAL, LOSS_DATA, LOSS_PENALTY, LOSS_NSERIES };
#define LOSS_MARKS_MAX 32

typedef struct {
    /* series[k][i] is the value after epoch first_epoch + i; NULL hides a
     * series. Non-finite values (and values <= 0 in log scale) are skipped,
     * breaking the line. */
    const double *series[LOSS_NSERIES];
    int n;
    long first_epoch;
    /* Optional: the epoch of each value, increasing, when the history is
     * sampled unevenly (the live TUI samples it by time). Evenly spaced
     * epochs keep a linear axis; uneven ones get an axis logarithmic in
     * epochs, ticked at powers of ten. */
    const long *epochs;
    int log_scale;
    long best_epoch; /* best validation epoch, marked; < 0 = none */
    /* Optional legend words replacing train / val / data / penalty (compare
     * mode draws one series per run, named after it). */
    const char *names[LOSS_NSERIES];
    /* Optional knob changes (with epochs): each drawn as a dotted line at its
     * epoch, labelled with what changed ("lambda 0.3") where there is room. */
    int n_marks;
    long mark_epoch[LOSS_MARKS_MAX];
    const char *mark_label[LOSS_MARKS_MAX];
    /* > 0 (with epochs): only the epochs from window_from on, on an axis
     * linear in epochs, the y range fitted to them: the recent window. */
    long window_from;
} LossView;

/* Legend on the top row (words train / val / data / penalty, "log", "best
 * N"), y labels (max at top, min at bottom) left of the axis, epoch labels on
 * the bottom row. UTF-8 + colour: braille lines, one colour per series.
 * Otherwise one glyph per series: train '*', val 'o', data '.', penalty '+'.
 * More epochs than dot columns: each column shows its min..max. The y range
 * covers what is drawn, except that a spike rising more than the rest's own
 * span above nearly all of it is clipped: the line runs along the top and
 * the top label reads "^2.1". */
void widget_loss_draw(Canvas *c, Rect r, const LossView *v);

/* ---- weight histogram (widget_hist.c) ------------------------------------ */

#define HIST_MAX_LAYERS 8

typedef struct {
    const double *w[HIST_MAX_LAYERS]; /* weights of each layer (no biases) */
    size_t n[HIST_MAX_LAYERS];
    const char *name[HIST_MAX_LAYERS]; /* NULL = "W1", "W2", ... */
    int n_layers;
    int per_layer; /* 1: one histogram per layer, stacked (when it fits) */
    double axis;   /* half-width of the |w| axis, held by the caller (held_scale.h);
                    * 0: the weights' own max|w| */
    /* the hidden units layer l feeds (the rows of its W, each a unit's
     * incoming weights), counted alive or off ("units alive 5/16": the
     * group lasso switches whole units off); 0: not counted */
    int units[HIST_MAX_LAYERS];
} HistView;

/* The figures printed with the histogram; l2 is the norm sqrt(sum w^2), as
 * penalty.h's WeightStats. */
typedef struct {
    size_t n, zeros;
    double zero_frac, l1, l2, max_abs;
} HistStats;

void widget_hist_stats(const double *const *w, const size_t *n, int n_layers, HistStats *s);

/* Top: "zeros 87%  |w|1 12.3  |w|2 4.56  max|w| 2.1", with "units alive
 * 5/16" after the zeros when units are counted (wrapped onto two rows
 * when narrow). Middle: exact zeros as their own bar in the centre (colour
 * COL_ZERO in bold, '0' glyphs without colour), the nonzero weights binned
 * symmetrically over [-axis, axis] (axis: v->axis, else max|w|) right up to
 * it, negatives left. Bottom: "-2.1 ... =0 ... 2.1". Heights share one scale, so L1's exact
 * zeros stand as a spike and L2's bell has no centre bar. A nonzero bin
 * always shows at least a sliver. */
void widget_hist_draw(Canvas *c, Rect r, const HistView *v);

/* ---- decision boundary and fitted curve (widget_boundary.c) ------------------ */

typedef enum { BOUNDARY_BINARY, BOUNDARY_MULTI, BOUNDARY_REGRESS } BoundaryKind;

typedef struct {
    double x, y;
    int cls;    /* class id 0..3 (ignored for regression) */
    int is_val; /* 1 = validation split */
} DataPoint;

typedef struct {
    BoundaryKind kind;
    /* Prediction grid, gw x gh, row-major, row 0 at y0 (the bottom), cell
     * (i, j) centred on x0 + (i + 0.5)(x1 - x0)/gw. value is: BINARY the
     * probability of class 1; MULTI the probability of the predicted class;
     * REGRESS the predicted value. cls (MULTI only) the predicted class. The
     * grid need not match the rect: each cell samples the nearest entry. */
    int gw, gh;
    const double *value;
    const int *cls;
    int n_classes;
    double x0, x1, y0, y1;
    const DataPoint *pts;
    int np;
    int shade_prob; /* 1: shade by probability / confidence; 0: flat class */
    int show_val;   /* draw validation points */
    int legend;     /* the bottom row: "o x train  O X val", and for REGRESS the shading key */
} BoundaryView;

/* Colour: class regions in light class tints (probability mode adds
 * ░ or ▒ of the class colour as confidence grows). Monochrome: probability mode is a
 * light ramp " .-:" over p(class 1) in quarters (the boundary where . meets
 * -), light so that the points stand out; class mode fills class k with
 * " .:-" (ASCII) or " ░▒▓" (UTF-8). Points: training filled ● ▲ ■ ◆, validation
 * hollow ○ △ □ ◇ (ASCII o x v s and O X V S, bold), in the class colour. */
void widget_boundary_draw(Canvas *c, Rect r, const BoundaryView *v);

typedef struct {
    const DataPoint *pts; /* (x, y) pairs; cls ignored */
    int np;
    const double *cx, *cy; /* the fitted curve, nc points in x order */
    int nc;
    double x0, x1, y0, y1; /* x1 <= x0 or y1 <= y0: fit to the data */
    int show_val;
    int legend;
} CurveView;

/* 1-D regression: the curve as a braille line (ASCII: ' . :), points over it
 * (train ● / o, validation ○ / O). */
void widget_curve_draw(Canvas *c, Rect r, const CurveView *v);

/* ---- per-feature weight bars (widget_bars.c) ------------------------------------ */

typedef struct {
    const char *const *names; /* n_features names; NULL = x1, x2, ... */
    int n_features;
    const double *w;     /* n_rows x n_features, row-major (SPEC's W: out x in) */
    int n_rows;          /* 1 for linear / logistic, k for softmax */
    int per_class;       /* 1: a row per (feature, class); 0: largest |w| per feature */
    double axis;         /* |w| of a full bar, held by the caller (held_scale.h); 0: the
                          * largest |w| drawn */
    const double *truth; /* n_features true weights to mark on the bars, or NULL */
} WeightBarsView;

/* One row per feature: name, a bar left (negative) or right (positive) of a
 * centre line, value. An exactly zero weight shows "0" and a '·' ('.' in
 * ASCII) on the centre line, no bar; any nonzero weight shows at least a
 * sliver, so "tiny" and "zero" never look alike. Consecutive one-hot
 * dummies "COLUMN=LEVEL" of one column stand under a heading row "COLUMN"
 * (bold, no bar) as rows " =LEVEL"; an imputed column's indicator
 * "COLUMN:missing" reads "COLUMN ?". A heading never ends the list alone:
 * when rows run out, the last line counts the hidden weights. With truth,
 * each nonzero true weight is a mark on the same axis (┃, '+' in ASCII), so
 * the lasso's shrinkage of a large weight shows as the bar falling short
 * of its mark. */
void widget_bars_draw(Canvas *c, Rect r, const WeightBarsView *v);

/* ---- controls, status line, help, message (widget_controls.c) --------------- */

typedef struct {
    const char *label;  /* plain ASCII: "lambda", "alpha", "keep", "lr" */
    const char *symbol; /* optional, UTF-8 mode only: "λ", "α", ... */
    const char *value;  /* already formatted: "0.001" */
    int focused;
} ControlItem;

typedef struct {
    const ControlItem *items;
    int n;
} ControlsView;

/* "  lambda 0.001" per item, the focused one as "> lambda 0.001" in reverse
 * video. One item per row when the rect is tall enough, else flowed across
 * rows. */
void widget_controls_draw(Canvas *c, Rect r, const ControlsView *v);
/* Columns one item needs when drawn alone ("> " + symbol + label + value), so
 * a caller laying items out itself (one rect per knob, for the mouse) gives
 * each enough room. */
int widget_control_width(const Canvas *c, const ControlItem *it);

typedef struct {
    long epoch;
    const char *state;   /* "running", "paused", ...; NULL = none */
    const char *metrics; /* free text, e.g. "train 0.312 val 0.351 acc 91%" */
    const char *message; /* NULL = none */
    int warning;         /* message in COL_WARNING, bold */
    const char *hint;    /* right-aligned when it fits, e.g. "? help" */
} StatusView;

/* One reverse-video row: "epoch 12  running  <metrics>  <message>   <hint>". */
void widget_status_draw(Canvas *c, Rect r, const StatusView *v);

typedef struct {
    const char *key; /* "l / L" */
    const char *desc;
} HelpRow;

typedef struct {
    const char *title; /* NULL = "keys" */
    const HelpRow *rows;
    int n;
    int first; /* the first row shown (scrolled); clamped to what fits */
} HelpView;

/* A box centred in r, sized to its rows (shrunk to fit), inside cleared,
 * keys aligned in a column. When the rows do not all fit, the last line
 * says "... N more (down)" and, scrolled, the first "... N above (up)". */
void widget_help_draw(Canvas *c, Rect r, const HelpView *v);

/* Text centred in r, one line per '\n' ("terminal too small: need 80x24"). */
void widget_message_draw(Canvas *c, Rect r, const char *text, int fg);

/* ---- penalty gradient (widget_gradient.c), for --lesson gradient ---------- */

typedef struct {
    double lambda, alpha;
    double wmax; /* the w axis spans [-wmax, wmax]; <= 0 = 1 */
} GradientView;

/* The penalty's gradient against w: the L1 part lambda*alpha*sign(w), a
 * step jumping at 0 (class-0 colour, '#' in ASCII), and the L2 part
 * lambda*(1-alpha)*w, a line through 0 (class-1 colour, '*'); legend on the
 * top row, gradient labels left, w labels on the bottom row. */
void widget_gradient_draw(Canvas *c, Rect r, const GradientView *v);

/* ---- geometry view (widget_geometry.c) ---------------------------------------- */

typedef struct {
    /* the data loss on an n x n grid over [-range, range]^2, row 0 at
     * w2 = -range, column 0 at w1 = -range; its lowest value and the value
     * on the contour through the solution */
    const double *loss;
    int n;
    double range, loss_min, sol_loss;
    double sol[2];           /* the exact solution at lambda, alpha */
    double ref[2];           /* the unpenalized minimum */
    double w[2];             /* the weights now */
    const double *tw1, *tw2; /* their trajectory, oldest first; NaN skipped */
    int nt;
    double lambda, alpha;
    /* the penalty at (w1, w2), its level set through the solution drawn;
     * its name for the legend ("L1 diamond", "MCP shape, gamma 3", ...);
     * round: the set has no corners (ridge, one group); flat: the |w|
     * past which the whole penalty is constant (MCP, SCAD at alpha 1),
     * else 0 */
    double (*penalty)(const void *ctx, double w1, double w2);
    const void *penalty_ctx;
    const char *shape;
    int round;
    double flat;
    const char *note; /* shown instead of the plane when set (no two weights) */
} GeometryView;

/* A square (w1, w2) plane with its axes: eight data-loss contours (fixed
 * for the data), the contour through the solution, the penalty's level set
 * through it (L1 diamond, L2 circle, elastic net between; MCP's and SCAD's
 * star with flat sides, the group's circle), the trajectory,
 * markers for the unpenalized minimum (+), the weights now (● / @) and the
 * solution (◆ / X) over them; a legend beside or under it ending in what the
 * picture says (on a corner: w2 is exactly 0, ...). Returns the part of r
 * left empty under the legend (w or h 0 when none). */
Rect widget_geometry_draw(Canvas *c, Rect r, const GeometryView *v);

typedef struct {
    int trials, n_alpha, n;
    const double *alpha, *frac, *frac_any; /* n_alpha each */
    const char *const *name; /* n_alpha row names ("L1", "MCP", ...); NULL: from alpha */
    double corr, direction, lambda;
    const char *note; /* shown instead when set */
} ZerosView;

/* The share of random problems whose solution has an exact zero, per
 * penalty (L1, elastic net or the view's family, L2), with the true direction as set and with a
 * random one: a bar and a percentage each. */
void widget_zeros_draw(Canvas *c, Rect r, const ZerosView *v);

#endif
