/* Unit tests of the penalty families beyond the elastic net (penalty.h:
 * group, mcp, scad), in the trainer's proximal step and on the path.
 *
 * Exactness: with an orthonormal design (X'X/n = I, columns orthogonal to
 * the intercept's column of ones, built here by a QR decomposition) every
 * family's solution is its thresholding rule applied to the least-squares
 * weights z = X'y/n, written here from the closed forms (ncvreg's and
 * grpreg's): soft, firm (MCP), SCAD's three pieces, group soft. Checked to
 * 1e-8 on the path and after full-batch proximal gradient training.
 * Optimality elsewhere: the group lasso's KKT conditions at every path
 * lambda, and MCP/SCAD's weights each a minimizer of the objective along its
 * own coordinate, checked on a grid. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "path.h"
#include "model.h"
#include "penalty.h"
#include "problem.h"
#include "rng.h"
#include "test_assert.h"
#include "trainer.h"

#define N 64
#define D 6

/* Groups {x1 x2 x3} {x4 x5} {x6}. */
static const int G_START[] = {0, 3, 5, 6};
static const int G_COLS[] = {0, 1, 2, 3, 4, 5};
static const PenaltyGroups GROUPS = {3, D, G_START, G_COLS};

/* ---- references ---------------------------------------------------------- */

static double soft(double z, double t) { return fabs(z) > t ? copysign(fabs(z) - t, z) : 0; }

/* The orthonormal solution of one weight with least-squares weight z. */
static double rule(PenaltyKind k, double z, double l1, double l2, double g)
{
    double a = fabs(z), s = z > 0 ? 1 : -1;
    if (a <= l1)
        return 0;
    if (k == PEN_MCP)
        return a <= g * l1 * (1 + l2) ? s * (a - l1) / (1 + l2 - 1 / g) : z / (1 + l2);
    if (k == PEN_SCAD) {
        if (a <= l1 * (1 + l2) + l1)
            return s * (a - l1) / (1 + l2);
        if (a <= g * l1 * (1 + l2))
            return s * (a - g * l1 / (g - 1)) / (1 - 1 / (g - 1) + l2);
        return z / (1 + l2);
    }
    return soft(z, l1) / (1 + l2);
}

/* The orthonormal solution of every weight (group: group soft-thresholding). */
static void rule_all(PenaltyKind k, const double *z, double lam, double alpha, double g, double *w)
{
    double l1 = lam * alpha, l2 = lam * (1 - alpha);
    if (k != PEN_GROUP) {
        for (int j = 0; j < D; j++)
            w[j] = rule(k, z[j], l1, l2, g);
        return;
    }
    for (int q = 0; q < GROUPS.n_groups; q++) {
        double nz = 0, p = G_START[q + 1] - G_START[q];
        for (int t = G_START[q]; t < G_START[q + 1]; t++)
            nz += z[G_COLS[t]] * z[G_COLS[t]];
        nz = sqrt(nz);
        double keep = nz > l1 * sqrt(p) ? (1 - l1 * sqrt(p) / nz) / (1 + l2) : 0;
        for (int t = G_START[q]; t < G_START[q + 1]; t++)
            w[G_COLS[t]] = keep * z[G_COLS[t]];
    }
}

/* ---- an orthonormal design ------------------------------------------------ */

/* X (N x D): sqrt(N) times columns 2.. of Q, A = QR by modified Gram-Schmidt
 * twice (accurate to rounding) with A's first column all ones; y = X beta +
 * noise + 3. z gets X'y/N, the least-squares weights. */
