#include "split.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define cpu_relax() _mm_pause()
#else
#define cpu_relax() ((void)0)
#endif

/* How long a waiting thread spins before it sleeps: longer than the usual
 * imbalance between two slices of a step (a wake-up from sleep costs tens
 * of microseconds more), far shorter than a UI frame. */
#define SPIN_NS 2000000

#define GATHER_AHEAD 4 /* rows */

/* ---- hand-over ------------------------------------------------------------ */

/* A generation counter: posting bumps it, waiting returns once it differs
 * from the value the waiter last saw. Sleepers are counted so that a post
 * takes the mutex only when someone sleeps; both sides use sequentially
 * consistent atomics, so either the poster sees the sleeper or the sleeper
 * sees the new generation before it waits. */
typedef struct {
    atomic_uint gen;
    atomic_int sleepers;
    pthread_mutex_t mu;
    pthread_cond_t cv;
} Gate;

static void gate_init(Gate *g)
{
    atomic_init(&g->gen, 0);
    atomic_init(&g->sleepers, 0);
    pthread_mutex_init(&g->mu, NULL);
    pthread_cond_init(&g->cv, NULL);
}

static void gate_destroy(Gate *g)
{
    pthread_mutex_destroy(&g->mu);
    pthread_cond_destroy(&g->cv);
}

static void gate_post(Gate *g)
{
    atomic_fetch_add(&g->gen, 1);
    if (atomic_load(&g->sleepers) > 0) {
        pthread_mutex_lock(&g->mu);
        pthread_cond_broadcast(&g->cv);
        pthread_mutex_unlock(&g->mu);
    }
}

static long long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void gate_wait(Gate *g, unsigned seen)
{
    long long deadline = 0;
    for (int i = 0;; i++) {
        if (atomic_load_explicit(&g->gen, memory_order_acquire) != seen)
            return;
        if (i % 64 == 0) { /* the clock costs more than a pause */
            long long t = now_ns();
            if (deadline == 0)
                deadline = t + SPIN_NS;
            else if (t > deadline)
                break;
        }
        cpu_relax();
    }
    pthread_mutex_lock(&g->mu);
    atomic_fetch_add(&g->sleepers, 1);
    while (atomic_load(&g->gen) == seen)
        pthread_cond_wait(&g->cv, &g->mu);
    atomic_fetch_sub(&g->sleepers, 1);
    pthread_mutex_unlock(&g->mu);
}

/* All `ways` threads arrive; the last one opens the gate for the others. */
typedef struct {
    atomic_int count;
    Gate gate;
} Barrier;

static void barrier_wait(Barrier *b, int ways)
{
    unsigned gen = atomic_load(&b->gate.gen);
    if (atomic_fetch_add(&b->count, 1) == ways - 1) {
        atomic_store(&b->count, 0);
        gate_post(&b->gate);
    } else {
        gate_wait(&b->gate, gen);
    }
}

/* ---- jobs ----------------------------------------------------------------- */

typedef enum { JOB_STEP, JOB_EVAL, JOB_QUIT } JobKind;

/* Written by the caller before it opens the start gate, read-only after. */
typedef struct {
    JobKind kind;
    const Model *m;
    SplitBatch b; /* a step: b.n rows; an evaluation: b.X, b.y, b.n */
    double keep, input_keep;
    SplitUpdate update;
    void *ctx;
    Workspace *ws0; /* the caller's workspace: the combined gradient */
    int chunk;      /* evaluation rows per forward pass */
} Job;

typedef struct {
    pthread_t thread;
    Split *s;
    int id; /* 1 .. ways-1; the caller is 0 */
    Workspace ws;
    Rng rng;         /* its own dropout masks */
    double *xb, *yb; /* its gathered slice */
    double loss_sum; /* evaluation results */
    long correct;
} Helper;

struct Split {
    int ways;
    Job job;
    Gate start;
    Barrier grads, done;
    Helper h[SPLIT_MAX_WAYS - 1];
};

