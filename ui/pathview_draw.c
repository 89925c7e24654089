/* pathview_draw: the path view's panel (see pathview.h): every weight
 * against log lambda, the train, validation and cross-validated loss under
 * it, lambda_min and lambda_1se marked, the selected lambda. With the
 * relaxed lasso (--relax) the panel is two equal halves on the same axes:
 * the lasso on the left, the relaxed lasso on the right. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pathview_internal.h"
#include "widget_util.h"
#include "widgets.h"

/* ---- drawing ---------------------------------------------------------------- */

static const int line_colours[] = {COL_CLASS0, COL_CLASS1, COL_CLASS2, COL_CLASS3,
                                   COL_TRAIN,  COL_VAL,    COL_DATA,   COL_PENALTY};
#define N_LINE_COLOURS (int)(sizeof line_colours / sizeof line_colours[0])

typedef struct {
    Rect pr; /* plot cells */
    int n;   /* lambdas */
    double lo, hi;
} Plot;

static int xdot(const Plot *p, int i)
{
    int dw = 2 * p->pr.w;
    return p->n <= 1 ? 0 : (int)((long)i * (dw - 1) / (p->n - 1));
}

static int ydot(const Plot *p, double v)
{
    int dh = 4 * p->pr.h;
    double t = (p->hi - v) / (p->hi - p->lo);
    if (!(t >= 0))
        t = 0;
    if (t > 1)
        t = 1;
    return (int)lround(t * (dh - 1));
}

static void range_pad(double *lo, double *hi)
{
    if (!(*lo <= *hi))
        *lo = 0, *hi = 1;
    if (*hi - *lo < 1e-12 * (1 + fabs(*hi))) {
        double pad = *hi != 0 ? fabs(*hi) * 0.1 : 1.0;
        *lo -= pad, *hi += pad;
    }
}

/* A vertical marker over the plot rows at lambda index i. */
static void vmark(Canvas *c, const Plot *p, int i, uint32_t cp_utf8, char cp_ascii, int fg,
                  int attr)
{
    if (i < 0 || i >= p->n || p->pr.w < 1)
        return;
    int x = p->pr.x + xdot(p, i) / 2;
    for (int y = p->pr.y; y < p->pr.y + p->pr.h; y++)
        canvas_set(c, x, y, wu_utf8(c) ? cp_utf8 : (uint32_t)cp_ascii, fg, CANVAS_KEEP, attr);
}

/* Indices of the weight entries to draw: all, or the PATHVIEW_MAX_LINES
 * largest by max |w| along the path. Returns the count. */
static int pick_lines(const PathJobResult *r, int *idx)
{
    int kd = r->k * r->d, m = 0;
    static double peak[PATHVIEW_MAX_LINES];
    for (int e = 0; e < kd; e++) {
        double pk = 0;
        for (int l = 0; l < r->n_lambda; l++)
            pk = fmax(pk, fabs(r->W[(size_t)l * kd + e]));
        if (m < PATHVIEW_MAX_LINES) {
            idx[m] = e, peak[m++] = pk;
            continue;
        }
        int low = 0;
        for (int t = 1; t < m; t++)
            low = peak[t] < peak[low] ? t : low;
        if (pk > peak[low])
            idx[low] = e, peak[low] = pk;
    }
    /* keep feature order (stable colours) */
    for (int a = 1; a < m; a++)
        for (int b = a; b > 0 && idx[b - 1] > idx[b]; b--) {
            int t = idx[b];
            idx[b] = idx[b - 1], idx[b - 1] = t;
        }
    return m;
}

static void draw_progress(Canvas *c, Rect in, PathView *v)
{
    const char *err = pathjob_error(v->job);
    if (err) {
        char msg[600];
        snprintf(msg, sizeof msg, "path failed: %s", err);
        canvas_textn(c, in.x, in.y, msg, in.w, COL_WARNING, CANVAS_KEEP, ATTR_BOLD);
        return;
    }
    int pct = (int)(pathjob_progress(v->job) * 100 + 0.5);
    char bar[64], line[128];
    int nb = 20, full = pct * nb / 100;
    for (int i = 0; i < nb; i++)
        bar[i] = i < full ? '#' : '.';
    bar[nb] = '\0';
    snprintf(line, sizeof line, "computing path [%s] %d%%", bar, pct);
    canvas_textn(c, in.x, in.y, line, in.w, COL_ACCENT, CANVAS_KEEP, ATTR_BOLD);
    if (in.h > 2)
        canvas_textn(c, in.x, in.y + 2, "training goes on meanwhile; p or Esc closes", in.w,
                     COL_DIM, CANVAS_KEEP, ATTR_NONE);
}

