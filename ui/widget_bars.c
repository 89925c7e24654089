/* widget_bars: one horizontal bar per input feature, negative weights to the
 * left of a centre line, positive to the right. With many features (the
 * `sparse` dataset) this is where the lasso's zeros are read by name. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "widget_util.h"
#include "widgets.h"

#define NAME_MAX_W 12
#define VALUE_W 7

static double weight_at(const WeightBarsView *v, int row, int f)
{
    return v->w[(size_t)row * (size_t)v->n_features + (size_t)f];
}

/* Largest |w| of feature f across classes, sign kept. */
static double strongest(const WeightBarsView *v, int f)
{
    double best = 0;
    for (int k = 0; k < v->n_rows; k++) {
        double w = weight_at(v, k, f);
        if (fabs(w) > fabs(best) || isnan(w))
            best = w;
    }
    return best;
}

/* The weight row i shows: feature i / n_rows for class i % n_rows, or
 * feature i's strongest. */
static double row_weight(const WeightBarsView *v, int i)
{
    if (v->per_class && v->n_rows > 1)
        return weight_at(v, i % v->n_rows, i / v->n_rows);
    return strongest(v, i);
}

/* The row's label in at most maxw columns (0: no limit); a per-class row
 * shortens the feature's name, never its class. */
static void row_label(const WeightBarsView *v, int f, int k, char *buf, size_t n, int maxw)
{
    char dflt[16], cls[16] = "";
    const char *name = v->names && v->names[f] ? v->names[f] : NULL;
    if (!name) {
        snprintf(dflt, sizeof dflt, "x%d", f + 1);
        name = dflt;
    }
    if (k >= 0)
        snprintf(cls, sizeof cls, " c%d", k);
    int cw = (int)strlen(cls);
    if (maxw <= 0 || k < 0 || canvas_text_width(name) + cw <= maxw || maxw <= cw + 2) {
        snprintf(buf, n, "%s%s", name, cls);
        return;
    }
    /* the starts of the first and last words, so sepal_length and
     * sepal_width stay apart: "se_le", "se_wi" (ASCII headers: bytes are
     * columns) */
    int keep = maxw - cw;
    const char *last = strrchr(name, '_');
    if (!last)
        last = strrchr(name, ' ');
    if (!last || last == name || !last[1]) {
        snprintf(buf, n, "%.*s%s", keep, name, cls);
        return;
    }
    int lw = (int)strlen(last + 1), b = (keep - 1) / 2, a;
    b = b < lw ? b : lw;
    a = keep - 1 - b;
    a = a < (int)(last - name) ? a : (int)(last - name);
    snprintf(buf, n, "%.*s_%.*s%s", a, name, b, last + 1, cls);
}

/* Bar of value w on row y; centre column cx, half the bar area per side. */
static void draw_bar(Canvas *c, int cx, int y, int half, double w, double scale)
{
    int u = wu_utf8(c);
    if (w == 0.0) {
        canvas_set(c, cx, y, u ? 0x00b7 : '.', COL_ZERO, CANVAS_KEEP, ATTR_BOLD); /* · */
        return;
    }
    if (!isfinite(w)) {
        canvas_set(c, cx, y, '?', COL_WARNING, CANVAS_KEEP, ATTR_BOLD);
        return;
    }
    int e = (int)lround(fmin(fabs(w) / scale, 1.0) * half * 8);
    if (e < 1)
        e = 1; /* nonzero must never look like zero */
    int dir = w > 0 ? 1 : -1, fg = w > 0 ? COL_CLASS1 : COL_CLASS0;
    int x = cx + dir;
    if (!u) {
        int cells = (e + 4) / 8 ? (e + 4) / 8 : 1;
        for (int i = 0; i < cells; i++, x += dir)
            canvas_set(c, x, y, '#', fg, CANVAS_KEEP, ATTR_NONE);
        return;
    }
    for (; e >= 8; e -= 8, x += dir)
        canvas_set(c, x, y, 0x2588, fg, CANVAS_KEEP, ATTR_NONE);
    if (e > 0) {
        /* left-aligned eighths ▏..▉ exist; growing leftwards only ▕ and ▐ do */
        uint32_t g = dir > 0 ? 0x2590 - (uint32_t)e : e <= 2 ? 0x2595 : e <= 5 ? 0x2590 : 0x2588;
        canvas_set(c, x, y, g, fg, CANVAS_KEEP, ATTR_NONE);
    }
}