static void orthonormal(Dataset *ds, double *z, int classify)
{
    Err err = {0};
    assert_int_equal(dataset_alloc(ds, N, D, &err), 0);
    static double Q[D + 1][N];
    Rng r;
    rng_seed(&r, 7);
    for (int c = 0; c <= D; c++)
        for (int i = 0; i < N; i++)
            Q[c][i] = c == 0 ? 1.0 : rng_normal(&r);
    for (int c = 0; c <= D; c++)
        for (int pass = 0; pass < 2; pass++) {
            for (int b = 0; b < c; b++) {
                double dot = 0;
                for (int i = 0; i < N; i++)
                    dot += Q[b][i] * Q[c][i];
                for (int i = 0; i < N; i++)
                    Q[c][i] -= dot * Q[b][i];
            }
            double nn = 0;
            for (int i = 0; i < N; i++)
                nn += Q[c][i] * Q[c][i];
            for (int i = 0; i < N; i++)
                Q[c][i] /= sqrt(nn);
        }
    static const double beta[D] = {3.0, -2.0, 1.2, 0.6, -0.3, 0.05};
    for (int i = 0; i < N; i++) {
        double y = 3.0 + 0.3 * rng_normal(&r);
        for (int j = 0; j < D; j++) {
            ds->X[(size_t)i * D + j] = sqrt((double)N) * Q[j + 1][i];
            y += beta[j] * ds->X[(size_t)i * D + j];
        }
        ds->y[i] = classify ? (y > 3.0) : y;
    }
    ds->task = classify ? TASK_CLASSIFY : TASK_REGRESS;
    ds->n_classes = classify ? 2 : 0;
    for (int j = 0; z && j < D; j++) {
        double s = 0;
        for (int i = 0; i < N; i++)
            s += ds->X[(size_t)i * D + j] * ds->y[i];
        z[j] = s / N;
    }
}

static const PenaltyKind FAMILIES[] = {PEN_ENET, PEN_GROUP, PEN_MCP, PEN_SCAD};

/* ---- tests --------------------------------------------------------------- */

/* The design the tests build is what they claim: X'X/N = I, columns centred. */
static void orthonormal_design_is_orthonormal(void **state)
{
    (void)state;
    Dataset ds;
    orthonormal(&ds, NULL, 0);
    for (int a = 0; a < D; a++) {
        double m = 0;
        for (int i = 0; i < N; i++)
            m += ds.X[(size_t)i * D + a];
        assert_near(m / N, 0, 1e-13);
        for (int b = 0; b < D; b++) {
            double s = 0;
            for (int i = 0; i < N; i++)
                s += ds.X[(size_t)i * D + a] * ds.X[(size_t)i * D + b];
            assert_near(s / N, a == b, 1e-13);
        }
    }
    dataset_free(&ds);
}

/* On the path, at every lambda, alpha 1 and 0.7, gamma default and 1.5/2.5:
 * the thresholding rule of the least-squares weights. */
static void path_solutions_are_the_thresholding_rules_on_an_orthonormal_design(void **state)
{
    (void)state;
    Dataset ds;
    double z[D], ybar = 0;
    orthonormal(&ds, z, 0);
    for (int i = 0; i < N; i++)
        ybar += ds.y[i] / N;
    const double alphas[] = {1.0, 0.7};
    for (int f = 0; f < 4; f++)
        for (int a = 0; a < 2; a++)
            for (int gi = 0; gi < 2; gi++) {
                PathOptions opt;
                path_options_default(&opt);
                opt.penalty = FAMILIES[f];
                opt.gamma = gi == 0 ? 0 : FAMILIES[f] == PEN_SCAD ? 2.5 : 1.5;
                opt.groups = &GROUPS;
                double lam[30], w[D];
                Err err = {0};
                assert_int_equal(path_lambda_grid_opt(&ds, TASK_REGRESS, 0, alphas[a], 30, 1e-3,
                                                      &opt, lam, &err),
                                 0);
                PathResult pr;
                assert_int_equal(
                    path_fit(&ds, TASK_REGRESS, 0, alphas[a], lam, 30, &opt, &pr, &err), 0);
                double g = penalty_gamma(opt.penalty, opt.gamma);
                int nonzero_first = 0;
                for (int l = 0; l < 30; l++) {
                    rule_all(FAMILIES[f], z, lam[l], alphas[a], g, w);
                    for (int j = 0; j < D; j++)
                        assert_near(pr.W[(size_t)l * D + j], w[j], 1e-8);
                    assert_near(pr.b[l], ybar, 1e-10); /* columns centred: b = mean y */
                    for (int j = 0; j < D && l == 0; j++)
                        nonzero_first += pr.W[j] != 0;
                }
                assert_int_equal(nonzero_first, 0); /* lambda_max: every weight 0 */
                path_result_free(&pr);
            }
    dataset_free(&ds);
}

