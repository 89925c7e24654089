/* The geometry view: the corr data, the profile loss, the exact 2-D
 * solution (KKT), the solution point against the trained weights (trainer
 * and live thread), the zero count, and the drawn plane. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "canvas.h"
#include "config.h"
#include "setup.h"
#include "geometry.h"
#include "live.h"
#include "rng.h"
#include "widgets.h"

/* ---- data ------------------------------------------------------------------ */

static void corr_data_has_the_asked_correlation_and_direction(void **state)
{
    (void)state;
    Err err = {0};
    Dataset ds;
    assert_int_equal(data_generate_corr(20000, 0, -0.6, 30, 3, &ds, &err), 0);
    assert_int_equal(ds.task, TASK_REGRESS);
    assert_int_equal(ds.d, 2);
    double sa = 0, sb = 0, sab = 0, saa = 0, sbb = 0;
    for (int i = 0; i < ds.n; i++) {
        double a = ds.X[2 * i], b = ds.X[2 * i + 1];
        sa += a, sb += b, sab += a * b, saa += a * a, sbb += b * b;
    }
    double n = ds.n, cov = sab / n - sa * sb / n / n;
    double rho = cov / sqrt((saa / n - sa * sa / n / n) * (sbb / n - sb * sb / n / n));
    assert_true(fabs(rho + 0.6) < 0.02);
    /* noise 0: y is exactly cos(30) x1 + sin(30) x2 */
    for (int i = 0; i < 10; i++)
        assert_true(fabs(ds.y[i] - (cos(M_PI / 6) * ds.X[2 * i] + 0.5 * ds.X[2 * i + 1])) < 1e-12);
    dataset_free(&ds);
    assert_int_equal(data_generate_corr(100, 10, 1.0, 0, 3, &ds, &err), -1);
    assert_non_null(strstr(err.msg, "--corr"));
}

static void corr_flags_are_checked_and_reach_the_data(void **state)
{
    (void)state;
    Config c;
    config_defaults(&c);
    char *argv[] = {"regscope", "--data", "corr", "--corr", "0.8", "--direction", "45", NULL};
    Err err = {0};
    assert_int_equal(config_parse(&c, 7, argv, &err), 0);
    assert_true(c.corr == 0.8 && c.direction == 45);
    char line[2048];
    config_command_line(&c, line, sizeof line);
    assert_non_null(strstr(line, "--corr 0.8 --direction 45"));
    Config bad;
    config_defaults(&bad);
    char *argv2[] = {"regscope", "--corr", "1.5", NULL};
    assert_int_not_equal(config_parse(&bad, 3, argv2, &err), 0);
    assert_non_null(strstr(err.msg, "--corr"));
}

/* ---- profile loss and the 2-D solver ----------------------------------------- */

static Dataset make_data(const char *name, int n, uint64_t seed)
{
    Dataset ds;
    Err err = {0};
    assert_int_equal(data_generate(name, n, 20, seed, &ds, &err), 0);
    return ds;
}

static double rss_loss(const Dataset *ds, const double w[2], double b)
{
    double s = 0;
    for (int i = 0; i < ds->n; i++) {
        double e = ds->y[i] - b - ds->X[2 * i] * w[0] - ds->X[2 * i + 1] * w[1];
        s += e * e;
    }
    return s / (2.0 * ds->n);
}

static double log_loss(const Dataset *ds, const double w[2], double b)
{
    double s = 0;
    for (int i = 0; i < ds->n; i++) {
        double z = b + ds->X[2 * i] * w[0] + ds->X[2 * i + 1] * w[1];
        s += (z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))) - ds->y[i] * z;
    }
    return s / ds->n;
}

