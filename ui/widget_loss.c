/* widget_loss: loss curves per epoch, train / val / data / penalty.
 *
 * Layout inside r (h rows):
 *   row 0        legend: "━ train ━ val ━ data ━ penalty   log  best 42"
 *   rows 1..h-2  y labels | plot
 *   row h-1      epoch labels: first at the left, last at the right, ^ at best
 *
 * The epoch axis is linear when the history's epochs are evenly spaced.
 * The live history is not: every epoch at first, then one point per
 * publish, whatever the speed; its axis is logarithmic in epochs (ticks at
 * powers of ten), so the steep start keeps its room and every position
 * still reads as an epoch.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "widget_util.h"
#include "widgets.h"

static const char *const series_name[LOSS_NSERIES] = {"train", "val", "data", "penalty"};
static const int series_col[LOSS_NSERIES] = {COL_TRAIN, COL_VAL, COL_DATA, COL_PENALTY};
/* Monochrome / ASCII plots draw each series with its own character. */
static const char series_glyph[LOSS_NSERIES] = {'*', 'o', '.', '+'};
/* Back to front: train, the curve people watch, ends on top. */
static const int draw_order[LOSS_NSERIES] = {LOSS_PENALTY, LOSS_DATA, LOSS_VAL, LOSS_TRAIN};

/* Largest number of values scanned per dot column of a downsampled history:
 * keeps a frame O(width) however long training ran, while min..max over
 * that many samples still shows the spread of noisy SGD losses. */
#define SAMPLES_PER_COLUMN 32

typedef struct {
    int log;
    double lo, hi; /* in plotted units (log10 when log) */
    int dh;        /* dot rows */
} YScale;

static int usable(double v, int log_scale) { return isfinite(v) && (!log_scale || v > 0); }

static double yunit(double v, int log_scale) { return log_scale ? log10(v) : v; }

/* Dot row of value v: hi at row 0, lo at row dh-1. */
static int ydot(const YScale *s, double v)
{
    double t = (s->hi - yunit(v, s->log)) / (s->hi - s->lo);
    t = t < 0 ? 0 : t; /* a clipped spike runs along the top */
    return (int)lround(t * (s->dh - 1));
}

static void plot_segment(Canvas *c, Rect pr, int x0, int y0, int x1, int y1, int braille, int k)
{
    if (braille)
        canvas_braille_line(c, pr, x0, y0, x1, y1, series_col[k]);
    else
        canvas_glyph_line(c, pr, x0, y0, x1, y1, (uint32_t)series_glyph[k], series_col[k]);
}

static void plot_series(Canvas *c, Rect pr, const double *s, int n, const YScale *ys, int braille,
                        int k)
{
    int dw = 2 * pr.w;
    int have_prev = 0, px = 0, py = 0;
    if (n <= dw) {
        for (int i = 0; i < n; i++) {
            if (!usable(s[i], ys->log)) {
                have_prev = 0; /* a gap, not a made-up line across it */
                continue;
            }
            int x = n == 1 ? 0 : (int)((long)i * (dw - 1) / (n - 1));
            int y = ydot(ys, s[i]);
            if (have_prev)
                plot_segment(c, pr, px, py, x, y, braille, k);
            else
                plot_segment(c, pr, x, y, x, y, braille, k);
            px = x, py = y, have_prev = 1;
        }
        return;
    }
    for (int x = 0; x < dw; x++) {
        long i0 = (long)x * n / dw, i1 = (long)(x + 1) * n / dw;
        long step = (i1 - i0) / SAMPLES_PER_COLUMN;
        if (step < 1)
            step = 1;
        double lo = INFINITY, hi = -INFINITY, first = NAN, last = NAN;
        for (long i = i0; i < i1; i += step) {
            if (!usable(s[i], ys->log))
                continue;
            if (isnan(first))
                first = s[i];
            last = s[i];
            lo = fmin(lo, s[i]);
            hi = fmax(hi, s[i]);
        }
        if (usable(s[i1 - 1], ys->log)) { /* the line leaves from the column's last epoch */
            last = s[i1 - 1];
            lo = fmin(lo, last);
            hi = fmax(hi, last);
            if (isnan(first))
                first = last;
        }
        if (isnan(first)) {
            have_prev = 0;
            continue;
        }
        if (have_prev)
            plot_segment(c, pr, px, py, x, ydot(ys, first), braille, k);
        plot_segment(c, pr, x, ydot(ys, lo), x, ydot(ys, hi), braille, k);
        px = x, py = ydot(ys, last), have_prev = 1;
    }
}

