/* path: glmnet-style coordinate descent along a lambda grid (see path.h).
 *
 * Every family is reduced to a weighted least-squares subproblem
 *     min over (w_c, b_c)  1/2 sum_i h_i (z_i - b_c - x_i.w_c)^2 + penalty(w_c)
 * solved by cyclic coordinate descent on the active features, keeping the
 * weighted working residual wr_i = h_i (z_i - fit_i) up to date (one ddot
 * and one daxpy per coordinate, over contiguous columns). Gaussian: h = 1/n,
 * z = y, one subproblem is the exact problem. Binomial: the IRLS quadratic
 * approximation at the current linear predictor (h_i = p(1-p)/n, bounded
 * below by 1e-5/n as glmnet does), repeated to convergence (proximal Newton)
 * with step halving whenever the true objective would rise. Multinomial:
 * the same per class in turn (partial Newton), the other classes fixed. */
#include "path.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { FAM_GAUSS, FAM_BINOM, FAM_MULTI };

typedef struct {
    int fam, n, d, k;
    double lam, alpha;
    const double *y;
    int *cls;        /* n: class ids (classification) */
    double *Xc;      /* d x n: column j of X contiguous */
    double *HX;      /* d x n: sqrt(h_i) * x_ij, valid for active j */
    double *sh;      /* n: sqrt(h) */
    double *v;       /* d: sum_i h_i x_ij^2 for active j */
    double *h, *wr;  /* n: IRLS weights, weighted working residual */
    double *eta;     /* k x n: linear predictors, class-major */
    double *eta_old; /* n: one class's before a step */
    double *edir;    /* n: that step's change of eta */
    double *lse;     /* n: log-sum-exp of eta over classes (multinomial) */
    double *E;       /* n: scratch (gradient residual) */
    double *w, *b;   /* k x d, k */
    double *w_old, *wdir; /* d: one class's weights before a step, and its change */
    double *G;       /* k x d: minus the data-loss gradient */
    char *in_active;
    int *active, n_active, *nz;
    double tol;      /* absolute inner / outer threshold */
    int max_sweeps;
    long passes;
    double newton_d; /* size of the first Newton step at the last solve */
} Solver;

void path_options_default(PathOptions *o)
{
    o->tol = 1e-12;
    o->max_sweeps = 100000;
}

int path_n_out(Task task, int n_classes)
{
    return task == TASK_CLASSIFY && n_classes >= 3 ? n_classes : 1;
}

double path_penalty(const double *W, int nw, double lambda, double alpha)
{
    double l1 = 0, l2 = 0;
    for (int i = 0; i < nw; i++) {
        l1 += fabs(W[i]);
        l2 += W[i] * W[i];
    }
    return lambda * (alpha * l1 + 0.5 * (1.0 - alpha) * l2);
}

static double softplus(double z) { return (z > 0 ? z : 0.0) + log1p(exp(-fabs(z))); }

double path_data_loss(const Dataset *ds, Task task, int n_classes, const double *W,
                      const double *b)
{
    int n = ds->n, d = ds->d, k = path_n_out(task, n_classes);
    if (n == 0)
        return NAN;
    double sum = 0, z[64];
    double *zz = k <= 64 ? z : malloc(sizeof(double) * (size_t)k);
    if (!zz)
        return NAN;
    for (int i = 0; i < n; i++) {
        const double *x = ds->X + (size_t)i * d;
        for (int c = 0; c < k; c++) {
            double e = b[c];
            const double *wc = W + (size_t)c * d;
            for (int j = 0; j < d; j++)
                e += wc[j] * x[j];
            zz[c] = e;
        }
        if (task == TASK_REGRESS) {
            double r = ds->y[i] - zz[0];
            sum += 0.5 * r * r;
        } else if (k == 1) {
            sum += softplus(zz[0]) - ds->y[i] * zz[0];
        } else {
            double mx = zz[0], s = 0;
            for (int c = 1; c < k; c++)
                mx = zz[c] > mx ? zz[c] : mx;
            for (int c = 0; c < k; c++)
                s += exp(zz[c] - mx);
            sum += mx + log(s) - zz[(int)ds->y[i]];
        }
    }
    if (zz != z)
        free(zz);
    return sum / n;
}

