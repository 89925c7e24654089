/* live_snapshot: filling the back snapshot from the training thread's state
 * (see live.h): status and history, the points and the model, the boundary
 * grid or the 1-D curve, and the geometry view while the UI has it open.
 * Everything here runs on the training thread (or before it starts) with no
 * lock held; publish (live.c) swaps the filled buffer to the front. */
#include "live.h"
#include "live_internal.h"

#include <stdio.h>
#include <string.h>

#define CURVE_POINTS 256

/* Point arrays share one capacity: grow them together. */
static int grow_points(LiveSnapshot *s, size_t n)
{
    size_t c1 = (size_t)s->points_cap, c2 = c1, c3 = c1, c4 = c1;
    if (grow(&s->px, &c1, n, sizeof(double)) || grow(&s->py, &c2, n, sizeof(double)) ||
        grow(&s->pclass, &c3, n, sizeof(int)) || grow(&s->pval, &c4, n, 1))
        return -1;
    if (n > (size_t)s->points_cap)
        s->points_cap = (int)n;
    return 0;
}

/* The true weights as the model sees its inputs: x_std = (x - mean) / scale,
 * so a raw weight w is w * scale on the standardized input. */
static void copy_truth(const Live *lv, LiveSnapshot *s)
{
    const Problem *p = &lv->problem;
    s->has_truth = 0;
    if (p->d != p->d_raw || lv->cfg.n_hidden != 0 || p->task != TASK_REGRESS ||
        grow(&s->truth, &s->truth_cap, (size_t)p->d + 1, sizeof *s->truth) ||
        !data_true_weights(lv->cfg.data, lv->cfg.direction, s->truth, p->d))
        return;
    for (int j = 0; j < p->d; j++)
        s->truth[j] *= p->std.scale[j];
    s->has_truth = 1;
}

static void copy_points(Live *lv, LiveSnapshot *s)
{
    const Problem *p = &lv->problem;
    s->task = p->task;
    s->n_classes = p->n_classes;
    s->d_raw = p->d_raw;
    s->d = p->d;
    for (int c = 0; c < 8; c++)
        snprintf(s->class_names[c], sizeof s->class_names[c], "%s",
                 p->raw_train.class_names && c < p->n_classes ? p->raw_train.class_names[c] : "");
    int n = p->d_raw <= 2 ? p->raw_train.n + p->raw_val.n : 0;
    s->n_points = 0;
    if (grow_points(s, (size_t)n + 1))
        return;
    int k = 0;
    const Dataset *sets[2] = {&p->raw_train, &p->raw_val};
    for (int v = 0; v < 2 && n; v++)
        for (int i = 0; i < sets[v]->n; i++, k++) {
            const Dataset *ds = sets[v];
            s->px[k] = ds->X[(size_t)i * ds->d];
            s->py[k] = ds->d == 2 ? ds->X[(size_t)i * ds->d + 1] : ds->y[i];
            s->pclass[k] = p->task == TASK_CLASSIFY ? (int)ds->y[i] : -1;
            s->pval[k] = (unsigned char)v;
        }
    s->n_points = n;
    int nf = p->d;
    size_t fcap = (size_t)s->feat_cap;
    if (grow(&s->feat_names, &fcap, (size_t)nf + 1, sizeof *s->feat_names) == 0) {
        s->feat_cap = (int)fcap;
        for (int j = 0; j < nf; j++) {
            if (p->train.feature_names && p->train.feature_names[j])
                snprintf(s->feat_names[j], sizeof s->feat_names[j], "%s",
                         p->train.feature_names[j]);
            else
                snprintf(s->feat_names[j], sizeof s->feat_names[j], "x%d", j + 1);
        }
        s->n_feat_names = nf;
    }
    copy_truth(lv, s);
}

