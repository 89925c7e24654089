/* penalty_family: the group lasso, MCP and SCAD beside the elastic net
 * (penalty.h): the one-weight rules the trainer's proximal step and the path
 * solver's coordinate descent share, and the penalty of a whole model. */
#include "penalty.h"

#include <math.h>
#include <string.h>

static const char *const kind_names[] = {"enet", "group", "mcp", "scad"};

const char *penalty_kind_name(PenaltyKind k) { return kind_names[k]; }

int penalty_kind_parse(const char *s, PenaltyKind *k)
{
    for (int i = 0; i < 4; i++)
        if (strcmp(s, kind_names[i]) == 0) {
            *k = (PenaltyKind)i;
            return 0;
        }
    return -1;
}

double penalty_default_gamma(PenaltyKind k) { return k == PEN_MCP ? 3.0 : k == PEN_SCAD ? 3.7 : 0; }

double penalty_gamma(PenaltyKind k, double g) { return g > 0 ? g : penalty_default_gamma(k); }

double penalty_sparse(PenaltyKind k, double a, double l1, double g)
{
    if (k == PEN_MCP)
        return a <= g * l1 ? l1 * a - a * a / (2 * g) : 0.5 * g * l1 * l1;
    if (k == PEN_SCAD) {
        if (a <= l1)
            return l1 * a;
        if (a <= g * l1)
            return (2 * g * l1 * a - a * a - l1 * l1) / (2 * (g - 1));
        return 0.5 * l1 * l1 * (g + 1);
    }
    return l1 * a;
}

double penalty_sparse_slope(PenaltyKind k, double a, double l1, double g)
{
    if (k == PEN_MCP)
        return a <= g * l1 ? l1 - a / g : 0;
    if (k == PEN_SCAD)
        return a <= l1 ? l1 : a <= g * l1 ? (g * l1 - a) / (g - 1) : 0;
    return l1;
}

/* One candidate w >= 0 of the minimization on |u|'s side: kept when it lies
 * in [lo, hi] and lowers c/2 w^2 - |u| w + sparse(w). */
static void try_candidate(PenaltyKind k, double w, double lo, double hi, double au, double c,
                          double l1, double g, double *best, double *fbest)
{
    if (!(w >= lo && w <= hi))
        return;
    double f = 0.5 * c * w * w - au * w + penalty_sparse(k, w, l1, g);
    if (f < *fbest) {
        *fbest = f;
        *best = w;
    }
}

double penalty_coord_min(PenaltyKind k, double u, double c, double l1, double g)
{
    double au = fabs(u);
    if (l1 <= 0)
        return u / c;
    if (k == PEN_ENET || k == PEN_GROUP)
        return au <= l1 ? 0.0 : copysign((au - l1) / c, u);
    /* the minimizer has u's sign; on each piece the objective is a
     * quadratic, its stationary point and the pieces' ends are the
     * candidates (w = 0 included) */
    double best = 0, fbest = 0;
    if (k == PEN_MCP) {
        double inner = c - 1 / g; /* curvature on [0, gamma l1] */
        if (inner > 0)
            try_candidate(k, (au - l1) / inner, 0, g * l1, au, c, l1, g, &best, &fbest);
        try_candidate(k, g * l1, 0, g * l1, au, c, l1, g, &best, &fbest);
        try_candidate(k, au / c, g * l1, INFINITY, au, c, l1, g, &best, &fbest);
    } else {
        double mid = c - 1 / (g - 1); /* curvature on [l1, gamma l1] */
        try_candidate(k, (au - l1) / c, 0, l1, au, c, l1, g, &best, &fbest);
        if (mid > 0)
            try_candidate(k, (au - g * l1 / (g - 1)) / mid, l1, g * l1, au, c, l1, g, &best,
                          &fbest);
        try_candidate(k, l1, 0, l1, au, c, l1, g, &best, &fbest);
        try_candidate(k, g * l1, l1, g * l1, au, c, l1, g, &best, &fbest);
        try_candidate(k, au / c, g * l1, INFINITY, au, c, l1, g, &best, &fbest);
    }
    return best > 0 ? copysign(best, u) : 0.0;
}

/* ---- the penalty of a model -------------------------------------------- */