/* The epoch axis of an unevenly sampled history (see the top), or of the
 * recent window: linear in epochs. */
typedef struct {
    const long *epochs; /* NULL: the axis is by index, linear */
    int log;            /* 1: logarithmic in epochs, 0: linear in epochs */
    double u0, u1;      /* the axis' ends: log10 of the epoch (epoch 0 counts as 1), or the epoch */
    int dw;             /* dot columns */
} XScale;

static double xunit(long epoch) { return log10(epoch < 1 ? 1.0 : (double)epoch); }

/* Dot column of an epoch on the epoch axis. */
static int xdot_epoch(const XScale *xs, long epoch)
{
    if (xs->u1 <= xs->u0)
        return 0;
    double u = xs->log ? xunit(epoch) : (double)epoch;
    double t = (u - xs->u0) / (xs->u1 - xs->u0);
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    return (int)lround(t * (xs->dw - 1));
}

/* Whether epochs are evenly spaced (to rounding): then index is linear. */
static int evenly_spaced(const long *epochs, int n)
{
    for (int i = 1; i + 1 < n; i++) {
        double at = epochs[0] + (double)(epochs[n - 1] - epochs[0]) * i / (n - 1);
        if (fabs((double)epochs[i] - at) > 1.0)
            return 0;
    }
    return 1;
}

/* plot_series on an epoch axis: the points that share a dot column drawn
 * as one min..max stroke, joined column to column. */
static void plot_series_epochs(Canvas *c, Rect pr, const double *s, int n, const YScale *ys,
                               const XScale *xs, int braille, int k)
{
    int have_prev = 0, px = 0, py = 0, gx = -1;
    double lo = 0, hi = 0, first = 0, last = 0;
    for (int i = 0; i <= n; i++) {
        int ok = i < n && usable(s[i], ys->log);
        int x = ok ? xdot_epoch(xs, xs->epochs[i]) : -1;
        if (gx >= 0 && x != gx) { /* the column is complete */
            if (have_prev)
                plot_segment(c, pr, px, py, gx, ydot(ys, first), braille, k);
            plot_segment(c, pr, gx, ydot(ys, lo), gx, ydot(ys, hi), braille, k);
            px = gx, py = ydot(ys, last), have_prev = 1;
            gx = -1;
        }
        if (i == n)
            break;
        if (!ok) {
            have_prev = 0; /* a gap, not a made-up line across it */
            continue;
        }
        if (gx < 0) {
            gx = x;
            lo = hi = first = s[i];
        }
        lo = fmin(lo, s[i]);
        hi = fmax(hi, s[i]);
        last = s[i];
    }
}

/* Ticks at the powers of ten between the end labels (free columns lo..hi),
 * kept off the best mark bx: "10", "100", "1k", ... */
static void log_ticks(Canvas *c, const XScale *xs, Rect pr, int y, int lo, int hi, int bx)
{
    static const char *const names[] = {"10", "100", "1k", "10k", "100k", "1M", "10M", "100M"};
    long p = 10;
    for (int k = 0; k < 8; k++, p *= 10) {
        int w = (int)strlen(names[k]);
        int x = pr.x + xdot_epoch(xs, p) / 2 - w / 2;
        if (x < lo + 1 || x + w > hi - 1 || (bx >= x - 1 && bx <= x + w))
            continue;
        canvas_text(c, x, y, names[k], COL_DIM, CANVAS_KEEP, ATTR_NONE);
        lo = x + w;
    }
}

/* Dot column of history index i; the same mapping plot_series uses. */
static int xdot(int i, int n, int dw)
{
    if (n <= 1)
        return 0;
    if (n <= dw)
        return (int)((long)i * (dw - 1) / (n - 1));
    return (int)((long)i * dw / n);
}

/* History index of the best epoch, or -1. */
static int best_index(const LossView *v, int n)
{
    if (v->best_epoch < 0)
        return -1;
    if (!v->epochs)
        return v->best_epoch >= v->first_epoch && v->best_epoch < v->first_epoch + n
                   ? (int)(v->best_epoch - v->first_epoch)
                   : -1;
    for (int i = 0; i < n; i++)
        if (v->epochs[i] == v->best_epoch)
            return i;
    return -1;
}

/* Columns the legend takes with the given names. */
/* What legend entry k says after its name when its line lies under
 * another's: " under a", or "=a" where room is short. */
