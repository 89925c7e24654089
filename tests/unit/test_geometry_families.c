/* The geometry view's penalty families: the exact 2-D solutions of MCP,
 * SCAD and the group lasso against their closed forms on an orthonormal
 * design, the non-convex solutions against a grid of the whole plane (the
 * global minimum, not a local one), the group's KKT conditions, the level
 * sets' values, the logistic solution against its own coordinates, and the
 * plane drawn with MCP's flat-sided star. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "canvas.h"
#include "config.h"
#include "geometry.h"
#include "setup.h"
#include "test_assert.h"
#include "widgets.h"

static double soft(double z, double t) { return z > t ? z - t : z < -t ? z + t : 0; }

/* Breheny and Huang (2011): one standardized coordinate's solution at z =
 * x'y/n with l1 = lambda alpha and l2 = lambda (1 - alpha). */
static double mcp_rule(double z, double l1, double l2, double g)
{
    if (fabs(z) <= g * l1 * (1 + l2))
        return soft(z, l1) / (1 + l2 - 1 / g);
    return z / (1 + l2);
}
static double scad_rule(double z, double l1, double l2, double g)
{
    if (fabs(z) <= l1 * (2 + l2))
        return soft(z, l1) / (1 + l2);
    if (fabs(z) <= g * l1 * (1 + l2))
        return soft(z, g * l1 / (g - 1)) / (1 + l2 - 1 / (g - 1));
    return z / (1 + l2);
}

static double objective(const double G[4], const double c[2], const GeoPenalty *pen, double lambda,
                        double alpha, const double w[2])
{
    double quad = w[0] * (G[0] * w[0] + G[1] * w[1]) + w[1] * (G[2] * w[0] + G[3] * w[1]);
    return 0.5 * quad - c[0] * w[0] - c[1] * w[1] + geometry_penalty(pen, lambda, alpha, w);
}

static const double zs[] = {0.05, -0.3, 0.55, -0.8, 1.1, -1.45, 1.9, -2.6, 4.0};
#define NZ (sizeof zs / sizeof zs[0])

static void orthonormal_solutions_are_the_thresholding_rules(void **state)
{
    (void)state;
    const double I[4] = {1, 0, 0, 1};
    for (int k = 0; k < 2; k++) {
        GeoPenalty pen = {k ? PEN_SCAD : PEN_MCP, k ? 3.7 : 3, 0};
        for (double alpha = 1; alpha >= 0.5; alpha -= 0.4)
            for (size_t i = 0; i < NZ; i++) {
                double lambda = 0.4, l1 = lambda * alpha, l2 = lambda * (1 - alpha);
                double c[2] = {zs[i], zs[(i + 3) % NZ]}, w[2];
                geometry_separable2(I, c, &pen, lambda, alpha, w);
                for (int j = 0; j < 2; j++) {
                    double want =
                        k ? scad_rule(c[j], l1, l2, pen.gamma) : mcp_rule(c[j], l1, l2, pen.gamma);
                    assert_near(w[j], want, 1e-12);
                    if (want == 0)
                        assert_true(w[j] == 0); /* exact zeros */
                }
            }
    }
    /* the group of two: group soft-thresholding of the pair */
    for (size_t i = 0; i < NZ; i++) {
        double lambda = 0.5, alpha = 0.8, t = lambda * alpha * sqrt(2.0);
        double c[2] = {zs[i], zs[(i + 5) % NZ]}, w[2];
        geometry_group2(I, c, lambda, alpha, w);
        double r = hypot(c[0], c[1]), shrink = r > t ? (1 - t / r) / (1 + lambda * (1 - alpha)) : 0;
        assert_near(w[0], c[0] * shrink, 1e-12);
        assert_near(w[1], c[1] * shrink, 1e-12);
        if (shrink == 0)
            assert_true(w[0] == 0 && w[1] == 0);
    }
}

/* Coordinate descent from a start: each weight minimized exactly in turn
 * (the path solver's step), to a fixed point. A local solver. */
static void coordinate_descent(const double G[4], const double c[2], const GeoPenalty *pen,
                               double lambda, double alpha, double w[2])
{
    double l1 = lambda * alpha, l2 = lambda * (1 - alpha);
    for (int sweep = 0; sweep < 10000; sweep++)
        for (int j = 0; j < 2; j++)
            w[j] =
                penalty_coord_min(pen->kind, c[j] - G[1] * w[1 - j], G[3 * j] + l2, l1, pen->gamma);
}

