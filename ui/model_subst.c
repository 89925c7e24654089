/* model_subst: see model_subst.h. */
#include "model_subst.h"

#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "widgets.h"

/* What the substituted model predicts on n rows of transformed features
 * (out: n x k): a path result's linear model at sel, or a net's forward
 * pass with v->params. */
typedef struct {
    const PathJobResult *r; /* NULL: the net */
    int sel;
    const Model *net; /* the live model's shape with v->params */
    int k;
} Predictor;

static int predict(const Predictor *pr, const double *feat, int n, double *out)
{
    if (pr->r) {
        pathjob_predict(pr->r, pr->sel, feat, n, out);
        return 0;
    }
    Workspace ws;
    Err err = {0};
    if (workspace_init(&ws, pr->net, n, &err))
        return -1;
    Dropout none = {1, 1, NULL};
    const double *y = model_forward(pr->net, &ws, feat, n, &none);
    memcpy(out, y, sizeof(double) * (size_t)n * pr->k);
    workspace_free(&ws);
    return 0;
}

/* Boundary grid of the model over s's plot window. */
static int eval_grid(ModelSubst *v, const Predictor *pr, const Problem *p, const void *key,
                     const LiveSnapshot *s, LiveSnapshot *out)
{
    int gw = s->grid_w, gh = s->grid_h, k = pr->k;
    if (gw < 1 || gh < 1)
        return -1;
    size_t cells = (size_t)gw * gh;
    if (v->g_sel == pr->sel && v->g_key == key && v->g_w == gw && v->g_h == gh &&
        v->g_x0 == s->x0 && v->g_x1 == s->x1 && v->g_y0 == s->y0 && v->g_y1 == s->y1) {
        out->grid_value = v->grid_value;
        out->grid_class = v->grid_class;
        return 0;
    }
    if (grow(&v->grid_value, &v->value_cap, cells, sizeof(double)) ||
        grow(&v->grid_class, &v->class_cap, cells, sizeof(int)) ||
        grow(&v->grid_raw, &v->raw_cap, cells * 2, sizeof(double)) ||
        grow(&v->grid_feat, &v->feat_cap, cells * (size_t)p->d, sizeof(double)) ||
        grow(&v->grid_out, &v->out_cap, cells * (size_t)k, sizeof(double)))
        return -1;
    grid_points(s->x0, s->x1, s->y0, s->y1, gw, gh, v->grid_raw);
    problem_transform(p, v->grid_raw, (int)cells, v->grid_feat);
    if (predict(pr, v->grid_feat, (int)cells, v->grid_out))
        return -1;
    grid_classes(v->grid_out, cells, k, p->task, v->grid_value, v->grid_class);
    v->g_sel = pr->sel, v->g_key = key, v->g_w = gw, v->g_h = gh;
    v->g_x0 = s->x0, v->g_x1 = s->x1, v->g_y0 = s->y0, v->g_y1 = s->y1;
    out->grid_value = v->grid_value;
    out->grid_class = v->grid_class;
    return 0;
}

/* s with v->params (filled by the caller) as its model, the boundary or
 * curve of pr's predictions. */
static const LiveSnapshot *substitute(ModelSubst *v, const Predictor *pr, const Problem *p,
                                      const void *key, const LiveSnapshot *s)
{
    if (!v->snap && !(v->snap = malloc(sizeof *v->snap)))
        return s;
    LiveSnapshot *o = v->snap;
    *o = *s; /* shallow: the arrays stay the live snapshot's, valid under its lock */
    o->model.params = v->params;
    if (s->d_raw == 2) {
        if (eval_grid(v, pr, p, key, s, o)) {
            o->grid_w = o->grid_h = 0;
            o->grid_value = NULL;
            o->grid_class = NULL;
        }
    } else if (s->d_raw == 1 && s->curve_n > 0 && pr->k == 1 && p->d <= FEATURES_MAX) {
        double feat[256 * FEATURES_MAX];
        int nc = s->curve_n > 256 ? 256 : s->curve_n;
        problem_transform(p, s->curve_x, nc, feat);
        if (predict(pr, feat, nc, o->curve_y))
            o->curve_n = 0;
    }
    return o;
}

const LiveSnapshot *model_subst(ModelSubst *v, const PathJobResult *r, int sel, const Problem *p,
                                const void *key, const LiveSnapshot *s)
{
    if (!r || !p || sel < 0 || sel >= r->n_lambda || s->model.n_layers != 1 || !s->model.params)
        return s;
    const LayerShape *L = &s->model.layer[0];
    if (L->in != r->d || L->out != r->k || s->d != r->d || s->d_raw != p->d_raw)
        return s;
    if (grow(&v->params, &v->params_cap, s->model.n_params, sizeof(double)))
        return s;
    memcpy(v->params, s->model.params, sizeof(double) * s->model.n_params);
    size_t kd = (size_t)r->k * r->d;
    memcpy(v->params + L->w_off, r->W + (size_t)sel * kd, sizeof(double) * kd);
    memcpy(v->params + L->b_off, r->b + (size_t)sel * r->k, sizeof(double) * r->k);
    Predictor pr = {r, sel, NULL, r->k};
    return substitute(v, &pr, p, key, s);
}

const LiveSnapshot *model_subst_net(ModelSubst *v, const double *params, size_t n_params, int sel,
                                    const Problem *p, const void *key, const LiveSnapshot *s)
{
    if (!params || !p || n_params != s->model.n_params || !s->model.params || s->d != p->d ||
        s->d_raw != p->d_raw || model_n_in(&s->model) != p->d)
        return s;
    if (grow(&v->params, &v->params_cap, n_params, sizeof(double)))
        return s;
    memcpy(v->params, params, sizeof(double) * n_params);
    Model net = s->model;
    net.params = v->params;
    Predictor pr = {NULL, sel, &net, model_n_out(&net)};
    return substitute(v, &pr, p, key, s);
}

void model_subst_free(ModelSubst *m)
{
    free(m->snap);
    free(m->params);
    free(m->grid_value), free(m->grid_raw), free(m->grid_feat), free(m->grid_out);
    free(m->grid_class);
    memset(m, 0, sizeof *m);
    m->g_sel = -1;
}
