#include "penalty.h"

#include <math.h>
#include <string.h>

static const char *const method_names[] = {"prox", "subgradient"};

const char *l1_method_name(L1Method m) { return method_names[m]; }

int l1_method_parse(const char *s, L1Method *m)
{
    for (int i = 0; i < 2; i++)
        if (strcmp(s, method_names[i]) == 0) {
            *m = (L1Method)i;
            return 0;
        }
    return -1;
}

static double sign(double w) { return (w > 0) - (w < 0); }

double penalty_value(const Model *m, double lambda, double alpha)
{
    double l1 = 0, l2 = 0;
    for (int l = 0; l < m->n_layers; l++) {
        const LayerShape *S = &m->layer[l];
        const double *w = m->params + S->w_off;
        for (size_t i = 0; i < (size_t)S->in * S->out; i++) {
            l1 += fabs(w[i]);
            l2 += w[i] * w[i];
        }
    }
    return lambda * (alpha * l1 + 0.5 * (1.0 - alpha) * l2);
}

void penalty_add_gradient(const Model *m, double *grad, double lambda, double alpha, int with_l1)
{
    double c1 = with_l1 ? lambda * alpha : 0.0, c2 = lambda * (1.0 - alpha);
    for (int l = 0; l < m->n_layers; l++) {
        const LayerShape *S = &m->layer[l];
        const double *w = m->params + S->w_off;
        double *g = grad + S->w_off;
        for (size_t i = 0; i < (size_t)S->in * S->out; i++)
            g[i] += c2 * w[i] + c1 * sign(w[i]);
    }
}

/* soft-thresholding: the proximal map of t*|w|; exact zeros */
static inline double soft_threshold(double v, double t)
{
    double a = fabs(v) - t;
    return a > 0 ? copysign(a, v) : 0.0;
}

void penalty_step(const Model *m, const double *params_old, double lr, double lambda, double alpha,
                  L1Method method)
{
    double shrink = lr * lambda * (1.0 - alpha), thresh = lr * lambda * alpha;
    double sub = method == L1_SUBGRADIENT ? thresh : 0.0;
    for (int l = 0; l < m->n_layers; l++) {
        const LayerShape *S = &m->layer[l];
        double *w = m->params + S->w_off;
        const double *w0 = params_old ? params_old + S->w_off : w;
        for (size_t i = 0; i < (size_t)S->in * S->out; i++) {
            double v = w[i] - shrink * w0[i] - sub * sign(w0[i]);
            w[i] = method == L1_PROX ? soft_threshold(v, thresh) : v;
        }
    }
}

void penalty_decay(const Model *m, double lr, double lambda, double alpha, L1Method method)
{
    double keep = 1.0 - lr * lambda * (1.0 - alpha);
    double sub = method == L1_SUBGRADIENT ? lr * lambda * alpha : 0.0;
    if (keep == 1.0 && sub == 0.0)
        return;
    for (int l = 0; l < m->n_layers; l++) {
        const LayerShape *S = &m->layer[l];
        double *w = m->params + S->w_off;
        for (size_t i = 0; i < (size_t)S->in * S->out; i++)
            w[i] = keep * w[i] - sub * sign(w[i]);
    }
}

void penalty_prox(const Model *m, double lr, double lambda, double alpha, L1Method method)
{
    double thresh = lr * lambda * alpha;
    if (method != L1_PROX || thresh == 0.0)
        return;
    for (int l = 0; l < m->n_layers; l++) {
        const LayerShape *S = &m->layer[l];
        double *w = m->params + S->w_off;
        for (size_t i = 0; i < (size_t)S->in * S->out; i++)
            w[i] = soft_threshold(w[i], thresh);
    }
}

void weight_stats(const Model *m, WeightStats *st)
{
    memset(st, 0, sizeof *st);
    double l2 = 0;
    for (int l = 0; l < m->n_layers; l++) {
        const LayerShape *S = &m->layer[l];
        const double *w = m->params + S->w_off;
        for (size_t i = 0; i < (size_t)S->in * S->out; i++) {
            double a = fabs(w[i]);
            st->zeros += w[i] == 0.0;
            st->l1 += a;
            l2 += w[i] * w[i];
            st->max_abs = a > st->max_abs ? a : st->max_abs;
        }
        st->n += (size_t)S->in * S->out;
    }
    st->l2 = sqrt(l2);
    st->zero_frac = st->n ? (double)st->zeros / (double)st->n : 0;
}
