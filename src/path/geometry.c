/* geometry: loss surface, exact solution and zero count of two-weight
 * models (see geometry.h). */
#include "geometry.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "path.h"
#include "penalty.h"
#include "rng.h"

int geometry_fits(const Model *m)
{
    return m->n_layers == 1 && m->layer[0].in == 2 && m->layer[0].out == 1;
}

/* ---- least squares in moment form ------------------------------------------ */

/* Means and population (co)variances of the two columns and y: the
 * profile least-squares loss is 1/2 (syy - 2 c'w + w'Gw). */
typedef struct {
    double mx[2], my;
    double G[4], c[2], syy;
} Moments;

static void moments_of(const Dataset *ds, Moments *m)
{
    memset(m, 0, sizeof *m);
    int n = ds->n;
    if (n < 1)
        return;
    for (int i = 0; i < n; i++) {
        m->mx[0] += ds->X[2 * i];
        m->mx[1] += ds->X[2 * i + 1];
        m->my += ds->y[i];
    }
    m->mx[0] /= n, m->mx[1] /= n, m->my /= n;
    for (int i = 0; i < n; i++) {
        double a = ds->X[2 * i] - m->mx[0], b = ds->X[2 * i + 1] - m->mx[1], e = ds->y[i] - m->my;
        m->G[0] += a * a, m->G[1] += a * b, m->G[3] += b * b;
        m->c[0] += a * e, m->c[1] += b * e;
        m->syy += e * e;
    }
    m->G[0] /= n, m->G[1] /= n, m->G[3] /= n, m->G[2] = m->G[1];
    m->c[0] /= n, m->c[1] /= n, m->syy /= n;
}

static double moments_loss(const Moments *m, const double w[2])
{
    double quad =
        w[0] * (m->G[0] * w[0] + m->G[1] * w[1]) + w[1] * (m->G[2] * w[0] + m->G[3] * w[1]);
    double v = 0.5 * (m->syy - 2 * (m->c[0] * w[0] + m->c[1] * w[1]) + quad);
    return v > 0 ? v : 0; /* rounding below the exact fit's 0 */
}

static double soft_threshold(double v, double t) { return v > t ? v - t : v < -t ? v + t : 0; }

void geometry_enet2(const double G[4], const double c[2], double lambda, double alpha, double w[2])
{
    double l1 = lambda * alpha, l2 = lambda * (1 - alpha);
    w[0] = w[1] = 0;
    for (int sweep = 0; sweep < 100000; sweep++) {
        double change = 0;
        for (int j = 0; j < 2; j++) {
            int k = 1 - j;
            double denom = G[3 * j] + l2;
            double v = denom > 0 ? soft_threshold(c[j] - G[2 * j + k] * w[k], l1) / denom : 0;
            change = fmax(change, fabs(v - w[j]));
            w[j] = v;
        }
        if (change <= 1e-15 * (1 + fabs(w[0]) + fabs(w[1])))
            break;
    }
}

double geometry_penalty(const GeoPenalty *pen, double lambda, double alpha, const double w[2])
{
    double l1 = lambda * alpha, ridge = lambda * (1 - alpha) / 2 * (w[0] * w[0] + w[1] * w[1]);
    if (pen->kind == PEN_GROUP && pen->one_group)
        return l1 * sqrt(2.0) * hypot(w[0], w[1]) + ridge;
    return penalty_sparse(pen->kind, fabs(w[0]), l1, pen->gamma) +
           penalty_sparse(pen->kind, fabs(w[1]), l1, pen->gamma) + ridge;
}

/* (A + s I)^-1 c for a symmetric 2 x 2 A; 0 when singular. */
static void solve_shifted(const double A[4], double s, const double c[2], double w[2])
{
    double a = A[0] + s, b = A[1], d = A[3] + s, det = a * d - b * b;
    w[0] = det != 0 ? (d * c[0] - b * c[1]) / det : 0;
    w[1] = det != 0 ? (a * c[1] - b * c[0]) / det : 0;
}

