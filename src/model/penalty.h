/* penalty: the elastic net of glmnet,
 *     penalty(W) = lambda * ( alpha * sum|w| + (1 - alpha)/2 * sum w^2 ),
 * over weights only (biases are never penalized), and its two L1 methods. */
#ifndef REGSCOPE_PENALTY_H
#define REGSCOPE_PENALTY_H

#include "model.h"

typedef enum { L1_PROX, L1_SUBGRADIENT } L1Method;

/* The penalty's family. alpha is the share of the sparse part in all of
 * them, (1 - alpha)/2 * sum w^2 the ridge part, with l1 = lambda * alpha:
 *   enet:  l1 * |w|                                   (glmnet)
 *   group: l1 * sqrt(p_g) * ||w_g||_2 over groups g    (grpreg's scaling)
 *   mcp:   l1|w| - w^2/(2 gamma) for |w| <= gamma l1, gamma l1^2 / 2 above
 *          (Zhang 2010), gamma > 1
 *   scad:  l1|w| for |w| <= l1; (2 gamma l1 |w| - w^2 - l1^2) / (2(gamma-1))
 *          up to gamma l1; l1^2 (gamma+1)/2 above (Fan and Li 2001), gamma > 2
 * (mcp and scad as ncvreg, its alpha included). */
typedef enum { PEN_ENET, PEN_GROUP, PEN_MCP, PEN_SCAD } PenaltyKind;

const char *penalty_kind_name(PenaltyKind k);
int penalty_kind_parse(const char *s, PenaltyKind *k);
/* ncvreg's defaults: 3 for MCP, 3.7 for SCAD (0 for the others). */
double penalty_default_gamma(PenaltyKind k);
/* gamma as used: g itself when > 0, else the family's default. */
double penalty_gamma(PenaltyKind k, double g);

/* The sparse part of one weight's penalty at |w| = a (l1 = lambda*alpha);
 * enet and group: l1 * a. */
double penalty_sparse(PenaltyKind k, double a, double l1, double gamma);
/* Its derivative in a, for a > 0 (the subgradient's value off zero). */
double penalty_sparse_slope(PenaltyKind k, double a, double l1, double gamma);
/* The exact minimizer over w of  c/2 w^2 - u w + sparse(|w|), c > 0: the
 * coordinate step of coordinate descent (c the curvature plus the ridge
 * part, u the curvature times the old weight plus minus the gradient) and,
 * with c = 1/t and u = v/t, the proximal map of t*sparse at v. Soft
 * thresholding for enet and group; firm thresholding for MCP and SCAD's
 * three-piece rule when c exceeds the concavity (1/gamma, 1/(gamma-1)),
 * else the best of the pieces' candidates (the objective need not be
 * convex then). Exact zeros. */
double penalty_coord_min(PenaltyKind k, double u, double c, double l1, double gamma);

/* Groups of a layer's input columns: columns cols[start[g] .. start[g+1])
 * form group g; every column is in exactly one group. */
typedef struct {
    int n_groups, n_cols;
    const int *start; /* n_groups + 1 */
    const int *cols;  /* n_cols */
} PenaltyGroups;

/* The penalty of a model: its family, gamma (0: the family's default) and,
 * for group, the groups of a linear model's inputs (NULL: each its own
 * group). A net's groups are each hidden unit's incoming weights (a row of
 * W), its output layer's weights groups of one. */
typedef struct {
    PenaltyKind kind;
    double gamma;
    const PenaltyGroups *groups;
} PenaltyFamily;

/* penalty_value for any family. */
double penalty_value_family(const Model *m, const PenaltyFamily *f, double lambda, double alpha);
/* The proximal step of lr * sparse part after the optimizer step (the
 * ridge part is penalty_decay's, before it): penalty_prox for enet; for
 * mcp and scad weight by weight (so it may be applied to any range of
 * weights); for group over whole groups (the whole model at once). */
void penalty_prox_family(const Model *m, const PenaltyFamily *f, double lr, double lambda,
                         double alpha, L1Method method);

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