static void title_line(Canvas *c, Rect in, const PathJobResult *r, int sel)
{
    char line[256], lam[32];
    snprintf(lam, sizeof lam, "%.3g", r->lambda[sel]);
    int n = snprintf(line, sizeof line, "path: lambda %s (%d/%d)  nonzero %d/%d", lam, sel + 1,
                     r->n_lambda, r->nonzero[sel], r->k * r->d);
    /* the CV mark joins only whole: "= lambda_min", else "= min" */
    if (r->has_cv && (sel == r->i_min || sel == r->i_1se) && n > 0 && n < (int)sizeof line) {
        const char *full = sel == r->i_min ? (sel == r->i_1se ? "min = lambda_1se" : "min") : "1se";
        const char *mark = sel == r->i_min ? (sel == r->i_1se ? "min = 1se" : "min") : "1se";
        char tail[48];
        snprintf(tail, sizeof tail, "  = lambda_%s", full);
        if (n + (int)strlen(tail) > in.w)
            snprintf(tail, sizeof tail, "  = %s", mark);
        if (n + (int)strlen(tail) <= in.w)
            snprintf(line + n, sizeof line - (size_t)n, "%s", tail);
    }
    canvas_textn(c, in.x, in.y, line, in.w, COL_ACCENT, CANVAS_KEEP, ATTR_BOLD);
}

static void plot_line_series(Canvas *c, const Plot *p, const double *s, int braille, int fg,
                             char glyph)
{
    int have = 0, px = 0, py = 0;
    for (int i = 0; i < p->n; i++) {
        if (!isfinite(s[i])) {
            have = 0;
            continue;
        }
        int x = xdot(p, i), y = ydot(p, s[i]);
        if (braille)
            canvas_braille_line(c, p->pr, have ? px : x, have ? py : y, x, y, fg);
        else
            canvas_glyph_line(c, p->pr, have ? px : x, have ? py : y, x, y, (uint32_t)glyph, fg);
        px = x, py = y, have = 1;
    }
}

#define NAMED_LINES_MAX 8

/* The name of weight e (class e / d, feature e % d): the feature's name,
 * with its class after a colon for softmax. */
static void weight_name(const PathView *v, const PathJobResult *r, int e, char *buf, size_t size)
{
    const Problem *p = pathjob_problem(v->job);
    int f = e % r->d;
    char own[16];
    const char *name = p && p->train.feature_names && p->train.feature_names[f]
                           ? p->train.feature_names[f]
                           : (snprintf(own, sizeof own, "x%d", f + 1), own);
    /* an imputed column's indicator "Ozone:missing" as the weight bars
     * show it: "Ozone ?" */
    static const char miss[] = ":missing";
    size_t len = strlen(name), ml = sizeof miss - 1;
    int keep = len > ml && strcmp(name + len - ml, miss) == 0 ? (int)(len - ml) : (int)len;
    const char *mark = keep < (int)len ? " ?" : "";
    if (r->k > 1)
        snprintf(buf, size, "%.*s%s:%d", keep < 12 ? keep : 12, name, mark, e / r->d + 1);
    else
        snprintf(buf, size, "%.*s%s", keep < 14 ? keep : 14, name, mark);
}

/* The largest weights at the path's right end (the smallest lambda, where
 * the lines spread most) carry their names there, in their line's colour,
 * each on its own row; the largest first where two would share one. */