static void nonconvex_solution_is_the_global_minimum(void **state)
{
    (void)state;
    const double rhos[] = {0.8, -0.6, 0.95};
    int beats_local = 0;
    for (int k = 0; k < 2; k++)
        for (size_t ri = 0; ri < 3; ri++) {
            double G[4] = {1, rhos[ri], rhos[ri], 1};
            for (size_t i = 0; i < NZ; i++) {
                GeoPenalty pen = {k ? PEN_SCAD : PEN_MCP, k ? 2.5 : 1.5, 0};
                double lambda = 0.6, alpha = 0.9, c[2] = {zs[i], zs[(i + 2) % NZ]}, w[2];
                geometry_separable2(G, c, &pen, lambda, alpha, w);
                double f = objective(G, c, &pen, lambda, alpha, w);
                /* no point of a fine grid over the plane is lower */
                for (int a = 0; a <= 400; a++)
                    for (int b = 0; b <= 400; b++) {
                        double v[2] = {-5 + 10.0 * a / 400, -5 + 10.0 * b / 400};
                        if (objective(G, c, &pen, lambda, alpha, v) < f - 1e-12)
                            fail_msg("rho %g c (%g, %g): (%g, %g) below the solution (%g, %g)",
                                     rhos[ri], c[0], c[1], v[0], v[1], w[0], w[1]);
                    }
                /* each weight is its own coordinate's exact minimizer */
                for (int j = 0; j < 2; j++)
                    assert_near(w[j],
                                penalty_coord_min(pen.kind, c[j] - G[1] * w[1 - j],
                                                  1 + lambda * (1 - alpha), lambda * alpha,
                                                  pen.gamma),
                                1e-12);
                /* a local solver from 0 can stop higher, never lower */
                double local[2] = {0, 0};
                coordinate_descent(G, c, &pen, lambda, alpha, local);
                double fl = objective(G, c, &pen, lambda, alpha, local);
                assert_true(f <= fl + 1e-14);
                beats_local += f < fl - 1e-6;
            }
        }
    assert_true(beats_local > 0); /* the cases include ones with two minima */
}

static void group2_meets_its_kkt_conditions(void **state)
{
    (void)state;
    const double G[4] = {1, 0.7, 0.7, 1};
    for (size_t i = 0; i < NZ; i++)
        for (double lambda = 0.1; lambda < 3; lambda *= 3) {
            double alpha = 0.7, t = lambda * alpha * sqrt(2.0), l2 = lambda * (1 - alpha);
            double c[2] = {zs[i], zs[(i + 4) % NZ]}, w[2];
            geometry_group2(G, c, lambda, alpha, w);
            double r = hypot(w[0], w[1]);
            if (r == 0) { /* zero as a whole: the gradient at 0 is within the ball */
                assert_true(w[0] == 0 && w[1] == 0);
                assert_true(hypot(c[0], c[1]) <= t);
                continue;
            }
            assert_true(w[0] != 0 && w[1] != 0); /* both in: never one alone */
            for (int j = 0; j < 2; j++) {
                double grad =
                    G[2 * j] * w[0] + G[2 * j + 1] * w[1] - c[j] + l2 * w[j] + t * w[j] / r;
                assert_near(grad, 0, 1e-12);
            }
        }
}

static void level_sets_have_their_closed_form_values(void **state)
{
    (void)state;
    double lambda = 0.5, l1 = 0.5;
    GeoPenalty mcp = {PEN_MCP, 3, 0}, scad = {PEN_SCAD, 3.7, 0}, grp = {PEN_GROUP, 0, 1};
    /* past gamma l1 the penalty is flat: the same value all along */
    for (double a = 1.5; a < 4; a += 0.5) {
        double w[2] = {a, 0}, both[2] = {a, -a};
        assert_near(geometry_penalty(&mcp, lambda, 1, w), 0.5 * 3 * l1 * l1, 1e-15);
        assert_near(geometry_penalty(&mcp, lambda, 1, both), 3 * l1 * l1, 1e-15);
    }
    double w[2] = {0.3, 0}, w2[2] = {1.2, 0}, far[2] = {2, 0};
    assert_near(geometry_penalty(&scad, lambda, 1, w), l1 * 0.3, 1e-15);
    assert_near(geometry_penalty(&scad, lambda, 1, w2),
                (2 * 3.7 * l1 * 1.2 - 1.44 - l1 * l1) / (2 * 2.7), 1e-15);
    assert_near(geometry_penalty(&scad, lambda, 1, far), l1 * l1 * 4.7 / 2, 1e-15);
    /* one group: constant on circles, sqrt(2) l1 r */
    for (double th = 0; th < 6.3; th += 0.7) {
        double p[2] = {1.5 * cos(th), 1.5 * sin(th)};
        assert_near(geometry_penalty(&grp, lambda, 1, p), sqrt(2.0) * l1 * 1.5, 1e-14);
    }
    /* and the ridge part on top, in every family */
    double p[2] = {0.2, -0.1};
    GeoPenalty enet = {PEN_ENET, 0, 0};
    assert_near(geometry_penalty(&enet, lambda, 0.4, p), lambda * (0.4 * 0.3 + 0.3 * (0.04 + 0.01)),
                1e-15);
}