/* ---- solver state ------------------------------------------------------ */

static void solver_free(Solver *s)
{
    free(s->cls), free(s->Xc), free(s->HX), free(s->v), free(s->h), free(s->wr);
    free(s->eta), free(s->eta_old), free(s->edir), free(s->lse), free(s->E), free(s->sh);
    free(s->w), free(s->b), free(s->w_old), free(s->wdir), free(s->G);
    free(s->in_active), free(s->active), free(s->nz);
    memset(s, 0, sizeof *s);
}

/* The loss of the current eta (mean over n). */
static double loss_eta(Solver *s)
{
    int n = s->n;
    double sum = 0;
    if (s->fam == FAM_GAUSS) {
        for (int i = 0; i < n; i++) {
            double r = s->y[i] - s->eta[i];
            sum += r * r;
        }
        return 0.5 * sum / n;
    }
    if (s->fam == FAM_BINOM) {
        for (int i = 0; i < n; i++)
            sum += softplus(s->eta[i]) - s->y[i] * s->eta[i];
        return sum / n;
    }
    for (int i = 0; i < n; i++) {
        double mx = s->eta[i];
        for (int c = 1; c < s->k; c++)
            mx = fmax(mx, s->eta[(size_t)c * n + i]);
        double t = 0;
        for (int c = 0; c < s->k; c++)
            t += exp(s->eta[(size_t)c * n + i] - mx);
        s->lse[i] = mx + log(t);
        sum += s->lse[i] - s->eta[(size_t)s->cls[i] * n + i];
    }
    return sum / n;
}

static double objective(Solver *s)
{
    return loss_eta(s) + path_penalty(s->w, s->k * s->d, s->lam, s->alpha);
}

/* mu_ic: fitted mean / probability of class c at the current eta (lse must
 * be current for the multinomial). */
static inline double mu(const Solver *s, int c, int i)
{
    double e = s->eta[(size_t)c * s->n + i];
    if (s->fam == FAM_GAUSS)
        return e;
    if (s->fam == FAM_BINOM)
        return 1.0 / (1.0 + exp(-e));
    return exp(e - s->lse[i]);
}

static inline double target(const Solver *s, int c, int i)
{
    return s->fam == FAM_MULTI ? (s->cls[i] == c ? 1.0 : 0.0) : s->y[i];
}

/* G = -gradient of the data loss w.r.t. W: G_cj = (1/n) sum x_ij (y_ic - mu_ic). */
static void compute_grad(Solver *s)
{
    int n = s->n;
    if (s->fam == FAM_MULTI)
        loss_eta(s); /* refreshes lse */
    for (int c = 0; c < s->k; c++) {
        for (int i = 0; i < n; i++)
            s->E[i] = (target(s, c, i) - mu(s, c, i)) / n;
        cblas_dgemv(CblasRowMajor, CblasNoTrans, s->d, n, 1.0, s->Xc, n, s->E, 1, 0.0,
                    s->G + (size_t)c * s->d, 1);
    }
}

static double gmax(const Solver *s, int j)
{
    double g = 0;
    for (int c = 0; c < s->k; c++)
        g = fmax(g, fabs(s->G[(size_t)c * s->d + j]));
    return g;
}