static void hidden_note(const LossView *v, const char *const *names, const int *under, int k,
                        int brief, char *buf, size_t size)
{
    buf[0] = '\0';
    if (under[k] < 0)
        return;
    const char *other = v->names[under[k]] ? v->names[under[k]] : names[under[k]];
    snprintf(buf, size, brief ? "=%s" : " under %s", other);
}

static int legend_width(const LossView *v, const char *const *names, const int *under, int brief)
{
    int w = 0;
    char note[48];
    for (int k = 0; k < LOSS_NSERIES; k++)
        if (v->series[k]) {
            hidden_note(v, names, under, k, brief, note, sizeof note);
            w += 3 + canvas_text_width(v->names[k] ? v->names[k] : names[k]) +
                 canvas_text_width(note);
        }
    return w + (v->log_scale ? 5 : 0);
}

/* The legend from r.x; returns the column after it. Where the words and
 * "best N" do not fit, penalty is shortened to pen and "under" to "=".
 * under[k] >= 0: series k's line lies under that series' line. */
static int legend(Canvas *c, Rect r, const LossView *v, int braille, const int *under)
{
    static const char *const short_name[LOSS_NSERIES] = {"train", "val", "data", "pen"};
    char best[32] = "", note[48];
    if (v->best_epoch >= 0)
        snprintf(best, sizeof best, " best %ld", v->best_epoch);
    const char *const *names = series_name;
    int brief = 0;
    if (legend_width(v, names, under, brief) + (int)strlen(best) > r.w)
        names = short_name;
    if (legend_width(v, names, under, brief) + (int)strlen(best) > r.w)
        brief = 1;
    static const int none[LOSS_NSERIES] = {-1, -1, -1, -1};
    if (legend_width(v, names, under, brief) + (int)strlen(best) > r.w)
        under = none; /* the words and best N first */
    int x = r.x;
    for (int k = 0; k < LOSS_NSERIES; k++) {
        if (!v->series[k])
            continue;
        uint32_t sw = braille ? 0x2501 : (uint32_t)series_glyph[k]; /* ━ */
        canvas_set(c, x, r.y, sw, series_col[k], CANVAS_KEEP, ATTR_BOLD);
        x += 2;
        const char *name = v->names[k] ? v->names[k] : names[k];
        x += canvas_text(c, x, r.y, name, series_col[k], CANVAS_KEEP, ATTR_NONE);
        hidden_note(v, names, under, k, brief, note, sizeof note);
        x += canvas_text(c, x, r.y, note, COL_DIM, CANVAS_KEEP, ATTR_NONE) + 1;
    }
    if (v->log_scale)
        x += canvas_text(c, x + 1, r.y, "log", COL_DIM, CANVAS_KEEP, ATTR_NONE) + 2;
    return x;
}

/* The part of the history drawn: all of it, or the recent window. */
typedef struct {
    const double *series[LOSS_NSERIES];
    const long *epochs;
    int n;
    long first, last; /* the epoch axis' ends */
    int window;       /* 1: the recent window, linear in epochs */
} Shown;

static Shown shown_part(const LossView *v)
{
    Shown sh = {{NULL}, v->epochs, v->n > 0 ? v->n : 0, 0, 0, 0};
    int i0 = 0;
    if (v->window_from > 0 && v->epochs && sh.n > 0) {
        while (i0 < sh.n - 1 && v->epochs[i0] < v->window_from)
            i0++;
        sh.window = 1;
    }
    for (int k = 0; k < LOSS_NSERIES; k++)
        sh.series[k] = v->series[k] ? v->series[k] + i0 : NULL;
    sh.n -= i0;
    if (sh.epochs)
        sh.epochs += i0;
    if (sh.n > 0) {
        sh.first = sh.epochs ? sh.epochs[0] : v->first_epoch;
        sh.last = sh.epochs ? sh.epochs[sh.n - 1] : v->first_epoch + sh.n - 1;
        if (sh.window && v->window_from < sh.first)
            sh.first = v->window_from;
    }
    return sh;
}

#define RANGE_BINS 64
#define RANGE_SCAN 65536   /* per series: the extremes of a longer history are sampled */
#define RANGE_SAMPLES 4096 /* per series: a longer history is sampled for the histogram */

/* The y range over the shown values. A spike is clipped: when the highest
 * values after the first twentieth of the points lie more than the span of
 * the other 98% above them, the range ends a little above those (or at the
 * start's own top) and *clipped is set. The start is never clipped: it is
 * the descent of training, or the jump a knob change made. One pass for
 * the extremes and a histogram of at most RANGE_SAMPLES values a series. */