static void name_lines(Canvas *c, const PathView *v, const PathJobResult *r, const Plot *pw,
                       const int *idx, int m)
{
    int kd = r->k * r->d, n = r->n_lambda, used[NAMED_LINES_MAX], n_used = 0;
    const double *last = r->W + (size_t)(n - 1) * kd;
    int order[PATHVIEW_MAX_LINES];
    for (int t = 0; t < m; t++)
        order[t] = t;
    for (int a = 1; a < m; a++) /* by |w| at the end, largest first */
        for (int b = a; b > 0 && fabs(last[idx[order[b - 1]]]) < fabs(last[idx[order[b]]]); b--) {
            int t = order[b];
            order[b] = order[b - 1], order[b - 1] = t;
        }
    for (int t = 0; t < m && n_used < NAMED_LINES_MAX && n_used < pw->pr.h; t++) {
        int e = idx[order[t]];
        /* the crowd near zero stays unnamed: a name there picks one of many */
        if (!isfinite(last[e]) || fabs(last[e]) < 0.05 * fmax(fabs(pw->lo), fabs(pw->hi)))
            break;
        int y = pw->pr.y + ydot(pw, last[e]) / 4, taken = 0;
        for (int u = 0; u < n_used; u++)
            taken |= used[u] == y;
        if (taken)
            continue;
        char name[32];
        weight_name(v, r, e, name, sizeof name);
        int w = canvas_text_width(name);
        if (w + 2 > pw->pr.w / 3)
            continue;
        canvas_text(c, pw->pr.x + pw->pr.w - w, y, name, line_colours[(e % r->d) % N_LINE_COLOURS],
                    CANVAS_KEEP, ATTR_BOLD);
        used[n_used++] = y;
    }
}

/* Where the two plots and their labels go, and their y ranges. */
typedef struct {
    Rect in;
    const PathJobResult *res;
    int sel, n, kd, utf8, braille;
    int ax, px, plot_w, wp, lp, legend_y, axis_y;
    Plot pw, pl;                                 /* weights above, losses below */
    char wtop[16], wbot[16], ltop[16], lbot[16]; /* their y labels */
} PathLayout;

/* The y ranges: every finite weight; the train, val and cv +- se losses;
 * of res and (the relaxed path beside it) also of more, NULL for none. */
static void path_ranges(PathLayout *L, const PathJobResult *more)
{
    L->pw = (Plot){{0, 0, 0, 0}, L->n, 0, 0};
    L->pl = (Plot){{0, 0, 0, 0}, L->n, INFINITY, -INFINITY};
    const PathJobResult *both[2] = {L->res, more};
    for (int r = 0; r < 2 && both[r]; r++) {
        const PathJobResult *res = both[r];
        for (size_t e = 0; e < (size_t)L->n * L->kd; e++)
            if (isfinite(res->W[e]))
                L->pw.lo = fmin(L->pw.lo, res->W[e]), L->pw.hi = fmax(L->pw.hi, res->W[e]);
        for (int i = 0; i < L->n; i++) {
            double vals[4] = {res->train_loss[i], res->val_loss[i], NAN, NAN};
            if (res->has_cv)
                vals[2] = res->cv_mean[i] - res->cv_se[i],
                vals[3] = res->cv_mean[i] + res->cv_se[i];
            for (int t = 0; t < 4; t++)
                if (isfinite(vals[t]))
                    L->pl.lo = fmin(L->pl.lo, vals[t]), L->pl.hi = fmax(L->pl.hi, vals[t]);
        }
    }
    range_pad(&L->pw.lo, &L->pw.hi);
    range_pad(&L->pl.lo, &L->pl.hi);
}

/* Lays the plots out in `in` under the title line, with y ranges that also
 * hold more (NULL: none); 0 when they do not fit. */
static int path_layout(Canvas *c, Rect in, PathView *v, const PathJobResult *res,
                       const PathJobResult *more, PathLayout *L)
{
    L->in = in, L->res = res, L->sel = v->sel, L->n = res->n_lambda, L->kd = res->k * res->d;
    int P = in.h - 3; /* title, loss legend, axis row */
    if (P < 2)
        return 0;
    L->wp = P >= 6 ? P * 3 / 5 : P, L->lp = P - L->wp;
    L->utf8 = wu_utf8(c), L->braille = L->utf8 && c->colour;
    path_ranges(L, more);
    canvas_fmt_num(L->pw.hi, L->wtop, sizeof L->wtop);
    canvas_fmt_num(L->pw.lo, L->wbot, sizeof L->wbot);
    canvas_fmt_num(L->pl.hi, L->ltop, sizeof L->ltop);
    canvas_fmt_num(L->pl.lo, L->lbot, sizeof L->lbot);
    int lw = (int)strlen(L->wtop);
    const char *labels[] = {L->wbot, L->ltop, L->lbot};
    for (int t = 0; t < 3; t++)
        lw = (int)strlen(labels[t]) > lw ? (int)strlen(labels[t]) : lw;
    L->ax = in.x + lw, L->px = L->ax + 1, L->plot_w = in.x + in.w - L->px;
    if (L->plot_w < 2)
        return 0;
    L->pw.pr = rect_make(L->px, in.y + 1, L->plot_w, L->wp);
    L->legend_y = in.y + 1 + L->wp;
    L->pl.pr = rect_make(L->px, L->legend_y + 1, L->plot_w, L->lp);
    L->axis_y = in.y + in.h - 1;
    return 1;
}