void geometry_group2(const double G[4], const double c[2], double lambda, double alpha, double w[2])
{
    double t = lambda * alpha * sqrt(2.0), l2 = lambda * (1 - alpha);
    w[0] = w[1] = 0;
    if (hypot(c[0], c[1]) <= t)
        return; /* the group's KKT condition at 0 */
    double A[4] = {G[0] + l2, G[1], G[2], G[3] + l2}, lo = 0, hi = 1;
    /* ||w(r)|| - r is positive near 0 and falls: bracket its root, then halve */
    for (int k = 0; k < 2000; k++, hi *= 2) {
        solve_shifted(A, t / hi, c, w);
        if (hypot(w[0], w[1]) < hi || !isfinite(hi))
            break;
    }
    for (int k = 0; k < 200; k++) {
        double r = 0.5 * (lo + hi);
        if (r <= lo || r >= hi)
            break; /* the bracket is one rounding step wide */
        solve_shifted(A, t / r, c, w);
        if (hypot(w[0], w[1]) > r)
            lo = r;
        else
            hi = r;
    }
    solve_shifted(A, t / hi, c, w);
}

/* ---- weight-by-weight families: enumeration of the pieces --------------------------- */

#define GEO_OPTIONS 12

/* One way a weight can sit at the minimum: fixed at a value, or free on a
 * piece of sign s where the penalty's derivative in w is s q1 + 2 q2 w. */
typedef struct {
    int free;
    double value;     /* fixed */
    double s, lo, hi; /* free: |w| in [lo, hi] */
    double q1, q2;
} GeoOption;

static int options_of(const GeoPenalty *pen, double l1, GeoOption *o)
{
    double cuts[2];
    int n = 0, n_cuts = 0;
    if (pen->kind == PEN_SCAD)
        cuts[n_cuts++] = l1;
    if (pen->kind == PEN_MCP || pen->kind == PEN_SCAD)
        cuts[n_cuts++] = pen->gamma * l1;
    o[n++] = (GeoOption){0, 0, 0, 0, 0, 0, 0};
    for (int k = 0; k < n_cuts; k++) {
        o[n++] = (GeoOption){0, cuts[k], 0, 0, 0, 0, 0};
        o[n++] = (GeoOption){0, -cuts[k], 0, 0, 0, 0, 0};
    }
    for (int k = 0; k <= n_cuts; k++) { /* the pieces between the cuts */
        double lo = k ? cuts[k - 1] : 0, hi = k < n_cuts ? cuts[k] : INFINITY;
        /* the derivative is linear on the piece: read it at two inner points */
        double a = isfinite(hi) ? lo + 0.25 * (hi - lo) : lo + 1,
               b = isfinite(hi) ? lo + 0.75 * (hi - lo) : lo + 2;
        double da = penalty_sparse_slope(pen->kind, a, l1, pen->gamma),
               db = penalty_sparse_slope(pen->kind, b, l1, pen->gamma);
        double q2 = (db - da) / (2 * (b - a)), q1 = da - 2 * q2 * a;
        o[n++] = (GeoOption){1, 0, 1, lo, hi, q1, q2};
        o[n++] = (GeoOption){1, 0, -1, lo, hi, q1, q2};
    }
    return n;
}

static double separable_objective(const double G[4], const double c[2], const GeoPenalty *pen,
                                  double lambda, double alpha, const double w[2])
{
    double quad = w[0] * (G[0] * w[0] + G[1] * w[1]) + w[1] * (G[2] * w[0] + G[3] * w[1]);
    return 0.5 * quad - c[0] * w[0] - c[1] * w[1] + geometry_penalty(pen, lambda, alpha, w);
}

static int on_piece(const GeoOption *o, double w)
{
    return !o->free || (o->s * w >= o->lo && o->s * w <= o->hi);
}

/* The stationary point of the objective with o[0], o[1] in force (fixed
 * weights substituted, free ones solved). Returns 0 when there is none. */