/* Logistic regression on two features: the view's MCP solution (the path
 * solver) lowers the profile objective against every move of one weight. */
static void logistic_mcp_solution_is_coordinatewise_minimal(void **state)
{
    (void)state;
    Config cfg;
    config_defaults(&cfg);
    char *argv[] = {"regscope", "--data", "gauss", "--model", "linear", NULL};
    Err err = {0};
    assert_int_equal(config_parse(&cfg, 5, argv, &err), 0);
    Problem p;
    assert_int_equal(config_build_problem(&cfg, &p, &err), 0);
    GeoView *g = calloc(1, sizeof *g);
    GeoPenalty pen = {PEN_MCP, 3, 0};
    double lambda = 0.05, alpha = 1;
    assert_int_equal(geometry_solve(g, &p.train, p.task, lambda, alpha, &pen, &err), 0);
    double f = geometry_profile_loss(&p.train, p.task, g->sol, NULL) +
               geometry_penalty(&pen, lambda, alpha, g->sol);
    assert_near(f, g->sol_loss + geometry_penalty(&pen, lambda, alpha, g->sol), 1e-9);
    for (int j = 0; j < 2; j++)
        for (double t = -0.5; t <= 0.5; t += 0.01) {
            double v[2] = {g->sol[0], g->sol[1]};
            v[j] += t;
            double fv = geometry_profile_loss(&p.train, p.task, v, NULL) +
                        geometry_penalty(&pen, lambda, alpha, v);
            if (fv < f - 1e-9)
                fail_msg("w%d %+g: %.12g below %.12g", j + 1, t, fv, f);
        }
    problem_free(&p);
    free(g);
}

/* The zero count's middle row is the view's family: MCP's count is its own
 * solutions' (some exact zero), the group of two never zeroes one weight
 * alone; the elastic net keeps its alpha row. */
static void zero_count_rows_follow_the_family(void **state)
{
    (void)state;
    GeoShape shape = {200, 30, 0.5, 10};
    GeoZeroRates r;
    Err err = {0};
    GeoPenalty mcp = {PEN_MCP, 3, 0}, grp = {PEN_GROUP, 0, 1}, enet = {PEN_ENET, 0, 0};
    assert_int_equal(geometry_zero_rates(&shape, 0.3, 1, &mcp, 40, 7, &r, &err), 0);
    assert_int_equal(r.n_alpha, 3);
    assert_int_equal(r.pen[0].kind, PEN_ENET);
    assert_true(r.alpha[0] == 1 && r.alpha[2] == 0);
    assert_int_equal(r.pen[1].kind, PEN_MCP);
    assert_true(r.zero_frac[1] > 0 && r.zero_frac[2] == 0);
    assert_int_equal(geometry_zero_rates(&shape, 0.05, 1, &grp, 40, 7, &r, &err), 0);
    assert_int_equal(r.pen[1].kind, PEN_GROUP);
    assert_true(r.zero_frac[1] == 0 && r.zero_frac_any[1] == 0);
    assert_int_equal(geometry_zero_rates(&shape, 0.3, 0.5, &enet, 40, 7, &r, &err), 0);
    assert_int_equal(r.n_alpha, 3);
    assert_true(r.pen[1].kind == PEN_ENET && r.alpha[1] == 0.5);
    assert_int_equal(geometry_zero_rates(&shape, 0.3, 1, NULL, 40, 7, &r, &err), 0);
    assert_int_equal(r.n_alpha, 2); /* L1 and L2 only */
}

/* ---- the plane ------------------------------------------------------------------ */

static double bowl[GEO_GRID * GEO_GRID];
static const GeoPenalty plane_mcp = {PEN_MCP, 3, 0};
static double plane_penalty(const void *ctx, double w1, double w2)
{
    double w[2] = {w1, w2};
    return geometry_penalty(ctx, 0.5, 1, w);
}

/* The largest |w2| of the level set's cells ('#') in the column of w1 on
 * a plane of 60 x 30 cells over [-4, 4]^2. */