/* The weights against lambda: axis, zero line, CV marks behind the lines,
 * the largest lines named at their ends. */
static void draw_weight_plot(Canvas *c, const PathLayout *L, const PathView *v)
{
    const PathJobResult *res = L->res;
    const Plot *pw = &L->pw;
    int ax = L->ax, wp = L->wp;
    canvas_vline(c, ax, pw->pr.y, wp, COL_DIM);
    wu_text_right(c, ax, pw->pr.y, L->wtop, COL_DIM, CANVAS_KEEP, ATTR_NONE);
    wu_text_right(c, ax, pw->pr.y + wp - 1, L->wbot, COL_DIM, CANVAS_KEEP, ATTR_NONE);
    int zy = pw->pr.y + ydot(pw, 0.0) / 4;
    canvas_hline(c, L->px, zy, L->plot_w, COL_DIM);
    if (zy > pw->pr.y && zy < pw->pr.y + wp - 1)
        wu_text_right(c, ax, zy, "0", COL_DIM, CANVAS_KEEP, ATTR_NONE);
    if (res->has_cv) {
        vmark(c, pw, res->i_1se, 0x2506, '!', COL_DIM, ATTR_NONE); /* ┆ */
        vmark(c, pw, res->i_min, 0x2506, '!', COL_DIM, ATTR_NONE);
    }
    static int idx[PATHVIEW_MAX_LINES];
    int m = pick_lines(res, idx), n = L->n, kd = L->kd;
    double *series = malloc(sizeof(double) * (size_t)n);
    if (series) {
        for (int t = 0; t < m; t++) {
            for (int i = 0; i < n; i++)
                series[i] = res->W[(size_t)i * kd + idx[t]];
            plot_line_series(c, pw, series, 1, line_colours[(idx[t] % res->d) % N_LINE_COLOURS],
                             '.');
        }
        free(series);
    }
    if (m < kd) {
        char buf[64];
        snprintf(buf, sizeof buf, "%d of %d weights", m, kd);
        wu_text_right(c, L->in.x + L->in.w, pw->pr.y, buf, COL_DIM, CANVAS_KEEP, ATTR_NONE);
    }
    vmark(c, pw, L->sel, 0x2502, '|', COL_ACCENT, ATTR_BOLD); /* │ */
    name_lines(c, v, res, pw, idx, m); /* over the marks: a name is read whole */
}

/* The loss plot's legend, with lambda_min and lambda_1se when CV ran. */
static void draw_loss_legend(Canvas *c, const PathLayout *L)
{
    const PathJobResult *res = L->res;
    int x = L->in.x, y = L->legend_y;
    struct {
        const char *name;
        int fg;
        char glyph;
        int show;
        /* relaxed_view's half (W is rW) plots its refit's fit, unpenalized */
    } leg[] = {{res->W == res->rW ? "train data loss" : "train", COL_TRAIN, '*', 1},
               {"val", COL_VAL, 'o', res->has_val},
               {"cv+-se", COL_DATA, '+', res->has_cv}};
    for (int t = 0; t < 3; t++) {
        if (!leg[t].show)
            continue;
        canvas_set(c, x, y, L->braille ? 0x2501 : (uint32_t)leg[t].glyph, leg[t].fg, CANVAS_KEEP,
                   ATTR_BOLD); /* ━ */
        x += 2;
        x += canvas_text(c, x, y, leg[t].name, leg[t].fg, CANVAS_KEEP, ATTR_NONE) + 1;
    }
    if (!res->has_cv)
        return;
    char marks[128], a[16], b[16];
    canvas_fmt_num(res->lambda[res->i_min], a, sizeof a);
    canvas_fmt_num(res->lambda[res->i_1se], b, sizeof b);
    /* a minimum at the grid's end may lie beyond it (ridge often);
     * shorter words where the long ones do not fit */
    int at_end = res->i_min == L->n - 1, room = L->in.x + L->in.w - x;
    snprintf(marks, sizeof marks, " m=lambda_min %s%s  s=lambda_1se %s", a,
             at_end ? " at the grid's end" : "", b);
    if ((int)strlen(marks) > room)
        snprintf(marks, sizeof marks, " m=min %s%s s=1se %s", a, at_end ? " (grid end)" : "", b);
    if ((int)strlen(marks) <= room) /* whole or not at all */
        canvas_textn(c, x, y, marks, room, COL_DIM, CANVAS_KEEP, ATTR_NONE);
}

