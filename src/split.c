#include "split.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    pthread_t thread;
    Workspace ws;
    Rng rng; /* its own dropout masks */
    /* the job, guarded by Split.mu */
    const Model *m;
    const double *x, *y;
    int n;
    double keep, input_keep;
    int evaluate;      /* 1: forward only, loss and correct count */
    double loss_sum;
    long correct;
    int has_job, done;
} Helper;

struct Split {
    int ways;
    pthread_mutex_t mu;
    pthread_cond_t job, finished;
    int quit;
    Helper h[SPLIT_MAX_WAYS - 1];
};

static void slice_gradient(const Model *m, Workspace *ws, Rng *rng, const double *x,
                           const double *y, int n, double keep, double input_keep)
{
    Dropout drop = {keep, input_keep, rng};
    model_forward(m, ws, x, n, &drop);
    model_backward(m, ws, y, n);
}

static void slice_evaluate(const Model *m, Workspace *ws, const double *x, const double *y, int n,
                           double *loss_sum, long *correct)
{
    model_forward(m, ws, x, n, NULL);
    *loss_sum = model_data_loss(m, ws, y, n) * n;
    *correct = model_count_correct(m, ws, y, n);
}

static void *helper_main(void *arg)
{
    Split *s = ((void **)arg)[0];
    Helper *h = ((void **)arg)[1];
    free(arg);
    pthread_mutex_lock(&s->mu);
    for (;;) {
        while (!h->has_job && !s->quit)
            pthread_cond_wait(&s->job, &s->mu);
        if (s->quit)
            break;
        h->has_job = 0;
        pthread_mutex_unlock(&s->mu);
        if (h->evaluate)
            slice_evaluate(h->m, &h->ws, h->x, h->y, h->n, &h->loss_sum, &h->correct);
        else
            slice_gradient(h->m, &h->ws, &h->rng, h->x, h->y, h->n, h->keep, h->input_keep);
        pthread_mutex_lock(&s->mu);
        h->done = 1;
        pthread_cond_broadcast(&s->finished);
    }
    pthread_mutex_unlock(&s->mu);
    return NULL;
}

Split *split_new(const Model *m, int ways, int max_rows, uint64_t seed, Err *err)
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
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->job, NULL);
    pthread_cond_init(&s->finished, NULL);
    int slice = (max_rows + ways - 1) / ways;
    for (int i = 0; i < ways - 1; i++) {
        Helper *h = &s->h[i];
        rng_seed(&h->rng, seed ^ (0x5b11700ULL + (uint64_t)i));
        void **arg = malloc(2 * sizeof *arg);
        if (workspace_init(&h->ws, m, slice, err) || !arg) {
            free(arg);
            split_free(s);
            return NULL;
        }
        arg[0] = s;
        arg[1] = h;
        if (pthread_create(&h->thread, NULL, helper_main, arg)) {
            free(arg);
            workspace_free(&h->ws);
            split_free(s);
            err_set(err, ERR_INTERNAL, "cannot start a training thread");
            return NULL;
        }
        s->ways = i + 2;
    }
    return s;
}

void split_free(Split *s)
{
    if (!s)
        return;
    pthread_mutex_lock(&s->mu);
    s->quit = 1;
    pthread_cond_broadcast(&s->job);
    pthread_mutex_unlock(&s->mu);
    for (int i = 0; i < s->ways - 1; i++) {
        pthread_join(s->h[i].thread, NULL);
        workspace_free(&s->h[i].ws);
    }
    pthread_mutex_destroy(&s->mu);
    pthread_cond_destroy(&s->job);
    pthread_cond_destroy(&s->finished);
    free(s);
}

int split_ways(const Split *s) { return s ? s->ways : 1; }

void split_gradient(Split *s, const Model *m, Workspace *ws, Rng *rng, const double *x,
                    const double *y, int n, double keep, double input_keep)
{
    int ways = s ? s->ways : 1;
    if (ways < 2 || n < 2 * ways) {
        slice_gradient(m, ws, rng, x, y, n, keep, input_keep);
        return;
    }
    /* slice k covers rows [k*n/ways, (k+1)*n/ways) */
    int d = model_n_in(m);
    pthread_mutex_lock(&s->mu);
    for (int k = 1; k < ways; k++) {
        Helper *h = &s->h[k - 1];
        int r0 = (int)((long)k * n / ways), r1 = (int)((long)(k + 1) * n / ways);
        h->m = m;
        h->x = x + (size_t)r0 * d;
        h->y = y + r0;
        h->n = r1 - r0;
        h->keep = keep;
        h->input_keep = input_keep;
        h->evaluate = 0;
        h->done = 0;
        h->has_job = 1;
    }
    pthread_cond_broadcast(&s->job);
    pthread_mutex_unlock(&s->mu);

    int n0 = n / ways;
    slice_gradient(m, ws, rng, x, y, n0, keep, input_keep);

    pthread_mutex_lock(&s->mu);
    for (int k = 1; k < ways; k++)
        while (!s->h[k - 1].done)
            pthread_cond_wait(&s->finished, &s->mu);
    pthread_mutex_unlock(&s->mu);
    /* Each slice's gradient is of its own mean loss: weight by rows. */
    double w0 = (double)n0 / n;
    for (size_t i = 0; i < m->n_params; i++)
        ws->grad[i] *= w0;
    for (int k = 1; k < ways; k++) {
        const Helper *h = &s->h[k - 1];
        double wk = (double)h->n / n;
        for (size_t i = 0; i < m->n_params; i++)
            ws->grad[i] += wk * h->ws.grad[i];
    }
}

void split_evaluate(Split *s, const Model *m, Workspace *ws, int chunk, const double *x,
                    const double *y, int n, double *loss_sum, long *correct)
{
    int ways = s ? s->ways : 1, d = model_n_in(m);
    for (int k = 1; k < ways; k++)
        if (s->h[k - 1].ws.max_batch < chunk)
            chunk = s->h[k - 1].ws.max_batch;
    for (int pos = 0; pos < n;) {
        /* one round: helpers take the chunks after the caller's */
        int helpers = 0;
        if (ways > 1) {
            pthread_mutex_lock(&s->mu);
            for (int k = 1; k < ways && pos + k * chunk < n; k++) {
                Helper *h = &s->h[k - 1];
                int r0 = pos + k * chunk, rows = n - r0 < chunk ? n - r0 : chunk;
                h->m = m;
                h->x = x + (size_t)r0 * d;
                h->y = y + r0;
                h->n = rows;
                h->evaluate = 1;
                h->done = 0;
                h->has_job = 1;
                helpers = k;
            }
            pthread_cond_broadcast(&s->job);
            pthread_mutex_unlock(&s->mu);
        }
        int rows = n - pos < chunk ? n - pos : chunk;
        double l;
        long c;
        slice_evaluate(m, ws, x + (size_t)pos * d, y + pos, rows, &l, &c);
        *loss_sum += l;
        *correct += c;
        pos += rows;
        if (helpers == 0)
            continue;
        pthread_mutex_lock(&s->mu);
        for (int k = 1; k <= helpers; k++)
            while (!s->h[k - 1].done)
                pthread_cond_wait(&s->finished, &s->mu);
        pthread_mutex_unlock(&s->mu);
        for (int k = 1; k <= helpers; k++) { /* in order: the sum is reproducible */
            *loss_sum += s->h[k - 1].loss_sum;
            *correct += s->h[k - 1].correct;
            pos += s->h[k - 1].n;
        }
    }
}