static int solver_init(Solver *s, const Dataset *ds, Task task, int n_classes, const PathOptions *o,
                       Err *err)
{
    memset(s, 0, sizeof *s);
    int n = ds->n, d = ds->d;
    if (n < 1 || d < 1)
        return err_set(err, ERR_INPUT, "path: no training data");
    s->n = n, s->d = d, s->k = path_n_out(task, n_classes), s->y = ds->y;
    s->fam = task == TASK_REGRESS ? FAM_GAUSS : s->k == 1 ? FAM_BINOM : FAM_MULTI;
    size_t nd = (size_t)n * d, kn = (size_t)s->k * n, kd = (size_t)s->k * d;
    s->cls = calloc((size_t)n, sizeof(int));
    s->Xc = malloc(sizeof(double) * nd), s->HX = malloc(sizeof(double) * nd);
    s->v = calloc((size_t)d, sizeof(double));
    s->h = malloc(sizeof(double) * n), s->wr = malloc(sizeof(double) * n);
    s->eta = malloc(sizeof(double) * kn), s->eta_old = malloc(sizeof(double) * n);
    s->edir = malloc(sizeof(double) * n), s->lse = malloc(sizeof(double) * n);
    s->E = malloc(sizeof(double) * n), s->sh = malloc(sizeof(double) * n);
    s->w = calloc(kd, sizeof(double)), s->b = calloc((size_t)s->k, sizeof(double));
    s->w_old = malloc(sizeof(double) * d), s->wdir = malloc(sizeof(double) * d);
    s->G = malloc(sizeof(double) * kd);
    s->in_active = calloc((size_t)d, 1);
    s->active = malloc(sizeof(int) * d), s->nz = malloc(sizeof(int) * d);
    if (!s->cls || !s->Xc || !s->HX || !s->v || !s->h || !s->wr || !s->eta || !s->eta_old ||
        !s->edir || !s->lse || !s->E || !s->sh || !s->w || !s->b || !s->w_old || !s->wdir || !s->G ||
        !s->in_active || !s->active || !s->nz) {
        solver_free(s);
        return err_set(err, ERR_INTERNAL, "out of memory");
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++)
            s->Xc[(size_t)j * n + i] = ds->X[(size_t)i * d + j];
    double scale = 1.0;
    if (s->fam == FAM_GAUSS) {
        double m = 0, q = 0;
        for (int i = 0; i < n; i++)
            m += s->y[i];
        m /= n;
        for (int i = 0; i < n; i++)
            q += (s->y[i] - m) * (s->y[i] - m);
        s->b[0] = m;
        scale = q / n > 0 ? q / n : 1.0;
    } else {
        double cnt[1024] = {0};
        int kc = s->fam == FAM_BINOM ? 2 : s->k;
        if (kc > 1024) {
            solver_free(s);
            return err_set(err, ERR_INPUT, "path: too many classes");
        }
        for (int i = 0; i < n; i++) {
            int c = (int)ds->y[i];
            if (c < 0 || c >= kc) {
                solver_free(s);
                return err_set(err, ERR_INPUT, "path: class id out of range");
            }
            s->cls[i] = c;
            cnt[c] += 1;
        }
        if (s->fam == FAM_BINOM) {
            double p = fmin(fmax(cnt[1] / n, 1e-10), 1 - 1e-10);
            s->b[0] = log(p / (1 - p));
        } else {
            double mean = 0;
            for (int c = 0; c < kc; c++)
                mean += (s->b[c] = log(fmax(cnt[c] / n, 1e-10))) / kc;
            for (int c = 0; c < kc; c++)
                s->b[c] -= mean;
        }
    }
    for (int c = 0; c < s->k; c++)
        for (int i = 0; i < n; i++)
            s->eta[(size_t)c * n + i] = s->b[c];
    PathOptions def;
    if (!o) {
        path_options_default(&def);
        o = &def;
    }
    s->tol = o->tol * scale;
    s->max_sweeps = o->max_sweeps;
    return 0;
}

/* ---- the weighted least-squares subproblem ----------------------------- */

/* SX_j = sqrt(h) x_j and v_j = sum h x_j^2 for the active features (wr
 * holds sqrt(h) times the working residual: one column array serves both
 * the ddot and the daxpy of a coordinate, half the memory traffic). */
static void setup_active(Solver *s)
{
    int n = s->n;
    for (int i = 0; i < n; i++)
        s->sh[i] = sqrt(s->h[i]);
    for (int t = 0; t < s->n_active; t++) {
        int j = s->active[t];
        const double *x = s->Xc + (size_t)j * n;
        double *sx = s->HX + (size_t)j * n, vv = 0;
        for (int i = 0; i < n; i++) {
            sx[i] = s->sh[i] * x[i];
            vv += sx[i] * sx[i];
        }
        s->v[j] = vv;
    }
}

