/* path_solver: the coordinate-descent solver's state, shared by path.c (the
 * public API, the walk along the lambda grid), path_loss.c (loss, gradient
 * and KKT residual at the current point) and path_cd.c (the solve at one
 * lambda). Private to the path module, not part of the public API: include
 * it from path*.c only. The functions below are the ones the files call
 * across, hence the path_ prefix. */
#ifndef REGSCOPE_PATH_SOLVER_H
#define REGSCOPE_PATH_SOLVER_H

#include "path.h"

enum { FAM_GAUSS, FAM_BINOM, FAM_MULTI };

/* Positions of a subproblem: 0 is the intercept, t + 1 the active feature
 * active[t]. */
typedef struct {
    int fam, n, d, k;
    double lam, alpha;
    const double *y;
    int *cls;             /* n: class ids (classification) */
    double *Xc;           /* d x n: column j of X contiguous */
    double *B;            /* (d+1) x n: row 0 sqrt(h), row p sqrt(h) x of position p */
    double *A;            /* gcap x gcap, row-major, symmetric: B B' of positions < gram_rows */
    double *v;            /* d+1: curvature of each position (sum h x^2) */
    double *z, *q;        /* d+1: one class's coefficients by position during a solve,
                             and minus the subproblem's gradient (Gram mode) */
    double *h, *wr;       /* n: IRLS weights; sqrt(h) times the working residual */
    double *E;            /* n: (target - mu) / n of one class */
    double *eta;          /* k x n: linear predictors, class-major */
    double *eta_old;      /* n: one class's before a step */
    double *edir;         /* n: that step's change of eta */
    double *lse;          /* n: log-sum-exp of eta over classes (multinomial) */
    double *w, *b;        /* k x d, k */
    double *w_old, *wdir; /* d: one class's weights before a step, and its change */
    double *G;            /* k x d: minus the data-loss gradient */
    char *in_active;
    int *active, n_active; /* in order of entry; never shrinks along a path */
    int *all, *nz;         /* d+1: every position; the nonzero ones */
    int gcap;              /* Gram mode while n_active + 1 <= gcap */
    int gram_rows;         /* positions whose B rows and A entries are built (0: none) */
    double loss, gb;       /* the data loss at eta; minus the intercept's gradient (k 1) */
    int loss_ok;           /* loss (and lse) belong to the current eta */
    int grad_ok;           /* G, gb, E and h belong to it (k 1: one class to keep) */
    double tol;            /* squared KKT residual allowed */
    double gscale;         /* the largest |gradient| at w = 0: the scale of rounding */
    int max_sweeps;
    long passes;
    PenaltyKind pen;             /* the family (path.h's PathOptions) */
    double gamma;                /* as used: the family's default filled in */
    const PenaltyGroups *groups; /* group: NULL, each column its own */
    const PathOptions *opt;      /* the options solved with (penalty only) */
    double *gL;                  /* group: each group's curvature bound */
} Solver;

/* ---- path_loss.c: the state at the current eta ----------------------- */

void path_eta_changed(Solver *s);
/* The data loss of the current eta (mean over n), kept until eta changes. */
double path_eta_loss(Solver *s);
/* data loss + penalty at the current point */
double path_objective(Solver *s);
double path_class_gradient(Solver *s, int c);
double path_kkt_residual(Solver *s, int c, double gb);
/* max over classes of |G_cj| */
double path_gmax(const Solver *s, int j);
/* Feature j joins the active set (and the full sweeps' order). */
void path_add_active(Solver *s, int j);

/* ---- path_cd.c: the solve at one lambda ------------------------------ */

void path_solve_lambda(Solver *s);

/* ---- path_group.c: the group lasso ------------------------------------ */

/* The groups' curvature bounds (s->gL); -1 when out of memory. */
int path_group_init(Solver *s);
/* Block coordinate descent at s->lam from the current point. */
void path_group_solve(Solver *s);
/* max over classes and groups of ||G_g|| / sqrt(p_g) (G current) */
double path_group_gmax(const Solver *s);

#endif