static void copy_model(Live *lv, LiveSnapshot *s)
{
    const Model *m = trainer_model(lv->trainer);
    double *params = s->model.params;
    if (grow(&params, &s->params_cap, m->n_params + 1, sizeof(double))) {
        s->model.n_layers = 0;
        return;
    }
    s->model = *m;
    s->model.params = params;
    memcpy(params, m->params, sizeof(double) * m->n_params);
}

/* Predictions over the plot: a grid for 2-D inputs, a curve for 1-D
 * regression; one batched forward pass each. */
static void compute_boundary(Live *lv, LiveSnapshot *s)
{
    const Problem *p = &lv->problem;
    s->x0 = lv->x0, s->x1 = lv->x1, s->y0 = lv->y0, s->y1 = lv->y1;
    s->grid_w = s->grid_h = 0;
    s->curve_n = 0;
    int k = model_n_out(trainer_model(lv->trainer));
    if (p->d_raw == 1) {
        double raw[CURVE_POINTS], feat[CURVE_POINTS * FEATURES_MAX];
        double out[CURVE_POINTS];
        if (p->d > FEATURES_MAX || k != 1)
            return;
        for (int i = 0; i < CURVE_POINTS; i++)
            raw[i] = s->x0 + (s->x1 - s->x0) * i / (CURVE_POINTS - 1);
        problem_transform(p, raw, CURVE_POINTS, feat);
        trainer_predict(lv->trainer, feat, CURVE_POINTS, out);
        memcpy(s->curve_x, raw, sizeof raw);
        memcpy(s->curve_y, out, sizeof out);
        s->curve_n = CURVE_POINTS;
        return;
    }
    if (p->d_raw != 2 || lv->grid_w < 1 || lv->grid_h < 1)
        return;
    size_t cells = (size_t)lv->grid_w * lv->grid_h;
    size_t c1 = lv->grid_cap_raw, c2 = lv->grid_cap_feat, c3 = lv->grid_cap_out;
    size_t s1 = s->grid_cap, s2 = s->grid_cap;
    int failed = grow(&lv->grid_raw, &c1, cells * 2, sizeof(double)) ||
                 grow(&lv->grid_feat, &c2, cells * (size_t)p->d, sizeof(double)) ||
                 grow(&lv->grid_out, &c3, cells * (size_t)k, sizeof(double)) ||
                 grow(&s->grid_value, &s1, cells, sizeof(double)) ||
                 grow(&s->grid_class, &s2, cells, sizeof(int));
    lv->grid_cap_raw = c1, lv->grid_cap_feat = c2, lv->grid_cap_out = c3;
    s->grid_cap = s1 < s2 ? s1 : s2;
    if (failed)
        return;
    grid_points(s->x0, s->x1, s->y0, s->y1, lv->grid_w, lv->grid_h, lv->grid_raw);
    problem_transform(p, lv->grid_raw, (int)cells, lv->grid_feat);
    trainer_predict(lv->trainer, lv->grid_feat, (int)cells, lv->grid_out);
    grid_classes(lv->grid_out, cells, k, p->task, s->grid_value, s->grid_class);
    s->grid_w = lv->grid_w;
    s->grid_h = lv->grid_h;
}

/* ---- geometry view (geometry.h) ------------------------------------------------ */

#define GEO_TRIALS 200

/* The trainer's penalty as the geometry view draws it. */
static GeoPenalty geometry_penalty_of(const Trainer *t, const Hyper *h)
{
    PenaltyFamily f = trainer_penalty_family(t, h);
    GeoPenalty pen = {f.kind, penalty_gamma(f.kind, f.gamma), 0};
    pen.one_group = f.kind == PEN_GROUP && f.groups && f.groups->n_groups == 1;
    return pen;
}

static int same_penalty(const GeoPenalty *a, const GeoPenalty *b)
{
    return a->kind == b->kind && a->gamma == b->gamma && a->one_group == b->one_group;
}

/* Brings lv->geo up to date with the problem and the hyperparameters: the
 * loss surface after a rebuild or new points, the exact solution after a
 * lambda, alpha or penalty change, the zero count for corr data. */