/* Full-batch proximal gradient (sgd, lr 0.5) converges to the same rules. */
static void trained_solutions_are_the_thresholding_rules_on_an_orthonormal_design(void **state)
{
    (void)state;
    Dataset raw;
    double z[D], w[D];
    orthonormal(&raw, z, 0);
    Err err = {0};
    Problem p;
    assert_int_equal(problem_build(&p, &raw, "", 0.0, 0, 1, &err), 0);
    const double lams[] = {0.1, 0.5, 1.0, 2.5};
    for (int f = 0; f < 4; f++)
        for (int li = 0; li < 4; li++) {
            TrainerConfig tc = {0};
            tc.hyper = (Hyper){.lambda = lams[li],
                               .alpha = 0.8,
                               .keep = 1,
                               .input_keep = 1,
                               .lr = 0.5,
                               .l1_method = L1_PROX,
                               .optimizer = OPT_SGD,
                               .batch = 0,
                               .penalty = FAMILIES[f]};
            tc.seed = 1;
            tc.groups = GROUPS;
            Trainer *t = trainer_new(&p, &tc, &err);
            assert_non_null(t);
            for (int e = 0; e < 400; e++)
                trainer_epoch(t);
            double params[D + 1];
            trainer_get_params(t, params);
            rule_all(FAMILIES[f], z, lams[li], 0.8, penalty_gamma(FAMILIES[f], 0), w);
            for (int j = 0; j < D; j++)
                assert_near(params[j], w[j], 1e-8);
            trainer_free(t);
        }
    problem_free(&p);
    dataset_free(&raw);
}

/* A correlated design: x_j = u + 0.7 e_j, so no group is orthonormal. */
static void correlated(Dataset *ds, int classify)
{
    Err err = {0};
    int n = 80;
    assert_int_equal(dataset_alloc(ds, n, D, &err), 0);
    Rng r;
    rng_seed(&r, 11);
    static const double beta[D] = {1.5, -1.0, 0.5, 0.8, 0.0, -0.4};
    for (int i = 0; i < n; i++) {
        double u = rng_normal(&r), y = 0.5 + 0.5 * rng_normal(&r);
        for (int j = 0; j < D; j++) {
            double x = u + 0.7 * rng_normal(&r);
            ds->X[(size_t)i * D + j] = x;
            y += beta[j] * x;
        }
        ds->y[i] = classify ? (y > 0.5) : y;
    }
    ds->task = classify ? TASK_CLASSIFY : TASK_REGRESS;
    ds->n_classes = classify ? 2 : 0;
}

/* minus the data-loss gradient X'(y - mu)/n and its intercept part */
static double neg_gradient(const Dataset *ds, int classify, const double *w, double b, double *g)
{
    double gb = 0;
    memset(g, 0, sizeof(double) * D);
    for (int i = 0; i < ds->n; i++) {
        double e = b;
        for (int j = 0; j < D; j++)
            e += w[j] * ds->X[(size_t)i * D + j];
        double mu = classify ? 1 / (1 + exp(-e)) : e, res = (ds->y[i] - mu) / ds->n;
        gb += res;
        for (int j = 0; j < D; j++)
            g[j] += res * ds->X[(size_t)i * D + j];
    }
    return gb;
}

/* The group lasso's KKT conditions at every lambda of the path, least
 * squares and logistic: a zero group's gradient norm within lambda alpha
 * sqrt(p_g); a nonzero group's gradient equal to the penalty's. */