static double set_height_at(const Canvas *cv, double w1)
{
    int x = (int)floor((w1 + 4) / 8 * 60);
    double h = -1;
    for (int y = 0; y < 30; y++)
        if (canvas_cell(cv, x, y)->cp == '#')
            h = fmax(h, fabs(4 - 8 * (y + 0.5) / 30));
    return h;
}

static void plane_draws_the_mcp_star_and_says_no_pull(void **state)
{
    (void)state;
    /* a round bowl at (2.5, 0.1): MCP with gamma l1 = 1.5 keeps w1 whole
     * and puts w2 at 0 */
    double range = 4, G[4] = {1, 0, 0, 1}, c[2] = {2.5, 0.1}, sol[2];
    for (int r = 0; r < GEO_GRID; r++)
        for (int k = 0; k < GEO_GRID; k++) {
            double a = -range + 2 * range * k / (GEO_GRID - 1) - c[0];
            double b = -range + 2 * range * r / (GEO_GRID - 1) - c[1];
            bowl[r * GEO_GRID + k] = 0.5 * (a * a + b * b);
        }
    geometry_separable2(G, c, &plane_mcp, 0.5, 1, sol);
    assert_true(sol[0] == 2.5 && sol[1] == 0);
    GeometryView v = {.loss = bowl,
                      .n = GEO_GRID,
                      .range = range,
                      .sol_loss = 0.5 * 0.01,
                      .sol = {sol[0], sol[1]},
                      .ref = {c[0], c[1]},
                      .w = {sol[0], sol[1]},
                      .lambda = 0.5,
                      .alpha = 1,
                      .penalty = plane_penalty,
                      .penalty_ctx = &plane_mcp,
                      .shape = "MCP shape, gamma 3",
                      .flat = 1.5};
    Canvas *cv = canvas_new(100, 30, CANVAS_ASCII, 0);
    widget_geometry_draw(cv, rect_make(0, 0, 100, 30), &v);
    char *t = canvas_to_text(cv);
    assert_non_null(strstr(t, "MCP shape, gamma 3 (alpha 1)"));
    assert_non_null(strstr(t, "on a corner: w2 = 0, no pull on w1"));
    /* the level set through (2.5, 0): the star with its tips on the axes
     * at +-1.5, its sides bowed in. Halfway to a tip the star is at
     * p(|w2|) = p(1.5) - p(0.75), |w2| = 0.2; the L1 diamond through the
     * same tips at |w2| = 0.75. */
    double star = set_height_at(cv, 0.75), star_left = set_height_at(cv, -0.75);
    static const GeoPenalty diamond = {PEN_ENET, 0, 0};
    v.penalty_ctx = &diamond;
    v.sol[0] = v.w[0] = 1.5; /* the diamond through the star's tips */
    canvas_clear(cv);
    widget_geometry_draw(cv, rect_make(0, 0, 100, 30), &v);
    double lasso = set_height_at(cv, 0.75);
    if (!(star >= 0 && star < 0.45 && star_left >= 0 && star_left < 0.45 && lasso > 0.55 &&
          lasso < 1))
        fail_msg("halfway to the tip: the star at |w2| %g and %g, the diamond at %g", star,
                 star_left, lasso);
    /* beyond its tips the set is the axis itself (the penalty is flat
     * there, the solution on it): '#' all along the axis row, nowhere else */
    v.penalty_ctx = &plane_mcp;
    v.sol[0] = v.w[0] = 2.5;
    canvas_clear(cv);
    widget_geometry_draw(cv, rect_make(0, 0, 100, 30), &v);
    for (int x = 0; x < 60; x++) {
        double w1 = -range + 2 * range * (x + 0.5) / 60;
        if (fabs(w1) < 1.5 + 2 * range / 60)
            continue;
        for (int y = 0; y < 30; y++) {
            uint32_t cp = canvas_cell(cv, x, y)->cp;
            if (y != 15 && cp == '#')
                fail_msg("'#' off the axis beyond the tips at column %d row %d", x, y);
            if (y == 15 && cp != '#' && cp != 'X' && cp != '@')
                fail_msg("the ray along the axis missing at column %d ('%c')", x, (int)cp);
        }
    }
    free(t);
    canvas_free(cv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(orthonormal_solutions_are_the_thresholding_rules),
        cmocka_unit_test(nonconvex_solution_is_the_global_minimum),
        cmocka_unit_test(group2_meets_its_kkt_conditions),
        cmocka_unit_test(level_sets_have_their_closed_form_values),
        cmocka_unit_test(logistic_mcp_solution_is_coordinatewise_minimal),
        cmocka_unit_test(zero_count_rows_follow_the_family),
        cmocka_unit_test(plane_draws_the_mcp_star_and_says_no_pull),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
