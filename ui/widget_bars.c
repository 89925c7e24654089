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

/* A one-hot dummy "COLUMN=LEVEL" belongs to the group COLUMN: the length of
 * that prefix, 0 for any other name. */
static int group_len(const char *name)
{
    const char *eq = name ? strchr(name, '=') : NULL;
    return eq && eq > name ? (int)(eq - name) : 0;
}

static const char *raw_name(const WeightBarsView *v, int f)
{
    return v->names && f >= 0 && f < v->n_features ? v->names[f] : NULL;
}

/* Feature f opens a group (its heading row comes before it): a dummy whose
 * predecessor is not one of the same column. */
static int opens_group(const WeightBarsView *v, int f)
{
    const char *a = raw_name(v, f), *b = raw_name(v, f - 1);
    int g = group_len(a);
    return g > 0 && !(b && group_len(b) == g && strncmp(a, b, (size_t)g) == 0);
}

/* An imputed column's 0/1 indicator "COLUMN:missing": the length of
 * COLUMN, 0 for any other name. */
static int missing_len(const char *name)
{
    static const char miss[] = ":missing";
    size_t len = name ? strlen(name) : 0, ml = sizeof miss - 1;
    return len > ml && strcmp(name + len - ml, miss) == 0 ? (int)(len - ml) : 0;
}

/* The feature's name as its row shows it: a dummy by its level under the
 * group's heading (" =OJ"), the rest as they are (x1, x2, ... without
 * names); an imputed column's indicator "Ozone:missing" is "Ozone" with the
 * mark " ?" (row_label keeps it). */
static void shown_name(const WeightBarsView *v, int f, char *buf, size_t n)
{
    const char *name = raw_name(v, f);
    if (!name)
        snprintf(buf, n, "x%d", f + 1);
    else if (group_len(name) > 0)
        snprintf(buf, n, " %s", name + group_len(name));
    else if (missing_len(name) > 0)
        snprintf(buf, n, "%.*s", missing_len(name), name);
    else
        snprintf(buf, n, "%s", name);
}

/* The row's label in at most maxw columns (0: no limit); a narrow panel
 * shortens the feature's name, never its class or its missing mark. */