static void group_lasso_meets_its_kkt_conditions_at_every_lambda(void **state)
{
    (void)state;
    for (int classify = 0; classify < 2; classify++) {
        Dataset ds;
        correlated(&ds, classify);
        PathOptions opt;
        path_options_default(&opt);
        opt.penalty = PEN_GROUP;
        opt.groups = &GROUPS;
        double lam[25], g[D], alpha = 0.9;
        Err err = {0};
        Task task = classify ? TASK_CLASSIFY : TASK_REGRESS;
        int nc = classify ? 2 : 0;
        assert_int_equal(path_lambda_grid_opt(&ds, task, nc, alpha, 25, 1e-2, &opt, lam, &err), 0);
        PathResult pr;
        assert_int_equal(path_fit(&ds, task, nc, alpha, lam, 25, &opt, &pr, &err), 0);
        /* the solver's tolerance (path.h): sqrt(1e-12 * scale), scale the
         * variance of y for least squares, 1 for classification */
        double m = 0, v = 0;
        for (int i = 0; i < ds.n; i++)
            m += ds.y[i] / ds.n;
        for (int i = 0; i < ds.n; i++)
            v += (ds.y[i] - m) * (ds.y[i] - m) / ds.n;
        double tol = 1e-6 * (classify ? 1 : sqrt(v));
        int zero_groups = 0, live_groups = 0;
        for (int l = 0; l < 25; l++) {
            const double *w = pr.W + (size_t)l * D;
            assert_near(neg_gradient(&ds, classify, w, pr.b[l], g), 0, tol);
            for (int q = 0; q < GROUPS.n_groups; q++) {
                double p = G_START[q + 1] - G_START[q], wn = 0, gn = 0, e = 0;
                double l1 = lam[l] * alpha * sqrt(p), l2 = lam[l] * (1 - alpha);
                for (int t = G_START[q]; t < G_START[q + 1]; t++) {
                    wn += w[G_COLS[t]] * w[G_COLS[t]];
                    gn += g[G_COLS[t]] * g[G_COLS[t]];
                }
                wn = sqrt(wn), gn = sqrt(gn);
                if (wn == 0) {
                    assert_true(gn <= l1 + tol);
                    zero_groups++;
                    continue;
                }
                live_groups++;
                for (int t = G_START[q]; t < G_START[q + 1]; t++) {
                    int j = G_COLS[t];
                    e = fmax(e, fabs(g[j] - l1 * w[j] / wn - l2 * w[j]));
                }
                assert_near(e, 0, tol);
            }
        }
        assert_true(zero_groups > 0 && live_groups > 0); /* both conditions were checked */
        path_result_free(&pr);
        dataset_free(&ds);
    }
}

/* objective of the least-squares problem with an MCP/SCAD penalty */
static double objective(const Dataset *ds, PenaltyKind k, double g, const double *w, double b,
                        double lam, double alpha)
{
    double sum = 0, pen = 0;
    for (int i = 0; i < ds->n; i++) {
        double e = b;
        for (int j = 0; j < D; j++)
            e += w[j] * ds->X[(size_t)i * D + j];
        sum += 0.5 * (ds->y[i] - e) * (ds->y[i] - e);
    }
    for (int j = 0; j < D; j++) {
        double a = fabs(w[j]), l1 = lam * alpha, p;
        if (k == PEN_MCP)
            p = a <= g * l1 ? l1 * a - a * a / (2 * g) : g * l1 * l1 / 2;
        else
            p = a <= l1       ? l1 * a
                : a <= g * l1 ? (2 * g * l1 * a - a * a - l1 * l1) / (2 * (g - 1))
                              : l1 * l1 * (g + 1) / 2;
        pen += p + 0.5 * lam * (1 - alpha) * w[j] * w[j];
    }
    return sum / ds->n + pen;
}

/* Each MCP/SCAD weight on the path minimizes the objective along its own
 * coordinate: no point of a grid around it (steps down to 1e-4) is lower. */
