/* pathview: see pathview.h. */
#include "pathview.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curses.h> /* key codes only */

#include "widget_util.h"
#include "widgets.h"

struct PathView {
    PathJob *job;
    int sel;            /* selected lambda index, -1 until the result is read */
    double want_lambda; /* what to select when the result arrives */
    /* what pathview_tick last reported */
    int seen_pct, seen_done, seen_sel;
    /* pathview_snapshot scratch */
    LiveSnapshot *snap;
    double *params;
    size_t params_cap;
    double *grid_value, *grid_raw, *grid_feat, *grid_out;
    int *grid_class;
    /* capacities in elements, one per buffer: the feature and output
     * buffers scale with the job's d and k, not only with the cell count */
    size_t value_cap, raw_cap, feat_cap, out_cap, class_cap;
    /* key of the grid last evaluated */
    int g_sel, g_w, g_h;
    double g_x0, g_x1, g_y0, g_y1;
    const PathJob *g_job;
};

PathView *pathview_open(const Config *c, double want_lambda, Err *err)
{
    PathView *v = calloc(1, sizeof *v);
    if (!v) {
        err_set(err, ERR_INTERNAL, "out of memory");
        return NULL;
    }
    v->job = pathjob_start(c, err);
    if (!v->job) {
        free(v);
        return NULL;
    }
    v->sel = -1;
    v->want_lambda = want_lambda;
    v->seen_pct = -1;
    v->seen_sel = -2;
    v->g_sel = -1;
    return v;
}

void pathview_close(PathView *v)
{
    if (!v)
        return;
    pathjob_free(v->job);
    free(v->snap);
    free(v->params);
    free(v->grid_value), free(v->grid_raw), free(v->grid_feat), free(v->grid_out);
    free(v->grid_class);
    free(v);
}

PathJob *pathview_job(PathView *v) { return v->job; }

void pathview_wait(PathView *v)
{
    while (!pathjob_done(v->job)) {
        struct timespec ts = {0, 2000000L};
        nanosleep(&ts, NULL);
    }
}

/* The result, with the selection made the first time it is seen. */
static const PathJobResult *result(PathView *v)
{
    const PathJobResult *r = pathjob_result(v->job);
    if (!r || r->n_lambda < 1)
        return NULL;
    if (v->sel < 0 || v->sel >= r->n_lambda) {
        int n = r->n_lambda, best = r->has_cv ? r->i_min : n - 1;
        if (v->want_lambda > 0) {
            double lw = log(v->want_lambda), dbest = INFINITY;
            for (int i = 0; i < n; i++) {
                double dd = fabs(log(r->lambda[i]) - lw);
                if (dd < dbest)
                    dbest = dd, best = i;
            }
        }
        v->sel = best;
    }
    return r;
}

int pathview_selected(const PathView *v) { return v->sel; }

int pathview_key(PathView *v, int key)
{
    int step;
    switch (key) {
    case KEY_LEFT: step = -1; break;
    case KEY_RIGHT: step = +1; break;
    case KEY_PPAGE: step = -10; break;
    case KEY_NPAGE: step = +10; break;
    case KEY_HOME: step = -1000000; break;
    case KEY_END: step = +1000000; break;
    default: return 0;
    }
    const PathJobResult *r = result(v);
    if (!r)
        return 1; /* still computing: the key is the view's all the same */
    long s = (long)v->sel + step;
    v->sel = s < 0 ? 0 : s >= r->n_lambda ? r->n_lambda - 1 : (int)s;
    return 1;
}

int pathview_tick(PathView *v, const Config *c)
{
    if (pathjob_config_differs(pathjob_config(v->job), c)) {
        Err err = {0};
        PathJob *j = pathjob_start(c, &err);
        if (j) {
            const PathJobResult *r = result(v);
            if (r) /* keep roughly the same lambda selected */
                v->want_lambda = r->lambda[v->sel];
            pathjob_free(v->job);
            v->job = j;
            v->sel = -1;
            v->g_sel = -1;
        }
    }
    int done = pathjob_done(v->job);
    int pct = (int)(pathjob_progress(v->job) * 100);
    if (done)
        result(v);
    int changed = pct != v->seen_pct || done != v->seen_done || v->sel != v->seen_sel;
    v->seen_pct = pct, v->seen_done = done, v->seen_sel = v->sel;
    return changed;
}

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
    if (r->k > 1)
        snprintf(buf, size, "%.12s:%d", name, e / r->d + 1);
    else
        snprintf(buf, size, "%.14s", name);
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