static int stationary(const double G[4], const double c[2], double l2, const GeoOption *o[2],
                      double w[2])
{
    for (int j = 0; j < 2; j++)
        w[j] = o[j]->free ? 0 : o[j]->value;
    double A[4], r[2];
    for (int j = 0; j < 2; j++) {
        r[j] = c[j] - o[j]->s * o[j]->q1;
        A[3 * j] = G[3 * j] + l2 + 2 * o[j]->q2;
    }
    A[1] = A[2] = G[1];
    if (o[0]->free && o[1]->free) {
        double det = A[0] * A[3] - A[1] * A[1];
        if (det == 0)
            return 0;
        w[0] = (A[3] * r[0] - A[1] * r[1]) / det;
        w[1] = (A[0] * r[1] - A[1] * r[0]) / det;
    } else {
        for (int j = 0; j < 2; j++) {
            if (!o[j]->free)
                continue;
            if (A[3 * j] == 0)
                return 0;
            w[j] = (r[j] - G[1] * w[1 - j]) / A[3 * j];
        }
    }
    return on_piece(o[0], w[0]) && on_piece(o[1], w[1]);
}

void geometry_separable2(const double G[4], const double c[2], const GeoPenalty *pen, double lambda,
                         double alpha, double w[2])
{
    GeoOption opt[GEO_OPTIONS];
    int n = options_of(pen, lambda * alpha, opt);
    double l2 = lambda * (1 - alpha), best = INFINITY;
    w[0] = w[1] = 0;
    for (int i = 0; i < n; i++)
        for (int k = 0; k < n; k++) {
            const GeoOption *o[2] = {&opt[i], &opt[k]};
            double v[2];
            if (!stationary(G, c, l2, o, v))
                continue;
            double f = separable_objective(G, c, pen, lambda, alpha, v);
            if (f < best) {
                best = f;
                w[0] = v[0], w[1] = v[1];
            }
        }
}

/* ---- logistic: the intercept by Newton's method ------------------------------ */

static double log1pexp(double z) { return z > 0 ? z + log1p(exp(-z)) : log1p(exp(z)); }

static double logistic_loss(const Dataset *ds, const double w[2], double b)
{
    double s = 0;
    for (int i = 0; i < ds->n; i++) {
        double z = ds->X[2 * i] * w[0] + ds->X[2 * i + 1] * w[1] + b;
        s += log1pexp(z) - ds->y[i] * z;
    }
    return ds->n ? s / ds->n : 0;
}

/* The best intercept for fixed w from b (the loss is convex in b; steps
 * are capped so a nearly separable direction cannot throw it far). */
static double logistic_best_b(const Dataset *ds, const double w[2], double b)
{
    for (int it = 0; it < 60; it++) {
        double g = 0, h = 0;
        for (int i = 0; i < ds->n; i++) {
            double z = ds->X[2 * i] * w[0] + ds->X[2 * i + 1] * w[1] + b;
            double p = 1 / (1 + exp(-z));
            g += p - ds->y[i];
            h += p * (1 - p);
        }
        double step = h > 1e-300 ? g / h : (g > 0 ? 1 : -1);
        step = fmax(-4, fmin(4, step));
        b -= step;
        if (fabs(step) < 1e-12 * (1 + fabs(b)))
            break;
    }
    return b;
}

double geometry_profile_loss(const Dataset *train, Task task, const double w[2], double *b_out)
{
    if (task == TASK_REGRESS) {
        Moments m;
        moments_of(train, &m);
        if (b_out)
            *b_out = m.my - m.mx[0] * w[0] - m.mx[1] * w[1];
        return moments_loss(&m, w);
    }
    double b = logistic_best_b(train, w, 0);
    if (b_out)
        *b_out = b;
    return logistic_loss(train, w, b);
}

/* ---- landscape and solution --------------------------------------------------- */

/* The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 7.5 times a power of ten that is
 * >= v: axis ends a person can read. */
static double nice_ceil(double v)
{
    static const double steps[] = {1, 1.5, 2, 2.5, 3, 4, 5, 7.5, 10};
    double p = pow(10, floor(log10(v)));
    for (int i = 0; i < 9; i++)
        if (steps[i] * p >= v * (1 - 1e-12))
            return steps[i] * p;
    return 10 * p;
}

