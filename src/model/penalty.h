/* penalty: the elastic net of glmnet,
 *     penalty(W) = lambda * ( alpha * sum|w| + (1 - alpha)/2 * sum w^2 ),
 * over weights only (biases are never penalized), and its two L1 methods. */
#ifndef REGSCOPE_PENALTY_H
#define REGSCOPE_PENALTY_H

#include "model.h"

typedef enum { L1_PROX, L1_SUBGRADIENT } L1Method;

const char *l1_method_name(L1Method m);
int l1_method_parse(const char *s, L1Method *m);

/* Value of the penalty for the model's weights. */
double penalty_value(const Model *m, double lambda, double alpha);
/* grad += gradient of the penalty (L2 part, plus lambda*alpha*sign(w) with
 * sign(0) = 0 when with_l1 is set); biases untouched. */
void penalty_add_gradient(const Model *m, double *grad, double lambda, double alpha, int with_l1);
/* Decoupled penalty step after an optimizer step with learning rate lr:
 *   w -= lr*lambda*(1-alpha)*w_old   (and for subgradient: lr*lambda*alpha*sign(w_old))
 *   prox: w = sign(w) * max(|w| - lr*lambda*alpha, 0)  -- exact zeros.
 * w_old is the weight before the optimizer step (params_old); pass NULL to
 * use the current weight. */
void penalty_step(const Model *m, const double *params_old, double lr, double lambda, double alpha,
                  L1Method method);

/* The same step split in two, so the trainer needs no copy of the old
 * weights: penalty_decay before the optimizer step (L2 shrink, and the sign
 * step for subgradient, both at the current w), penalty_prox after it. */
void penalty_decay(const Model *m, double lr, double lambda, double alpha, L1Method method);
void penalty_prox(const Model *m, double lr, double lambda, double alpha, L1Method method);

/* Statistics of the weights (W entries only). */
typedef struct {
    double zero_frac; /* fraction exactly 0 */
    double l1, l2;    /* sum |w|, sqrt(sum w^2) */
    double max_abs;
    size_t n, zeros;
} WeightStats;

void weight_stats(const Model *m, WeightStats *ws);

#endif