/* The index after i stepping by every, the last one included. */
static int next_sample(int i, int every, int n)
{
    return i + every < n || i == n - 1 ? i + every : n - 1;
}

static void y_range(const Shown *sh, YScale *ys, int *clipped)
{
    *clipped = 0;
    int head = sh->n / 20;
    double head_hi = -INFINITY, tail_hi = -INFINITY;
    long count = 0;
    /* a history longer than the plot has dot columns is drawn sampled
     * (plot_series): its range is read off as many samples, and the last */
    int every = sh->n > RANGE_SCAN ? sh->n / RANGE_SCAN : 1;
    for (int k = 0; k < LOSS_NSERIES; k++)
        for (int i = 0; sh->series[k] && i < sh->n; i = next_sample(i, every, sh->n))
            if (usable(sh->series[k][i], ys->log)) {
                double u = yunit(sh->series[k][i], ys->log);
                ys->lo = fmin(ys->lo, u);
                if (i < head)
                    head_hi = fmax(head_hi, u);
                else
                    tail_hi = fmax(tail_hi, u);
                count++;
            }
    ys->hi = fmax(head_hi, tail_hi);
    if (!(ys->lo < ys->hi) || count < 20)
        return;
    long bins[RANGE_BINS] = {0};
    double span = ys->hi - ys->lo;
    int stride = sh->n > RANGE_SAMPLES ? sh->n / RANGE_SAMPLES : 1;
    count = 0;
    for (int k = 0; k < LOSS_NSERIES; k++)
        for (int i = head; sh->series[k] && i < sh->n; i += stride)
            if (usable(sh->series[k][i], ys->log)) {
                count++;
                int b = (int)((yunit(sh->series[k][i], ys->log) - ys->lo) / span * RANGE_BINS);
                bins[b >= RANGE_BINS ? RANGE_BINS - 1 : b]++;
            }
    long keep = count - count / 50, seen = 0; /* 98% of the values */
    int b = 0;
    while (b < RANGE_BINS - 1 && (seen += bins[b]) < keep)
        b++;
    double q = ys->lo + span * (b + 1) / RANGE_BINS; /* 98% lie at or below */
    if (tail_hi - q > q - ys->lo && q > ys->lo) {
        double hi = fmax(head_hi, q + 0.1 * (q - ys->lo));
        if (hi < tail_hi) {
            ys->hi = hi;
            *clipped = 1;
        }
    }
}

/* Knob changes: a dotted line at each change's epoch (drawn under the
 * curves) and, with labels set, its label on the plot's top row (drawn over
 * them), the latest change first: a label goes where it runs into none
 * placed before it. */
static void draw_marks(Canvas *c, Rect pr, const LossView *v, const XScale *xs, const Shown *sh,
                       int labels)
{
    int placed_lo[LOSS_MARKS_MAX], placed_hi[LOSS_MARKS_MAX], n_placed = 0;
    int n = v->n_marks < LOSS_MARKS_MAX ? v->n_marks : LOSS_MARKS_MAX;
    for (int m = n - 1; m >= 0 && xs->epochs; m--) {
        long e = v->mark_epoch[m];
        if (e < sh->first || e > sh->last)
            continue;
        int x = pr.x + xdot_epoch(xs, e) / 2;
        if (!labels) {
            for (int y = pr.y; y < pr.y + pr.h; y++)
                canvas_set(c, x, y, wu_utf8(c) ? 0x2506 : ':', COL_PENALTY, CANVAS_KEEP,
                           ATTR_NONE); /* ┆ */
            continue;
        }
        const char *label = v->mark_label[m] ? v->mark_label[m] : "";
        int w = canvas_text_width(label);
        int lx = x + 1 + w <= pr.x + pr.w ? x + 1 : x - w; /* right of the line, else left */
        int free = w > 0 && lx >= pr.x && lx + w <= pr.x + pr.w;
        for (int p = 0; p < n_placed && free; p++)
            free = lx + w < placed_lo[p] || lx > placed_hi[p];
        if (!free)
            continue;
        canvas_text(c, lx, pr.y, label, COL_PENALTY, CANVAS_KEEP, ATTR_BOLD);
        placed_lo[n_placed] = lx, placed_hi[n_placed++] = lx + w;
    }
}

/* under[k]: the series drawn after k (so over it) whose line covers k's at
 * every shown point, to within a dot row; -1 if none. Sampled like the
 * y range, so a long history costs no more. */