static void refresh_geometry(Live *lv)
{
    const Problem *p = &lv->problem;
    const Hyper *h = trainer_hyper(lv->trainer);
    GeoView *g = &lv->geo;
    GeoPenalty pen = geometry_penalty_of(lv->trainer, h);
    Err err = {0};
    if (!geometry_fits(trainer_model(lv->trainer))) {
        g->ok = 0;
        lv->geo_landscape_stale = 1;
        return;
    }
    if (lv->geo_landscape_stale) {
        g->ok = 0;
        if (geometry_solve(g, &p->train, p->task, h->lambda, h->alpha, &pen, &err) == 0 &&
            geometry_landscape(g, &p->train, p->task, &err) == 0)
            lv->geo_landscape_stale = 0;
        lv->geo_rates_stale = 1;
    } else if (g->lambda != h->lambda || g->alpha != h->alpha || !same_penalty(&g->pen, &pen)) {
        if (geometry_solve(g, &p->train, p->task, h->lambda, h->alpha, &pen, &err))
            g->ok = 0;
        else
            geometry_reframe(g, &p->train, p->task); /* keep the solution in view */
        lv->geo_rates_stale = 1;
    }
    if (lv->geo_rates_stale) {
        GeoShape shape = {p->train.n, lv->cfg.noise, lv->cfg.corr, lv->cfg.direction};
        g->has_rates = strcmp(lv->cfg.data, "corr") == 0 &&
                       geometry_zero_rates(&shape, h->lambda, h->alpha, &pen, GEO_TRIALS,
                                           lv->cfg.seed, &g->rates, &err) == 0;
        lv->geo_rates_stale = 0;
    }
    if (err.msg[0])
        snprintf(lv->message, sizeof lv->message, "geometry: %.480s", err.msg);
}

void live_fill_back(Live *lv)
{
    LiveSnapshot *s = lv->back;
    s->epoch = trainer_epochs_done(lv->trainer);
    s->epochs_per_sec = lv->eps_rate;
    s->paused = lv->paused;
    s->diverged = lv->diverged;
    s->early_stopped = lv->early_stopped;
    s->pause_reached = lv->pause_reached;
    memcpy(s->message, lv->message, sizeof s->message);
    s->save_done = lv->save_done;
    memcpy(s->save_msg, lv->save_msg, sizeof s->save_msg);
    s->n_train = lv->problem.train.n;
    s->cfg = lv->cfg;
    s->cfg.hyper = *trainer_hyper(lv->trainer);
    s->metrics = lv->metrics;
    s->n_marks = lv->n_marks;
    memcpy(s->mark_epoch, lv->mark_epoch, sizeof s->mark_epoch);
    memcpy(s->mark_label, lv->mark_label, sizeof s->mark_label);
    s->n_hist = lv->n_hist;
    size_t h = (size_t)lv->n_hist;
    memcpy(s->hist_epoch, lv->hist_epoch, h * sizeof(long));
    memcpy(s->hist_train, lv->hist_train, h * sizeof(double));
    memcpy(s->hist_val, lv->hist_val, h * sizeof(double));
    memcpy(s->hist_data, lv->hist_data, h * sizeof(double));
    memcpy(s->hist_penalty, lv->hist_penalty, h * sizeof(double));
    memcpy(s->hist_w1, lv->hist_w1, h * sizeof(double));
    memcpy(s->hist_w2, lv->hist_w2, h * sizeof(double));
    s->best_epoch = lv->best_epoch;
    s->problem_version = lv->problem_version;
    copy_points(lv, s);
    copy_model(lv, s);
    compute_boundary(lv, s);
    s->geo.ok = 0;
    if (lv->want_geo) {
        refresh_geometry(lv);
        s->geo = lv->geo;
    }
}

void live_snapshot_free(LiveSnapshot *s)
{
    free(s->model.params);
    free(s->px), free(s->py), free(s->pclass), free(s->pval);
    free(s->feat_names);
    free(s->truth);
    free(s->grid_value), free(s->grid_class);
}
