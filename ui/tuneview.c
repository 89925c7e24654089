/* tuneview: the tuning view's job control, cursor, keys and panel (see
 * tuneview.h); the heatmap itself is widget_heatmap.c. */
#include "tuneview.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curses.h> /* key codes only */

#include "knob_table.h"
#include "model_subst.h"
#include "widget_heatmap.h"

struct TuneView {
    TuneJob *job;
    int row, col;  /* the cursor; -1 until the axes exist */
    Hyper want;    /* the cursor starts on the cell nearest these knobs */
    int keep_want; /* after a restart: want_row / want_col instead */
    double want_row, want_col;
    TuneCell *cells;
    int *ready;
    int n_cells;
    /* what tuneview_tick last reported */
    int seen_pct, seen_done, seen_ready, seen_row, seen_col;
    ModelSubst subst;
};

TuneView *tuneview_open(const Config *c, Err *err)
{
    TuneView *v = calloc(1, sizeof *v);
    if (!v) {
        err_set(err, ERR_INTERNAL, "out of memory");
        return NULL;
    }
    v->job = tunejob_start(c, err);
    if (!v->job) {
        free(v);
        return NULL;
    }
    v->row = v->col = -1;
    v->want = c->hyper;
    v->seen_pct = v->seen_row = -1;
    v->subst.g_sel = -1;
    return v;
}

void tuneview_close(TuneView *v)
{
    if (!v)
        return;
    tunejob_free(v->job);
    free(v->cells), free(v->ready);
    model_subst_free(&v->subst);
    free(v);
}

TuneJob *tuneview_job(TuneView *v) { return v->job; }

void tuneview_wait(TuneView *v)
{
    while (!tunejob_done(v->job)) {
        struct timespec ts = {0, 2000000L};
        nanosleep(&ts, NULL);
    }
}

void tuneview_cursor(const TuneView *v, int *row, int *col) { *row = v->row, *col = v->col; }

/* The run setting whose key is name ("alpha", "input-keep"), or KNOB_COUNT. */
static KnobId knob_by_key(const char *name)
{
    for (int k = 0; k < KNOB_COUNT; k++)
        if (knob_is_hyper((KnobId)k) && strcmp(knob_key((KnobId)k), name) == 0)
            return (KnobId)k;
    return KNOB_COUNT;
}

/* The index of the value nearest want (log scale for positive values). */
static int nearest(const double *val, int n, double want, int logscale)
{
    int best = 0;
    double d = INFINITY;
    for (int i = 0; i < n; i++) {
        double e = logscale && want > 0 && val[i] > 0 ? fabs(log(val[i]) - log(want))
                                                      : fabs(val[i] - want);
        if (e < d)
            d = e, best = i;
    }
    return best;
}

/* The axes and the cells copied out of the job; 0 before the axes exist. */
static int copy_axes(TuneView *v, TuneAxes *a)
{
    if (!tunejob_axes(v->job, a))
        return 0;
    int n = a->n_row * a->n_col;
    if (n != v->n_cells) {
        TuneCell *c = realloc(v->cells, sizeof *c * (size_t)n);
        if (c)
            v->cells = c;
        int *r = realloc(v->ready, sizeof *r * (size_t)n);
        if (r)
            v->ready = r;
        if (!c || !r)
            return 0;
        v->n_cells = n;
    }
    if (v->row < 0) {
        double wr = v->want_row, wc = v->want_col;
        if (!v->keep_want) { /* the live settings' values of the grid's knobs */
            KnobId kr = knob_by_key(a->row_knob), kc = knob_by_key(a->col_knob);
            wr = kr < KNOB_COUNT ? knob_hyper_value(&v->want, kr) : 0;
            wc = kc < KNOB_COUNT ? knob_hyper_value(&v->want, kc) : 0;
        }
        v->row = nearest(a->row_val, a->n_row, wr, strcmp(a->row_knob, "lambda") == 0);
        v->col = nearest(a->col_val, a->n_col, wc, strcmp(a->col_knob, "lambda") == 0);
    }
    return 1;
}

