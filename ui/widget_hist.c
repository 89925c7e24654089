/* widget_hist: the weight histogram, where L1's exact zeros and L2's
 * shrinking bell must be visible at a glance.
 *
 * Columns, left to right:  negative bins | =0 bar | positive bins
 * The exact-zero bar is not a bin around 0 but a count of w == 0.0: prox L1
 * puts weights there, subgradient L1 and L2 only bring them near it, and
 * those land in the innermost bins, right beside the =0 bar. The bar is
 * columns inserted at 0 (two, under its "=0" label; one when narrow) and
 * nothing else: no gap, so a bin's distance from the bar is its true
 * distance from 0 on the axis (bin b holds |w| in [b, b+1) * max|w| / bins)
 * and L2's narrowing bell reads as a bell, not as two humps far apart. The bar stays distinct by
 * its colour (COL_ZERO, bold) or, without colour, by its '0' glyphs. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "widget_util.h"
#include "widgets.h"

#define MAX_BINS 256 /* per side; wider rects get wider bins */

void widget_hist_stats(const double *const *w, const size_t *n, int n_layers, HistStats *s)
{
    double l2sq = 0;
    memset(s, 0, sizeof *s);
    for (int l = 0; l < n_layers; l++)
        for (size_t i = 0; w[l] && i < n[l]; i++) {
            double a = fabs(w[l][i]);
            s->n++;
            if (w[l][i] == 0.0)
                s->zeros++;
            s->l1 += a;
            l2sq += a * a;
            if (a > s->max_abs)
                s->max_abs = a;
        }
    s->l2 = sqrt(l2sq);
    s->zero_frac = s->n ? (double)s->zeros / (double)s->n : 0;
}

/* "87%", but never "0%" or "100%" unless exactly so: one exact zero among
 * thousands is a fact a student asks about. */
static void fmt_pct(double f, char *buf, size_t n)
{
    if (f > 0 && f < 0.01)
        snprintf(buf, n, "<1%%");
    else if (f < 1 && f > 0.99)
        snprintf(buf, n, ">99%%");
    else
        snprintf(buf, n, "%.0f%%", f * 100);
}

/* Of the units layers feed (units[l] rows of w[l] each), how many have a
 * nonzero incoming weight; *total gets their number. */
static int units_alive(const double *const *w, const size_t *n, const int *units, int nl,
                       int *total)
{
    int alive = 0;
    *total = 0;
    for (int l = 0; l < nl; l++) {
        if (units[l] <= 0 || !w[l])
            continue;
        size_t in = n[l] / (size_t)units[l];
        for (int u = 0; u < units[l]; u++) {
            int on = 0;
            for (size_t j = 0; j < in && !on; j++)
                on = w[l][(size_t)u * in + j] != 0.0;
            alive += on;
        }
        *total += units[l];
    }
    return alive;
}

/* Figures flowed over at most two rows; returns the rows used. */
static int draw_figures(Canvas *c, Rect r, const char *label, const HistStats *s, int alive,
                        int units)
{
    char piece[6][40], num[16];
    int np = 0;
    if (label)
        snprintf(piece[np++], sizeof piece[0], "%s", label);
    fmt_pct(s->zero_frac, num, sizeof num);
    snprintf(piece[np++], sizeof piece[0], "zeros %s", num);
    if (units > 0)
        snprintf(piece[np++], sizeof piece[0], "units alive %d/%d", alive, units);
    snprintf(piece[np++], sizeof piece[0], "|w|1 %s", canvas_fmt_num(s->l1, num, sizeof num));
    snprintf(piece[np++], sizeof piece[0], "|w|2 %s", canvas_fmt_num(s->l2, num, sizeof num));
    snprintf(piece[np++], sizeof piece[0], "max|w| %s",
             canvas_fmt_num(s->max_abs, num, sizeof num));
    int x = r.x, y = r.y, rows = 1;
    for (int i = 0; i < np; i++) {
        int w = (int)strlen(piece[i]);
        if (x > r.x && x + w > r.x + r.w) {
            if (rows == 2 || r.h < 4)
                break; /* the bars matter more than the last figure */
            rows++, y++, x = r.x;
        }
        int fg = i == (label ? 1 : 0) ? COL_ZERO : label && i == 0 ? COL_ACCENT : COL_DEFAULT;
        canvas_text(c, x, y, piece[i], fg, CANVAS_KEEP, ATTR_NONE);
        x += w + 2;
    }
    return rows;
}

/* A vertical bar of e eighths standing on row ybot. */
static void draw_bar(Canvas *c, int x, int ybot, int e, uint32_t ascii, int fg, int attr)
{
    if (e <= 0)
        return;
    if (wu_utf8(c)) {
        for (int y = ybot; e > 0; y--, e -= 8)
            canvas_set(c, x, y, wu_vblock(e), fg, CANVAS_KEEP, attr);
        return;
    }
    int rows = (e + 4) / 8;
    if (rows == 0) { /* less than half a row: a low mark, not nothing */
        canvas_set(c, x, ybot, '_', fg, CANVAS_KEEP, attr);
        return;
    }
    for (int y = ybot; rows > 0; y--, rows--)
        canvas_set(c, x, y, ascii, fg, CANVAS_KEEP, attr);
}

