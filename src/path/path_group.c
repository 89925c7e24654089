/* path_group: the group lasso's path solver (path.h, penalty group),
 *     min  data loss + lambda * (alpha * sum_g sqrt(p_g) ||w_g|| + (1-alpha)/2 ||w||^2)
 * by block coordinate descent with a majorization step, as grpreg does for
 * groups that are not orthonormal: the data loss along group g is bounded
 * above by the quadratic with curvature L_g = c * (largest eigenvalue of
 * X_g'X_g / n), c = 1 for least squares (exact when the group is
 * orthonormal) and 1/4 for the logistic and softmax losses (their Hessian's
 * weights p(1-p) are at most 1/4), and that bound plus the penalty is
 * minimized in closed form by group soft-thresholding:
 *     z = L_g w_g + X_g'(y - mu)/n,
 *     w_g = max(0, 1 - lambda alpha sqrt(p_g) / ||z||) z / (L_g + lambda (1-alpha)).
 * Each step lowers the objective; the intercept takes the same kind of step.
 * Sweeps over every group (one class's row at a time for softmax, the
 * groups within it) until the KKT conditions hold to sqrt(tol): a zero
 * group's gradient norm within lambda alpha sqrt(p_g), a nonzero group's
 * stationarity. Warm-started along the grid like the coordinate solver. */
#include "path_solver.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static int n_groups(const Solver *s) { return s->groups ? s->groups->n_groups : s->d; }

/* Group q's columns: *cols (NULL: the one column q), returns its size. */
static int group_cols(const Solver *s, int q, const int **cols)
{
    if (!s->groups) {
        *cols = NULL;
        return 1;
    }
    *cols = s->groups->cols + s->groups->start[q];
    return s->groups->start[q + 1] - s->groups->start[q];
}

#define COL(cols, q, t) ((cols) ? (cols)[t] : (q))

/* Largest eigenvalue of X_g' diag(h) X_g (h NULL: 1/n) by power iteration
 * on the p x p matrix, a hair above (an upper bound keeps each step a
 * descent). */
static double group_eig(const Solver *s, const int *cols, int q, int p, const double *h)
{
    int n = s->n;
    double *M = malloc(sizeof(double) * ((size_t)p * p + 2 * (size_t)p));
    if (!M)
        return -1;
    double *v = M + (size_t)p * p, *u = v + p, lam = 0;
    for (int a = 0; a < p; a++)
        for (int b = 0; b <= a; b++) {
            const double *xa = s->Xc + (size_t)COL(cols, q, a) * n;
            const double *xb = s->Xc + (size_t)COL(cols, q, b) * n;
            double m = 0;
            if (h)
                for (int i = 0; i < n; i++)
                    m += h[i] * xa[i] * xb[i];
            else
                m = cblas_ddot(n, xa, 1, xb, 1) / n;
            M[(size_t)a * p + b] = M[(size_t)b * p + a] = m;
        }
    for (int a = 0; a < p; a++)
        v[a] = 1.0 / sqrt((double)p);
    for (int it = 0; it < 10000; it++) {
        cblas_dgemv(CblasRowMajor, CblasNoTrans, p, p, 1.0, M, p, v, 1, 0.0, u, 1);
        double nu = cblas_dnrm2(p, u, 1), rq = cblas_ddot(p, u, 1, v, 1);
        if (!(nu > 0))
            break;
        for (int a = 0; a < p; a++)
            v[a] = u[a] / nu;
        int done = fabs(nu - lam) <= 1e-13 * nu && fabs(nu - rq) <= 1e-10 * nu;
        lam = nu;
        if (done)
            break;
    }
    free(M);
    return lam * (1 + 1e-12);
}

/* Each group's curvature bound for the weights h (NULL: least squares). */
static int group_bounds(Solver *s, const double *h)
{
    for (int q = 0, G = n_groups(s); q < G; q++) {
        const int *cols;
        int p = group_cols(s, q, &cols);
        double e = group_eig(s, cols, q, p, h);
        if (e < 0)
            return -1;
        s->gL[q] = e > 0 ? e : 1e-300;
    }
    return 0;
}

int path_group_init(Solver *s)
{
    s->gL = malloc(sizeof(double) * (size_t)n_groups(s));
    if (!s->gL)
        return -1;
    return s->fam == FAM_GAUSS ? group_bounds(s, NULL) : 0;
}