/* Train, val and CV loss against lambda, CV error bars spaced apart. */
static void draw_loss_plot(Canvas *c, const PathLayout *L)
{
    const PathJobResult *res = L->res;
    const Plot *pl = &L->pl;
    int lp = L->lp, ax = L->ax;
    if (lp < 1)
        return;
    canvas_vline(c, ax, pl->pr.y, lp, COL_DIM);
    wu_text_right(c, ax, pl->pr.y, L->ltop, COL_DIM, CANVAS_KEEP, ATTR_NONE);
    if (lp > 1)
        wu_text_right(c, ax, pl->pr.y + lp - 1, L->lbot, COL_DIM, CANVAS_KEEP, ATTR_NONE);
    if (res->has_cv) {
        vmark(c, pl, res->i_1se, 0x2506, '!', COL_DIM, ATTR_NONE);
        vmark(c, pl, res->i_min, 0x2506, '!', COL_DIM, ATTR_NONE);
        /* error bars: vertical dot segments, spaced at least 4 dots apart */
        int last = -100;
        for (int i = 0; i < L->n; i++) {
            int bx = xdot(pl, i);
            if (bx - last < 4 && i != res->i_min)
                continue;
            double lo = res->cv_mean[i] - res->cv_se[i], hi = res->cv_mean[i] + res->cv_se[i];
            if (isfinite(lo) && isfinite(hi))
                canvas_braille_line(c, pl->pr, bx, ydot(pl, hi), bx, ydot(pl, lo), COL_DATA);
            last = bx;
        }
        plot_line_series(c, pl, res->cv_mean, L->braille, COL_DATA, '+');
    }
    if (res->has_val)
        plot_line_series(c, pl, res->val_loss, L->braille, COL_VAL, 'o');
    plot_line_series(c, pl, res->train_loss, L->braille, COL_TRAIN, '*');
    vmark(c, pl, L->sel, 0x2502, '|', COL_ACCENT, ATTR_BOLD);
}

/* x axis: lambda at both ends (largest on the left), marks under the plot;
 * a label moves aside rather than lose characters to a mark. */
static void draw_lambda_axis(Canvas *c, const PathLayout *L)
{
    const PathJobResult *res = L->res;
    const Plot *pl = &L->pl;
    int px = L->px, plot_w = L->plot_w, axis_y = L->axis_y;
    canvas_set(c, L->ax, axis_y, L->utf8 ? 0x2514 : '+', COL_DIM, CANVAS_KEEP, ATTR_NONE); /* └ */
    canvas_hline(c, px, axis_y, plot_w, COL_DIM);
    int mark[3] = {px + xdot(pl, L->sel) / 2, -1, -1};
    if (res->has_cv) {
        mark[1] = px + xdot(pl, res->i_1se) / 2;
        mark[2] = px + xdot(pl, res->i_min) / 2;
    }
    char l0[16], l1[16], left[32];
    canvas_fmt_num(res->lambda[0], l0, sizeof l0);
    canvas_fmt_num(res->lambda[L->n - 1], l1, sizeof l1);
    snprintf(left, sizeof left, "lambda %s", l0);
    int lw0 = (int)strlen(left), lw1 = (int)strlen(l1);
    /* each end's label at its end, or not at all where a mark falls on it:
     * moved aside it would read as the mark's lambda */
    int x0 = px, x1 = px + plot_w - lw1, show0 = x0 + lw0 <= px + plot_w, show1 = x1 > x0 + lw0;
    for (int k = 0; k < 3; k++) {
        show0 &= !(mark[k] >= x0 - 1 && mark[k] <= x0 + lw0);
        show1 &= !(mark[k] >= x1 - 1 && mark[k] <= x1 + lw1);
    }
    if (show0)
        canvas_text(c, x0, axis_y, left, COL_DIM, CANVAS_KEEP, ATTR_NONE);
    if (show1)
        canvas_text(c, x1, axis_y, l1, COL_DIM, CANVAS_KEEP, ATTR_NONE);
    if (res->has_cv) {
        /* letters, not digits: a mark must not read as a tick value */
        canvas_set(c, mark[1], axis_y, 's', COL_ACCENT, CANVAS_KEEP, ATTR_BOLD);
        canvas_set(c, mark[2], axis_y, 'm', COL_ACCENT, CANVAS_KEEP, ATTR_BOLD);
    }
    canvas_set(c, px + xdot(pl, L->sel) / 2, axis_y, '^', COL_ACCENT, CANVAS_KEEP, ATTR_BOLD);
}