void pathview_draw(Canvas *c, Rect r, PathView *v)
{
    Rect old = wu_push_clip(c, r);
    /* the keys in the border, where they never crowd the figures out */
    canvas_box(c, r, r.w >= 48 ? "regularization path  <-/-> move, p close" : "regularization path",
               COL_ACCENT, ATTR_NONE);
    Rect in = rect_inset(r, 1);
    const PathJobResult *res = result(v);
    if (in.w < 4 || in.h < 1) {
        canvas_set_clip(c, old);
        return;
    }
    if (!res) {
        draw_progress(c, in, v);
        canvas_set_clip(c, old);
        return;
    }
    int sel = v->sel, n = res->n_lambda, kd = res->k * res->d;
    title_line(c, in, res, sel);
    int P = in.h - 3; /* title, loss legend, axis row */
    if (P < 2) {
        canvas_set_clip(c, old);
        return;
    }
    int wp = P >= 6 ? P * 3 / 5 : P, lp = P - wp;
    int utf8 = wu_utf8(c), braille = utf8 && c->colour;
    char buf[64];

    /* y ranges and label width */
    Plot pw = {{0, 0, 0, 0}, n, 0, 0}, pl = {{0, 0, 0, 0}, n, INFINITY, -INFINITY};
    for (size_t e = 0; e < (size_t)n * kd; e++)
        if (isfinite(res->W[e]))
            pw.lo = fmin(pw.lo, res->W[e]), pw.hi = fmax(pw.hi, res->W[e]);
    range_pad(&pw.lo, &pw.hi);
    for (int i = 0; i < n; i++) {
        double vals[4] = {res->train_loss[i], res->val_loss[i], NAN, NAN};
        if (res->has_cv)
            vals[2] = res->cv_mean[i] - res->cv_se[i], vals[3] = res->cv_mean[i] + res->cv_se[i];
        for (int t = 0; t < 4; t++)
            if (isfinite(vals[t]))
                pl.lo = fmin(pl.lo, vals[t]), pl.hi = fmax(pl.hi, vals[t]);
    }
    range_pad(&pl.lo, &pl.hi);
    char wtop[16], wbot[16], ltop[16], lbot[16];
    canvas_fmt_num(pw.hi, wtop, sizeof wtop);
    canvas_fmt_num(pw.lo, wbot, sizeof wbot);
    canvas_fmt_num(pl.hi, ltop, sizeof ltop);
    canvas_fmt_num(pl.lo, lbot, sizeof lbot);
    int lw = (int)strlen(wtop);
    const char *labels[] = {wbot, ltop, lbot};
    for (int t = 0; t < 3; t++)
        lw = (int)strlen(labels[t]) > lw ? (int)strlen(labels[t]) : lw;
    int ax = in.x + lw, px = ax + 1, plot_w = in.x + in.w - px;
    if (plot_w < 2) {
        canvas_set_clip(c, old);
        return;
    }
    pw.pr = rect_make(px, in.y + 1, plot_w, wp);
    int legend_y = in.y + 1 + wp;
    pl.pr = rect_make(px, legend_y + 1, plot_w, lp);
    int axis_y = in.y + in.h - 1;

    /* weights panel: axis, zero line, marks behind the lines */
    canvas_vline(c, ax, pw.pr.y, wp, COL_DIM);
    wu_text_right(c, ax, pw.pr.y, wtop, COL_DIM, CANVAS_KEEP, ATTR_NONE);
    wu_text_right(c, ax, pw.pr.y + wp - 1, wbot, COL_DIM, CANVAS_KEEP, ATTR_NONE);
    int zy = pw.pr.y + ydot(&pw, 0.0) / 4;
    canvas_hline(c, px, zy, plot_w, COL_DIM);
    if (zy > pw.pr.y && zy < pw.pr.y + wp - 1)
        wu_text_right(c, ax, zy, "0", COL_DIM, CANVAS_KEEP, ATTR_NONE);
    if (res->has_cv) {
        vmark(c, &pw, res->i_1se, 0x2506, '!', COL_DIM, ATTR_NONE); /* ┆ */
        vmark(c, &pw, res->i_min, 0x2506, '!', COL_DIM, ATTR_NONE);
    }
    static int idx[PATHVIEW_MAX_LINES];
    int m = pick_lines(res, idx);
    double *series = malloc(sizeof(double) * (size_t)n);
    if (series) {
        for (int t = 0; t < m; t++) {
            for (int i = 0; i < n; i++)
                series[i] = res->W[(size_t)i * kd + idx[t]];
            plot_line_series(c, &pw, series, 1, line_colours[(idx[t] % res->d) % N_LINE_COLOURS],
                             '.');
        }
        free(series);
    }
    if (m < kd) {
        snprintf(buf, sizeof buf, "%d of %d weights", m, kd);
        wu_text_right(c, in.x + in.w, pw.pr.y, buf, COL_DIM, CANVAS_KEEP, ATTR_NONE);
    }
    vmark(c, &pw, sel, 0x2502, '|', COL_ACCENT, ATTR_BOLD); /* │ */
    name_lines(c, v, res, &pw, idx, m); /* over the marks: a name is read whole */

    /* legend of the loss panel */
    int x = in.x;
    struct {
        const char *name;
        int fg;
        char glyph;
        int show;
    } leg[] = {{"train", COL_TRAIN, '*', 1},
               {"val", COL_VAL, 'o', res->has_val},
               {"cv+-se", COL_DATA, '+', res->has_cv}};
    for (int t = 0; t < 3; t++) {
        if (!leg[t].show)
            continue;
        canvas_set(c, x, legend_y, braille ? 0x2501 : (uint32_t)leg[t].glyph, leg[t].fg,
                   CANVAS_KEEP, ATTR_BOLD); /* ━ */
        x += 2;
        x += canvas_text(c, x, legend_y, leg[t].name, leg[t].fg, CANVAS_KEEP, ATTR_NONE) + 1;
    }
    if (res->has_cv) {
        char marks[128], a[16], b[16];
        canvas_fmt_num(res->lambda[res->i_min], a, sizeof a);
        canvas_fmt_num(res->lambda[res->i_1se], b, sizeof b);
        /* a minimum at the grid's end may lie beyond it (ridge often);
         * shorter words where the long ones do not fit */
        int at_end = res->i_min == n - 1, room = in.x + in.w - x;
        snprintf(marks, sizeof marks, " m=lambda_min %s%s  s=lambda_1se %s", a,
                 at_end ? " at the grid's end" : "", b);
        if ((int)strlen(marks) > room)
            snprintf(marks, sizeof marks, " m=min %s%s s=1se %s", a, at_end ? " (grid end)" : "",
                     b);
        canvas_textn(c, x, legend_y, marks, room, COL_DIM, CANVAS_KEEP, ATTR_NONE);
    }

    /* loss panel */
    if (lp >= 1) {
        canvas_vline(c, ax, pl.pr.y, lp, COL_DIM);
        wu_text_right(c, ax, pl.pr.y, ltop, COL_DIM, CANVAS_KEEP, ATTR_NONE);
        if (lp > 1)
            wu_text_right(c, ax, pl.pr.y + lp - 1, lbot, COL_DIM, CANVAS_KEEP, ATTR_NONE);
        if (res->has_cv) {
            vmark(c, &pl, res->i_1se, 0x2506, '!', COL_DIM, ATTR_NONE);
            vmark(c, &pl, res->i_min, 0x2506, '!', COL_DIM, ATTR_NONE);
            /* error bars: vertical dot segments, spaced at least 4 dots apart */
            int last = -100;
            for (int i = 0; i < n; i++) {
                int bx = xdot(&pl, i);
                if (bx - last < 4 && i != res->i_min)
                    continue;
                double lo = res->cv_mean[i] - res->cv_se[i], hi = res->cv_mean[i] + res->cv_se[i];
                if (isfinite(lo) && isfinite(hi))
                    canvas_braille_line(c, pl.pr, bx, ydot(&pl, hi), bx, ydot(&pl, lo), COL_DATA);
                last = bx;
            }
            plot_line_series(c, &pl, res->cv_mean, braille, COL_DATA, '+');
        }
        if (res->has_val)
            plot_line_series(c, &pl, res->val_loss, braille, COL_VAL, 'o');
        plot_line_series(c, &pl, res->train_loss, braille, COL_TRAIN, '*');
        vmark(c, &pl, sel, 0x2502, '|', COL_ACCENT, ATTR_BOLD);
    }

    /* x axis: lambda at both ends (largest on the left), marks under the
     * plot; a label moves aside rather than lose characters to a mark */
    canvas_set(c, ax, axis_y, utf8 ? 0x2514 : '+', COL_DIM, CANVAS_KEEP, ATTR_NONE); /* └ */
    canvas_hline(c, px, axis_y, plot_w, COL_DIM);
    int mark[3] = {px + xdot(&pl, sel) / 2, -1, -1};
    if (res->has_cv) {
        mark[1] = px + xdot(&pl, res->i_1se) / 2;
        mark[2] = px + xdot(&pl, res->i_min) / 2;
    }
    char l0[16], l1[16], left[32];
    canvas_fmt_num(res->lambda[0], l0, sizeof l0);
    canvas_fmt_num(res->lambda[n - 1], l1, sizeof l1);
    snprintf(left, sizeof left, "lambda %s", l0);
    int lw0 = (int)strlen(left), lw1 = (int)strlen(l1);
    int x0 = px, x1 = px + plot_w - lw1; /* where each label starts */
    for (int pass = 0; pass < 3; pass++)
        for (int k = 0; k < 3; k++) {
            /* a mark keeps one column of axis between it and a label */
            if (mark[k] >= x0 - 1 && mark[k] <= x0 + lw0 && mark[k] >= px)
                x0 = mark[k] + 2;
            if (mark[k] >= x1 - 1 && mark[k] <= x1 + lw1)
                x1 = mark[k] - lw1 - 1;
        }
    if (x0 + lw0 <= px + plot_w)
        canvas_text(c, x0, axis_y, left, COL_DIM, CANVAS_KEEP, ATTR_NONE);
    if (x1 > x0 + lw0 && x1 >= px)
        canvas_text(c, x1, axis_y, l1, COL_DIM, CANVAS_KEEP, ATTR_NONE);
    if (res->has_cv) {
        /* letters, not digits: a mark must not read as a tick value */
        canvas_set(c, mark[1], axis_y, 's', COL_ACCENT, CANVAS_KEEP, ATTR_BOLD);
        canvas_set(c, mark[2], axis_y, 'm', COL_ACCENT, CANVAS_KEEP, ATTR_BOLD);
    }
    canvas_set(c, px + xdot(&pl, sel) / 2, axis_y, '^', COL_ACCENT, CANVAS_KEEP, ATTR_BOLD);
    canvas_set_clip(c, old);
}

