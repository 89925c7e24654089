/* path: the regularization path's public side (see path.h): options, the
 * data loss and the penalty, lambda_max and its grid, and path_fit, which
 * walks the grid with warm starts, strong-rule screening and an active set.
 * Also the solver's state (path_solver.h). The loss, the gradient and the
 * KKT residual at the current point are path_loss.c's; how one lambda is
 * solved is path_cd.c's. */
#include "path.h"
#include "path_solver.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void path_options_default(PathOptions *o)
{
    o->tol = 1e-12;
    o->max_sweeps = 100000;
    o->gram_max = 1024;
    o->penalty = PEN_ENET;
    o->gamma = 0;
    o->groups = NULL;
}

/* ---- solver state ------------------------------------------------------ */

static void solver_free(Solver *s)
{
    free(s->cls), free(s->Xc), free(s->B), free(s->A), free(s->v), free(s->z), free(s->q);
    free(s->h), free(s->wr), free(s->E), free(s->eta), free(s->eta_old), free(s->edir);
    free(s->lse), free(s->w), free(s->b), free(s->w_old), free(s->wdir), free(s->G);
    free(s->in_active), free(s->active), free(s->all), free(s->nz), free(s->gL);
    memset(s, 0, sizeof *s);
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
    s->pen = o->penalty;
    s->gamma = penalty_gamma(o->penalty, o->gamma);
    s->groups = o->groups && o->groups->n_cols == d ? o->groups : NULL;
    s->opt = o == &def ? NULL : o;
    if (s->pen == PEN_GROUP && path_group_init(s)) {
        solver_free(s);
        return err_set(err, ERR_INTERNAL, "out of memory");
    }
    return 0;
}

/* G for every class at the current eta. */
static void compute_grad(Solver *s)
{
    for (int c = 0; c < s->k; c++)
        path_class_gradient(s, c);
}

/* ---- public ------------------------------------------------------------ */

int path_lambda_max(const Dataset *train, Task task, int n_classes, double alpha, double *lmax,
                    Err *err)
{
    return path_lambda_max_opt(train, task, n_classes, alpha, NULL, lmax, err);
}

int path_lambda_max_opt(const Dataset *train, Task task, int n_classes, double alpha,
                        const PathOptions *opt, double *lmax, Err *err)
{
    Solver s;
    if (solver_init(&s, train, task, n_classes, opt, err))
        return -1;
    compute_grad(&s);
    double g = 0;
    for (int j = 0; j < s.d; j++)
        g = fmax(g, path_gmax(&s, j));
    if (s.pen == PEN_GROUP)
        g = path_group_gmax(&s);
    solver_free(&s);
    *lmax = g / fmax(alpha, 1e-3);
    if (!(*lmax > 0)) /* nothing to fit (constant target): any positive scale will do */
        *lmax = 1.0;
    return 0;
}

int path_lambda_grid(const Dataset *train, Task task, int n_classes, double alpha, int n_lambda,
                     double min_ratio, double *lambdas, Err *err)
{
    return path_lambda_grid_opt(train, task, n_classes, alpha, n_lambda, min_ratio, NULL, lambdas,
                                err);
}

int path_lambda_grid_opt(const Dataset *train, Task task, int n_classes, double alpha, int n_lambda,
                         double min_ratio, const PathOptions *opt, double *lambdas, Err *err)
{
    double lmax;
    if (n_lambda < 1)
        return err_set(err, ERR_INPUT, "path: need at least one lambda");
    if (path_lambda_max_opt(train, task, n_classes, alpha, opt, &lmax, err))
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
        s.gscale = fmax(s.gscale, path_gmax(&s, j));
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
        if (s.pen == PEN_GROUP) {
            path_group_solve(&s);
        } else {
            /* sequential strong rule: |g_j| >= alpha (2 lambda - lambda_prev) */
            double strong = fmin(alpha * (2 * lam - lam_prev), alpha * lam);
            for (int j = 0; j < d; j++)
                if (!s.in_active[j] && (alpha == 0 || path_gmax(&s, j) > strong))
                    path_add_active(&s, j);
            path_solve_lambda(&s);
        }
        out->lambda[l] = lam;
        memcpy(out->W + (size_t)l * k * d, s.w, sizeof(double) * k * d);
        memcpy(out->b + (size_t)l * k, s.b, sizeof(double) * k);
        out->data_loss[l] = path_eta_loss(&s);
        out->objective[l] = out->data_loss[l] + path_penalty_opt(s.w, k, d, lam, alpha, s.opt);
        out->passes[l] = (int)(s.passes - passes0);
        lam_prev = lam;
    }
    solver_free(&s);
    return 0;
}