int tuneview_key(TuneView *v, int key)
{
    int dr = 0, dc = 0;
    switch (key) {
    case KEY_UP: dr = -1; break;
    case KEY_DOWN: dr = +1; break;
    case KEY_LEFT: dc = -1; break;
    case KEY_RIGHT: dc = +1; break;
    case KEY_PPAGE: dc = -10; break;
    case KEY_NPAGE: dc = +10; break;
    case KEY_HOME: dc = -1000000; break;
    case KEY_END: dc = +1000000; break;
    default: return 0;
    }
    TuneAxes a;
    if (!copy_axes(v, &a))
        return 1; /* still making the axes: the key is the view's all the same */
    long r = (long)v->row + dr, c = (long)v->col + dc;
    v->row = r < 0 ? 0 : r >= a.n_row ? a.n_row - 1 : (int)r;
    v->col = c < 0 ? 0 : c >= a.n_col ? a.n_col - 1 : (int)c;
    return 1;
}

int tuneview_tick(TuneView *v, const Config *c)
{
    if (tunejob_config_differs(tunejob_config(v->job), c)) {
        Err err = {0};
        TuneJob *j = tunejob_start(c, &err);
        if (j) {
            TuneAxes a;
            if (copy_axes(v, &a)) { /* the cursor stays on about the same knobs */
                v->want_row = a.row_val[v->row], v->want_col = a.col_val[v->col];
                v->keep_want = 1;
            }
            tunejob_free(v->job);
            v->job = j;
            v->row = v->col = -1;
            model_subst_forget(&v->subst);
        }
    }
    TuneAxes a;
    copy_axes(v, &a);
    int done = tunejob_done(v->job);
    int pct = (int)(tunejob_progress(v->job) * 100);
    int ready = tunejob_cells(v->job, NULL, NULL, 0x7fffffff);
    int changed = pct != v->seen_pct || done != v->seen_done || ready != v->seen_ready ||
                  v->row != v->seen_row || v->col != v->seen_col;
    v->seen_pct = pct, v->seen_done = done, v->seen_ready = ready;
    v->seen_row = v->row, v->seen_col = v->col;
    return changed;
}

void tuneview_draw(Canvas *c, Rect r, TuneView *v)
{
    TuneAxes a;
    int have = copy_axes(v, &a);
    char title[96];
    if (have)
        if (a.folds > 0)
            snprintf(title, sizeof title, "tuning: %s x %s, %d-fold CV", a.row_knob, a.col_knob,
                     a.folds);
        else
            snprintf(title, sizeof title, "tuning: %s x %s, validation loss, %d epochs a cell",
                     a.row_knob, a.col_knob, tunejob_config(v->job)->epochs);
    else
        snprintf(title, sizeof title, "tuning grid");
    canvas_box(c, r, title, COL_ACCENT, ATTR_BOLD);
    Rect in = rect_inset(r, 1);
    HeatmapView h = {0};
    h.value_name = have ? a.value_name : "cv loss";
    h.best = h.one_se = -1;
    h.progress = tunejob_progress(v->job);
    h.eta = tunejob_eta(v->job);
    h.done = tunejob_done(v->job);
    const char *err = tunejob_error(v->job);
    char note[256];
    if (err) {
        snprintf(note, sizeof note, "no grid: %.200s (h: close)", err);
        h.note = note;
    } else if (!have) {
        h.note = "making the grid's axes...";
    } else {
        tunejob_cells(v->job, v->cells, v->ready, v->n_cells);
        h.n_row = a.n_row, h.n_col = a.n_col;
        h.row_knob = a.row_knob, h.col_knob = a.col_knob;
        h.row_val = a.row_val, h.col_val = a.col_val;
        h.cells = v->cells, h.ready = v->ready;
        h.cur_row = v->row, h.cur_col = v->col;
        tunejob_pick(v->job, v->cells, v->n_cells, &h.best, &h.one_se);
    }
    widget_heatmap_draw(c, in, &h);
}