/* The least-squares minimum in moment form for any family. */
static void solve_moments(const double G[4], const double c[2], const GeoPenalty *pen,
                          double lambda, double alpha, double w[2])
{
    if (pen->kind == PEN_GROUP && pen->one_group)
        geometry_group2(G, c, lambda, alpha, w);
    else if (pen->kind == PEN_MCP || pen->kind == PEN_SCAD)
        geometry_separable2(G, c, pen, lambda, alpha, w);
    else /* enet, or groups of one */
        geometry_enet2(G, c, lambda, alpha, w);
}

/* Logistic: the path solver at lambda; for MCP and SCAD from lambda_max
 * down a log grid to lambda, each solve warm-started from the last. */
static int solve_logistic(GeoView *g, const Dataset *train, double lambda, double alpha, Err *err)
{
    static const int one_group_cols[2] = {0, 1}, one_group_start[2] = {0, 2};
    PenaltyGroups one = {1, 2, one_group_start, one_group_cols};
    PathOptions opt;
    path_options_default(&opt);
    opt.tol = 1e-18;        /* KKT to ~1e-9: the point must sit on the corner, not near it */
    opt.max_sweeps = 20000; /* lambda 0 on separable data has no minimum: stop somewhere */
    opt.penalty = g->pen.kind;
    opt.gamma = g->pen.gamma;
    opt.groups = g->pen.kind == PEN_GROUP && g->pen.one_group ? &one : NULL;
    enum { WARM = 30 };
    double lambdas[WARM] = {lambda}, lmax = 0;
    int n = 1;
    if ((g->pen.kind == PEN_MCP || g->pen.kind == PEN_SCAD) && lambda > 0 && alpha > 0) {
        if (path_lambda_max_opt(train, TASK_CLASSIFY, 2, alpha, &opt, &lmax, err))
            return -1;
        if (lmax > lambda) {
            n = WARM;
            for (int k = 0; k < n; k++)
                lambdas[k] = lmax * pow(lambda / lmax, (double)k / (n - 1));
        }
    }
    PathResult r;
    if (path_fit(train, TASK_CLASSIFY, 2, alpha, lambdas, n, &opt, &r, err))
        return -1;
    g->sol[0] = r.W[2 * (n - 1)];
    g->sol[1] = r.W[2 * (n - 1) + 1];
    g->sol_b = r.b[n - 1];
    g->sol_loss = r.data_loss[n - 1];
    path_result_free(&r);
    return 0;
}

int geometry_solve(GeoView *g, const Dataset *train, Task task, double lambda, double alpha,
                   const GeoPenalty *pen, Err *err)
{
    g->lambda = lambda;
    g->alpha = alpha;
    g->pen = pen ? *pen : (GeoPenalty){PEN_ENET, 0, 0};
    if (task != TASK_REGRESS)
        return solve_logistic(g, train, lambda, alpha, err);
    Moments m;
    moments_of(train, &m);
    solve_moments(m.G, m.c, &g->pen, lambda, alpha, g->sol);
    g->sol_b = m.my - m.mx[0] * g->sol[0] - m.mx[1] * g->sol[1];
    g->sol_loss = moments_loss(&m, g->sol);
    return 0;
}

static double wanted_range(const GeoView *g)
{
    double m =
        fmax(fmax(fabs(g->anchor[0]), fabs(g->anchor[1])), fmax(fabs(g->sol[0]), fabs(g->sol[1])));
    return nice_ceil(1.5 * fmax(isfinite(m) ? m : 0, 0.1));
}

/* The loss on the grid over [-range, range]^2 (the intercept fitted at
 * each point, warm-started from the neighbour for logistic). */
static void fill_grid(GeoView *g, const Dataset *train, Task task)
{
    Moments m;
    if (task == TASK_REGRESS)
        moments_of(train, &m);
    for (int r = 0; r < GEO_GRID; r++) {
        double b = 0;
        for (int c = 0; c < GEO_GRID; c++) {
            double w[2] = {-g->range + 2 * g->range * c / (GEO_GRID - 1),
                           -g->range + 2 * g->range * r / (GEO_GRID - 1)};
            double v;
            if (task == TASK_REGRESS) {
                v = moments_loss(&m, w);
            } else {
                b = logistic_best_b(train, w, b);
                v = logistic_loss(train, w, b);
            }
            g->loss[r * GEO_GRID + c] = v;
        }
    }
}