static int eighths(size_t count, size_t maxcount, int rows)
{
    if (count == 0 || maxcount == 0)
        return 0;
    int e = (int)lround((double)count / (double)maxcount * rows * 8);
    return e < 1 ? 1 : e;
}

static void draw_one(Canvas *c, Rect r, const double *const *w, const size_t *n, const int *units,
                     int nl, const char *label, double axis)
{
    HistStats s;
    char buf[24];
    widget_hist_stats(w, n, nl, &s);
    if (r.h < 1 || r.w < 1)
        return;
    if (s.n == 0) {
        widget_message_draw(c, r, "no weights", COL_DIM);
        return;
    }
    int n_units, alive = units_alive(w, n, units, nl, &n_units);
    int top = draw_figures(c, r, label, &s, alive, n_units);
    int bh = r.h - top - 1; /* bar rows; the last row holds the axis */
    if (bh < 1)
        return;
    int ybot = r.y + top + bh - 1, yaxis = r.y + r.h - 1;

    int zw = r.w >= 16 ? 2 : 1; /* the zero bar: as wide as its "=0" label */
    int bins = (r.w - zw) / 2;
    if (bins > MAX_BINS)
        bins = MAX_BINS;
    if (bins < 0)
        bins = 0;
    int total = 2 * bins + zw;
    int x0 = r.x + (r.w - total) / 2;
    int xz = x0 + bins; /* first column of the zero bar; the bins touch it */

    size_t neg[MAX_BINS] = {0}, pos[MAX_BINS] = {0}, maxc = s.zeros;
    double m = axis > 0 ? axis : s.max_abs > 0 ? s.max_abs : 1;
    for (int l = 0; bins > 0 && l < nl; l++)
        for (size_t i = 0; w[l] && i < n[l]; i++) {
            double v = w[l][i];
            if (v == 0.0 || !isfinite(v))
                continue;
            int b = (int)(fabs(v) / m * bins);
            if (b >= bins)
                b = bins - 1;
            size_t *bin = v < 0 ? &neg[b] : &pos[b];
            if (++*bin > maxc)
                maxc = *bin;
        }

    int ufg = COL_CLASS1, zfg = COL_ZERO;
    for (int b = 0; b < bins; b++) {
        draw_bar(c, xz - 1 - b, ybot, eighths(neg[b], maxc, bh), '#', ufg, ATTR_NONE);
        draw_bar(c, xz + zw + b, ybot, eighths(pos[b], maxc, bh), '#', ufg, ATTR_NONE);
    }
    int ze = eighths(s.zeros, maxc, bh);
    for (int k = 0; k < zw; k++) {
        if (c->colour || !wu_utf8(c)) {
            draw_bar(c, xz + k, ybot, ze, '0', zfg, ATTR_BOLD);
        } else if (ze > 0) { /* monochrome blocks: '0's, or it merges with its neighbours */
            int rows = (ze + 4) / 8 > 0 ? (ze + 4) / 8 : 1;
            for (int y = ybot; rows > 0; y--, rows--)
                canvas_set(c, xz + k, y, '0', zfg, CANVAS_KEEP, ATTR_BOLD);
        }
    }

    /* axis: "-2.1 ─────── =0 ─────── 2.1" */
    canvas_hline(c, r.x, yaxis, r.w, COL_DIM);
    canvas_text(c, xz + (zw - 2) / 2, yaxis, "=0", zfg, CANVAS_KEEP, ATTR_BOLD);
    if (bins >= 5) {
        canvas_fmt_num(-m, buf, sizeof buf);
        canvas_text(c, x0, yaxis, buf, COL_DIM, CANVAS_KEEP, ATTR_NONE);
        canvas_fmt_num(m, buf, sizeof buf);
        wu_text_right(c, x0 + total, yaxis, buf, COL_DIM, CANVAS_KEEP, ATTR_NONE);
    }
}

void widget_hist_draw(Canvas *c, Rect r, const HistView *v)
{
    Rect old = wu_push_clip(c, r);
    int nl = v->n_layers < 0 ? 0 : v->n_layers > HIST_MAX_LAYERS ? HIST_MAX_LAYERS : v->n_layers;
    /* per layer only when each still gets figures, some bar rows and an axis */
    if (v->per_layer && nl > 1 && r.h / nl >= 4) {
        int h = r.h / nl;
        for (int l = 0; l < nl; l++) {
            char name[16];
            const char *label = v->name[l];
            if (!label) {
                snprintf(name, sizeof name, "W%d", l + 1);
                label = name;
            }
            Rect lr = rect_make(r.x, r.y + l * h, r.w, l == nl - 1 ? r.h - l * h : h);
            canvas_set_clip(c, rect_intersect(lr, old));
            draw_one(c, lr, &v->w[l], &v->n[l], &v->units[l], 1, label, v->axis);
        }
    } else {
        draw_one(c, r, v->w, v->n, v->units, nl, NULL, v->axis);
    }
    canvas_set_clip(c, old);
}