/* ---- the other panels at the selected lambda ---------------------------------- */

static int grow(void **p, size_t *cap, size_t n, size_t size)
{
    if (n <= *cap)
        return 0;
    void *q = realloc(*p, n * size);
    if (!q)
        return -1;
    *p = q;
    *cap = n;
    return 0;
}

/* Boundary grid of the path's model at v->sel over s's plot window. */
static int eval_grid(PathView *v, const PathJobResult *r, const Problem *p, const LiveSnapshot *s,
                     LiveSnapshot *out)
{
    int gw = s->grid_w, gh = s->grid_h, k = r->k;
    if (gw < 1 || gh < 1)
        return -1;
    size_t cells = (size_t)gw * gh;
    if (v->g_sel == v->sel && v->g_job == v->job && v->g_w == gw && v->g_h == gh &&
        v->g_x0 == s->x0 && v->g_x1 == s->x1 && v->g_y0 == s->y0 && v->g_y1 == s->y1) {
        out->grid_value = v->grid_value;
        out->grid_class = v->grid_class;
        return 0;
    }
    if (grow((void **)&v->grid_value, &v->value_cap, cells, sizeof(double)) ||
        grow((void **)&v->grid_class, &v->class_cap, cells, sizeof(int)) ||
        grow((void **)&v->grid_raw, &v->raw_cap, cells * 2, sizeof(double)) ||
        grow((void **)&v->grid_feat, &v->feat_cap, cells * (size_t)r->d, sizeof(double)) ||
        grow((void **)&v->grid_out, &v->out_cap, cells * (size_t)k, sizeof(double)))
        return -1;
    grid_points(s->x0, s->x1, s->y0, s->y1, gw, gh, v->grid_raw);
    problem_transform(p, v->grid_raw, (int)cells, v->grid_feat);
    pathjob_predict(r, v->sel, v->grid_feat, (int)cells, v->grid_out);
    grid_classes(v->grid_out, cells, k, r->task, v->grid_value, v->grid_class);
    v->g_sel = v->sel, v->g_job = v->job, v->g_w = gw, v->g_h = gh;
    v->g_x0 = s->x0, v->g_x1 = s->x1, v->g_y0 = s->y0, v->g_y1 = s->y1;
    out->grid_value = v->grid_value;
    out->grid_class = v->grid_class;
    return 0;
}

