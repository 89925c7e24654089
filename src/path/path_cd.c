/* path_cd: glmnet-style coordinate descent at one lambda of the grid (see
 * path.h; the grid is walked in path.c).
 *
 * Every family is reduced to weighted least-squares subproblems
 *     min over (w_c, b_c)  1/2 sum_i h_i (z_i - b_c - x_i.w_c)^2 + penalty(w_c)
 * Gaussian: h = 1/n, z = y, one subproblem is the exact problem. Binomial:
 * the IRLS quadratic approximation at the current linear predictor (h_i =
 * p(1-p)/n, bounded below by 1e-5/n as glmnet does), repeated (proximal
 * Newton) with step halving whenever the true objective would rise.
 * Multinomial: the same per class in turn (partial Newton), the others fixed.
 *
 * A subproblem is solved by cyclic coordinate descent on the active features
 * and the intercept. While they are few, over their weighted Gram matrix
 * (glmnet's covariance updates): a coordinate then costs O(active), sweeps
 * are cheap next to the matrix product, and the binomial keeps one matrix
 * across steps while the weights barely move (a quasi-Newton step; halving
 * keeps descent). Otherwise over the data: a coordinate is one ddot and one
 * daxpy on the weighted working residual. The outer loop stops on the KKT
 * conditions of the true problem, checked with the full gradient, whatever
 * the inner solves did. */
#include "path_solver.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- the weighted least-squares subproblem ----------------------------- */

/* Row p of B for the weights in row 0 (p = 0: sqrt(h) from the current h). */
static void b_row(Solver *s, int p)
{
    int n = s->n;
    double *r = s->B + (size_t)p * n;
    if (p == 0) {
        for (int i = 0; i < n; i++)
            r[i] = sqrt(s->h[i]);
        return;
    }
    const double *x = s->Xc + (size_t)s->active[p - 1] * n;
    for (int i = 0; i < n; i++)
        r[i] = s->B[i] * x[i];
}

/* Gram mode: A = B B' over every position, rebuilt for the current h
 * (refresh) or extended by the positions that joined since it was built
 * (with its weights). A position's row is then its column. */
static void gram_update(Solver *s, int refresh)
{
    int n = s->n, np = s->n_active + 1, g = s->gcap;
    int from = refresh || !s->gram_rows ? 0 : s->gram_rows;
    for (int p = from; p < np; p++)
        b_row(s, p);
    if (from == 0)
        cblas_dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans, np, n, 1.0, s->B, n, 0.0, s->A, g);
    else
        for (int p = from; p < np; p++) /* the new columns, rows 0..p */
            cblas_dgemv(CblasRowMajor, CblasNoTrans, p + 1, n, 1.0, s->B, n, s->B + (size_t)p * n,
                        1, 0.0, s->A + p, g);
    for (int p = 0; p < np; p++) {
        for (int t = p + 1 > from ? p + 1 : from; t < np; t++)
            s->A[(size_t)t * g + p] = s->A[(size_t)p * g + t];
        s->v[p] = s->A[(size_t)p * g + p];
    }
    s->gram_rows = np;
}

/* Data mode: B and the curvatures for the current h, and the weighted
 * working residual wr = sqrt(h) (y - mu) / (n h) = E / sqrt(h). */
static void data_setup(Solver *s)
{
    int n = s->n;
    for (int p = 0; p <= s->n_active; p++) {
        b_row(s, p);
        const double *r = s->B + (size_t)p * n;
        s->v[p] = cblas_ddot(n, r, 1, r, 1);
    }
    for (int i = 0; i < n; i++)
        s->wr[i] = s->E[i] / s->B[i];
    s->gram_rows = 0; /* B now holds other weights than A */
}

/* One sweep over the listed positions. Returns the largest squared
 * curvature-scaled change (a gradient change). */
static double cd_sweep(Solver *s, const int *list, int m, int gram)
{
    int n = s->n, np = s->n_active + 1;
    double l1 = s->lam * s->alpha, l2 = s->lam * (1.0 - s->alpha), dmax = 0;
    for (int t = 0; t < m; t++) {
        int p = list[t];
        const double *row = gram ? s->A + (size_t)p * s->gcap : s->B + (size_t)p * n;
        double g = gram ? s->q[p] : cblas_ddot(n, s->wr, 1, row, 1);
        double zp = s->z[p], vp = s->v[p] + (p ? l2 : 0), zn;
        if (p == 0) {
            zn = zp + g / vp;
        } else if (s->pen == PEN_ENET) {
            double u = g + s->v[p] * zp, a = fabs(u) - l1;
            zn = a > 0 ? copysign(a, u) / vp : 0.0;
        } else { /* MCP, SCAD: the coordinate's exact minimizer */
            zn = penalty_coord_min(s->pen, g + s->v[p] * zp, vp, l1, s->gamma);
        }
        if (zn != zp) {
            /* a change in the last bits of z is rounding, not progress */
            double dz = zn - zp, d2 = fabs(dz) > 1e-14 * fabs(zn) ? vp * dz * vp * dz : 0;
            s->z[p] = zn;
            if (gram)
                cblas_daxpy(np, -dz, row, 1, s->q, 1);
            else
                cblas_daxpy(n, -dz, row, 1, s->wr, 1);
            dmax = d2 > dmax ? d2 : dmax;
        }
    }
    s->passes++;
    return dmax;
}

