#include "model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mat.h"
#include "vmath.h"

static const char *const act_names[] = {"tanh", "relu", "sigmoid", "linear"};

const char *activation_name(Activation a) { return act_names[a]; }

int activation_parse(const char *s, Activation *a)
{
    for (int i = 0; i < 4; i++)
        if (strcmp(s, act_names[i]) == 0) {
            *a = (Activation)i;
            return 0;
        }
    return -1;
}

int model_init(Model *m, int n_in, const int *hidden, int n_hidden, int n_out, Activation act,
               Head head, Err *err)
{
    memset(m, 0, sizeof *m);
    if (n_hidden < 0 || n_hidden > MODEL_MAX_LAYERS - 1)
        return err_set(err, ERR_INPUT, "--model: at most %d hidden layers", MODEL_MAX_LAYERS - 1);
    if (n_in < 1 || n_out < 1)
        return err_set(err, ERR_INPUT, "model needs at least one input and one output");
    m->n_layers = n_hidden + 1;
    m->act = act;
    m->head = head;
    size_t off = 0;
    int in = n_in;
    for (int l = 0; l < m->n_layers; l++) {
        int out = l < n_hidden ? hidden[l] : n_out;
        if (out < 1)
            return err_set(err, ERR_INPUT, "--model: layer widths must be positive");
        m->layer[l] = (LayerShape){in, out, off, off + (size_t)in * out};
        off += (size_t)in * out + out;
        m->n_weights += (size_t)in * out;
        in = out;
    }
    m->n_params = off;
    m->params = calloc(off, sizeof(double));
    if (!m->params)
        return err_set(err, ERR_INTERNAL, "out of memory for %zu parameters", off);
    return 0;
}

void model_free(Model *m)
{
    free(m->params);
    memset(m, 0, sizeof *m);
}

void model_randomize(Model *m, Rng *rng)
{
    memset(m->params, 0, m->n_params * sizeof(double));
    if (m->n_layers == 1)
        return; /* linear models start at 0, where the lasso path starts */
    for (int l = 0; l < m->n_layers; l++) {
        const LayerShape *L = &m->layer[l];
        int relu = m->act == ACT_RELU && l < m->n_layers - 1;
        /* Glorot uniform keeps tanh/sigmoid units out of saturation; He for relu. */
        double limit = relu ? sqrt(6.0 / L->in) : sqrt(6.0 / (L->in + L->out));
        for (size_t i = 0; i < (size_t)L->in * L->out; i++)
            m->params[L->w_off + i] = rng_range(rng, -limit, limit);
    }
}

int model_n_in(const Model *m) { return m->layer[0].in; }
int model_n_out(const Model *m) { return m->layer[m->n_layers - 1].out; }

int model_is_weight(const Model *m, size_t i)
{
    for (int l = 0; l < m->n_layers; l++)
        if (i >= m->layer[l].w_off && i < m->layer[l].b_off)
            return 1;
    return 0;
}

/* ---- workspace ------------------------------------------------------------ */

int workspace_init(Workspace *ws, const Model *m, int max_batch, Err *err)
{
    memset(ws, 0, sizeof *ws);
    ws->max_batch = max_batch;
    size_t B = (size_t)(max_batch > 0 ? max_batch : 1);
    int n_in = model_n_in(m);
    int ok = 1;
#define ALLOC(p, count) ok &= ((p) = calloc((count) + 1, sizeof(double))) != NULL
    ALLOC(ws->xin, B * n_in);
    ALLOC(ws->in_mask, B * n_in);
    ALLOC(ws->logits, B * model_n_out(m));
    for (int l = 0; l < m->n_layers; l++) {
        size_t w = (size_t)m->layer[l].out;
        ALLOC(ws->act[l], B * w);
        ALLOC(ws->delta[l], B * w);
        ALLOC(ws->dsum[l], w);
        if (l < m->n_layers - 1) {
            ALLOC(ws->drop[l], B * w);
            ALLOC(ws->mask[l], B * w);
        }
    }
    ALLOC(ws->grad, m->n_params);
#undef ALLOC
    if (!ok) {
        workspace_free(ws);
        return err_set(err, ERR_INTERNAL, "out of memory for a batch of %d", max_batch);
    }
    return 0;
}

void workspace_free(Workspace *ws)
{
    free(ws->xin);
    free(ws->in_mask);
    free(ws->logits);
    for (int l = 0; l < MODEL_MAX_LAYERS; l++) {
        free(ws->act[l]);
        free(ws->drop[l]);
        free(ws->mask[l]);
        free(ws->delta[l]);
        free(ws->dsum[l]);
    }
    free(ws->grad);
    memset(ws, 0, sizeof *ws);
}

/* ---- forward -------------------------------------------------------------- */

