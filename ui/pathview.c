/* pathview: the path view's job control (see pathview.h): the background
 * path job and its restarts, the selection and the keys, the other panels
 * re-evaluated at the selected lambda. The drawing is in pathview_draw.c. */
#include "pathview.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curses.h> /* key codes only */

#include "widget_util.h"
#include "widgets.h"

#include "mem.h"
#include "pathview_internal.h"

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
    v->subst.g_sel = -1;
    return v;
}

void pathview_close(PathView *v)
{
    if (!v)
        return;
    pathjob_free(v->job);
    model_subst_free(&v->subst);
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
const PathJobResult *pathview_result(PathView *v)
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
    const PathJobResult *r = pathview_result(v);
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
            const PathJobResult *r = pathview_result(v);
            if (r) /* keep roughly the same lambda selected */
                v->want_lambda = r->lambda[v->sel];
            pathjob_free(v->job);
            v->job = j;
            v->sel = -1;
            model_subst_forget(&v->subst);
        }
    }
    int done = pathjob_done(v->job);
    int pct = (int)(pathjob_progress(v->job) * 100);
    if (done)
        pathview_result(v);
    int changed = pct != v->seen_pct || done != v->seen_done || v->sel != v->seen_sel;
    v->seen_pct = pct, v->seen_done = done, v->seen_sel = v->sel;
    return changed;
}

/* ---- the other panels at the selected lambda ---------------------------------- */

const LiveSnapshot *pathview_snapshot(PathView *v, const LiveSnapshot *s)
{
    const PathJobResult *r = pathview_result(v);
    if (!r || pathjob_config_differs(pathjob_config(v->job), &s->cfg))
        return s;
    return model_subst(&v->subst, r, v->sel, pathjob_problem(v->job), v->job, s);
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
        const PathJobResult *r = pathview_result(ui->path);
        if (!r) {
            snprintf(ui->notice, sizeof ui->notice, "the path is still computing");
            return 1;
        }
        ui->cfg.hyper.lambda = r->lambda[ui->path->sel];
        snprintf(ui->notice, sizeof ui->notice,
                 "lambda %.3g from the path: the live model trains on at it", ui->cfg.hyper.lambda);
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
