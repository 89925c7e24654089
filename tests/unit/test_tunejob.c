/* Unit tests of tunejob (the tuning grid in the background, the `h` view's
 * engine):
 * - every cell equals tune_cv_grid called directly on the same problem,
 *   lambda axis and folds (bit for bit), the rows' models equal path_fit on
 *   the whole training split, progress never goes back and ends at 1, and
 *   cells become ready a whole row at a time;
 * - --tune alpha=... gives the rows; a bad --tune is refused at once;
 * - a hidden-layer model: with the net backend built in, every cell equals
 *   tune_net_cell called directly, --tune's knobs or lambda x keep are the
 *   axes, the pick is tune_net_pick's; without it, a message through
 *   tunejob_error;
 * - freeing a job while it runs is safe;
 * - what restarts the grid: the data, the seed, the model, --tune; not the
 *   grid's own knobs (alpha, lambda). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "path.h"
#include "pathcmd.h"
#include "setup.h"
#include "tunejob.h"

#include "tune_net.h"

static void sparse_config(Config *c)
{
    config_defaults(c);
    snprintf(c->data, sizeof c->data, "sparse");
    c->n_hidden = 0;
    config_apply_model_defaults(c);
    c->path_len = 30;
}

static void test_cells_equal_tune_cv_grid(void **state)
{
    (void)state;
    Config c;
    sparse_config(&c);
    Err err = {0};
    TuneJob *j = tunejob_start(&c, &err);
    assert_non_null(j);
    double last = 0;
    while (!tunejob_done(j)) {
        double p = tunejob_progress(j);
        assert_true(p >= last && p <= 1.0);
        last = p;
        TuneAxes a;
        if (tunejob_axes(j, &a)) /* whole rows at a time */
            assert_int_equal(tunejob_cells(j, NULL, NULL, 1 << 20) % a.n_col, 0);
    }
    assert_null(tunejob_error(j));
    assert_true(tunejob_progress(j) == 1.0);
    assert_true(tunejob_eta(j) == 0);
    TuneAxes a;
    assert_true(tunejob_axes(j, &a));
    assert_int_equal(a.n_row, 5);
    assert_int_equal(a.n_col, 30);
    assert_int_equal(a.folds, TUNEJOB_DEFAULT_FOLDS);
    assert_string_equal(a.row_knob, "alpha");
    assert_string_equal(a.col_knob, "lambda");
    const double want_rows[5] = {0, 0.25, 0.5, 0.75, 1};
    for (int r = 0; r < 5; r++)
        assert_true(a.row_val[r] == want_rows[r]);
    /* the reference: the same problem, axis and folds, directly */
    Problem p;
    assert_int_equal(config_build_problem(&c, &p, &err), 0);
    PenaltyGroups g;
    PathOptions opt;
    path_options_for(&c, &p, &g, &opt);
    double lam[30];
    assert_int_equal(path_lambda_grid_opt(&p.train, p.task, p.n_classes, 1.0, 30, c.path_min_ratio,
                                          &opt, lam, &err),
                     0);
    for (int l = 0; l < 30; l++)
        assert_true(a.col_val[l] == lam[l]);
    PathCV cv[5];
    assert_int_equal(tune_cv_grid(&p.train, p.task, p.n_classes, want_rows, 5, lam, 30,
                                  TUNEJOB_DEFAULT_FOLDS, c.seed, &opt, 1, NULL, NULL, cv, &err),
                     0);
    TuneCell cells[150];
    int ready[150];
    assert_int_equal(tunejob_cells(j, cells, ready, 150), 150);
    for (int r = 0; r < 5; r++) {
        for (int l = 0; l < 30; l++) {
            const TuneCell *t = &cells[r * 30 + l];
            assert_true(ready[r * 30 + l]);
            assert_true(t->alpha == want_rows[r] && t->lambda == lam[l]);
            assert_true(t->mean == cv[r].mean[l]);
            assert_true(t->se == cv[r].se[l]);
        }
        PathResult pr = {0};
        assert_int_equal(
            path_fit(&p.train, p.task, p.n_classes, want_rows[r], lam, 30, &opt, &pr, &err), 0);
        PathJobResult m;
        assert_true(tunejob_model(j, r, &m));
        assert_int_equal(m.k * m.d, pr.k * pr.d);
        assert_memory_equal(m.W, pr.W, sizeof(double) * 30 * (size_t)pr.k * pr.d);
        assert_memory_equal(m.b, pr.b, sizeof(double) * 30 * (size_t)pr.k);
        path_result_free(&pr);
        path_cv_free(&cv[r]);
    }
    assert_false(tunejob_model(j, 5, &(PathJobResult){0}));
    problem_free(&p);
    tunejob_free(j);
}

static void test_tune_option_and_refusals(void **state)
{
    (void)state;
    Config c;
    sparse_config(&c);
    c.path_len = 10;
    c.n_tune = 1;
    snprintf(c.tune[0], sizeof c.tune[0], "alpha=0.2,0.9");
    Err err = {0};
    TuneJob *j = tunejob_start(&c, &err);
    assert_non_null(j);
    while (!tunejob_done(j)) {
        struct timespec ts = {0, 1000000L};
        nanosleep(&ts, NULL);
    }
    TuneAxes a;
    assert_true(tunejob_axes(j, &a));
    assert_int_equal(a.n_row, 2);
    assert_true(a.row_val[0] == 0.2 && a.row_val[1] == 0.9);
    tunejob_free(j);
    snprintf(c.tune[0], sizeof c.tune[0], "alpha=2");
    assert_null(tunejob_start(&c, &err));
    assert_non_null(strstr(err.msg, "[0, 1]"));
    tunejob_free(NULL);
}

