#include "optim.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const names[] = {"sgd", "momentum", "adam"};

/* Conventional constants: heavy-ball 0.9; Adam's 0.9 / 0.999 / 1e-8. */
#define MOMENTUM 0.9
#define BETA1 0.9
#define BETA2 0.999
#define ADAM_EPS 1e-8

const char *optimizer_name(OptimizerKind k) { return names[k]; }

int optimizer_parse(const char *s, OptimizerKind *k)
{
    for (int i = 0; i < 3; i++)
        if (strcmp(s, names[i]) == 0) {
            *k = (OptimizerKind)i;
            return 0;
        }
    return -1;
}

int optimizer_init(Optimizer *o, OptimizerKind kind, size_t n, Err *err)
{
    memset(o, 0, sizeof *o);
    o->kind = kind;
    o->n = n;
    o->m = calloc(n + 1, sizeof(double));
    o->v = calloc(n + 1, sizeof(double));
    if (!o->m || !o->v) {
        optimizer_free(o);
        return err_set(err, ERR_INTERNAL, "out of memory");
    }
    return 0;
}

void optimizer_free(Optimizer *o)
{
    free(o->m);
    free(o->v);
    memset(o, 0, sizeof *o);
}

void optimizer_reset(Optimizer *o)
{
    memset(o->m, 0, o->n * sizeof(double));
    memset(o->v, 0, o->n * sizeof(double));
    o->t = 0;
}

void optimizer_step(Optimizer *o, double *p, const double *g, double lr)
{
    size_t n = o->n;
    switch (o->kind) {
    case OPT_SGD:
        for (size_t i = 0; i < n; i++)
            p[i] -= lr * g[i];
        break;
    case OPT_MOMENTUM:
        for (size_t i = 0; i < n; i++) {
            o->m[i] = MOMENTUM * o->m[i] + g[i];
            p[i] -= lr * o->m[i];
        }
        break;
    case OPT_ADAM: {
        o->t++;
        double c1 = 1.0 - pow(BETA1, (double)o->t), c2 = 1.0 - pow(BETA2, (double)o->t);
        for (size_t i = 0; i < n; i++) {
            o->m[i] = BETA1 * o->m[i] + (1 - BETA1) * g[i];
            o->v[i] = BETA2 * o->v[i] + (1 - BETA2) * g[i] * g[i];
            p[i] -= lr * (o->m[i] / c1) / (sqrt(o->v[i] / c2) + ADAM_EPS);
        }
        break;
    }
    }
}
