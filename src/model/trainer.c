#include "trainer.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "split.h"

/* Rows per forward pass when evaluating: bounds the eval workspace. */
#define EVAL_CHUNK 256

struct Trainer {
    const Problem *p;
    TrainerConfig cfg;
    Hyper hyper;
    Model model;
    Optimizer opt;
    Workspace ws;      /* training batches */
    Workspace eval_ws; /* evaluation and prediction, EVAL_CHUNK rows */
    Rng order_rng;     /* batch order: shared by runs with one seed (compare mode) */
    Rng drop_rng;      /* dropout masks */
    Rng noise_rng;     /* input jitter (data augmentation) */
    int *order;        /* permutation of the training rows */
    size_t order_cap;  /* ints order holds */
    double *xb, *yb;   /* the current mini-batch, gathered contiguous */
    int pos;           /* next row of order[] in this epoch */
    long epoch;        /* completed epochs */
    Split *split;      /* helper threads for big batches, or NULL */
};

int hyper_check(const Hyper *h, Err *err)
{
    if (!(h->lambda >= 0) || !isfinite(h->lambda))
        return err_set(err, ERR_INPUT, "--lambda must be a number >= 0 (got %g)", h->lambda);
    if (!(h->alpha >= 0 && h->alpha <= 1))
        return err_set(err, ERR_INPUT, "--alpha must be in [0, 1] (got %g)", h->alpha);
    if (!(h->keep > 0 && h->keep <= 1))
        return err_set(err, ERR_INPUT, "--keep-prob must be in (0, 1] (got %g)", h->keep);
    if (!(h->input_keep > 0 && h->input_keep <= 1))
        return err_set(err, ERR_INPUT, "--input-keep-prob must be in (0, 1] (got %g)",
                       h->input_keep);
    if (!(h->augment_noise >= 0) || !isfinite(h->augment_noise))
        return err_set(err, ERR_INPUT, "--augment-noise must be a number >= 0 (got %g)",
                       h->augment_noise);
    if (!(h->lr > 0) || !isfinite(h->lr))
        return err_set(err, ERR_INPUT, "--lr must be a number > 0 (got %g)", h->lr);
    if (h->batch < 0)
        return err_set(err, ERR_INPUT, "--batch must be >= 0 (got %d)", h->batch);
    if (!(h->penalty >= PEN_ENET && h->penalty <= PEN_SCAD))
        return err_set(err, ERR_INPUT, "--penalty must be enet, group, mcp or scad");
    double gmin = h->penalty == PEN_MCP ? 1 : h->penalty == PEN_SCAD ? 2 : 0;
    if (!(h->gamma == 0 || (h->gamma > gmin && isfinite(h->gamma))))
        return err_set(err, ERR_INPUT, "--gamma must be > %g for --penalty %s (got %g)", gmin,
                       penalty_kind_name(h->penalty), h->gamma);
    return 0;
}

static int batch_rows(const Trainer *t)
{
    int n = t->p->train.n;
    return t->hyper.batch <= 0 || t->hyper.batch > n ? n : t->hyper.batch;
}

/* (Re)size the training workspace, batch buffers and helper threads
 * (split.h) for the batch size: done when the batch changes, never inside
 * a step. */
static int size_batch_buffers(Trainer *t, Err *err)
{
    int B = batch_rows(t), d = t->p->d;
    if (t->ws.grad && t->ws.max_batch == B)
        return 0;
    Workspace ws;
    if (workspace_init(&ws, &t->model, B, err))
        return -1;
    double *xb = malloc(sizeof(double) * ((size_t)B * d + 1));
    double *yb = malloc(sizeof(double) * ((size_t)B + 1));
    Split *split = NULL;
    if (!xb || !yb ||
        (t->cfg.threads > 1 &&
         !(split = split_new(&t->model, t->cfg.threads, B, EVAL_CHUNK, t->cfg.seed, err)))) {
        if (!xb || !yb)
            err_set(err, ERR_INTERNAL, "out of memory for a batch of %d", B);
        free(xb), free(yb);
        workspace_free(&ws);
        return -1;
    }
    workspace_free(&t->ws);
    free(t->xb), free(t->yb);
    split_free(t->split);
    t->ws = ws;
    t->xb = xb;
    t->yb = yb;
    t->split = split;
    return 0;
}

static Head head_for(const Problem *p, int *n_out)
{
    if (p->task == TASK_REGRESS) {
        *n_out = 1;
        return HEAD_LINEAR;
    }
    if (p->n_classes <= 2) {
        *n_out = 1;
        return HEAD_SIGMOID;
    }
    *n_out = p->n_classes;
    return HEAD_SOFTMAX;
}

