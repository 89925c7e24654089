/* path: glmnet-style coordinate descent along a lambda grid (see path.h).
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
#include "path.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

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
} Solver;

void path_options_default(PathOptions *o)
{
    o->tol = 1e-12;
    o->max_sweeps = 100000;
    o->gram_max = 1024;
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
    free(s->cls), free(s->Xc), free(s->B), free(s->A), free(s->v), free(s->z), free(s->q);
    free(s->h), free(s->wr), free(s->E), free(s->eta), free(s->eta_old), free(s->edir);
    free(s->lse), free(s->w), free(s->b), free(s->w_old), free(s->wdir), free(s->G);
    free(s->in_active), free(s->active), free(s->all), free(s->nz);
    memset(s, 0, sizeof *s);
}

/* The loss of the current eta (mean over n), kept until eta changes. */
static double loss_eta(Solver *s)
{
    if (s->loss_ok)
        return s->loss;
    s->loss_ok = 1;
    int n = s->n;
    double sum = 0;
    if (s->fam == FAM_GAUSS) {
        for (int i = 0; i < n; i++) {
            double r = s->y[i] - s->eta[i];
            sum += r * r;
        }
        return s->loss = 0.5 * sum / n;
    }
    if (s->fam == FAM_BINOM) {
        for (int i = 0; i < n; i++)
            sum += softplus(s->eta[i]) - s->y[i] * s->eta[i];
        return s->loss = sum / n;
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
    return s->loss = sum / n;
}

static void eta_changed(Solver *s) { s->loss_ok = s->grad_ok = 0; }

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

/* At the current eta, for class c: E = (target - mu)/n, the IRLS weights h
 * and G_c = X'E, minus the data-loss gradient. Returns sum E, minus the
 * intercept's gradient. With one class all of it is kept until eta changes:
 * the next lambda starts from the point the last check was made at. */
static double class_gradient(Solver *s, int c)
{
    int n = s->n;
    double gb = 0;
    if (s->grad_ok)
        return s->gb;
    if (s->fam == FAM_MULTI)
        loss_eta(s); /* refreshes lse */
    for (int i = 0; i < n; i++) {
        double p = mu(s, c, i), q = s->fam == FAM_GAUSS ? 1.0 : p * (1 - p);
        s->h[i] = (q < 1e-5 ? 1e-5 : q) / n;
        s->E[i] = (target(s, c, i) - p) / n;
        gb += s->E[i];
    }
    cblas_dgemv(CblasRowMajor, CblasNoTrans, s->d, n, 1.0, s->Xc, n, s->E, 1, 0.0,
                s->G + (size_t)c * s->d, 1);
    s->grad_ok = s->k == 1;
    return s->gb = gb;
}

static double gmax(const Solver *s, int j)
{
    double g = 0;
    for (int c = 0; c < s->k; c++)
        g = fmax(g, fabs(s->G[(size_t)c * s->d + j]));
    return g;
}

/* Adds feature j at the next position, and that position to the full
 * sweeps' order (intercept first, then by feature index). */
static void add_active(Solver *s, int j)
{
    if (s->in_active[j])
        return;
    s->in_active[j] = 1;
    s->active[s->n_active++] = j;
    int t = s->n_active;
    for (; t > 1 && s->active[s->all[t - 1] - 1] > j; t--)
        s->all[t] = s->all[t - 1];
    s->all[t] = s->n_active;
}

/* The largest violation of class c's KKT conditions, the distance of minus
 * the gradient from the penalty's subdifferential (G_c current, gb minus the
 * intercept's gradient). Features outside the active set that violate them
 * by more than the tolerance join it. */
static double kkt_residual(Solver *s, int c, double gb)
{
    double l1 = s->lam * s->alpha, l2 = s->lam * (1.0 - s->alpha), r = fabs(gb);
    const double *g = s->G + (size_t)c * s->d, *wc = s->w + (size_t)c * s->d;
    for (int j = 0; j < s->d; j++) {
        double e = wc[j] == 0 ? fabs(g[j]) - l1 : fabs(g[j] - copysign(l1, wc[j]) - l2 * wc[j]);
        if (e > 0 && e * e > s->tol && !s->in_active[j])
            add_active(s, j);
        r = e > r ? e : r;
    }
    return r;
}

static int solver_init(Solver *s, const Dataset *ds, Task task, int n_classes, const PathOptions *o,
                       Err *err)
{
    memset(s, 0, sizeof *s);
    int n = ds->n, d = ds->d;
    if (n < 1 || d < 1)
        return err_set(err, ERR_INPUT, "path: no training data");
    PathOptions def;
    if (!o) {
        path_options_default(&def);
        o = &def;
    }
    s->n = n, s->d = d, s->k = path_n_out(task, n_classes), s->y = ds->y;
    s->fam = task == TASK_REGRESS ? FAM_GAUSS : s->k == 1 ? FAM_BINOM : FAM_MULTI;
    /* the Gram matrix pays while the active set is shorter than a column */
    int cap = o->gram_max > 0 ? o->gram_max : 0;
    cap = cap < d ? cap : d;
    s->gcap = (cap < n ? cap : n) + 1;
    size_t nd = (size_t)n * d, kn = (size_t)s->k * n, kd = (size_t)s->k * d, d1 = (size_t)d + 1;
    s->cls = calloc((size_t)n, sizeof(int));
    s->Xc = malloc(sizeof(double) * nd), s->B = malloc(sizeof(double) * (nd + n));
    s->A = malloc(sizeof(double) * (size_t)s->gcap * s->gcap);
    s->v = malloc(sizeof(double) * d1), s->z = malloc(sizeof(double) * d1);
    s->q = malloc(sizeof(double) * d1);
    s->h = malloc(sizeof(double) * n), s->wr = malloc(sizeof(double) * n);
    s->E = malloc(sizeof(double) * n), s->eta = malloc(sizeof(double) * kn);
    s->eta_old = malloc(sizeof(double) * n), s->edir = malloc(sizeof(double) * n);
    s->lse = malloc(sizeof(double) * n);
    s->w = calloc(kd, sizeof(double)), s->b = calloc((size_t)s->k, sizeof(double));
    s->w_old = malloc(sizeof(double) * d), s->wdir = malloc(sizeof(double) * d);
    s->G = malloc(sizeof(double) * kd);
    s->in_active = calloc((size_t)d, 1);
    s->active = malloc(sizeof(int) * d), s->all = malloc(sizeof(int) * d1);
    s->nz = malloc(sizeof(int) * d1);
    if (!s->cls || !s->Xc || !s->B || !s->A || !s->v || !s->z || !s->q || !s->h || !s->wr ||
        !s->E || !s->eta || !s->eta_old || !s->edir || !s->lse || !s->w || !s->b || !s->w_old ||
        !s->wdir || !s->G || !s->in_active || !s->active || !s->all || !s->nz) {
        solver_free(s);
        return err_set(err, ERR_INTERNAL, "out of memory");
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < d; j++)
            s->Xc[(size_t)j * n + i] = ds->X[(size_t)i * d + j];
    s->all[0] = 0;
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
    s->tol = o->tol * scale;
    s->max_sweeps = o->max_sweeps;
    return 0;
}

/* G for every class at the current eta. */
static void compute_grad(Solver *s)
{
    for (int c = 0; c < s->k; c++)
        class_gradient(s, c);
}

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
        } else {
            double u = g + s->v[p] * zp, a = fabs(u) - l1;
            zn = a > 0 ? copysign(a, u) / vp : 0.0;
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
    eta_changed(s);
}