int geometry_landscape(GeoView *g, const Dataset *train, Task task, Err *err)
{
    if (train->d != 2 || (task == TASK_CLASSIFY && train->n_classes != 2))
        return err_set(err, ERR_INPUT, "the geometry view needs two features and one output");
    GeoView ref = *g, anchor = *g;
    int logistic = task != TASK_REGRESS;
    if (geometry_solve(&ref, train, task, 0, 0, NULL, err) ||
        (logistic && geometry_solve(&anchor, train, task, 1e-2, 0, NULL, err)))
        return -1;
    if (!logistic)
        anchor = ref;
    g->ref[0] = ref.sol[0], g->ref[1] = ref.sol[1];
    g->anchor[0] = anchor.sol[0], g->anchor[1] = anchor.sol[1];
    g->loss_min = ref.sol_loss;
    g->range = wanted_range(g);
    fill_grid(g, train, task);
    g->ok = 1;
    return 0;
}

int geometry_reframe(GeoView *g, const Dataset *train, Task task)
{
    double want = wanted_range(g);
    if (want == g->range)
        return 0;
    g->range = want;
    fill_grid(g, train, task);
    return 1;
}

/* ---- how often an exact zero ------------------------------------------------------ */

/* The standardized moments of one random corr problem (the trainer
 * standardizes the features, not y). */
static int random_problem(const GeoShape *sh, double direction, uint64_t seed, Moments *m, Err *err)
{
    Dataset ds;
    if (data_generate_corr(sh->n, sh->noise, sh->corr, direction, seed, &ds, err))
        return -1;
    moments_of(&ds, m);
    dataset_free(&ds);
    double s0 = sqrt(m->G[0]), s1 = sqrt(m->G[3]);
    if (!(s0 > 0 && s1 > 0))
        return 0;
    m->G[1] = m->G[2] = m->G[1] / (s0 * s1);
    m->G[0] = m->G[3] = 1;
    m->c[0] /= s0;
    m->c[1] /= s1;
    return 0;
}

int geometry_zero_rates(const GeoShape *shape, double lambda, double alpha, const GeoPenalty *pen,
                        int trials, uint64_t seed, GeoZeroRates *out, Err *err)
{
    static const GeoPenalty enet = {PEN_ENET, 0, 0};
    memset(out, 0, sizeof *out);
    out->pen[out->n_alpha] = enet, out->alpha[out->n_alpha++] = 1;
    if (pen && pen->kind != PEN_ENET && alpha > 0) /* the view's own family */
        out->pen[out->n_alpha] = *pen, out->alpha[out->n_alpha++] = alpha;
    else if (alpha > 0 && alpha < 1)
        out->pen[out->n_alpha] = enet, out->alpha[out->n_alpha++] = alpha;
    out->pen[out->n_alpha] = enet, out->alpha[out->n_alpha++] = 0;
    if (trials < 1 || shape->n < 2)
        return 0;
    Rng r;
    rng_seed(&r, seed ^ 0x2e705ULL);
    int zeros[GEO_ALPHAS] = {0}, zeros_any[GEO_ALPHAS] = {0};
    for (int t = 0; t < trials; t++) {
        Moments fixed, any;
        uint64_t s = seed + 7919ULL * (uint64_t)(t + 1);
        if (random_problem(shape, shape->direction, s, &fixed, err) ||
            random_problem(shape, rng_range(&r, 0, 360), s + 1, &any, err))
            return -1;
        for (int a = 0; a < out->n_alpha; a++) {
            double w[2];
            solve_moments(fixed.G, fixed.c, &out->pen[a], lambda, out->alpha[a], w);
            zeros[a] += w[0] == 0 || w[1] == 0;
            solve_moments(any.G, any.c, &out->pen[a], lambda, out->alpha[a], w);
            zeros_any[a] += w[0] == 0 || w[1] == 0;
        }
    }
    out->trials = trials;
    for (int a = 0; a < out->n_alpha; a++) {
        out->zero_frac[a] = (double)zeros[a] / trials;
        out->zero_frac_any[a] = (double)zeros_any[a] / trials;
    }
    return 0;
}