/* One sweep: the intercept, then the listed coordinates of class c. Returns
 * the largest curvature-scaled squared change. */
static double cd_sweep(Solver *s, int c, const int *list, int m, double hsum)
{
    int n = s->n;
    double *wc = s->w + (size_t)c * s->d, dmax = 0;
    double db = cblas_ddot(n, s->wr, 1, s->sh, 1) / hsum;
    if (db != 0) {
        s->b[c] += db;
        cblas_daxpy(n, -db, s->sh, 1, s->wr, 1);
        dmax = hsum * db * hsum * db;
    }
    double l1 = s->lam * s->alpha, l2 = s->lam * (1.0 - s->alpha);
    for (int t = 0; t < m; t++) {
        int j = list[t];
        const double *sx = s->HX + (size_t)j * n;
        double g = cblas_ddot(n, s->wr, 1, sx, 1);
        double wj = wc[j], u = g + s->v[j] * wj, a = fabs(u) - l1;
        double wn = a > 0 ? copysign(a, u) / (s->v[j] + l2) : 0.0;
        if (wn != wj) {
            double dw = wn - wj, gd = (s->v[j] + l2) * dw, d2 = gd * gd;
            wc[j] = wn;
            cblas_daxpy(n, -dw, sx, 1, s->wr, 1);
            dmax = d2 > dmax ? d2 : dmax;
        }
    }
    s->passes++;
    return dmax;
}

/* CD to convergence on class c: full sweeps over the active set, and
 * between them sweeps over its nonzero coordinates only (as glmnet). */
static void wls_solve(Solver *s, int c, double tol)
{
    double hsum = 0;
    for (int i = 0; i < s->n; i++)
        hsum += s->h[i];
    const double *wc = s->w + (size_t)c * s->d;
    long start = s->passes;
    while (s->passes - start < s->max_sweeps) {
        if (cd_sweep(s, c, s->active, s->n_active, hsum) < tol)
            break;
        int m = 0;
        for (int t = 0; t < s->n_active; t++)
            if (wc[s->active[t]] != 0)
                s->nz[m++] = s->active[t];
        while (s->passes - start < s->max_sweeps && cd_sweep(s, c, s->nz, m, hsum) >= tol)
            ;
    }
}

/* Saves class c's state before a step. */
static void save_class(Solver *s, int c, double *b_old)
{
    memcpy(s->w_old, s->w + (size_t)c * s->d, sizeof(double) * s->d);
    memcpy(s->eta_old, s->eta + (size_t)c * s->n, sizeof(double) * s->n);
    *b_old = s->b[c];
}

/* eta_c += the fit change of class c's step (exact, from the coefficients);
 * edir and wdir get the step. Returns the curvature-scaled size of it. */
static double apply_step(Solver *s, int c, double b_old, double hsum)
{
    int n = s->n;
    double *wc = s->w + (size_t)c * s->d, *eta = s->eta + (size_t)c * n;
    double db = s->b[c] - b_old, dmax = hsum * db * hsum * db;
    for (int i = 0; i < n; i++)
        s->edir[i] = db;
    for (int j = 0; j < s->d; j++) {
        s->wdir[j] = wc[j] - s->w_old[j];
        if (s->wdir[j] != 0) {
            cblas_daxpy(n, s->wdir[j], s->Xc + (size_t)j * n, 1, s->edir, 1);
            double gd = (s->v[j] + s->lam * (1 - s->alpha)) * s->wdir[j], d2 = gd * gd;
            dmax = d2 > dmax ? d2 : dmax;
        }
    }
    for (int i = 0; i < n; i++)
        eta[i] = s->eta_old[i] + s->edir[i];
    return dmax;
}

/* Step halving along the step just applied until the objective does not
 * rise above obj_old. Returns the new objective. */