/* The plots of res in `in` (its first row is the title's), y ranges shared
 * with more (NULL: none); tag names them in the weight plot's left corner
 * (NULL: no tag), on its top or bottom row, whichever the lines leave
 * emptier. */
static void draw_plots(Canvas *c, Rect in, PathView *v, const PathJobResult *res,
                       const PathJobResult *more, const char *tag)
{
    PathLayout L;
    if (!path_layout(c, in, v, res, more, &L))
        return;
    draw_weight_plot(c, &L, v);
    draw_loss_legend(c, &L);
    draw_loss_plot(c, &L);
    draw_lambda_axis(c, &L);
    if (!tag)
        return;
    int w = canvas_text_width(tag), rows[2] = {L.pw.pr.y, L.pw.pr.y + L.pw.pr.h - 1}, best = 0;
    int filled[2] = {0, 0};
    for (int t = 0; t < 2; t++)
        for (int x = L.px; x < L.px + w + 1 && x < L.px + L.plot_w; x++) {
            const Cell *cell = canvas_cell(c, x, rows[t]);
            filled[t] += cell && cell->cp != ' ' && cell->cp != 0x2800;
        }
    best = filled[1] < filled[0] ? 1 : 0;
    if (w + 1 <= L.plot_w)
        canvas_text(c, L.px + 1, rows[best], tag, COL_ACCENT, CANVAS_KEEP, ATTR_BOLD);
}

/* The relaxed path as a result of its own: its weights and losses in the
 * lasso's places, no cross-validation of its own. */
static PathJobResult relaxed_view(const PathJobResult *res)
{
    PathJobResult rv = *res;
    rv.W = res->rW, rv.b = res->rb;
    rv.train_loss = res->r_train_loss, rv.val_loss = res->r_val_loss;
    rv.has_cv = 0, rv.i_min = rv.i_1se = -1;
    return rv;
}

void pathview_draw(Canvas *c, Rect r, PathView *v)
{
    Rect old = wu_push_clip(c, r);
    /* the keys in the border, where they never crowd the figures out */
    canvas_box(c, r, r.w >= 48 ? "regularization path  <-/-> move, p close" : "regularization path",
               COL_ACCENT, ATTR_NONE);
    Rect in = rect_inset(r, 1);
    const PathJobResult *res = pathview_result(v);
    if (in.w < 4 || in.h < 1) {
        /* nothing fits */
    } else if (!res) {
        draw_progress(c, in, v);
    } else if (res->has_relax && in.w >= 40) {
        /* the lasso on the left, the relaxed lasso on the right, same axes */
        PathJobResult rv = relaxed_view(res);
        int w1 = (in.w - 1) / 2;
        char tag[32];
        snprintf(tag, sizeof tag, "relaxed %s=%g", wu_utf8(c) ? "\u03b3" : "g", res->relax_gamma);
        Rect left = rect_make(in.x, in.y, w1, in.h);
        Rect right = rect_make(in.x + in.w - w1, in.y, w1, in.h); /* equal halves */
        Rect inner = wu_push_clip(c, left);
        draw_plots(c, left, v, res, &rv, "lasso");
        canvas_set_clip(c, inner);
        inner = wu_push_clip(c, right);
        draw_plots(c, right, v, &rv, res, tag);
        canvas_set_clip(c, inner);
        title_line(c, in, res, v->sel);
    } else {
        title_line(c, in, res, v->sel);
        draw_plots(c, in, v, res, NULL, NULL);
    }
    canvas_set_clip(c, old);
}