static void mcp_and_scad_weights_minimize_along_each_coordinate(void **state)
{
    (void)state;
    Dataset ds;
    correlated(&ds, 0);
    for (int f = 2; f < 4; f++) {
        PathOptions opt;
        path_options_default(&opt);
        opt.penalty = FAMILIES[f];
        double lam[20], alpha = 1.0, gam = penalty_gamma(opt.penalty, 0);
        Err err = {0};
        assert_int_equal(
            path_lambda_grid_opt(&ds, TASK_REGRESS, 0, alpha, 20, 1e-2, &opt, lam, &err), 0);
        PathResult pr;
        assert_int_equal(path_fit(&ds, TASK_REGRESS, 0, alpha, lam, 20, &opt, &pr, &err), 0);
        for (int l = 0; l < 20; l++) {
            double w[D];
            memcpy(w, pr.W + (size_t)l * D, sizeof w);
            double f0 = objective(&ds, opt.penalty, gam, w, pr.b[l], lam[l], alpha);
            for (int j = 0; j < D; j++)
                for (int s = -400; s <= 400; s++) {
                    if (s == 0)
                        continue;
                    double step = (abs(s) <= 100 ? 1e-4 : 1e-2) * s, keep = w[j];
                    w[j] = keep + step;
                    double f1 = objective(&ds, opt.penalty, gam, w, pr.b[l], lam[l], alpha);
                    w[j] = keep;
                    if (!(f1 >= f0 - 1e-12))
                        fail_msg("lambda %d weight %d: f(w + %g) = %.17g < f(w) = %.17g", l, j,
                                 step, f1, f0);
                }
        }
        path_result_free(&pr);
    }
    dataset_free(&ds);
}

/* penalty_coord_min is the minimizer: a fine grid finds nothing lower, also
 * where the coordinate's objective is not convex (c below the concavity). */
static void coordinate_step_is_the_exact_minimizer(void **state)
{
    (void)state;
    const double us[] = {-5, -2.2, -1.1, -0.3, 0, 0.4, 0.95, 1.3, 2.0, 3.5, 7};
    const double cs[] = {0.2, 0.5, 1.0, 1.7};
    for (int f = 0; f < 4; f++)
        for (size_t a = 0; a < sizeof us / sizeof us[0]; a++)
            for (size_t b = 0; b < sizeof cs / sizeof cs[0]; b++) {
                PenaltyKind k = FAMILIES[f];
                double l1 = 0.9, g = penalty_gamma(k, 0), u = us[a], c = cs[b];
                double w = penalty_coord_min(k, u, c, l1, g);
                double fw = 0.5 * c * w * w - u * w + penalty_sparse(k, fabs(w), l1, g);
                for (int s = -40000; s <= 40000; s++) {
                    double v = s * 1e-3;
                    double fv = 0.5 * c * v * v - u * v + penalty_sparse(k, fabs(v), l1, g);
                    if (!(fv >= fw - 1e-12))
                        fail_msg("%s u %g c %g: f(%g) = %.17g < f(%g) = %.17g",
                                 penalty_kind_name(k), u, c, v, fv, w, fw);
                }
            }
}

/* For a net, group soft-thresholding acts on each hidden unit's incoming
 * weights (a row of W, scaled by sqrt(in)): a unit whose row is short
 * switches off whole; the output layer's weights are groups of one. The
 * value agrees: l1 * (sum of sqrt(in) * row norms + |output weights|). */
static void a_nets_groups_are_its_hidden_units(void **state)
{
    (void)state;
    Model m;
    Err err = {0};
    int hidden[1] = {2};
    assert_int_equal(model_init(&m, 3, hidden, 1, 1, ACT_TANH, HEAD_SIGMOID, &err), 0);
    /* unit 0's row has norm 3, unit 1's 0.3; output weights 0.9 and -0.2 */
    const double W0[6] = {2, -2, 1, 0.18, 0.0, -0.24}, W1[2] = {0.9, -0.2};
    memcpy(m.params + m.layer[0].w_off, W0, sizeof W0);
    memcpy(m.params + m.layer[1].w_off, W1, sizeof W1);
    PenaltyFamily f = {PEN_GROUP, 0, NULL};
    double lam = 1.0, alpha = 0.5, lr = 0.4, t = lr * lam * alpha; /* threshold 0.2 */
    double v = penalty_value_family(&m, &f, lam, alpha);
    double want = lam * alpha * (sqrt(3.0) * (3 + 0.3) + 0.9 + 0.2) +
                  0.5 * lam * (1 - alpha) * (4 + 4 + 1 + 0.09 + 0.81 + 0.04);
    assert_near(v, want, 1e-14);
    penalty_prox_family(&m, &f, lr, lam, alpha, L1_PROX);
    const double *w0 = m.params + m.layer[0].w_off, *w1 = m.params + m.layer[1].w_off;
    double keep0 = 1 - t * sqrt(3.0) / 3; /* unit 1: 0.3 < t sqrt(3) = 0.35: off */
    for (int j = 0; j < 3; j++) {
        assert_near(w0[j], keep0 * W0[j], 1e-15);
        assert_true(w0[3 + j] == 0.0);
    }
    assert_near(w1[0], 0.9 - t, 1e-15);
    assert_true(w1[1] == 0.0); /* |-0.2| <= t */
    model_free(&m);
}