const LiveSnapshot *tuneview_snapshot(TuneView *v, const LiveSnapshot *s)
{
    if (v->row < 0 || tunejob_config_differs(tunejob_config(v->job), &s->cfg))
        return s;
    TuneAxes a;
    size_t n = 0;
    const double *net;
    PathJobResult r;
    if (tunejob_axes(v->job, &a) && a.folds == 0) { /* a net: the cell's own weights */
        int cell = v->row * a.n_col + v->col;
        if (!(net = tunejob_net_params(v->job, cell, &n)))
            return s;
        return model_subst_net(&v->subst, net, n, cell, tunejob_problem(v->job), v->job, s);
    }
    if (!tunejob_model(v->job, v->row, &r))
        return s;
    return model_subst(&v->subst, &r, v->col, tunejob_problem(v->job), r.W, s);
}

int tuneview_rows(TuneView *v)
{
    TuneAxes a;
    return v && tunejob_axes(v->job, &a) ? a.n_row : 0;
}

const char *tuneview_data_title(const LiveSnapshot *s)
{
    /* short: the data panel is 20 columns at 80x24 */
    if (s->d_raw == 2)
        return "model at cell";
    if (s->d_raw == 1 && s->curve_n > 0)
        return "curve at cell";
    return "weights at cell";
}

/* ---- app glue ------------------------------------------------------------------ */

void tuneview_app_close(UiState *ui)
{
    tuneview_close(ui->tune);
    ui->tune = NULL;
}

void tuneview_toggle(UiState *ui)
{
    if (ui->tune) {
        tuneview_app_close(ui);
        return;
    }
    if (ui->n_runs > 1) {
        snprintf(ui->notice, sizeof ui->notice,
                 "the tuning grid shows one run: close compare mode (c) first");
        return;
    }
    Err err = {0};
    ui->tune = tuneview_open(&ui->cfg, &err);
    if (!ui->tune)
        snprintf(ui->notice, sizeof ui->notice, "cannot tune: %.150s", err.msg);
}

/* Enter: the cursor's knobs into the live settings, as the knob table reads
 * them. */
static int apply_cell(UiState *ui)
{
    TuneView *v = ui->tune;
    TuneAxes a;
    if (!copy_axes(v, &a) || !tunejob_cells(v->job, NULL, NULL, v->n_cells)) {
        snprintf(ui->notice, sizeof ui->notice, "the grid is still filling in");
        return 1;
    }
    const char *names[2] = {a.row_knob, a.col_knob};
    double vals[2] = {a.row_val[v->row], a.col_val[v->col]};
    Hyper h = ui->cfg.hyper;
    for (int i = 0; i < 2; i++) {
        KnobId k = knob_by_key(names[i]);
        if (k == KNOB_COUNT)
            continue; /* a one-knob grid's "-" */
        char text[40];
        snprintf(text, sizeof text, "%.17g", vals[i]);
        Err err = {0};
        if (knob_read_hyper(&h, k, knob_info(k)->option, text, &err)) {
            snprintf(ui->notice, sizeof ui->notice, "%.200s", err.msg);
            return 1;
        }
    }
    ui->cfg.hyper = h;
    snprintf(ui->notice, sizeof ui->notice,
             "%s %.3g, %s %.3g from the grid: the live model trains on", names[0], vals[0],
             names[1], vals[1]);
    return TUNEVIEW_KEY_APPLIED;
}

int tuneview_app_key(UiState *ui, int key)
{
    if (!ui->tune)
        return 0;
    if (key == 27 || key == 'h') {
        tuneview_app_close(ui);
        return 1;
    }
    if (key == '\n' || key == '\r' || key == KEY_ENTER)
        return apply_cell(ui);
    return tuneview_key(ui->tune, key);
}

int tuneview_app_tick(UiState *ui)
{
    if (!ui->tune)
        return 0;
    if (ui->n_runs > 1) {
        tuneview_app_close(ui);
        snprintf(ui->notice, sizeof ui->notice,
                 "tuning view closed: compare mode shows several runs");
        return 1;
    }
    return tuneview_tick(ui->tune, &ui->cfg);
}