static void row_label(const WeightBarsView *v, int f, int k, char *buf, size_t n, int maxw)
{
    char name[64], suffix[24];
    shown_name(v, f, name, sizeof name);
    int mark = missing_len(raw_name(v, f)) > 0;
    snprintf(suffix, sizeof suffix, "%s", mark ? " ?" : "");
    if (k >= 0)
        snprintf(suffix + strlen(suffix), sizeof suffix - strlen(suffix), " c%d", k);
    int sw = (int)strlen(suffix);
    if (maxw <= 0 || !suffix[0] || canvas_text_width(name) + sw <= maxw || maxw <= sw + 2) {
        snprintf(buf, n, "%s%s", name, suffix);
        return;
    }
    /* the starts of the first and last words, so sepal_length and
     * sepal_width stay apart: "se_le", "se_wi" (ASCII headers: bytes are
     * columns) */
    int keep = maxw - sw;
    const char *last = strrchr(name, '_');
    if (!last)
        last = strrchr(name, ' ');
    if (!last || last == name || !last[1]) {
        snprintf(buf, n, "%.*s%s", keep, name, suffix);
        return;
    }
    int lw = (int)strlen(last + 1), b = (keep - 1) / 2, a;
    b = b < lw ? b : lw;
    a = keep - 1 - b;
    a = a < (int)(last - name) ? a : (int)(last - name);
    snprintf(buf, n, "%.*s%c%.*s%s", a, name, *last, b, last + 1, suffix);
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

/* Where the rows go: labels from x0 in nw columns, the centre line at cx
 * with half columns of bar on each side, values ending at xend. */
typedef struct {
    int x0, nw, cx, half, xend;
    double scale;
} BarsLayout;

/* The heading row of the group feature f opens: the column's name, bold, in
 * the label column and the empty left half of the bars; the centre line
 * runs on through it. */
static void draw_heading(Canvas *c, const BarsLayout *L, const WeightBarsView *v, int f, int y)
{
    char head[64];
    const char *name = raw_name(v, f);
    snprintf(head, sizeof head, "%.*s", group_len(name), name);
    int room = L->half > 0 ? L->cx - L->x0 - 1 : L->nw;
    canvas_textn(c, L->x0, y, head, room, COL_DEFAULT, CANVAS_KEEP, ATTR_BOLD);
    if (L->half > 0)
        canvas_set(c, L->cx, y, wu_utf8(c) ? 0x2502 : '|', COL_DIM, CANVAS_KEEP, ATTR_NONE);
}

/* The true weight t as a mark where a bar of t would end (a 0 has none:
 * the bar's own "0" says it); beyond the axis, at its end. */
static void draw_truth(Canvas *c, const BarsLayout *L, double t, int y)
{
    if (t == 0 || !isfinite(t))
        return;
    int cells = (int)lround(fmin(fabs(t) / L->scale, 1.0) * L->half);
    if (cells < 1)
        cells = 1;
    int x = L->cx + (t > 0 ? cells : -cells);
    canvas_set(c, x, y, wu_utf8(c) ? 0x2503 : '+', COL_WARNING, CANVAS_KEEP, ATTR_BOLD);
}

/* Row i of weights (feature, or feature and class) on line y. */
static void draw_row(Canvas *c, const BarsLayout *L, const WeightBarsView *v, int i, int y)
{
    int per_class = v->per_class && v->n_rows > 1;
    int f = per_class ? i / v->n_rows : i, k = per_class ? i % v->n_rows : -1;
    double w = row_weight(v, i);
    char label[64], num[16];
    row_label(v, f, k, label, sizeof label, L->nw);
    /* an imputed column's indicator: its '?' in the warning colour */
    const char *q = missing_len(raw_name(v, f)) > 0 ? strstr(label, " ?") : NULL;
    int qx = q ? L->x0 + (int)(q - label) + 1 : -1;
    canvas_textn(c, L->x0, y, label, L->nw, COL_DEFAULT, CANVAS_KEEP, ATTR_NONE);
    if (qx >= 0 && qx < L->x0 + L->nw)
        canvas_set(c, qx, y, '?', COL_WARNING, CANVAS_KEEP, ATTR_BOLD);
    if (L->half > 0) {
        canvas_set(c, L->cx, y, wu_utf8(c) ? 0x2502 : '|', COL_DIM, CANVAS_KEEP, ATTR_NONE);
        draw_bar(c, L->cx, y, L->half, w, L->scale);
    }
    if (L->half > 0 && v->truth && !per_class)
        draw_truth(c, L, v->truth[f], y);
    canvas_fmt_num(w, num, sizeof num);
    wu_text_right(c, L->xend, y, num, w == 0.0 ? COL_ZERO : COL_DEFAULT, CANVAS_KEEP, ATTR_NONE);
}

/* The line under the last row shown: how many rows are hidden, and how many
 * of them are exactly 0. */
static void draw_hidden(Canvas *c, Rect r, const WeightBarsView *v, int from, int nrows, int y)
{
    char label[64];
    int zeros = 0;
    for (int i = from; i < nrows; i++)
        zeros += row_weight(v, i) == 0.0;
    const char *dots = wu_utf8(c) ? "\xe2\x80\xa6" : "...";
    int hidden = nrows - from;
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
    canvas_text(c, r.x, y, label, COL_DIM, CANVAS_KEEP, ATTR_NONE);
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
    int nrows = per_class ? v->n_features * v->n_rows : v->n_features, heads = 0;
    char label[64];

    int nw = 0;
    double scale = 0;
    for (int f = 0; f < v->n_features; f++) {
        row_label(v, f, per_class ? 0 : -1, label, sizeof label, 0);
        int w = canvas_text_width(label);
        nw = w > nw ? w : nw;
        heads += opens_group(v, f);
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
    BarsLayout L = {r.x, nw, bx + (bw - 1) / 2, (bw - 1) / 2, r.x + r.w, scale};

    /* a group's heading and its first row go together; the last line says
     * how many rows are hidden when not all fit */
    int avail = nrows + heads <= r.h ? r.h : r.h - 1, y = r.y, i = 0;
    for (; i < nrows; i++) {
        int f = per_class ? i / v->n_rows : i;
        int head = (!per_class || i % v->n_rows == 0) && opens_group(v, f);
        if (y - r.y + head + 1 > avail)
            break;
        if (head)
            draw_heading(c, &L, v, f, y++);
        draw_row(c, &L, v, i, y++);
    }
    if (i < nrows)
        draw_hidden(c, r, v, i, nrows, y);
    canvas_set_clip(c, old);
}