/* sum over the groups of row w (n entries) of sqrt(p_g) ||w_g|| */
static double row_group_norms(const double *w, int n, const PenaltyGroups *gr)
{
    double s = 0;
    if (!gr || gr->n_cols != n) {
        for (int j = 0; j < n; j++)
            s += fabs(w[j]);
        return s;
    }
    for (int g = 0; g < gr->n_groups; g++) {
        double q = 0;
        for (int t = gr->start[g]; t < gr->start[g + 1]; t++)
            q += w[gr->cols[t]] * w[gr->cols[t]];
        s += sqrt((double)(gr->start[g + 1] - gr->start[g])) * sqrt(q);
    }
    return s;
}

static double group_sparse(const Model *m, const PenaltyGroups *gr)
{
    double s = 0;
    for (int l = 0; l < m->n_layers; l++) {
        const LayerShape *S = &m->layer[l];
        const double *w = m->params + S->w_off;
        int unit_rows = l < m->n_layers - 1; /* a hidden unit's incoming weights */
        for (int r = 0; r < S->out; r++) {
            const double *row = w + (size_t)r * S->in;
            if (unit_rows) {
                double q = 0;
                for (int j = 0; j < S->in; j++)
                    q += row[j] * row[j];
                s += sqrt((double)S->in) * sqrt(q);
            } else {
                s += row_group_norms(row, S->in, m->n_layers == 1 ? gr : NULL);
            }
        }
    }
    return s;
}

double penalty_value_family(const Model *m, const PenaltyFamily *f, double lambda, double alpha)
{
    if (f->kind == PEN_ENET)
        return penalty_value(m, lambda, alpha);
    double l1 = lambda * alpha, g = penalty_gamma(f->kind, f->gamma), sp = 0, l2 = 0;
    for (int l = 0; l < m->n_layers; l++) {
        const LayerShape *S = &m->layer[l];
        const double *w = m->params + S->w_off;
        for (size_t i = 0; i < (size_t)S->in * S->out; i++) {
            l2 += w[i] * w[i];
            if (f->kind != PEN_GROUP)
                sp += penalty_sparse(f->kind, fabs(w[i]), l1, g);
        }
    }
    if (f->kind == PEN_GROUP)
        sp = l1 * group_sparse(m, f->groups);
    return sp + 0.5 * lambda * (1.0 - alpha) * l2;
}

/* w_g *= max(0, 1 - t / ||w_g||) over the listed entries (stride 1 when
 * idx is NULL): group soft-thresholding, the proximal map of t ||w_g||. */
static void group_shrink(double *w, const int *idx, int n, double t)
{
    double q = 0;
    for (int j = 0; j < n; j++) {
        double v = w[idx ? idx[j] : j];
        q += v * v;
    }
    double norm = sqrt(q), keep = norm > t ? 1.0 - t / norm : 0.0;
    for (int j = 0; j < n; j++)
        w[idx ? idx[j] : j] = keep > 0 ? keep * w[idx ? idx[j] : j] : 0.0;
}

static void group_prox(const Model *m, const PenaltyGroups *gr, double thresh)
{
    for (int l = 0; l < m->n_layers; l++) {
        const LayerShape *S = &m->layer[l];
        double *w = m->params + S->w_off;
        int unit_rows = l < m->n_layers - 1;
        const PenaltyGroups *g = m->n_layers == 1 && gr && gr->n_cols == S->in ? gr : NULL;
        for (int r = 0; r < S->out; r++) {
            double *row = w + (size_t)r * S->in;
            if (unit_rows)
                group_shrink(row, NULL, S->in, thresh * sqrt((double)S->in));
            else if (!g)
                for (int j = 0; j < S->in; j++)
                    group_shrink(row + j, NULL, 1, thresh);
            else
                for (int q = 0; q < g->n_groups; q++) {
                    int p = g->start[q + 1] - g->start[q];
                    group_shrink(row, g->cols + g->start[q], p, thresh * sqrt((double)p));
                }
        }
    }
}

void penalty_prox_family(const Model *m, const PenaltyFamily *f, double lr, double lambda,
                         double alpha, L1Method method)
{
    double l1 = lambda * alpha;
    if (f->kind == PEN_ENET) {
        penalty_prox(m, lr, lambda, alpha, method);
        return;
    }
    if (l1 == 0.0)
        return;
    if (f->kind == PEN_GROUP) {
        group_prox(m, f->groups, lr * l1);
        return;
    }
    double g = penalty_gamma(f->kind, f->gamma);
    for (int l = 0; l < m->n_layers; l++) {
        const LayerShape *S = &m->layer[l];
        double *w = m->params + S->w_off;
        for (size_t i = 0; i < (size_t)S->in * S->out; i++)
            w[i] = penalty_coord_min(f->kind, w[i] / lr, 1.0 / lr, l1, g);
    }
}