static void profile_loss_is_the_loss_at_the_best_intercept(void **state)
{
    (void)state;
    Dataset reg = make_data("corr", 300, 5), cls = make_data("gauss", 300, 5);
    double ws[3][2] = {{0.3, -0.2}, {1.1, 0.4}, {-0.5, 0.9}};
    for (int k = 0; k < 3; k++) {
        double b;
        double v = geometry_profile_loss(&reg, TASK_REGRESS, ws[k], &b);
        assert_true(fabs(v - rss_loss(&reg, ws[k], b)) < 1e-12);
        assert_true(v <= rss_loss(&reg, ws[k], b + 1e-3) && v <= rss_loss(&reg, ws[k], b - 1e-3));
        v = geometry_profile_loss(&cls, TASK_CLASSIFY, ws[k], &b);
        assert_true(fabs(v - log_loss(&cls, ws[k], b)) < 1e-12);
        assert_true(v <= log_loss(&cls, ws[k], b + 1e-4) && v <= log_loss(&cls, ws[k], b - 1e-4));
    }
    dataset_free(&reg);
    dataset_free(&cls);
}

/* KKT of 1/2 w'Gw - c'w + lambda (alpha |w|_1 + (1-alpha)/2 |w|^2). */
static void enet2_satisfies_kkt_with_exact_zeros(void **state)
{
    (void)state;
    Rng r;
    rng_seed(&r, 11);
    int zeros = 0;
    for (int t = 0; t < 500; t++) {
        double rho = rng_range(&r, -0.95, 0.95);
        double G[4] = {1, rho, rho, 1}, c[2] = {rng_range(&r, -2, 2), rng_range(&r, -2, 2)};
        double lambda = rng_range(&r, 0, 1.5), alpha = t % 3 == 0 ? 1 : rng_range(&r, 0, 1);
        double w[2];
        geometry_enet2(G, c, lambda, alpha, w);
        for (int j = 0; j < 2; j++) {
            double grad =
                G[2 * j] * w[0] + G[2 * j + 1] * w[1] - c[j] + lambda * (1 - alpha) * w[j];
            if (w[j] != 0)
                assert_true(fabs(grad + lambda * alpha * (w[j] > 0 ? 1 : -1)) < 1e-10);
            else
                assert_true(fabs(grad) <= lambda * alpha + 1e-12);
            zeros += w[j] == 0;
        }
    }
    assert_true(zeros > 50); /* the lasso's corners were hit, exactly */
}

/* ---- the solution point is the trained weights -------------------------------- */

static void train_to_convergence(const char *argv_tail[], int n_tail, double w[2], Problem *p,
                                 Config *cfg)
{
    config_defaults(cfg);
    char *argv[16] = {"regscope"};
    for (int i = 0; i < n_tail; i++)
        argv[1 + i] = (char *)argv_tail[i];
    Err err = {0};
    assert_int_equal(config_parse(cfg, 1 + n_tail, argv, &err), 0);
    assert_int_equal(config_build_problem(cfg, p, &err), 0);
    TrainerConfig tc;
    config_trainer(cfg, p, &tc);
    Trainer *t = trainer_new(p, &tc, &err);
    assert_non_null(t);
    for (int e = 0; e < cfg->epochs; e++)
        trainer_epoch(t);
    const Model *m = trainer_model(t);
    assert_true(geometry_fits(m));
    w[0] = m->params[m->layer[0].w_off];
    w[1] = m->params[m->layer[0].w_off + 1];
    trainer_free(t);
}

static void solution_point_equals_trained_weights_least_squares(void **state)
{
    (void)state;
    const char *args[] = {"--data", "corr",    "--model", "linear",   "--lambda",
                          "0.3",    "--alpha", "1",       "--epochs", "3000"};
    Config cfg;
    Problem p;
    double w[2];
    train_to_convergence(args, 10, w, &p, &cfg);
    GeoView *g = calloc(1, sizeof *g);
    Err err = {0};
    assert_int_equal(geometry_landscape(g, &p.train, p.task, &err), 0);
    assert_int_equal(geometry_solve(g, &p.train, p.task, 0.3, 1, NULL, &err), 0);
    assert_true(fabs(g->sol[0] - w[0]) < 1e-9);
    assert_true(g->sol[1] == 0 && w[1] == 0); /* the corner: both exactly 0 */
    /* the plane shows the solution and the minimum with room around them */
    assert_true(g->range >= 1.5 * fabs(g->ref[0]) && g->range > fabs(g->sol[0]));
    assert_true(g->loss_min <= g->sol_loss);
    problem_free(&p);
    free(g);
}