/* Slice t of n rows split `ways` ways: [*r0, *r1). */
static void slice_of(int n, int ways, int t, int *r0, int *r1)
{
    *r0 = (int)((long)t * n / ways);
    *r1 = (int)((long)(t + 1) * n / ways);
}

/* Rows [r0, r1) of the batch: gathered into xb, yb when the batch is given
 * by row indices, else where they are. Returns the inputs, *y the targets. */
static const double *batch_rows(const Job *j, int r0, int r1, double *xb, double *yb,
                                const double **y)
{
    const SplitBatch *b = &j->b;
    int d = model_n_in(j->m);
    if (!b->idx) {
        *y = b->y + r0;
        return b->X + (size_t)r0 * d;
    }
    for (int i = 0; i < r1 - r0; i++) {
        if (i + GATHER_AHEAD < r1 - r0) { /* scattered rows: fetch a few rows early */
            const char *next = (const char *)(b->X + (size_t)b->idx[r0 + i + GATHER_AHEAD] * d);
            for (size_t off = 0; off < sizeof(double) * (size_t)d; off += 64)
                __builtin_prefetch(next + off);
        }
        int r = b->idx[r0 + i];
        memcpy(xb + (size_t)i * d, b->X + (size_t)r * d, sizeof(double) * (size_t)d);
        yb[i] = b->y[r];
    }
    *y = yb;
    return xb;
}

/* Forward over rows [r0, r1) of the batch; returns the rows' targets. */
static const double *slice_forward(const Job *j, Workspace *ws, Rng *rng, int r0, int r1,
                                   double *xb, double *yb)
{
    const double *y, *x = batch_rows(j, r0, r1, xb, yb, &y);
    Dropout drop = {j->keep, j->input_keep, rng};
    model_forward(j->m, ws, x, r1 - r0, &drop);
    return y;
}

/* A run of one layer's output units [o0, o1) in a thread's share. */
typedef struct {
    int l, o0, o1;
} Piece;

/* The work of one unit's weight gradient and update, in parameters: its W
 * row as the GEMM computes it (24-column panels, the last one in vectors of
 * 8) and its bias. */
static size_t row_cost(const LayerShape *S)
{
    return (size_t)(S->in / 24 * 24 + (S->in % 24 + 7) / 8 * 8 + 1);
}

/* Thread t's share of the weight gradients and of the update: the units of
 * all layers in order, in groups of 8, each group going to the thread in
 * whose part of the total work it starts, so shares take about equal time.
 * Shares are contiguous, hence at most one piece per layer. Returns the
 * piece count. */
static int share_pieces(const Model *m, int ways, int t, Piece *piece)
{
    size_t total = 0, start = 0;
    for (int l = 0; l < m->n_layers; l++)
        total += (size_t)m->layer[l].out * row_cost(&m->layer[l]);
    int count = 0;
    for (int l = 0; l < m->n_layers; l++) {
        const LayerShape *S = &m->layer[l];
        for (int o = 0; o < S->out; o += 8) {
            size_t at = start + (size_t)o * row_cost(S);
            if ((int)(at * (size_t)ways / total) != t)
                continue;
            int o1 = o + 8 < S->out ? o + 8 : S->out;
            if (count > 0 && piece[count - 1].l == l && piece[count - 1].o1 == o)
                piece[count - 1].o1 = o1;
            else
                piece[count++] = (Piece){l, o, o1};
        }
        start += (size_t)S->out * row_cost(S);
    }
    return count;
}

/* Thread t's share: the gradient over every slice of the batch (each
 * thread's deltas and layer inputs, read in slice order: reproducible)
 * into the caller's ws->grad, then the update of those parameters. */