static void hidden_lines(const Shown *sh, const YScale *ys, int *under)
{
    int stride = sh->n > RANGE_SAMPLES ? sh->n / RANGE_SAMPLES : 1;
    for (int k = 0; k < LOSS_NSERIES; k++) {
        under[k] = -1;
        for (int j = 0; j < k && under[k] < 0 && sh->series[k] && ys->dh > 0; j++) {
            if (!sh->series[j])
                continue;
            int covered = 1, points = 0;
            for (int i = 0; i < sh->n && covered; i += stride) {
                double a = sh->series[k][i], b = sh->series[j][i];
                if (!usable(a, ys->log))
                    continue;
                points++;
                covered = usable(b, ys->log) && abs(ydot(ys, a) - ydot(ys, b)) <= 1;
            }
            if (covered && points > 0)
                under[k] = j;
        }
    }
}

/* The y range over every shown series, widened when flat so a flat line sits
 * mid-plot. Returns whether there is any value to draw. */
static int plot_y_scale(const Shown *sh, YScale *ys, int *clipped)
{
    y_range(sh, ys, clipped);
    int have = ys->lo <= ys->hi;
    if (have && ys->hi - ys->lo < 1e-12 * (1 + fabs(ys->hi))) {
        double pad = ys->log ? 0.1 : (ys->hi != 0 ? fabs(ys->hi) * 0.1 : 1.0);
        ys->lo -= pad, ys->hi += pad;
    }
    return have;
}

/* The axes and the y range's labels; returns the plot area right of them. */
static Rect draw_axes(Canvas *c, Rect r, const YScale *ys, int have, int clipped)
{
    char top[16] = "", bot[16] = "";
    if (have) {
        int o = clipped ? snprintf(top, sizeof top, "^") : 0;
        canvas_fmt_num(ys->log ? pow(10, ys->hi) : ys->hi, top + o, sizeof top - (size_t)o);
        canvas_fmt_num(ys->log ? pow(10, ys->lo) : ys->lo, bot, sizeof bot);
    }
    int lw = (int)(strlen(top) > strlen(bot) ? strlen(top) : strlen(bot));
    int ax = r.x + lw; /* axis column */
    int ph = r.h - 2;
    Rect pr = rect_make(ax + 1, r.y + 1, r.x + r.w - ax - 1, ph);
    int ybot = r.y + r.h - 1;
    canvas_vline(c, ax, r.y + 1, ph, COL_DIM);
    canvas_hline(c, ax + 1, ybot, pr.w, COL_DIM);
    canvas_set(c, ax, ybot, wu_utf8(c) ? 0x2514 : '+', COL_DIM, CANVAS_KEEP, ATTR_NONE); /* └ */
    if (have) {
        wu_text_right(c, ax, r.y + 1, top, clipped ? COL_WARNING : COL_DIM, CANVAS_KEEP, ATTR_NONE);
        wu_text_right(c, ax, r.y + ph, bot, COL_DIM, CANVAS_KEEP, ATTR_NONE);
    }
    return pr;
}

/* The x scale of the curves: log epochs, or the epochs themselves when
 * they are not evenly spaced, linear in epochs for the recent window. */
static XScale curve_x_scale(const Shown *sh, int dw)
{
    XScale xs = {NULL, 1, xunit(sh->first), xunit(sh->last), dw};
    if (sh->window)
        xs = (XScale){sh->epochs, 0, (double)sh->first, (double)sh->last, dw};
    else if (sh->epochs && sh->n > 2 && !evenly_spaced(sh->epochs, sh->n))
        xs.epochs = sh->epochs;
    return xs;
}

/* The best epoch's column, or -1. */
static int best_column(const LossView *v, const Shown *sh, const XScale *xs, Rect pr)
{
    if (v->best_epoch < 0 || pr.w <= 0)
        return -1;
    LossView part = *v;
    part.epochs = sh->epochs;
    int best_i = best_index(&part, sh->n);
    if (xs->epochs && v->best_epoch >= sh->first && v->best_epoch <= sh->last)
        return pr.x + xdot_epoch(xs, v->best_epoch) / 2;
    if (best_i >= 0 && !sh->window)
        return pr.x + xdot(best_i, sh->n, 2 * pr.w) / 2;
    return -1;
}