/* Inverted dropout: out = in * mask, mask = 1/keep with probability keep,
 * else 0, so E[out] = in and evaluation needs no rescaling. */
static void dropout_apply(const double *in, double *out, double *mask, size_t count, double keep,
                          Rng *rng)
{
    double scale = 1.0 / keep;
    for (size_t i = 0; i < count; i++) {
        mask[i] = rng_uniform(rng) < keep ? scale : 0.0;
        out[i] = in[i] * mask[i];
    }
}

/* The activation over the whole n x out block (bias already added): one
 * vector call for tanh/sigmoid rather than one libm call per unit. */
static void activate(double *Z, int n, int out, Activation act)
{
    size_t count = (size_t)n * out;
    if (act == ACT_RELU)
        for (size_t i = 0; i < count; i++)
            Z[i] = Z[i] > 0 ? Z[i] : 0;
    else if (act == ACT_TANH)
        vmath_tanh(Z, count);
    else if (act == ACT_SIGMOID)
        vmath_sigmoid(Z, count);
}

/* logits (n x k, bias added) -> head output P (n x k); logits keep z for
 * the loss. */
static void head_output(const double *logits, double *P, int n, int k, Head head)
{
    if (head == HEAD_SIGMOID) {
        memcpy(P, logits, sizeof(double) * (size_t)n * k);
        vmath_sigmoid(P, (size_t)n * k);
        return;
    }
    for (int i = 0; i < n; i++) {
        const double *z = logits + (size_t)i * k;
        double *p = P + (size_t)i * k;
        if (head != HEAD_SOFTMAX) {
            memcpy(p, z, sizeof(double) * (size_t)k);
        } else {
            double mx = z[0], sum = 0;
            for (int j = 1; j < k; j++)
                mx = z[j] > mx ? z[j] : mx;
            for (int j = 0; j < k; j++)
                sum += (p[j] = exp(z[j] - mx));
            for (int j = 0; j < k; j++)
                p[j] /= sum;
        }
    }
}

const double *model_forward(const Model *m, Workspace *ws, const double *x, int n,
                            const Dropout *dropout)
{
    double keep = dropout ? dropout->keep : 1.0;
    double in_keep = dropout ? dropout->input_keep : 1.0;
    int n_in = model_n_in(m);
    const double *in = x;
    if (in_keep < 1.0) {
        dropout_apply(x, ws->xin, ws->in_mask, (size_t)n * n_in, in_keep, dropout->rng);
        in = ws->xin;
    }
    int L = m->n_layers;
    for (int l = 0; l < L; l++) {
        const LayerShape *S = &m->layer[l];
        const double *A = l == 0 ? in : keep < 1.0 ? ws->drop[l - 1] : ws->act[l - 1];
        const double *W = m->params + S->w_off, *b = m->params + S->b_off;
        if (l < L - 1) {
            mat_mul_abt(A, S->in, W, S->in, b, ws->act[l], S->out, n, S->out, S->in);
            activate(ws->act[l], n, S->out, m->act);
            if (keep < 1.0)
                dropout_apply(ws->act[l], ws->drop[l], ws->mask[l], (size_t)n * S->out, keep,
                              dropout->rng);
        } else {
            mat_mul_abt(A, S->in, W, S->in, b, ws->logits, S->out, n, S->out, S->in);
            head_output(ws->logits, ws->act[l], n, S->out, m->head);
        }
    }
    /* Remember whether masks were drawn, for backward. */
    ws->x_last = x;
    ws->dropped = keep < 1.0;
    ws->in_dropped = in_keep < 1.0;
    return ws->act[L - 1];
}

/* ---- loss ------------------------------------------------------------------ */

double model_data_loss(const Model *m, const Workspace *ws, const double *y, int n)
{
    int k = model_n_out(m);
    const double *Z = ws->logits;
    double sum = 0;
    for (int i = 0; i < n; i++) {
        const double *z = Z + (size_t)i * k;
        if (m->head == HEAD_LINEAR) {
            double r = y[i] - z[0];
            sum += 0.5 * r * r;
        } else if (m->head == HEAD_SIGMOID) {
            /* log-loss from the logit: softplus(z) - y z, stable for any z */
            double v = z[0];
            sum += (v > 0 ? v : 0) - y[i] * v + log1p(exp(-fabs(v)));
        } else {
            double mx = z[0], s = 0;
            for (int j = 1; j < k; j++)
                mx = z[j] > mx ? z[j] : mx;
            for (int j = 0; j < k; j++)
                s += exp(z[j] - mx);
            sum += mx + log(s) - z[(int)y[i]];
        }
    }
    return n ? sum / n : 0;
}