const LiveSnapshot *pathview_snapshot(PathView *v, const LiveSnapshot *s)
{
    const PathJobResult *r = result(v);
    const Problem *p = pathjob_problem(v->job);
    if (!r || !p || s->model.n_layers != 1 || !s->model.params)
        return s;
    const LayerShape *L = &s->model.layer[0];
    if (L->in != r->d || L->out != r->k || s->d != r->d || s->d_raw != p->d_raw ||
        pathjob_config_differs(pathjob_config(v->job), &s->cfg))
        return s;
    if (!v->snap && !(v->snap = malloc(sizeof *v->snap)))
        return s;
    if (grow((void **)&v->params, &v->params_cap, s->model.n_params, sizeof(double)))
        return s;
    LiveSnapshot *o = v->snap;
    *o = *s; /* shallow: the arrays stay the live snapshot's, valid under its lock */
    memcpy(v->params, s->model.params, sizeof(double) * s->model.n_params);
    size_t kd = (size_t)r->k * r->d;
    memcpy(v->params + L->w_off, r->W + (size_t)v->sel * kd, sizeof(double) * kd);
    memcpy(v->params + L->b_off, r->b + (size_t)v->sel * r->k, sizeof(double) * r->k);
    o->model.params = v->params;
    if (s->d_raw == 2) {
        if (eval_grid(v, r, p, s, o)) {
            o->grid_w = o->grid_h = 0;
            o->grid_value = NULL;
            o->grid_class = NULL;
        }
    } else if (s->d_raw == 1 && s->curve_n > 0 && r->k == 1 && r->d <= FEATURES_MAX) {
        double feat[256 * FEATURES_MAX];
        int nc = s->curve_n > 256 ? 256 : s->curve_n;
        problem_transform(p, s->curve_x, nc, feat);
        pathjob_predict(r, v->sel, feat, nc, o->curve_y);
    }
    return o;
}