static void wait_job(TuneJob *j)
{
    while (!tunejob_done(j)) {
        struct timespec ts = {0, 1000000L};
        nanosleep(&ts, NULL);
    }
}

static void net_config(Config *c)
{
    config_defaults(c);
    snprintf(c->data, sizeof c->data, "moons");
    c->n_hidden = 1;
    c->hidden[0] = 4;
    config_apply_model_defaults(c);
    c->epochs = 15;
}

static void test_hidden_layer_grid(void **state)
{
    (void)state;
    Config c;
    net_config(&c);
    c.n_tune = 2;
    snprintf(c.tune[0], sizeof c.tune[0], "lambda=0,0.01");
    snprintf(c.tune[1], sizeof c.tune[1], "keep=0.5,0.8,1");
    Err err = {0};
    TuneJob *j = tunejob_start(&c, &err);
    assert_non_null(j);
    wait_job(j);
    TuneAxes a;
    assert_null(tunejob_error(j));
    assert_true(tunejob_axes(j, &a));
    assert_int_equal(a.n_row, 2);
    assert_int_equal(a.n_col, 3);
    assert_int_equal(a.folds, 0);
    assert_string_equal(a.row_knob, "lambda");
    assert_string_equal(a.col_knob, "keep");
    assert_string_equal(a.value_name, "val loss");
    TuneCell cells[6];
    assert_int_equal(tunejob_cells(j, cells, NULL, 6), 6);
    /* the reference: each cell run directly on the same problem */
    Problem p;
    assert_int_equal(config_build_problem(&c, &p, &err), 0);
    TuneNetSpec spec;
    double *init = NULL;
    assert_int_equal(tune_net_spec(&c, &p, &spec, &init, &err), 0);
    TuneNetGrid g;
    assert_int_equal(tune_net_parse(&c, &g, &err), 0);
    TuneNetCell nc[6];
    double *want = malloc(sizeof(double) * spec.n_params);
    assert_non_null(want);
    for (int i = 0; i < 6; i++) {
        double v[2] = {a.row_val[i / 3], a.col_val[i % 3]}, loss, se;
        assert_int_equal(tune_net_cell(&spec, g.knob, v, 2, &loss, &se, want, NULL, &err), 0);
        assert_true(cells[i].mean == loss);
        assert_true(cells[i].se == se);
        nc[i] = (TuneNetCell){{v[0], v[1]}, loss, se};
        /* the cell's weights, for the other panels: the run's own */
        size_t n = 0;
        const double *got = tunejob_net_params(j, i, &n);
        assert_non_null(got);
        assert_int_equal(n, spec.n_params);
        assert_memory_equal(got, want, sizeof(double) * n);
    }
    free(want);
    assert_null(tunejob_net_params(j, 6, &(size_t){0})); /* past the grid */
    int best, one_se, rb, rs;
    tunejob_pick(j, cells, 6, &best, &one_se);
    tune_net_pick(&g, nc, 6, &rb, &rs);
    assert_int_equal(best, rb);
    assert_int_equal(one_se, rs);
    assert_false(tunejob_model(j, 0, &(PathJobResult){0})); /* no linear path for a net */
    /* the grid's own knobs move freely; any other hyperparameter starts it over */
    Config moved = c;
    moved.hyper.lambda = 0.5, moved.hyper.keep = 0.6;
    assert_false(tunejob_config_differs(&c, &moved));
    moved.hyper.lr *= 2;
    assert_true(tunejob_config_differs(&c, &moved));
    moved = c;
    moved.hyper.input_keep = 0.7;
    assert_true(tunejob_config_differs(&c, &moved));
    free(init);
    problem_free(&p);
    tunejob_free(j);
    /* by default lambda x keep */
    c.n_tune = 0;
    j = tunejob_start(&c, &err);
    assert_non_null(j);
    while (!tunejob_axes(j, &a) && !tunejob_done(j))
        ;
    assert_true(tunejob_axes(j, &a));
    assert_string_equal(a.row_knob, "lambda");
    assert_string_equal(a.col_knob, "keep");
    assert_true(a.row_val[0] == 0 && a.col_val[a.n_col - 1] == 1);
    tunejob_free(j); /* cancels the cells running */
}

static void test_free_while_running(void **state)
{
    (void)state;
    Config c;
    sparse_config(&c);
    c.path_len = 100;
    Err err = {0};
    for (int i = 0; i < 3; i++) {
        TuneJob *j = tunejob_start(&c, &err);
        assert_non_null(j);
        struct timespec ts = {0, (long)i * 3000000L};
        nanosleep(&ts, NULL);
        tunejob_free(j);
    }
}

static void test_what_restarts_the_grid(void **state)
{
    (void)state;
    Config a, b;
    sparse_config(&a);
    b = a;
    b.hyper.alpha = 0.3, b.hyper.lambda = 0.7; /* the grid's own knobs */
    assert_false(tunejob_config_differs(&a, &b));
    b = a;
    b.seed++;
    assert_true(tunejob_config_differs(&a, &b));
    b = a;
    snprintf(b.data, sizeof b.data, "moons");
    assert_true(tunejob_config_differs(&a, &b));
    b = a;
    b.n_hidden = 1;
    assert_true(tunejob_config_differs(&a, &b));
    b = a;
    b.n_tune = 1;
    snprintf(b.tune[0], sizeof b.tune[0], "alpha=1");
    assert_true(tunejob_config_differs(&a, &b));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cells_equal_tune_cv_grid),
        cmocka_unit_test(test_tune_option_and_refusals),
        cmocka_unit_test(test_hidden_layer_grid),
        cmocka_unit_test(test_free_while_running),
        cmocka_unit_test(test_what_restarts_the_grid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