int model_count_correct(const Model *m, const Workspace *ws, const double *y, int n)
{
    if (m->head == HEAD_LINEAR)
        return 0;
    int k = model_n_out(m), correct = 0;
    const double *P = ws->act[m->n_layers - 1];
    for (int i = 0; i < n; i++) {
        const double *p = P + (size_t)i * k;
        int pred = 0;
        if (m->head == HEAD_SIGMOID)
            pred = p[0] >= 0.5;
        else
            for (int j = 1; j < k; j++)
                if (p[j] > p[pred])
                    pred = j;
        correct += pred == (int)y[i];
    }
    return correct;
}

/* ---- backward --------------------------------------------------------------- */

/* dZ of the last layer for the mean loss over total rows: (P - Y)/total for
 * sigmoid+log-loss and softmax+cross-entropy, (yhat - y)/total for the
 * squared error. */
static void head_delta(const Model *m, const Workspace *ws, const double *y, int n, int total,
                       double *delta)
{
    int k = model_n_out(m);
    const double *P = ws->act[m->n_layers - 1];
    double inv = 1.0 / total;
    for (int i = 0; i < n; i++) {
        const double *p = P + (size_t)i * k;
        double *d = delta + (size_t)i * k;
        if (m->head == HEAD_SOFTMAX) {
            for (int j = 0; j < k; j++)
                d[j] = p[j] * inv;
            d[(int)y[i]] -= inv;
        } else {
            d[0] = (p[0] - y[i]) * inv;
        }
    }
}

/* dZ (n x w) = dA * mask * act'(A), act' written through the output A:
 * tanh' = 1 - a^2, sigmoid' = a(1 - a), relu' = [a > 0]. */
static void activation_backward(double *dA, const double *A, const double *mask, int n, int w,
                                Activation act)
{
    size_t count = (size_t)n * w;
    if (mask)
        for (size_t i = 0; i < count; i++)
            dA[i] *= mask[i];
    switch (act) {
    case ACT_TANH: vmath_tanh_grad(dA, A, count); break;
    case ACT_RELU:
        for (size_t i = 0; i < count; i++)
            dA[i] = A[i] > 0 ? dA[i] : 0.0;
        break;
    case ACT_SIGMOID:
        for (size_t i = 0; i < count; i++)
            dA[i] *= A[i] * (1.0 - A[i]);
        break;
    case ACT_LINEAR: break;
    }
}

void model_backward_deltas(const Model *m, Workspace *ws, const double *y, int n, int total)
{
    int L = m->n_layers;
    head_delta(m, ws, y, n, total, ws->delta[L - 1]);
    for (int l = L - 1; l >= 0; l--) {
        const LayerShape *S = &m->layer[l];
        mat_col_sums(ws->delta[l], S->out, S->out, n, ws->dsum[l], 0); /* while it is hot */
        if (l == 0)
            break;
        /* dA_prev (n x in) = delta W, then through the activation */
        mat_mul_ab(ws->delta[l], S->out, m->params + S->w_off, S->in, ws->delta[l - 1], S->in, n,
                   S->in, S->out);
        activation_backward(ws->delta[l - 1], ws->act[l - 1], ws->dropped ? ws->mask[l - 1] : NULL,
                            n, S->in, m->act);
    }
}

/* What layer l saw in the last forward pass (n x in): layer 0 the input x
 * (ws->x_last) or its dropped copy, the others the previous activation. */
static const double *layer_input(const Workspace *ws, int l)
{
    if (l == 0)
        return ws->in_dropped ? ws->xin : ws->x_last;
    return ws->dropped ? ws->drop[l - 1] : ws->act[l - 1];
}

void model_layer_grad(const Model *m, const Workspace *const *ws, const int *n, int slices, int l,
                      int o0, int o1, double *grad)
{
    const LayerShape *S = &m->layer[l];
    double *gW = grad + S->w_off + (size_t)o0 * S->in, *gb = grad + S->b_off + o0;
    for (int s = 0; s < slices; s++) {
        /* dW rows (o1-o0 x in) = delta[:, o0:o1]^T A, db = its column sums */
        mat_mul_atb(ws[s]->delta[l] + o0, S->out, layer_input(ws[s], l), S->in, gW, S->in, o1 - o0,
                    S->in, n[s], s > 0);
        const double *sum = ws[s]->dsum[l] + o0;
        for (int i = 0; i < o1 - o0; i++)
            gb[i] = s > 0 ? gb[i] + sum[i] : sum[i];
    }
}

void model_backward(const Model *m, Workspace *ws, const double *y, int n)
{
    model_backward_deltas(m, ws, y, n, n);
    const Workspace *one[1] = {ws};
    for (int l = 0; l < m->n_layers; l++)
        model_layer_grad(m, one, &n, 1, l, 0, m->layer[l].out, ws->grad);
}