/* Step halving along the step just applied until the objective does not
 * rise above obj_old. gain: the decrease the step's linear model predicts;
 * below the objective's rounding noise only the KKT check can judge the
 * step, so it is kept. Returns the new objective. */
static double halve(Solver *s, int c, double b_old, double obj_old, double gain)
{
    double obj = objective(s), t = 1.0;
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
        eta_changed(s);
        obj = objective(s);
    }
    if (obj > obj_old) { /* no descent at all: keep the old point */
        memcpy(wc, s->w_old, sizeof(double) * s->d);
        s->b[c] = b_old;
        memcpy(eta, s->eta_old, sizeof(double) * s->n);
        eta_changed(s);
        obj = obj_old;
    }
    return obj;
}

/* One proximal Newton step for class c from the current point
 * (class_gradient just ran): the subproblem solved to inner (squared
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
    double gain = gb * (s->b[c] - b_old) - path_penalty(wc, s->d, s->lam, s->alpha) +
                  path_penalty(s->w_old, s->d, s->lam, s->alpha);
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
        eta_changed(s);
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
static void solve_lambda(Solver *s)
{
    double obj = s->fam == FAM_GAUSS ? 0 : objective(s), r_last = INFINITY, r_round = INFINITY;
    double shrink = 1;
    for (int it = 0, stall = 0; it < 500; it++) {
        int done = 1;
        double r_max = 0;
        for (int c = 0; c < s->k; c++) {
            double gb = class_gradient(s, c), r = kkt_residual(s, c, gb);
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
        if (s->fam == FAM_MULTI) {
            center_classes(s);
            obj = objective(s);
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
    if (!out->lambda || !out->W || !out->b || !out->objective || !out->data_loss || !out->passes) {
        solver_free(&s);
        path_result_free(out);
        return err_set(err, ERR_INTERNAL, "out of memory");
    }
    s.alpha = alpha;
    compute_grad(&s);
    for (int j = 0; j < d; j++)
        s.gscale = fmax(s.gscale, gmax(&s, j));
    if (!(s.gscale > 0))
        s.gscale = 1.0;
    /* below rounding no solver can go: 1e-13 of the gradient's scale */
    s.tol = fmax(s.tol, 1e-26 * s.gscale * s.gscale);
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
        double strong = fmin(alpha * (2 * lam - lam_prev), alpha * lam);
        for (int j = 0; j < d; j++)
            if (!s.in_active[j] && (alpha == 0 || gmax(&s, j) > strong))
                add_active(&s, j);
        solve_lambda(&s);
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