static void solution_point_equals_trained_weights_logistic(void **state)
{
    (void)state;
    const char *args[] = {"--data",  "gauss", "--model", "linear", "--lambda", "0.05",
                          "--alpha", "0.5",   "--lr",    "1",      "--epochs", "4000"};
    Config cfg;
    Problem p;
    double w[2];
    train_to_convergence(args, 12, w, &p, &cfg);
    GeoView *g = calloc(1, sizeof *g);
    Err err = {0};
    assert_int_equal(geometry_solve(g, &p.train, p.task, 0.05, 0.5, NULL, &err), 0);
    assert_true(fabs(g->sol[0] - w[0]) < 1e-6 && fabs(g->sol[1] - w[1]) < 1e-6);
    problem_free(&p);
    free(g);
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Through the training thread, as the TUI sees it: the snapshot's solution
 * is where the live weights end up, and a lambda change moves it. */
static void live_snapshot_solution_is_where_training_lands(void **state)
{
    (void)state;
    Config c;
    config_defaults(&c);
    strcpy(c.data, "corr");
    c.n_hidden = 0;
    config_apply_model_defaults(&c);
    c.hyper.lambda = 0.3;
    Err err = {0};
    Live *lv = live_start(&c, 1, &err);
    assert_non_null(lv);
    for (int round = 0; round < 2; round++) {
        double want = round ? 0.03 : 0.3;
        LiveControl *ctl = live_control_lock(lv);
        ctl->geometry = 1;
        ctl->cfg.hyper.lambda = want;
        ctl->step_epochs = 3000;
        live_control_unlock(lv);
        int done = 0;
        for (int i = 0; i < 1000 && !done; i++) {
            const LiveSnapshot *s = live_snapshot_lock(lv);
            if (s->geo.ok && s->epoch >= 3000L * (round + 1) && s->geo.lambda == want) {
                const double *w = s->model.params + s->model.layer[0].w_off;
                assert_true(fabs(s->geo.sol[0] - w[0]) < 1e-9 && fabs(s->geo.sol[1] - w[1]) < 1e-9);
                assert_true(round == 1 || (s->geo.sol[1] == 0 && w[1] == 0));
                assert_true(round == 0 || s->geo.sol[1] != 0);
                assert_true(s->geo.has_rates && s->geo.rates.trials > 0);
                /* the trajectory: the history's last point is the weights now */
                assert_true(s->n_hist > 1 && s->hist_w1[s->n_hist - 1] == w[0]);
                done = 1;
            }
            live_snapshot_unlock(lv);
            if (!done)
                sleep_ms(10);
        }
        assert_true(done);
    }
    live_stop(lv);
}

/* ---- how often an exact zero ---------------------------------------------------- */

static void zero_count_l1_often_l2_never(void **state)
{
    (void)state;
    GeoShape sh = {160, 10, 0.5, 10};
    GeoZeroRates z;
    Err err = {0};
    assert_int_equal(geometry_zero_rates(&sh, 0.3, 0.5, NULL, 100, 1, &z, &err), 0);
    assert_int_equal(z.trials, 100);
    assert_int_equal(z.n_alpha, 3);
    assert_true(z.alpha[0] == 1 && z.alpha[1] == 0.5 && z.alpha[2] == 0);
    assert_true(z.zero_frac[0] > 0.5);                           /* the lasso lands on the axis */
    assert_true(z.zero_frac[1] <= z.zero_frac[0]);               /* the elastic net less often */
    assert_true(z.zero_frac[2] == 0 && z.zero_frac_any[2] == 0); /* ridge: never */
    assert_true(z.zero_frac_any[0] > 0 && z.zero_frac_any[0] < 1);
    /* the true direction on the diagonal, no correlation: the corner loses */
    GeoShape diag = {160, 10, 0, 45};
    assert_int_equal(geometry_zero_rates(&diag, 0.3, 1, NULL, 100, 1, &z, &err), 0);
    assert_int_equal(z.n_alpha, 2);
    assert_true(z.zero_frac[0] < 0.05);
    /* no penalty, no zeros */
    assert_int_equal(geometry_zero_rates(&sh, 0, 1, NULL, 50, 1, &z, &err), 0);
    assert_true(z.zero_frac[0] == 0 && z.zero_frac_any[0] == 0);
}

/* ---- the drawn plane ------------------------------------------------------------ */

static double quad_grid[GEO_GRID * GEO_GRID];

/* A quadratic bowl centred on (0.8, 0.2), range 2, solution on the w1 axis. */
/* The elastic net at the bowl's lambda and alpha, as the screen gives it. */
static double bowl_alpha;
static double bowl_penalty(const void *ctx, double w1, double w2)
{
    (void)ctx;
    GeoPenalty pen = {PEN_ENET, 0, 0};
    double w[2] = {w1, w2};
    return geometry_penalty(&pen, 0.3, bowl_alpha, w);
}

static GeometryView bowl_view(double alpha, double sol0, double sol1)
{
    double range = 2;
    for (int r = 0; r < GEO_GRID; r++)
        for (int c = 0; c < GEO_GRID; c++) {
            double w1 = -range + 2 * range * c / (GEO_GRID - 1) - 0.8;
            double w2 = -range + 2 * range * r / (GEO_GRID - 1) - 0.2;
            quad_grid[r * GEO_GRID + c] = 0.5 * (w1 * w1 + w1 * w2 + w2 * w2);
        }
    double a = sol0 - 0.8, b = sol1 - 0.2;
    bowl_alpha = alpha;
    GeometryView v = {.loss = quad_grid,
                      .n = GEO_GRID,
                      .range = range,
                      .sol_loss = 0.5 * (a * a + a * b + b * b),
                      .sol = {sol0, sol1},
                      .ref = {0.8, 0.2},
                      .w = {sol0, sol1},
                      .lambda = 0.3,
                      .alpha = alpha,
                      .penalty = bowl_penalty,
                      .shape = alpha >= 1   ? "L1 diamond"
                               : alpha <= 0 ? "L2 circle"
                                            : "elastic-net shape",
                      .round = alpha <= 0};
    return v;
}

/* The cell left of column xmax where a glyph is, or -1, -1. */
static void find_glyph(const Canvas *c, uint32_t cp, int xmax, int *x, int *y)
{
    *x = *y = -1;
    for (int j = 0; j < c->rows; j++)
        for (int i = 0; i < xmax; i++)
            if (canvas_cell(c, i, j)->cp == cp) {
                *x = i, *y = j;
                return;
            }
}

static void plane_marks_the_weights_where_they_are(void **state)
{
    (void)state;
    GeometryView v = bowl_view(1, 0.5, 0);
    Canvas *c = canvas_new(100, 30, CANVAS_UTF8, 1);
    widget_geometry_draw(c, rect_make(0, 0, 100, 30), &v);
    int x, y;
    /* the weights have arrived: the solution's ◆ is drawn over them. The
     * plane is 30 rows tall and 60 cells wide: w1 = 0.5 of [-2, 2] is dot
     * 75 of 120, cell 37; w2 = 0 is dot 60 of 120, row 15 */
    find_glyph(c, 0x25c6, 60, &x, &y);
    assert_int_equal(x, 37);
    assert_int_equal(y, 15);
    char *t = canvas_to_text(c);
    assert_non_null(strstr(t, "L1 diamond"));
    assert_non_null(strstr(t, "on a corner: w2 is exactly 0"));
    assert_non_null(strstr(t, "w2 0 exactly"));
    free(t);
    /* the diamond's corner (0.5, 0) on the w1 axis: a penalty-coloured dot
     * in the cells just left of the marker, on its row */
    int pen = 0;
    for (int i = x - 3; i < x; i++)
        pen +=
            canvas_cell(c, i, y)->fg == COL_PENALTY || canvas_cell(c, i, y - 1)->fg == COL_PENALTY;
    assert_true(pen > 0);
    /* weights elsewhere, (-1, 1): dots 30 and 30, cell 15, row 7 */
    v.w[0] = -1, v.w[1] = 1;
    canvas_clear(c);
    widget_geometry_draw(c, rect_make(0, 0, 100, 30), &v);
    int wx, wy;
    find_glyph(c, 0x25cf, 60, &wx, &wy);
    assert_int_equal(wx, 15);
    assert_int_equal(wy, 7);
    canvas_free(c);
}

static void plane_in_ascii_tells_shapes_by_glyph(void **state)
{
    (void)state;
    GeometryView v = bowl_view(0, 0.45, 0.1);
    Canvas *c = canvas_new(100, 30, CANVAS_ASCII, 0);
    widget_geometry_draw(c, rect_make(0, 0, 100, 30), &v);
    char *t = canvas_to_text(c);
    for (const char *p = t; *p; p++)
        assert_true((unsigned char)*p < 128);
    assert_non_null(strstr(t, "L2 circle"));
    assert_non_null(strstr(t, "a circle has no corners"));
    assert_non_null(strchr(t, '#')); /* the circle */
    assert_non_null(strchr(t, '@')); /* the weights */
    assert_non_null(strchr(t, ':')); /* the contour through the solution */
    free(t);
    /* a model without two weights gets a message, not a plane */
    GeometryView none = {0};
    none.note = "the geometry view needs exactly two weights";
    canvas_clear(c);
    widget_geometry_draw(c, rect_make(0, 0, 100, 30), &none);
    t = canvas_to_text(c);
    assert_non_null(strstr(t, "needs exactly two weights"));
    free(t);
    canvas_free(c);
}

/* Switching a scene to two weights for the geometry view drops what would
 * keep the weights off the exact solution, and names every change. */
static void two_weight_scene_names_what_it_changes(void **state)
{
    (void)state;
    Config c;
    config_defaults(&c);
    c.n_hidden = 2;
    c.hyper.optimizer = OPT_MOMENTUM;
    c.hyper.input_keep = 0.8;
    c.hyper.augment_noise = 0.1;
    c.hyper.lambda = 0;
    char what[160];
    config_two_weight_scene(&c, what, sizeof what);
    assert_string_equal(c.data, "corr");
    assert_int_equal(c.n_hidden, 0);
    assert_int_equal(c.hyper.optimizer, OPT_SGD);
    assert_true(c.hyper.input_keep == 1 && c.hyper.augment_noise == 0 && c.hyper.lambda == 0.3);
    for (const char *w = "lambda 0.3\0sgd\0in-keep 1\0jitter 0\0"; *w; w += strlen(w) + 1)
        if (!strstr(what, w))
            fail_msg("'%s' does not name %s", what, w);
    c.hyper.lambda = 0.01; /* nothing to change: nothing named */
    config_two_weight_scene(&c, what, sizeof what);
    assert_null(strstr(what, "sgd"));
    assert_true(c.hyper.lambda == 0.01);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(corr_data_has_the_asked_correlation_and_direction),
        cmocka_unit_test(two_weight_scene_names_what_it_changes),
        cmocka_unit_test(corr_flags_are_checked_and_reach_the_data),
        cmocka_unit_test(profile_loss_is_the_loss_at_the_best_intercept),
        cmocka_unit_test(enet2_satisfies_kkt_with_exact_zeros),
        cmocka_unit_test(solution_point_equals_trained_weights_least_squares),
        cmocka_unit_test(solution_point_equals_trained_weights_logistic),
        cmocka_unit_test(live_snapshot_solution_is_where_training_lands),
        cmocka_unit_test(zero_count_l1_often_l2_never),
        cmocka_unit_test(plane_marks_the_weights_where_they_are),
        cmocka_unit_test(plane_in_ascii_tells_shapes_by_glyph),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