static double halve(Solver *s, int c, double b_old, double obj_old, double *dmax)
{
    double obj = objective(s), t = 1.0;
    double *wc = s->w + (size_t)c * s->d, *eta = s->eta + (size_t)c * s->n;
    double db = s->b[c] - b_old;
    for (int it = 0; it < 50 && obj > obj_old + 1e-15 * fabs(obj_old); it++) {
        t *= 0.5;
        for (int j = 0; j < s->d; j++)
            wc[j] = s->w_old[j] + t * s->wdir[j];
        s->b[c] = b_old + t * db;
        for (int i = 0; i < s->n; i++)
            eta[i] = s->eta_old[i] + t * s->edir[i];
        obj = objective(s);
    }
    if (obj > obj_old) { /* no descent at all: keep the old point */
        memcpy(wc, s->w_old, sizeof(double) * s->d);
        s->b[c] = b_old;
        memcpy(eta, s->eta_old, sizeof(double) * s->n);
        obj = obj_old;
        t = 0;
    }
    *dmax *= t * t;
    return obj;
}

/* IRLS weights and working residual of class c at the current eta. */
static double irls_weights(Solver *s, int c)
{
    int n = s->n;
    double hsum = 0;
    if (s->fam == FAM_MULTI)
        loss_eta(s);
    for (int i = 0; i < n; i++) {
        double p = mu(s, c, i), q = p * (1 - p);
        q = q < 1e-5 ? 1e-5 : q;
        s->h[i] = q / n;
        s->wr[i] = (target(s, c, i) - p) / sqrt(n * q);
        hsum += s->h[i];
    }
    return hsum;
}

/* Solves at s->lam on the active set, from the current point. */
static void solve_active(Solver *s)
{
    int n = s->n;
    double b_old;
    if (s->fam == FAM_GAUSS) {
        for (int i = 0; i < n; i++) {
            s->h[i] = 1.0 / n;
        }
        setup_active(s);
        for (int i = 0; i < n; i++)
            s->wr[i] = (s->y[i] - s->eta[i]) / n / s->sh[i];
        save_class(s, 0, &b_old);
        wls_solve(s, 0, s->tol);
        apply_step(s, 0, b_old, 1.0);
        return;
    }
    double obj = objective(s), dprev = s->newton_d;
    for (int it = 0; it < 500; it++) {
        double dmax = 0;
        /* inexact Newton: the inner solve only as tight as the last step
         * warrants (quadratic convergence), the final ones to s->tol */
        double tol = fmax(s->tol, fmin(1e-8, 1e-4 * dprev));
        for (int c = 0; c < s->k; c++) {
            double hsum = irls_weights(s, c);
            setup_active(s);
            save_class(s, c, &b_old);
            wls_solve(s, c, tol);
            double dc = apply_step(s, c, b_old, hsum);
            obj = halve(s, c, b_old, obj, &dc);
            dmax = dc > dmax ? dc : dmax;
        }
        if (it == 0)
            s->newton_d = dmax;
        /* converged: the step is below tol, or (binomial: Newton converging
         * quadratically, the next step ~ this one squared) far below sqrt(tol);
         * the multinomial's class-by-class steps converge only linearly */
        if (tol <= s->tol &&
            (dmax < s->tol || (s->fam == FAM_BINOM && dmax < 1e-2 * sqrt(s->tol))))
            break;
        dprev = dmax;
    }
}

static void add_active(Solver *s, int j)
{
    if (s->in_active[j])
        return;
    s->in_active[j] = 1;
    s->active[s->n_active++] = j;
}

/* ---- public ------------------------------------------------------------ */

int path_lambda_max(const Dataset *train, Task task, int n_classes, double alpha, double *lmax,
                    Err *err)
{
    Solver s;
    if (solver_init(&s, train, task, n_classes, NULL, err))
        return -1;
    compute_grad(&s);
    double g = 0;
    for (int j = 0; j < s.d; j++)
        g = fmax(g, gmax(&s, j));
    solver_free(&s);
    *lmax = g / fmax(alpha, 1e-3);
    if (!(*lmax > 0)) /* nothing to fit (constant target): any positive scale will do */
        *lmax = 1.0;
    return 0;
}