static void grads_share(Split *s, int t)
{
    const Job *j = &s->job;
    const Model *m = j->m;
    const Workspace *ws[SPLIT_MAX_WAYS];
    int rows[SPLIT_MAX_WAYS], r0, r1;
    for (int k = 0; k < s->ways; k++) {
        ws[k] = k == 0 ? j->ws0 : &s->h[k - 1].ws;
        slice_of(j->b.n, s->ways, k, &r0, &r1);
        rows[k] = r1 - r0;
    }
    Piece piece[MODEL_MAX_LAYERS];
    int pieces = share_pieces(m, s->ways, t, piece);
    for (int i = 0; i < pieces; i++) {
        const Piece *p = &piece[i];
        const LayerShape *S = &m->layer[p->l];
        model_layer_grad(m, ws, rows, s->ways, p->l, p->o0, p->o1, j->ws0->grad);
        if (j->update) {
            j->update(j->ctx, S->w_off + (size_t)p->o0 * S->in, S->w_off + (size_t)p->o1 * S->in);
            j->update(j->ctx, S->b_off + (size_t)p->o0, S->b_off + (size_t)p->o1);
        }
    }
}

/* Rows [r0, r1) in evaluation mode, chunk rows per forward pass. */
static void eval_rows(const Model *m, Workspace *ws, int chunk, const double *x, const double *y,
                      int r0, int r1, double *loss_sum, long *correct)
{
    int d = model_n_in(m);
    for (int pos = r0; pos < r1;) {
        int rows = r1 - pos < chunk ? r1 - pos : chunk;
        model_forward(m, ws, x + (size_t)pos * d, rows, NULL);
        *loss_sum += model_data_loss(m, ws, y + pos, rows) * rows;
        *correct += model_count_correct(m, ws, y + pos, rows);
        pos += rows;
    }
}

static void helper_job(Helper *h)
{
    Split *s = h->s;
    const Job *j = &s->job;
    int r0, r1;
    slice_of(j->b.n, s->ways, h->id, &r0, &r1);
    if (j->kind == JOB_STEP) {
        const double *y = slice_forward(j, &h->ws, &h->rng, r0, r1, h->xb, h->yb);
        model_backward_deltas(j->m, &h->ws, y, r1 - r0, j->b.n);
        barrier_wait(&s->grads, s->ways);
        grads_share(s, h->id);
    } else {
        h->loss_sum = 0;
        h->correct = 0;
        eval_rows(j->m, &h->ws, j->chunk, j->b.X, j->b.y, r0, r1, &h->loss_sum, &h->correct);
    }
    barrier_wait(&s->done, s->ways);
}

static void *helper_main(void *arg)
{
    Helper *h = arg;
    unsigned seen = 0;
    for (;;) {
        gate_wait(&h->s->start, seen);
        seen++; /* one job at a time: the caller waits for every helper */
        if (h->s->job.kind == JOB_QUIT)
            return NULL;
        helper_job(h);
    }
}

/* ---- public --------------------------------------------------------------- */

static void stop_helpers(Split *s, int started)
{
    s->job.kind = JOB_QUIT;
    gate_post(&s->start);
    for (int i = 0; i < started; i++)
        pthread_join(s->h[i].thread, NULL);
}

static void free_helpers(Split *s)
{
    for (int i = 0; i < SPLIT_MAX_WAYS - 1; i++) {
        workspace_free(&s->h[i].ws);
        free(s->h[i].xb);
        free(s->h[i].yb);
    }
    gate_destroy(&s->start);
    gate_destroy(&s->grads.gate);
    gate_destroy(&s->done.gate);
    free(s);
}

