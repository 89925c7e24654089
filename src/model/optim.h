/* optim: sgd, momentum and adam over the flat parameter block. The
 * penalty is applied separately and decoupled (penalty_step), as AdamW. */
#ifndef REGSCOPE_OPTIM_H
#define REGSCOPE_OPTIM_H

#include <stddef.h>

#include "err.h"

typedef enum { OPT_SGD, OPT_MOMENTUM, OPT_ADAM } OptimizerKind;

typedef struct {
    OptimizerKind kind;
    size_t n;
    double *m, *v; /* first/second moments (momentum uses m only) */
    long t;        /* steps taken, for Adam's bias correction */
} Optimizer;

const char *optimizer_name(OptimizerKind k);
int optimizer_parse(const char *s, OptimizerKind *k);
int optimizer_init(Optimizer *o, OptimizerKind kind, size_t n, Err *err);
void optimizer_free(Optimizer *o);
void optimizer_reset(Optimizer *o);
/* params -= lr * direction(grad). */
void optimizer_step(Optimizer *o, double *params, const double *grad, double lr);

#endif