int path_lambda_grid(const Dataset *train, Task task, int n_classes, double alpha, int n_lambda,
                     double min_ratio, double *lambdas, Err *err)
{
    double lmax;
    if (n_lambda < 1)
        return err_set(err, ERR_INPUT, "path: need at least one lambda");
    if (path_lambda_max(train, task, n_classes, alpha, &lmax, err))
        return -1;
    lambdas[0] = lmax;
    for (int i = 1; i < n_lambda; i++)
        lambdas[i] = lmax * exp(log(min_ratio) * i / (n_lambda - 1));
    if (n_lambda > 1)
        lambdas[n_lambda - 1] = lmax * min_ratio;
    return 0;
}

void path_result_free(PathResult *r)
{
    free(r->lambda), free(r->W), free(r->b), free(r->objective), free(r->data_loss);
    free(r->passes);
    memset(r, 0, sizeof *r);
}

int path_fit(const Dataset *train, Task task, int n_classes, double alpha, const double *lambdas,
             int n_lambda, const PathOptions *opt, PathResult *out, Err *err)
{
    memset(out, 0, sizeof *out);
    if (!(alpha >= 0 && alpha <= 1))
        return err_set(err, ERR_INPUT, "path: alpha must be in [0, 1]");
    Solver s;
    if (solver_init(&s, train, task, n_classes, opt, err))
        return -1;
    int k = s.k, d = s.d;
    out->n_lambda = n_lambda, out->k = k, out->d = d;
    out->lambda = malloc(sizeof(double) * n_lambda);
    out->W = malloc(sizeof(double) * n_lambda * k * d);
    out->b = malloc(sizeof(double) * n_lambda * k);
    out->objective = malloc(sizeof(double) * n_lambda);
    out->data_loss = malloc(sizeof(double) * n_lambda);
    out->passes = malloc(sizeof(int) * n_lambda);
    if (!out->lambda || !out->W || !out->b || !out->objective || !out->data_loss ||
        !out->passes) {
        solver_free(&s);
        path_result_free(out);
        return err_set(err, ERR_INTERNAL, "out of memory");
    }
    s.alpha = alpha;
    compute_grad(&s);
    double lam_prev = n_lambda > 0 ? lambdas[0] : 0;
    for (int l = 0; l < n_lambda; l++) {
        double lam = lambdas[l];
        if (!(lam >= 0)) {
            solver_free(&s);
            path_result_free(out);
            return err_set(err, ERR_INPUT, "path: lambda must be >= 0");
        }
        s.lam = lam;
        long passes0 = s.passes;
        /* sequential strong rule: |g_j| >= alpha (2 lambda - lambda_prev) */
        double strong = alpha * (2 * lam - lam_prev), bound = lam * alpha * (1 + 1e-9) + 1e-15;
        strong = strong > bound ? bound : strong;
        for (int j = 0; j < d; j++)
            if (!s.in_active[j] && (alpha == 0 || gmax(&s, j) > strong))
                add_active(&s, j);
        for (int round = 0; round < 1000; round++) {
            solve_active(&s);
            compute_grad(&s);
            int viol = 0;
            for (int j = 0; j < d; j++)
                if (!s.in_active[j] && gmax(&s, j) > bound) {
                    add_active(&s, j);
                    viol++;
                }
            if (!viol)
                break;
        }
        out->lambda[l] = lam;
        memcpy(out->W + (size_t)l * k * d, s.w, sizeof(double) * k * d);
        memcpy(out->b + (size_t)l * k, s.b, sizeof(double) * k);
        out->data_loss[l] = loss_eta(&s);
        out->objective[l] = out->data_loss[l] + path_penalty(s.w, k * d, lam, alpha);
        out->passes[l] = (int)(s.passes - passes0);
        lam_prev = lam;
    }
    solver_free(&s);
    return 0;
}