/* E = (target - mu) / n of class c at the current eta; returns sum E. */
static double class_residual(Solver *s, int c)
{
    int n = s->n;
    const double *eta = s->eta + (size_t)c * n;
    double sum = 0;
    if (s->fam == FAM_MULTI)
        path_eta_loss(s); /* lse */
    for (int i = 0; i < n; i++) {
        double mu = s->fam == FAM_GAUSS   ? eta[i]
                    : s->fam == FAM_BINOM ? 1.0 / (1.0 + exp(-eta[i]))
                                          : exp(eta[i] - s->lse[i]);
        double t = s->fam == FAM_MULTI ? (s->cls[i] == c ? 1.0 : 0.0) : s->y[i];
        s->E[i] = (t - mu) / n;
        sum += s->E[i];
    }
    return sum;
}

/* The majorized block step of group q in class c. */
static void group_step(Solver *s, int c, int q)
{
    const int *cols;
    int p = group_cols(s, q, &cols), n = s->n;
    double L = s->gL[q], l1 = s->lam * s->alpha * sqrt((double)p), l2 = s->lam * (1 - s->alpha);
    double *w = s->w + (size_t)c * s->d, *z = s->w_old, norm = 0;
    class_residual(s, c);
    for (int t = 0; t < p; t++) {
        int j = COL(cols, q, t);
        z[t] = L * w[j] + cblas_ddot(n, s->Xc + (size_t)j * n, 1, s->E, 1);
        norm += z[t] * z[t];
    }
    norm = sqrt(norm);
    double scale = norm > l1 ? (1 - l1 / norm) / (L + l2) : 0.0;
    int changed = 0;
    for (int t = 0; t < p; t++) {
        int j = COL(cols, q, t);
        double wn = scale > 0 ? scale * z[t] : 0.0, dw = wn - w[j];
        if (dw != 0) {
            cblas_daxpy(n, dw, s->Xc + (size_t)j * n, 1, s->eta + (size_t)c * n, 1);
            w[j] = wn;
            changed = 1;
        }
    }
    if (changed)
        path_eta_changed(s);
}

/* The intercept's step: exact for least squares, majorized (1/4) else. */
static void intercept_step(Solver *s, int c)
{
    double db = class_residual(s, c) / (s->fam == FAM_GAUSS ? 1.0 : 0.25);
    if (db == 0)
        return;
    s->b[c] += db;
    double *eta = s->eta + (size_t)c * s->n;
    for (int i = 0; i < s->n; i++)
        eta[i] += db;
    path_eta_changed(s);
}

/* The largest KKT violation over classes, groups and intercepts. */
static double group_kkt(Solver *s)
{
    double r = 0, l2 = s->lam * (1 - s->alpha);
    for (int c = 0; c < s->k; c++) {
        r = fmax(r, fabs(path_class_gradient(s, c)));
        const double *g = s->G + (size_t)c * s->d, *w = s->w + (size_t)c * s->d;
        for (int q = 0, G = n_groups(s); q < G; q++) {
            const int *cols;
            int p = group_cols(s, q, &cols);
            double l1 = s->lam * s->alpha * sqrt((double)p), wn = 0, gn = 0, e = 0;
            for (int t = 0; t < p; t++) {
                int j = COL(cols, q, t);
                wn += w[j] * w[j];
                gn += g[j] * g[j];
            }
            wn = sqrt(wn), gn = sqrt(gn);
            if (wn == 0) {
                e = gn - l1;
            } else {
                for (int t = 0; t < p; t++) {
                    int j = COL(cols, q, t);
                    double d = g[j] - l1 * w[j] / wn - l2 * w[j];
                    e += d * d;
                }
                e = sqrt(e);
            }
            r = fmax(r, e);
        }
    }
    return r;
}

/* Least squares: the majorized steps on the exact loss, group by group. */
static void gauss_solve(Solver *s)
{
    double best = INFINITY;
    long since_best = 0;
    for (long sweep = 0; sweep < s->max_sweeps; sweep++) {
        double r = group_kkt(s);
        if (r * r <= s->tol)
            break;
        if (r < best) {
            best = r;
            since_best = 0;
        } else if (++since_best > 1000) { /* the rounding floor */
            break;
        }
        intercept_step(s, 0);
        for (int q = 0, G = n_groups(s); q < G; q++)
            group_step(s, 0, q);
        s->passes++;
    }
}

/* One sweep of the weighted least-squares subproblem of class c (path_cd.c's
 * quadratic model at the IRLS weights h): the intercept exactly, each group
 * by its majorized step with the bounds of h. wr = E - h * (eta change so
 * far) is minus the model's gradient per row, edir that change. Returns the
 * largest squared gradient change. */
