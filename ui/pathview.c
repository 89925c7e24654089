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
            v->g_sel = -1;
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
    if (grow(&v->grid_value, &v->value_cap, cells, sizeof(double)) ||
        grow(&v->grid_class, &v->class_cap, cells, sizeof(int)) ||
        grow(&v->grid_raw, &v->raw_cap, cells * 2, sizeof(double)) ||
        grow(&v->grid_feat, &v->feat_cap, cells * (size_t)r->d, sizeof(double)) ||
        grow(&v->grid_out, &v->out_cap, cells * (size_t)k, sizeof(double)))
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
    const PathJobResult *r = pathview_result(v);
    const Problem *p = pathjob_problem(v->job);
    if (!r || !p || s->model.n_layers != 1 || !s->model.params)
        return s;
    const LayerShape *L = &s->model.layer[0];
    if (L->in != r->d || L->out != r->k || s->d != r->d || s->d_raw != p->d_raw ||
        pathjob_config_differs(pathjob_config(v->job), &s->cfg))
        return s;
    if (!v->snap && !(v->snap = malloc(sizeof *v->snap)))
        return s;
    if (grow(&v->params, &v->params_cap, s->model.n_params, sizeof(double)))
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