const char *pathview_data_title(const LiveSnapshot *s)
{
    if (s->d_raw == 2)
        return "model at path lambda";
    if (s->d_raw == 1 && s->curve_n > 0)
        return "curve at path lambda";
    return "weights at path lambda";
}

/* ---- app glue ------------------------------------------------------------------ */

void pathview_app_close(UiState *ui)
{
    pathview_close(ui->path);
    ui->path = NULL;
}

void pathview_toggle(UiState *ui)
{
    if (ui->path) {
        pathview_app_close(ui);
        return;
    }
    if (ui->cfg.n_hidden != 0) {
        snprintf(ui->notice, sizeof ui->notice, PATHVIEW_MLP_NOTICE);
        return;
    }
    if (ui->n_runs > 1) {
        snprintf(ui->notice, sizeof ui->notice,
                 "the path shows one run: close compare mode (c) first");
        return;
    }
    Err err = {0};
    ui->path = pathview_open(&ui->cfg, ui->cfg.hyper.lambda, &err);
    if (!ui->path)
        snprintf(ui->notice, sizeof ui->notice, "cannot compute the path: %.100s", err.msg);
}

int pathview_app_key(UiState *ui, int key)
{
    if (!ui->path)
        return 0;
    if (key == 27) {
        pathview_app_close(ui);
        return 1;
    }
    if (key == '\n' || key == '\r' || key == KEY_ENTER) {
        const PathJobResult *r = result(ui->path);
        if (!r) {
            snprintf(ui->notice, sizeof ui->notice, "the path is still computing");
            return 1;
        }
        ui->cfg.hyper.lambda = r->lambda[ui->path->sel];
        snprintf(ui->notice, sizeof ui->notice, "lambda %.3g from the path: the live model trains on at it",
                 ui->cfg.hyper.lambda);
        return PATHVIEW_KEY_APPLIED;
    }
    return pathview_key(ui->path, key);
}

int pathview_app_tick(UiState *ui)
{
    if (!ui->path)
        return 0;
    if (ui->cfg.n_hidden != 0 || ui->n_runs > 1) {
        pathview_app_close(ui);
        snprintf(ui->notice, sizeof ui->notice, "%s",
                 ui->n_runs > 1 ? "path view closed: compare mode shows several runs"
                                : PATHVIEW_MLP_NOTICE);
        return 1;
    }
    return pathview_tick(ui->path, &ui->cfg);
}