static double newton_sweep(Solver *s, int c, double hsum)
{
    int n = s->n;
    double *w = s->w + (size_t)c * s->d, l2 = s->lam * (1 - s->alpha), dmax = 0;
    double db = 0;
    for (int i = 0; i < n; i++)
        db += s->wr[i];
    db /= hsum;
    s->b[c] += db;
    for (int i = 0; i < n; i++) {
        s->wr[i] -= s->h[i] * db;
        s->edir[i] += db;
    }
    dmax = hsum * db * hsum * db;
    for (int q = 0, G = n_groups(s); q < G; q++) {
        const int *cols;
        int p = group_cols(s, q, &cols);
        double L = s->gL[q], l1 = s->lam * s->alpha * sqrt((double)p), norm = 0;
        for (int t = 0; t < p; t++) {
            int j = COL(cols, q, t);
            s->z[t] = L * w[j] + cblas_ddot(n, s->Xc + (size_t)j * n, 1, s->wr, 1);
            norm += s->z[t] * s->z[t];
        }
        norm = sqrt(norm);
        double scale = norm > l1 ? (1 - l1 / norm) / (L + l2) : 0.0, d2 = 0;
        for (int t = 0; t < p; t++) {
            int j = COL(cols, q, t);
            double wn = scale > 0 ? scale * s->z[t] : 0.0, dw = wn - w[j];
            if (dw == 0)
                continue;
            const double *x = s->Xc + (size_t)j * n;
            for (int i = 0; i < n; i++) {
                s->wr[i] -= s->h[i] * x[i] * dw;
                s->edir[i] += x[i] * dw;
            }
            w[j] = wn;
            d2 += dw * dw;
        }
        dmax = fmax(dmax, L * L * d2);
    }
    s->passes++;
    return dmax;
}

/* One proximal Newton step of class c: the subproblem solved to inner
 * (squared gradient units), then halved until the objective does not rise
 * above obj. Returns the objective. */
static double newton_step(Solver *s, int c, double obj, double inner)
{
    int n = s->n, d = s->d;
    path_class_gradient(s, c); /* h, E */
    if (group_bounds(s, s->h))
        return obj;
    double *w = s->w + (size_t)c * d, *eta = s->eta + (size_t)c * n, b_old = s->b[c], hsum = 0;
    memcpy(s->w_old, w, sizeof(double) * d);
    memcpy(s->eta_old, eta, sizeof(double) * n);
    for (int i = 0; i < n; i++) {
        s->wr[i] = s->E[i];
        s->edir[i] = 0;
        hsum += s->h[i];
    }
    for (long it = 0; it < s->max_sweeps && newton_sweep(s, c, hsum) >= inner; it++)
        ;
    for (int i = 0; i < n; i++)
        eta[i] = s->eta_old[i] + s->edir[i];
    path_eta_changed(s);
    double now = path_objective(s), db = s->b[c] - b_old, t = 1;
    for (int j = 0; j < d; j++)
        s->wdir[j] = w[j] - s->w_old[j];
    for (int it = 0; it < 50 && now > obj + 1e-15 * fabs(obj); it++) {
        t *= 0.5;
        for (int j = 0; j < d; j++)
            w[j] = s->w_old[j] + t * s->wdir[j];
        s->b[c] = b_old + t * db;
        for (int i = 0; i < n; i++)
            eta[i] = s->eta_old[i] + t * s->edir[i];
        path_eta_changed(s);
        now = path_objective(s);
    }
    return now;
}

/* Logistic and softmax: proximal Newton (class by class for softmax), as
 * path_cd.c does for the elastic net, each subproblem by the block steps. */
static void newton_solve(Solver *s)
{
    double obj = path_objective(s), r_round = INFINITY;
    for (int round = 0, stall = 0; round < 500; round++) {
        double r = group_kkt(s);
        if (r * r <= s->tol)
            break;
        stall = r >= r_round ? stall + 1 : 0;
        if (stall == 3) /* the rounding floor */
            break;
        r_round = r;
        double g = fmax(fmax(0.3 * sqrt(s->tol), 0.03 * r), 1e-15 * s->gscale);
        for (int c = 0; c < s->k; c++)
            obj = newton_step(s, c, obj, g * g);
    }
}

void path_group_solve(Solver *s)
{
    if (s->fam == FAM_GAUSS)
        gauss_solve(s);
    else
        newton_solve(s);
}

double path_group_gmax(const Solver *s)
{
    double m = 0;
    for (int c = 0; c < s->k; c++)
        for (int q = 0, G = n_groups(s); q < G; q++) {
            const int *cols;
            int p = group_cols(s, q, &cols);
            double gn = 0;
            for (int t = 0; t < p; t++) {
                double g = s->G[(size_t)c * s->d + COL(cols, q, t)];
                gn += g * g;
            }
            m = fmax(m, sqrt(gn / p));
        }
    return m;
}