/* CD to convergence: full sweeps, and between them sweeps over the nonzero
 * positions only (as glmnet). The full sweeps go by feature index, the
 * others by order of entry, as glmnet's do: two orders break the slow modes
 * one fixed cyclic order has on correlated features (half the sweeps here). */
static void cd_solve(Solver *s, double tol, int gram)
{
    int np = s->n_active + 1;
    long start = s->passes;
    while (s->passes - start < s->max_sweeps) {
        if (cd_sweep(s, s->all, np, gram) < tol)
            break;
        int m = 0;
        for (int p = 0; p < np; p++)
            if (p == 0 || s->z[p] != 0)
                s->nz[m++] = p;
        while (s->passes - start < s->max_sweeps && cd_sweep(s, s->nz, m, gram) >= tol)
            ;
    }
}

/* eta_c += the fit change of class c's step (exact, from the coefficients);
 * edir and wdir get the step. */
static void apply_step(Solver *s, int c, double b_old)
{
    int n = s->n;
    double *wc = s->w + (size_t)c * s->d, *eta = s->eta + (size_t)c * n;
    double db = s->b[c] - b_old;
    for (int i = 0; i < n; i++)
        s->edir[i] = db;
    for (int j = 0; j < s->d; j++) {
        s->wdir[j] = wc[j] - s->w_old[j];
        if (s->wdir[j] != 0)
            cblas_daxpy(n, s->wdir[j], s->Xc + (size_t)j * n, 1, s->edir, 1);
    }
    for (int i = 0; i < n; i++)
        eta[i] = s->eta_old[i] + s->edir[i];
    path_eta_changed(s);
}

/* Step halving along the step just applied until the objective does not
 * rise above obj_old. gain: the decrease the step's linear model predicts;
 * below the objective's rounding noise only the KKT check can judge the
 * step, so it is kept. Returns the new objective. */
static double halve(Solver *s, int c, double b_old, double obj_old, double gain)
{
    double obj = path_objective(s), t = 1.0;
    if (gain < 1e-12 * fabs(obj_old))
        return obj;
    double *wc = s->w + (size_t)c * s->d, *eta = s->eta + (size_t)c * s->n;
    double db = s->b[c] - b_old;
    for (int it = 0; it < 50 && obj > obj_old + 1e-15 * fabs(obj_old); it++) {
        t *= 0.5;
        for (int j = 0; j < s->d; j++)
            wc[j] = s->w_old[j] + t * s->wdir[j];
        s->b[c] = b_old + t * db;
        for (int i = 0; i < s->n; i++)
            eta[i] = s->eta_old[i] + t * s->edir[i];
        path_eta_changed(s);
        obj = path_objective(s);
    }
    if (obj > obj_old) { /* no descent at all: keep the old point */
        memcpy(wc, s->w_old, sizeof(double) * s->d);
        s->b[c] = b_old;
        memcpy(eta, s->eta_old, sizeof(double) * s->n);
        path_eta_changed(s);
        obj = obj_old;
    }
    return obj;
}

/* One proximal Newton step for class c from the current point
 * (path_class_gradient just ran): the subproblem solved to inner (squared
 * gradient units), applied, halved when the objective would rise. fresh:
 * the Gram matrix must hold the current weights. Returns the objective. */
static double class_step(Solver *s, int c, double gb, double obj, double inner, int fresh)
{
    int np = s->n_active + 1, gram = np <= s->gcap;
    double *wc = s->w + (size_t)c * s->d, b_old = s->b[c];
    const double *gc = s->G + (size_t)c * s->d;
    if (gram)
        gram_update(s, fresh);
    else
        data_setup(s);
    memcpy(s->w_old, wc, sizeof(double) * s->d);
    memcpy(s->eta_old, s->eta + (size_t)c * s->n, sizeof(double) * s->n);
    s->z[0] = b_old, s->q[0] = gb;
    for (int p = 1; p < np; p++) {
        s->z[p] = wc[s->active[p - 1]];
        s->q[p] = gc[s->active[p - 1]];
    }
    cd_solve(s, inner, gram);
    s->b[c] = s->z[0];
    for (int p = 1; p < np; p++)
        wc[s->active[p - 1]] = s->z[p];
    apply_step(s, c, b_old);
    if (s->fam == FAM_GAUSS)
        return obj;
    double gain = gb * (s->b[c] - b_old) - path_penalty_opt(wc, 1, s->d, s->lam, s->alpha, s->opt) +
                  path_penalty_opt(s->w_old, 1, s->d, s->lam, s->alpha, s->opt);
    for (int j = 0; j < s->d; j++)
        gain += gc[j] * s->wdir[j];
    return halve(s, c, b_old, obj, gain);
}