Trainer *trainer_new(const Problem *p, const TrainerConfig *cfg, Err *err)
{
    if (hyper_check(&cfg->hyper, err))
        return NULL;
    if (p->train.n < 1) {
        err_set(err, ERR_INPUT, "no training rows");
        return NULL;
    }
    Trainer *t = calloc(1, sizeof *t);
    if (!t) {
        err_set(err, ERR_INTERNAL, "out of memory");
        return NULL;
    }
    t->p = p;
    t->cfg = *cfg;
    t->hyper = cfg->hyper;
    int n_out;
    Head head = head_for(p, &n_out);
    grow(&t->order, &t->order_cap, (size_t)p->train.n + 1, sizeof *t->order);
    if (!t->order ||
        model_init(&t->model, p->d, cfg->hidden, cfg->n_hidden, n_out, cfg->act, head, err) ||
        optimizer_init(&t->opt, t->hyper.optimizer, t->model.n_params, err) ||
        workspace_init(&t->eval_ws, &t->model, EVAL_CHUNK, err) || size_batch_buffers(t, err)) {
        if (!t->order)
            err_set(err, ERR_INTERNAL, "out of memory");
        trainer_free(t);
        return NULL;
    }
    trainer_reset(t, cfg->seed);
    return t;
}

void trainer_free(Trainer *t)
{
    if (!t)
        return;
    split_free(t->split);
    model_free(&t->model);
    optimizer_free(&t->opt);
    workspace_free(&t->ws);
    workspace_free(&t->eval_ws);
    free(t->order);
    free(t->xb);
    free(t->yb);
    free(t);
}

void trainer_reset(Trainer *t, uint64_t seed)
{
    Rng init;
    rng_seed(&init, seed);
    model_randomize(&t->model, &init);
    rng_seed(&t->order_rng, seed ^ 0x0bde5ULL);
    rng_seed(&t->drop_rng, seed ^ 0xd20b0ULL);
    rng_seed(&t->noise_rng, seed ^ 0xa06e17ULL);
    split_reseed(t->split, seed);
    optimizer_reset(&t->opt);
    for (int i = 0; i < t->p->train.n; i++)
        t->order[i] = i;
    t->pos = 0;
    t->epoch = 0;
    t->cfg.seed = seed;
}

int trainer_data_changed(Trainer *t, Err *err)
{
    int n = t->p->train.n;
    if (n < 1)
        return err_set(err, ERR_INPUT, "no training rows");
    if (grow(&t->order, &t->order_cap, (size_t)n + 1, sizeof *t->order))
        return err_set(err, ERR_INTERNAL, "out of memory");
    int *order = t->order;
    for (int i = 0; i < n; i++)
        order[i] = i;
    t->pos = 0;
    return size_batch_buffers(t, err);
}

void trainer_set_hyper(Trainer *t, const Hyper *h)
{
    Hyper old = t->hyper;
    if (hyper_check(h, NULL))
        return;
    t->hyper = *h;
    if (h->optimizer != old.optimizer) {
        t->opt.kind = h->optimizer;
        optimizer_reset(&t->opt);
    }
    if (h->batch != old.batch && size_batch_buffers(t, NULL))
        t->hyper.batch = old.batch; /* no memory for the new size: keep the old one */
}

const Hyper *trainer_hyper(const Trainer *t) { return &t->hyper; }

/* Data augmentation: a fresh Gaussian jitter of every input of the batch,
 * drawn in row order from one stream, gathered and jittered in one pass
 * into the batch buffers (b then holds the rows as they are). For least
 * squares its expected effect is ridge with lambda = sigma^2 (Bishop 1995). */
static void jitter_batch(Trainer *t, SplitBatch *b, int d)
{
    double s = t->hyper.augment_noise;
    for (int i = 0; i < b->n; i++) {
        int r = b->idx ? b->idx[i] : i;
        const double *x = b->X + (size_t)r * d;
        double *out = t->xb + (size_t)i * d;
        for (int j = 0; j < d; j++)
            out[j] = x[j] + s * rng_normal(&t->noise_rng);
        t->yb[i] = b->y[r];
    }
    b->X = t->xb;
    b->y = t->yb;
    b->idx = NULL;
}

/* The weights among parameters [lo, hi), as a model of one-row layers that
 * the penalty functions can walk (they touch only the layers' W). */
static Model weight_view(const Model *m, size_t lo, size_t hi)
{
    Model v = *m;
    v.n_layers = 0;
    for (int l = 0; l < m->n_layers; l++) {
        size_t a = m->layer[l].w_off, b = m->layer[l].b_off;
        a = a > lo ? a : lo;
        b = b < hi ? b : hi;
        if (a < b)
            v.layer[v.n_layers++] = (LayerShape){(int)(b - a), 1, a, b};
    }
    return v;
}

/* The step's update of parameters [lo, hi) (split.h's SplitUpdate): the
 * decoupled penalty around the optimizer step, element by element, so any
 * cut into ranges gives the same result as one pass. */