/* The best epoch: a dotted line, a caret on the axis, "best N" by the legend. */
static void draw_best(Canvas *c, Rect pr, int bx, int ybot, int lx, int ytop, long best_epoch)
{
    char buf[48];
    for (int y = pr.y; y < pr.y + pr.h; y++)
        canvas_set(c, bx, y, wu_utf8(c) ? 0x250a : '|', COL_ACCENT, CANVAS_KEEP, ATTR_NONE); /* ┊ */
    canvas_set(c, bx, ybot, '^', COL_ACCENT, CANVAS_KEEP, ATTR_BOLD);
    snprintf(buf, sizeof buf, "best %ld", best_epoch);
    canvas_text(c, lx + 1, ytop, buf, COL_ACCENT, CANVAS_KEEP, ATTR_NONE);
}

static void draw_curves(Canvas *c, Rect pr, const Shown *sh, const YScale *ys, const XScale *xs,
                        int braille)
{
    for (int j = 0; j < LOSS_NSERIES; j++) {
        int k = draw_order[j];
        if (!sh->series[k])
            continue;
        if (xs->epochs)
            plot_series_epochs(c, pr, sh->series[k], sh->n, ys, xs, braille, k);
        else
            plot_series(c, pr, sh->series[k], sh->n, ys, braille, k);
    }
}

/* The first and last epoch under the axis (and log ticks between), drawn
 * last so they stay readable over it. */
static void draw_epoch_labels(Canvas *c, Rect pr, int ybot, const Shown *sh, const XScale *xs,
                              int bx)
{
    char buf[48];
    snprintf(buf, sizeof buf, "%ld", sh->first);
    int fw = canvas_text(c, pr.x, ybot, buf, COL_DIM, CANVAS_KEEP, ATTR_NONE);
    snprintf(buf, sizeof buf, "%ld", sh->last);
    int lw2 = (int)strlen(buf);
    if (sh->n > 1 && pr.w - lw2 > fw) {
        wu_text_right(c, pr.x + pr.w, ybot, buf, COL_DIM, CANVAS_KEEP, ATTR_NONE);
        if (xs->epochs && xs->log)
            log_ticks(c, xs, pr, ybot, pr.x + fw, pr.x + pr.w - lw2, bx);
    }
}

/* Everything in the plot area once there are epochs: marks under the
 * curves, the best epoch, the curves, the marks' labels, the epochs. */
static void draw_history(Canvas *c, Rect r, Rect pr, const LossView *v, const Shown *sh,
                         const YScale *ys, int have, int braille, int lx)
{
    int dw = 2 * pr.w, ybot = r.y + r.h - 1, ph = pr.h;
    XScale xs = curve_x_scale(sh, dw);
    int bx = best_column(v, sh, &xs, pr);
    XScale ms = xs; /* where marks go: evenly spaced epochs are linear in index */
    if (!ms.epochs && sh->epochs)
        ms = (XScale){sh->epochs, 0, (double)sh->first, (double)sh->last, dw};
    if (pr.w > 0 && ph > 0)
        draw_marks(c, pr, v, &ms, sh, 0);
    if (bx >= 0)
        draw_best(c, pr, bx, ybot, lx, r.y, v->best_epoch);
    if (have && pr.w > 0 && ph > 0)
        draw_curves(c, pr, sh, ys, &xs, braille);
    if (pr.w > 0 && ph > 0)
        draw_marks(c, pr, v, &ms, sh, 1);
    draw_epoch_labels(c, pr, ybot, sh, &xs, bx);
}

void widget_loss_draw(Canvas *c, Rect r, const LossView *v)
{
    Rect old = wu_push_clip(c, r);
    int braille = wu_utf8(c) && c->colour;
    Shown sh = shown_part(v);
    YScale ys = {v->log_scale != 0, INFINITY, -INFINITY, 4 * (r.h - 2)};
    int clipped;
    int have = plot_y_scale(&sh, &ys, &clipped);
    int under[LOSS_NSERIES];
    hidden_lines(&sh, &ys, under);
    if (!have)
        for (int k = 0; k < LOSS_NSERIES; k++)
            under[k] = -1;

    int lx = legend(c, r, v, braille, under);
    if (r.h < 3) {
        canvas_set_clip(c, old);
        return;
    }
    Rect pr = draw_axes(c, r, &ys, have, clipped);
    ys.dh = 4 * pr.h;
    if (sh.n > 0)
        draw_history(c, r, pr, v, &sh, &ys, have, braille, lx);
    if (!have)
        widget_message_draw(c, pr, sh.n > 0 ? "no finite values" : "no epochs yet", COL_DIM);
    canvas_set_clip(c, old);
}
