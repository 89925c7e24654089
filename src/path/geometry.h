/* geometry: the two-weight picture of regularization (the TUI's 'g' view).
 *
 * For a linear or logistic model with exactly two weights, the data loss is
 * a surface over (w1, w2). Its contours, the penalty's level set through the
 * solution (the L1 diamond, the L2 circle, the elastic net between them) and
 * the solution where the two touch are what a class looks at. The intercept
 * is not drawn: at each (w1, w2) it takes its best value (the profile loss),
 * so the penalized solution is exactly where the penalty's level set touches
 * a contour of this surface.
 *
 * And a measurement: over many random problems of the --data corr kind
 * (same correlation and size), how often each penalty's solution has an
 * exact zero. Nothing here knows the terminal. */
#ifndef REGSCOPE_GEOMETRY_H
#define REGSCOPE_GEOMETRY_H

#include <stdint.h>

#include "data.h"
#include "err.h"
#include "model.h"
#include "penalty.h"

/* Grid points per side of the loss surface. */
#define GEO_GRID 81
/* The penalties the zero count compares: L1, the current alpha, L2. */
#define GEO_ALPHAS 3

/* The penalty's family as the view draws it: gamma as used (the family's
 * default filled in), and for the group lasso whether w1 and w2 form one
 * group (sqrt(2) ||w||_2: a circle) or two groups of one (|w1| + |w2|). */
typedef struct {
    PenaltyKind kind;
    double gamma;
    int one_group;
} GeoPenalty;

/* Random problems of the corr kind: n rows (the training split's size),
 * noise in percent, correlation, and the true direction in degrees. */
typedef struct {
    int n;
    double noise, corr, direction;
} GeoShape;

typedef struct {
    int trials;
    int n_alpha;
    double alpha[GEO_ALPHAS];
    GeoPenalty pen[GEO_ALPHAS]; /* each row's family: L1 and L2 the elastic net's ends */
    /* the share of problems whose solution has at least one exact zero:
     * with the true direction as set, and with a random direction each */
    double zero_frac[GEO_ALPHAS], zero_frac_any[GEO_ALPHAS];
} GeoZeroRates;

/* What the view draws, all in the model's (standardized) weight space. */
typedef struct {
    int ok;                           /* the model has two weights and one output */
    double range;                     /* the grid spans [-range, range] on both axes */
    double loss[GEO_GRID * GEO_GRID]; /* row r: w2 = -range + 2 range r/(GEO_GRID-1); col c: w1 */
    double loss_min;                  /* the lowest data loss (at ref) */
    double ref[2];                    /* the unpenalized minimum */
    double anchor[2];                 /* what the range must show besides the solution: ref,
                                       * or for logistic a light ridge's solution (the
                                       * unpenalized one runs far out on nearly separable data) */
    double lambda, alpha;             /* of sol */
    GeoPenalty pen;                   /* of sol */
    double sol[2], sol_b;             /* the exact solution at lambda, alpha */
    double sol_loss;                  /* its data loss: the contour through it */
    int has_rates;                    /* rates hold for corr data at lambda, alpha */
    GeoZeroRates rates;
} GeoView;

/* 1 when the model is linear with two inputs and one output (linear or
 * binary logistic regression on two features). */
int geometry_fits(const Model *m);

/* The data loss at (w1, w2) with the intercept at its best; *b_out (may be
 * NULL) gets that intercept. task: TASK_REGRESS (1/(2n) RSS) or
 * TASK_CLASSIFY with two classes (mean log-loss). */
double geometry_profile_loss(const Dataset *train, Task task, const double w[2], double *b_out);

/* Reference points and loss grid of train: g->ok, ref, anchor, loss_min,
 * range (from the anchor and g->sol as it stands), loss. Returns 0 or -1
 * with err. */
int geometry_landscape(GeoView *g, const Dataset *train, Task task, Err *err);
/* After a new solution: when the range it wants (1.5 times the largest
 * coordinate of the anchor or the solution, rounded up to 1, 1.5, 2, 2.5,
 * 3, 4, 5 or 7.5 times a power of ten) differs, the grid is recomputed
 * there. Returns 1 when it was. */
int geometry_reframe(GeoView *g, const Dataset *train, Task task);

/* The exact solution at lambda, alpha and pen (NULL: the elastic net):
 * g->lambda, alpha, pen, sol, sol_b, sol_loss. Least squares: the global
 * minimum for every family (geometry_enet2, geometry_group2,
 * geometry_separable2). Logistic: the path solver to a tight tolerance, for
 * MCP and SCAD warm-started down a grid from lambda_max as ncvreg does (a
 * stationary point: the loss is not quadratic, no enumeration applies). */
int geometry_solve(GeoView *g, const Dataset *train, Task task, double lambda, double alpha,
                   const GeoPenalty *pen, Err *err);

/* The penalty of pen at (w1, w2): its sparse part on each weight (or on the
 * pair as one group) plus lambda (1 - alpha)/2 ||w||^2. The view's level
 * set through the solution is where this equals its value there. */
double geometry_penalty(const GeoPenalty *pen, double lambda, double alpha, const double w[2]);

/* The zero count over trials random corr problems of the given shape at
 * lambda: L1, the view's own penalty (pen at alpha; NULL: the elastic net,
 * listed only when alpha is strictly between 0 and 1), L2; from seed. */
int geometry_zero_rates(const GeoShape *shape, double lambda, double alpha, const GeoPenalty *pen,
                        int trials, uint64_t seed, GeoZeroRates *out, Err *err);

/* The elastic net on a 2-D least-squares problem in moment form,
 *     1/2 w'Gw - c'w + lambda (alpha |w|_1 + (1-alpha)/2 |w|^2),
 * solved exactly by coordinate descent (soft-thresholding: zeros are exact). */
void geometry_enet2(const double G[4], const double c[2], double lambda, double alpha, double w[2]);
/* The group lasso with w1, w2 one group, 1/2 w'Gw - c'w + lambda (alpha
 * sqrt(2) ||w|| + (1-alpha)/2 |w|^2), G positive definite: 0 when ||c|| is
 * within lambda alpha sqrt(2), else (G + (ridge + t/r) I)^-1 c with the
 * radius r = ||w|| found by bisection to rounding. */
void geometry_group2(const double G[4], const double c[2], double lambda, double alpha,
                     double w[2]);
/* Any weight-by-weight family (enet, mcp, scad, groups of one), the same
 * moment form: the global minimum by enumeration. On each product of the
 * penalty's pieces (sign and interval of each weight) the objective is a
 * quadratic; the minimum is at a breakpoint (0, lambda alpha, gamma lambda
 * alpha) or a stationary point inside a piece, for each weight; every such
 * candidate is evaluated and the lowest kept (exact zeros win ties). */
void geometry_separable2(const double G[4], const double c[2], const GeoPenalty *pen, double lambda,
                         double alpha, double w[2]);

#endif