static void update_range(void *ctx, size_t lo, size_t hi)
{
    Trainer *t = ctx;
    const Hyper *h = &t->hyper;
    Model view = weight_view(&t->model, lo, hi);
    Optimizer o = t->opt; /* its moments from lo on, the step count before the step */
    o.n = hi - lo;
    o.m += lo;
    o.v += lo;
    /* the other families' sparse parts are always a proximal step */
    L1Method method = h->penalty == PEN_ENET ? h->l1_method : L1_PROX;
    penalty_decay(&view, h->lr, h->lambda, h->alpha, method);
    optimizer_step(&o, t->model.params + lo, t->ws.grad + lo, h->lr);
    if (h->penalty == PEN_GROUP)
        return; /* over whole groups, after every range: trainer_step */
    PenaltyFamily f = trainer_penalty_family(t, h);
    penalty_prox_family(&view, &f, h->lr, h->lambda, h->alpha, method);
}

PenaltyFamily trainer_penalty_family(const Trainer *t, const Hyper *h)
{
    const PenaltyGroups *g = t->cfg.groups.n_groups > 0 ? &t->cfg.groups : NULL;
    return (PenaltyFamily){h->penalty, h->gamma, g};
}

int trainer_step(Trainer *t)
{
    const Dataset *tr = &t->p->train;
    int n = tr->n, d = tr->d, B = batch_rows(t);
    SplitBatch b = {tr->X, tr->y, NULL, B, t->xb, t->yb};
    if (B < n) { /* rows order[pos ..], gathered by the threads */
        if (t->pos == 0)
            rng_shuffle_int(&t->order_rng, t->order, n);
        if (B > n - t->pos)
            b.n = B = n - t->pos;
        b.idx = t->order + t->pos;
    }
    const Hyper *h = &t->hyper;
    if (h->augment_noise > 0)
        jitter_batch(t, &b, d);
    Optimizer probe = t->opt; /* an empty step: the step count after this one */
    probe.n = 0;
    optimizer_step(&probe, NULL, NULL, h->lr);
    split_step(t->split, &t->model, &t->ws, &t->drop_rng, &b, h->keep, h->input_keep, update_range,
               t);
    t->opt.t = probe.t;
    if (h->penalty == PEN_GROUP) {
        PenaltyFamily f = trainer_penalty_family(t, h);
        penalty_prox_family(&t->model, &f, h->lr, h->lambda, h->alpha, L1_PROX);
    }
    t->pos += B;
    if (t->pos < n)
        return 0;
    t->pos = 0;
    t->epoch++;
    return 1;
}

void trainer_epoch(Trainer *t)
{
    while (!trainer_step(t))
        ;
}

long trainer_epochs_done(const Trainer *t) { return t->epoch; }

int trainer_at_epoch_start(const Trainer *t) { return t->pos == 0; }

/* Mean data loss and accuracy of the model on ds, in evaluation mode. */
static void evaluate_on(Trainer *t, const Dataset *ds, double *loss, double *acc)
{
    double sum = 0;
    long correct = 0;
    split_evaluate(t->split, &t->model, &t->eval_ws, EVAL_CHUNK, ds->X, ds->y, ds->n, &sum,
                   &correct);
    *loss = ds->n ? sum / ds->n : NAN;
    if (acc)
        *acc = ds->n ? (double)correct / ds->n : NAN;
}

void trainer_evaluate(Trainer *t, Metrics *out)
{
    memset(out, 0, sizeof *out);
    const Problem *p = t->p;
    out->epoch = t->epoch;
    out->classify = p->task == TASK_CLASSIFY;
    out->has_val = p->val.n > 0;
    evaluate_on(t, &p->train, &out->data_loss, &out->train_acc);
    PenaltyFamily f = trainer_penalty_family(t, &t->hyper);
    out->penalty = penalty_value_family(&t->model, &f, t->hyper.lambda, t->hyper.alpha);
    out->train_loss = out->data_loss + out->penalty;
    if (out->has_val)
        evaluate_on(t, &p->val, &out->val_loss, &out->val_acc);
    else
        out->val_loss = out->val_acc = NAN;
    weight_stats(&t->model, &out->w);
}

double trainer_val_loss(Trainer *t)
{
    double loss;
    evaluate_on(t, t->p->val.n ? &t->p->val : &t->p->train, &loss, NULL);
    return loss;
}

const Model *trainer_model(const Trainer *t) { return &t->model; }
const int *trainer_batch_order(const Trainer *t) { return t->order; }
const Problem *trainer_problem(const Trainer *t) { return t->p; }

void trainer_get_params(const Trainer *t, double *dst)
{
    memcpy(dst, t->model.params, sizeof(double) * t->model.n_params);
}

void trainer_set_params(Trainer *t, const double *src)
{
    memcpy(t->model.params, src, sizeof(double) * t->model.n_params);
}

void trainer_predict(Trainer *t, const double *x, int n, double *out)
{
    int d = t->p->d, k = model_n_out(&t->model);
    for (int i = 0; i < n; i += EVAL_CHUNK) {
        int m = n - i < EVAL_CHUNK ? n - i : EVAL_CHUNK;
        const double *P = model_forward(&t->model, &t->eval_ws, x + (size_t)i * d, m, NULL);
        memcpy(out + (size_t)i * k, P, sizeof(double) * (size_t)m * k);
    }
}