void widget_bars_draw(Canvas *c, Rect r, const WeightBarsView *v)
{
    Rect old = wu_push_clip(c, r);
    if (!v->w || v->n_features <= 0 || v->n_rows <= 0) {
        widget_message_draw(c, r, "no weights", COL_DIM);
        canvas_set_clip(c, old);
        return;
    }
    int per_class = v->per_class && v->n_rows > 1;
    int nrows = per_class ? v->n_features * v->n_rows : v->n_features;
    char label[64], num[16];

    int nw = 0;
    double scale = 0;
    for (int f = 0; f < v->n_features; f++) {
        row_label(v, f, per_class ? 0 : -1, label, sizeof label, 0);
        int w = canvas_text_width(label);
        nw = w > nw ? w : nw;
        for (int k = 0; k < v->n_rows; k++)
            if (isfinite(weight_at(v, k, f)))
                scale = fmax(scale, fabs(weight_at(v, k, f)));
    }
    if (nw > NAME_MAX_W)
        nw = NAME_MAX_W;
    if (nw > r.w / 3)
        nw = r.w / 3;
    if (v->axis > 0) /* a held axis: bars shrink on it instead of being rescaled */
        scale = v->axis;
    if (scale == 0)
        scale = 1;
    int bx = r.x + nw + 1, bw = r.w - nw - 1 - VALUE_W - 1;
    int half = (bw - 1) / 2;
    int cx = bx + half;

    int shown = nrows <= r.h ? nrows : r.h - 1; /* last row says how many are hidden */
    for (int i = 0; i < shown; i++) {
        int f = per_class ? i / v->n_rows : i, k = per_class ? i % v->n_rows : -1;
        double w = row_weight(v, i);
        int y = r.y + i;
        row_label(v, f, k, label, sizeof label, nw);
        canvas_textn(c, r.x, y, label, nw, COL_DEFAULT, CANVAS_KEEP, ATTR_NONE);
        if (half > 0) {
            canvas_set(c, cx, y, wu_utf8(c) ? 0x2502 : '|', COL_DIM, CANVAS_KEEP, ATTR_NONE);
            draw_bar(c, cx, y, half, w, scale);
        }
        canvas_fmt_num(w, num, sizeof num);
        wu_text_right(c, r.x + r.w, y, num, w == 0.0 ? COL_ZERO : COL_DEFAULT, CANVAS_KEEP,
                      ATTR_NONE);
    }
    if (shown < nrows && shown >= 0) { /* the hidden rows: how many, and how many exactly 0 */
        int zeros = 0;
        for (int i = shown; i < nrows; i++) {
            zeros += row_weight(v, i) == 0.0;
        }
        const char *dots = wu_utf8(c) ? "\xe2\x80\xa6" : "...";
        int hidden = nrows - shown;
        /* the longest form that fits: "… 14 more, 9 exactly 0", "… 14 more, 9 =0" */
        if (zeros == hidden)
            snprintf(label, sizeof label, "%s %d more, all exactly 0", dots, hidden);
        else if (zeros > 0)
            snprintf(label, sizeof label, "%s %d more, %d exactly 0", dots, hidden, zeros);
        else
            snprintf(label, sizeof label, "%s %d more", dots, hidden);
        if (zeros > 0 && canvas_text_width(label) > r.w)
            snprintf(label, sizeof label, "%s %d more, %d =0", dots, hidden, zeros);
        if (canvas_text_width(label) > r.w)
            snprintf(label, sizeof label, "%s %d more", dots, hidden);
        canvas_text(c, r.x, r.y + shown, label, COL_DIM, CANVAS_KEEP, ATTR_NONE);
    }
    canvas_set_clip(c, old);
}
