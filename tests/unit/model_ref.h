/* model_ref: a model's forward pass written out in the tests, to check
 * model.c against (test_model.c, test_gradcheck.c). */
#ifndef REGSCOPE_MODEL_REF_H
#define REGSCOPE_MODEL_REF_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "rng.h"
#include "test_assert.h"

static inline double sigmoid(double z) { return 1.0 / (1.0 + exp(-z)); }

static inline double act_ref(Activation a, double z)
{
    switch (a) {
    case ACT_TANH: return tanh(z);
    case ACT_RELU: return z > 0 ? z : 0;
    case ACT_SIGMOID: return sigmoid(z);
    case ACT_LINEAR: return z;
    }
    return NAN;
}

/* Reference forward of one row x in plain loops (no BLAS), written from the
 * header's definition: Z = A W^T + b, W out x in. out gets n_out values.
 * min_abs_pre (if not NULL) gets the smallest |pre-activation| of any hidden
 * unit, to keep relu's kink out of the finite differences. */
static inline void ref_forward_row(const Model *m, const double *x, double *out,
                                   double *min_abs_pre)
{
    double a[64], z[64];
    int in = model_n_in(m);
    memcpy(a, x, sizeof(double) * (size_t)in);
    for (int l = 0; l < m->n_layers; l++) {
        const LayerShape *S = &m->layer[l];
        const double *W = m->params + S->w_off, *b = m->params + S->b_off;
        for (int j = 0; j < S->out; j++) {
            double s = b[j];
            for (int i = 0; i < S->in; i++)
                s += W[(size_t)j * S->in + i] * a[i];
            z[j] = s;
        }
        if (l < m->n_layers - 1) {
            for (int j = 0; j < S->out; j++) {
                if (min_abs_pre && fabs(z[j]) < *min_abs_pre)
                    *min_abs_pre = fabs(z[j]);
                a[j] = act_ref(m->act, z[j]);
            }
        } else if (m->head == HEAD_SIGMOID) {
            out[0] = sigmoid(z[0]);
        } else if (m->head == HEAD_LINEAR) {
            out[0] = z[0];
        } else {
            double mx = z[0], s = 0;
            for (int j = 1; j < S->out; j++)
                mx = fmax(mx, z[j]);
            for (int j = 0; j < S->out; j++)
                s += exp(z[j] - mx);
            for (int j = 0; j < S->out; j++)
                out[j] = exp(z[j] - mx) / s;
        }
    }
}

static const Dropout NO_DROPOUT = {1.0, 1.0, NULL};

/* Random inputs and targets for a gradient check. classes: 0 = regression. */
static inline void gc_data(Rng *r, double *x, double *y, int n, int d, int classes)
{
    for (int i = 0; i < n * d; i++)
        x[i] = rng_normal(r);
    for (int i = 0; i < n; i++)
        y[i] = classes ? (double)rng_below(r, (uint32_t)classes) : rng_normal(r);
}

/* Random weights AND biases (randomize leaves biases 0, linear models 0). */
static inline void gc_params(Model *m, Rng *r)
{
    model_randomize(m, r);
    for (size_t i = 0; i < m->n_params; i++)
        if (!model_is_weight(m, i) || m->n_layers == 1)
            m->params[i] = rng_range(r, -0.5, 0.5);
}

#endif
