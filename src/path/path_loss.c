/* path_loss: the data loss and the penalty (path.h), and at the solver's
 * current point (path_solver.h) its loss, objective, gradient and KKT
 * residual, which both path.c (screening, the path) and path_cd.c (the solve
 * at one lambda) use. */
#include "path.h"
#include "path_solver.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>

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

double path_penalty_opt(const double *W, int k, int d, double lambda, double alpha,
                        const PathOptions *opt)
{
    if (!opt || opt->penalty == PEN_ENET)
        return path_penalty(W, k * d, lambda, alpha);
    double l1 = lambda * alpha, g = penalty_gamma(opt->penalty, opt->gamma), sp = 0, l2 = 0;
    const PenaltyGroups *gr = opt->groups && opt->groups->n_cols == d ? opt->groups : NULL;
    for (int c = 0; c < k; c++) {
        const double *w = W + (size_t)c * d;
        for (int j = 0; j < d; j++) {
            l2 += w[j] * w[j];
            if (opt->penalty != PEN_GROUP || !gr)
                sp += penalty_sparse(opt->penalty, fabs(w[j]), l1, g);
        }
        for (int q = 0; gr && opt->penalty == PEN_GROUP && q < gr->n_groups; q++) {
            double ss = 0;
            for (int t = gr->start[q]; t < gr->start[q + 1]; t++)
                ss += w[gr->cols[t]] * w[gr->cols[t]];
            sp += l1 * sqrt((double)(gr->start[q + 1] - gr->start[q])) * sqrt(ss);
        }
    }
    return sp + 0.5 * lambda * (1.0 - alpha) * l2;
}

static double softplus(double z) { return (z > 0 ? z : 0.0) + log1p(exp(-fabs(z))); }

double path_data_loss(const Dataset *ds, Task task, int n_classes, const double *W, const double *b)
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

/* The loss of the current eta (mean over n), kept until eta changes. */
double path_eta_loss(Solver *s)
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

void path_eta_changed(Solver *s) { s->loss_ok = s->grad_ok = 0; }

double path_objective(Solver *s)
{
    return path_eta_loss(s) + path_penalty_opt(s->w, s->k, s->d, s->lam, s->alpha, s->opt);
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
double path_class_gradient(Solver *s, int c)
{
    int n = s->n;
    double gb = 0;
    if (s->grad_ok)
        return s->gb;
    if (s->fam == FAM_MULTI)
        path_eta_loss(s); /* refreshes lse */
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

double path_gmax(const Solver *s, int j)
{
    double g = 0;
    for (int c = 0; c < s->k; c++)
        g = fmax(g, fabs(s->G[(size_t)c * s->d + j]));
    return g;
}

/* Adds feature j at the next position, and that position to the full
 * sweeps' order (intercept first, then by feature index). */
void path_add_active(Solver *s, int j)
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
double path_kkt_residual(Solver *s, int c, double gb)
{
    double l1 = s->lam * s->alpha, l2 = s->lam * (1.0 - s->alpha), r = fabs(gb);
    const double *g = s->G + (size_t)c * s->d, *wc = s->w + (size_t)c * s->d;
    for (int j = 0; j < s->d; j++) {
        double slope =
            s->pen == PEN_ENET ? l1 : penalty_sparse_slope(s->pen, fabs(wc[j]), l1, s->gamma);
        double e = wc[j] == 0 ? fabs(g[j]) - l1 : fabs(g[j] - copysign(slope, wc[j]) - l2 * wc[j]);
        if (e > 0 && e * e > s->tol && !s->in_active[j])
            path_add_active(s, j);
        r = e > r ? e : r;
    }
    return r;
}