/* The sparse parts' values at their pieces' ends, as their formulas. */
static void sparse_parts_are_zhang_and_fan_li(void **state)
{
    (void)state;
    assert_near(penalty_sparse(PEN_MCP, 0.5, 1.0, 3.0), 0.5 - 0.25 / 6, 1e-15);
    assert_near(penalty_sparse(PEN_MCP, 5.0, 1.0, 3.0), 1.5, 1e-15);
    assert_near(penalty_sparse(PEN_SCAD, 0.5, 1.0, 3.7), 0.5, 1e-15);
    assert_near(penalty_sparse(PEN_SCAD, 2.0, 1.0, 3.7), (2 * 3.7 * 2 - 4 - 1) / (2 * 2.7), 1e-15);
    assert_near(penalty_sparse(PEN_SCAD, 9.0, 1.0, 3.7), 4.7 / 2, 1e-15);
    /* continuous at the ends */
    assert_near(penalty_sparse(PEN_SCAD, 3.7, 1.0, 3.7), 4.7 / 2, 1e-14);
    assert_near(penalty_sparse(PEN_MCP, 3.0, 1.0, 3.0), 1.5, 1e-15);
    assert_near(penalty_default_gamma(PEN_MCP), 3.0, 0);
    assert_near(penalty_default_gamma(PEN_SCAD), 3.7, 0);
}

/* Names round-trip; gamma is refused at or below its family's end. */
static void names_round_trip_and_gamma_is_checked(void **state)
{
    (void)state;
    for (int f = 0; f < 4; f++) {
        PenaltyKind k;
        assert_int_equal(penalty_kind_parse(penalty_kind_name(FAMILIES[f]), &k), 0);
        assert_int_equal(k, FAMILIES[f]);
    }
    PenaltyKind k;
    assert_int_equal(penalty_kind_parse("lasso", &k), -1);
    Hyper h = {.lambda = 0.1, .alpha = 1, .keep = 1, .input_keep = 1, .lr = 0.1};
    Err err = {0};
    h.penalty = PEN_MCP, h.gamma = 1.0;
    assert_int_equal(hyper_check(&h, &err), -1);
    assert_non_null(strstr(err.msg, "--gamma"));
    h.gamma = 1.01;
    assert_int_equal(hyper_check(&h, &err), 0);
    h.penalty = PEN_SCAD, h.gamma = 2.0;
    assert_int_equal(hyper_check(&h, &err), -1);
    h.gamma = 0; /* the default */
    assert_int_equal(hyper_check(&h, &err), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(orthonormal_design_is_orthonormal),
        cmocka_unit_test(path_solutions_are_the_thresholding_rules_on_an_orthonormal_design),
        cmocka_unit_test(trained_solutions_are_the_thresholding_rules_on_an_orthonormal_design),
        cmocka_unit_test(group_lasso_meets_its_kkt_conditions_at_every_lambda),
        cmocka_unit_test(mcp_and_scad_weights_minimize_along_each_coordinate),
        cmocka_unit_test(coordinate_step_is_the_exact_minimizer),
        cmocka_unit_test(a_nets_groups_are_its_hidden_units),
        cmocka_unit_test(sparse_parts_are_zhang_and_fan_li),
        cmocka_unit_test(names_round_trip_and_gamma_is_checked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