Split *split_new(const Model *m, int ways, int max_rows, int chunk, uint64_t seed, Err *err)
{
    if (ways < 2)
        return NULL;
    if (ways > SPLIT_MAX_WAYS)
        ways = SPLIT_MAX_WAYS;
    Split *s = calloc(1, sizeof *s);
    if (!s) {
        err_set(err, ERR_INTERNAL, "out of memory");
        return NULL;
    }
    s->ways = ways;
    gate_init(&s->start);
    gate_init(&s->grads.gate);
    gate_init(&s->done.gate);
    atomic_init(&s->grads.count, 0);
    atomic_init(&s->done.count, 0);
    int slice = (max_rows + ways - 1) / ways, d = model_n_in(m);
    int rows = slice > chunk ? slice : chunk; /* a step's slice or an evaluation chunk */
    for (int i = 0; i < ways - 1; i++) {
        Helper *h = &s->h[i];
        h->s = s;
        h->id = i + 1;
        h->xb = malloc(sizeof(double) * ((size_t)slice * d + 1));
        h->yb = malloc(sizeof(double) * ((size_t)slice + 1));
        if (workspace_init(&h->ws, m, rows, err) || !h->xb || !h->yb) {
            if (h->ws.grad) /* else workspace_init said why */
                err_set(err, ERR_INTERNAL, "out of memory");
            free_helpers(s);
            return NULL;
        }
    }
    split_reseed(s, seed);
    for (int i = 0; i < ways - 1; i++)
        if (pthread_create(&s->h[i].thread, NULL, helper_main, &s->h[i])) {
            stop_helpers(s, i);
            free_helpers(s);
            err_set(err, ERR_INTERNAL, "cannot start a training thread");
            return NULL;
        }
    return s;
}

void split_free(Split *s)
{
    if (!s)
        return;
    stop_helpers(s, s->ways - 1);
    free_helpers(s);
}

int split_ways(const Split *s) { return s ? s->ways : 1; }

void split_reseed(Split *s, uint64_t seed)
{
    for (int i = 0; s && i < s->ways - 1; i++)
        rng_seed(&s->h[i].rng, seed ^ (0x5b11700ULL + (uint64_t)i));
}

void split_step(Split *s, const Model *m, Workspace *ws, Rng *rng, const SplitBatch *b, double keep,
                double input_keep, SplitUpdate update, void *ctx)
{
    int ways = s ? s->ways : 1;
    Job local = {JOB_STEP, m, *b, keep, input_keep, update, ctx, ws, 0};
    if (ways < 2 || b->n < 2 * ways) {
        const double *y = slice_forward(&local, ws, rng, 0, b->n, b->xb, b->yb);
        model_backward(m, ws, y, b->n);
        if (update)
            update(ctx, 0, m->n_params);
        return;
    }
    s->job = local;
    gate_post(&s->start);
    int r0, r1;
    slice_of(b->n, ways, 0, &r0, &r1);
    const double *y = slice_forward(&s->job, ws, rng, r0, r1, b->xb, b->yb);
    model_backward_deltas(m, ws, y, r1 - r0, b->n);
    barrier_wait(&s->grads, ways);
    grads_share(s, 0);
    barrier_wait(&s->done, ways);
}

void split_gradient(Split *s, const Model *m, Workspace *ws, Rng *rng, const double *x,
                    const double *y, int n, double keep, double input_keep)
{
    SplitBatch b = {x, y, NULL, n, NULL, NULL};
    split_step(s, m, ws, rng, &b, keep, input_keep, NULL, NULL);
}

void split_evaluate(Split *s, const Model *m, Workspace *ws, int chunk, const double *x,
                    const double *y, int n, double *loss_sum, long *correct)
{
    int ways = s ? s->ways : 1;
    for (int k = 1; k < ways; k++)
        if (s->h[k - 1].ws.max_batch < chunk)
            chunk = s->h[k - 1].ws.max_batch;
    if (ways < 2 || n < 2 * ways) {
        eval_rows(m, ws, chunk, x, y, 0, n, loss_sum, correct);
        return;
    }
    Job job = {JOB_EVAL, m, {x, y, NULL, n, NULL, NULL}, 1.0, 1.0, NULL, NULL, ws, chunk};
    s->job = job;
    gate_post(&s->start);
    int r0, r1;
    slice_of(n, ways, 0, &r0, &r1);
    double l = 0;
    long c = 0;
    eval_rows(m, ws, chunk, x, y, r0, r1, &l, &c);
    barrier_wait(&s->done, ways);
    for (int k = 1; k < ways; k++) { /* in order: the sum is reproducible */
        l += s->h[k - 1].loss_sum;
        c += s->h[k - 1].correct;
    }
    *loss_sum += l;
    *correct += c;
}