/* The shift c minimizing sum_k alpha |v_k - c| + (1-alpha)/2 (v_k - c)^2
 * over the k values v (sorted in place): glmnet's elc. 0 when 0 is a
 * minimizer. */
static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double enet_center(double *v, int k, double alpha)
{
    double sum = 0, sign = 0, zeros = 0;
    for (int c = 0; c < k; c++) {
        sum += v[c];
        sign += (v[c] > 0) - (v[c] < 0);
        zeros += v[c] == 0;
    }
    if (fabs(alpha * sign + (1 - alpha) * sum) <= alpha * zeros)
        return 0;
    qsort(v, (size_t)k, sizeof(double), cmp_double);
    /* minus the derivative is alpha (k - 2i) + (1 - alpha)(sum - k c) with i
     * values below c: decreasing in c; find where it crosses 0 */
    for (int i = 0; i <= k; i++) {
        double lo = i ? v[i - 1] : -INFINITY, hi = i < k ? v[i] : INFINITY;
        if (alpha < 1) {
            double c = (sum + alpha * (k - 2 * i) / (1 - alpha)) / k;
            if (c >= lo && c <= hi)
                return c;
        }
        double dl = alpha * (k - 2 * i) + (1 - alpha) * (sum - k * hi);
        if (i < k && dl >= 0 && dl - 2 * alpha <= 0)
            return hi;
    }
    return 0;
}

/* Softmax is unchanged when one feature's weights shift by the same amount
 * in every class; only the penalty is not. Moving each feature's weights to
 * their penalty-minimizing shift removes the slow mode of class-by-class
 * steps (glmnet does the same). eta follows. */
static void center_classes(Solver *s)
{
    double buf[64], *v = s->k <= 64 ? buf : malloc(sizeof(double) * s->k);
    if (!v)
        return;
    for (int t = 0; t < s->n_active; t++) {
        int j = s->active[t];
        for (int c = 0; c < s->k; c++)
            v[c] = s->w[(size_t)c * s->d + j];
        double m = enet_center(v, s->k, s->alpha);
        if (m == 0)
            continue;
        for (int c = 0; c < s->k; c++) {
            s->w[(size_t)c * s->d + j] -= m;
            cblas_daxpy(s->n, -m, s->Xc + (size_t)j * s->n, 1, s->eta + (size_t)c * s->n, 1);
        }
        path_eta_changed(s);
    }
    if (v != buf)
        free(v);
}

/* Inexact Newton: the subproblem solved to a fraction of the residual r, but
 * not below a fraction of the tolerance (squared gradient units). CD's true
 * residual can be several times its last change, hence the margin; shrink
 * tightens both after a round that did not lower the residual; rounding
 * bounds it below. */
static double inner_tol(const Solver *s, double r, double shrink)
{
    double g = fmax(fmax(0.3 * sqrt(s->tol), 0.03 * r) * shrink, 1e-15 * s->gscale);
    return g * g;
}

/* Solves at s->lam from the current point: Newton steps, class by class,
 * until every class meets its KKT conditions to sqrt(tol) at once. */
void path_solve_lambda(Solver *s)
{
    double obj = s->fam == FAM_GAUSS ? 0 : path_objective(s), r_last = INFINITY, r_round = INFINITY;
    double shrink = 1;
    for (int it = 0, stall = 0; it < 500; it++) {
        int done = 1;
        double r_max = 0;
        for (int c = 0; c < s->k; c++) {
            double gb = path_class_gradient(s, c), r = path_kkt_residual(s, c, gb);
            r_max = fmax(r_max, r);
            if (r * r <= s->tol)
                continue;
            done = 0;
            /* the binomial's Gram matrix of older weights is a good Hessian
             * while the steps it gives shrink the residual fast */
            int fresh = s->fam == FAM_MULTI || (s->fam == FAM_BINOM && r > 0.1 * r_last);
            obj = class_step(s, c, gb, obj, inner_tol(s, r, shrink), fresh);
            r_last = r;
        }
        if (done)
            break;
        if (s->fam == FAM_MULTI && s->pen == PEN_ENET) { /* enet_center is the enet's */
            center_classes(s);
            obj = path_objective(s);
        }
        /* a round that did not halve the residual: tighter inner solves (and,
         * by the test above, a fresh Hessian); three rounds that did not lower
         * it at all: the rounding floor */
        if (r_max > 0.5 * r_round && shrink > 1e-3)
            shrink *= 0.1;
        stall = r_max >= r_round ? stall + 1 : 0;
        if (stall == 3)
            break;
        r_round = r_max;
    }
}
