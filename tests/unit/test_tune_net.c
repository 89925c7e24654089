/* Unit tests of tune_net (a hidden-layer model's tuning grid):
 * - the one-standard-error rule with knob directions: largest lambda, then
 *   smallest keep, whatever order the knobs were given in; smaller
 *   input-keep and lr, larger augment-noise and alpha are more regularized;
 *   a cell just outside the bar is not taken; diverged cells take no part;
 * - --tune's knobs and ranges (the knob table's: keep 0 refused, 1 taken);
 * - each cell of a 2 x 2 grid equals, bit for bit, a plain trainer run with
 *   that cell's settings, and its val_se the standard error of per-row
 *   log-losses worked from the trainer's predicted probabilities;
 * - the headless grid's output does not depend on the thread count;
 * - a set cancel flag stops a cell. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "setup.h"
#include "test_assert.h"
#include "tune_net.h"

static Config *parse(int argc, char **argv)
{
    Config *c = malloc(sizeof *c);
    Err err = {0};
    assert_non_null(c);
    config_defaults(c);
    if (config_parse(c, argc, argv, &err))
        fail_msg("config_parse: %s", err.msg);
    return c;
}

static TuneNetGrid grid2(int k0, int k1)
{
    TuneNetGrid g = {2, {k0, k1}, {0, 0}, {{0}}};
    return g;
}

static void test_pick_lambda_then_keep(void **state)
{
    (void)state;
    /* best (1e-3, 0.8) loss 1.0 se 0.1: bar 1.1; within it (1e-2, 0.5) and
     * (1e-2, 0.8): the largest lambda, then the smallest keep */
    TuneNetCell c[] = {
        {{1e-3, 0.5}, 1.05, 0.1}, {{1e-3, 0.8}, 1.0, 0.1},    {{1e-2, 0.5}, 1.09, 0.1},
        {{1e-2, 0.8}, 1.08, 0.1}, {{1e-1, 0.5}, 1.1001, 0.1}, {{1e-1, 0.8}, 2.0, 0.1},
    };
    TuneNetGrid g = grid2(KNOB_LAMBDA, KNOB_KEEP);
    int best, one_se;
    tune_net_pick(&g, c, 6, &best, &one_se);
    assert_int_equal(best, 1);
    assert_int_equal(one_se, 2); /* (1e-1, 0.5) is just outside the bar */
    /* the same cells with keep given first: lambda still decides first */
    TuneNetCell d[6];
    for (int i = 0; i < 6; i++)
        d[i] = (TuneNetCell){{c[i].value[1], c[i].value[0]}, c[i].val_loss, c[i].val_se};
    g = grid2(KNOB_KEEP, KNOB_LAMBDA);
    tune_net_pick(&g, d, 6, &best, &one_se);
    assert_int_equal(best, 1);
    assert_int_equal(one_se, 2);
    /* at equal lambda the smaller keep; a diverged cell takes no part */
    c[2].val_loss = NAN;
    g = grid2(KNOB_LAMBDA, KNOB_KEEP);
    tune_net_pick(&g, c, 6, &best, &one_se);
    assert_int_equal(one_se, 3);
    c[1].val_loss = c[3].val_loss = NAN;
    tune_net_pick(&g, c, 6, &best, &one_se);
    assert_int_equal(best, 0);
    for (int i = 0; i < 6; i++)
        c[i].val_loss = NAN;
    tune_net_pick(&g, c, 6, &best, &one_se);
    assert_int_equal(best, -1);
    assert_int_equal(one_se, -1);
}

/* One knob, three values, all within one se of the best (the middle one):
 * the one-SE cell is the knob's more regularized end. */
static int one_se_of(int knob)
{
    TuneNetCell c[] = {{{0.2, 0}, 1.05, 0.1}, {{0.5, 0}, 1.0, 0.1}, {{0.9, 0}, 1.06, 0.1}};
    TuneNetGrid g = {1, {knob, 0}, {3, 1}, {{0}}};
    int best, one_se;
    tune_net_pick(&g, c, 3, &best, &one_se);
    assert_int_equal(best, 1);
    return one_se;
}

static void test_pick_directions(void **state)
{
    (void)state;
    assert_int_equal(one_se_of(KNOB_LAMBDA), 2);
    assert_int_equal(one_se_of(KNOB_ALPHA), 2);
    assert_int_equal(one_se_of(KNOB_AUGMENT), 2);
    assert_int_equal(one_se_of(KNOB_KEEP), 0);
    assert_int_equal(one_se_of(KNOB_INPUT_KEEP), 0);
    assert_int_equal(one_se_of(KNOB_LR), 0);
    assert_int_equal(tune_net_direction(KNOB_LAMBDA), 1);
    assert_int_equal(tune_net_direction(KNOB_KEEP), -1);
    assert_int_equal(tune_net_direction(KNOB_BATCH), 0);
    /* lambda before alpha, keep before lr, whatever the order given */
    TuneNetCell c[] = {{{0.1, 1}, 1.0, 0.1}, {{0.1, 0}, 1.01, 0.1}, {{0.2, 0}, 1.02, 0.1}};
    TuneNetGrid g = grid2(KNOB_ALPHA, KNOB_LAMBDA);
    int best, one_se;
    tune_net_pick(&g, c, 3, &best, &one_se);
    assert_int_equal(one_se, 0);   /* lambda 1 beats the larger alpha */
    g = grid2(KNOB_LR, KNOB_KEEP); /* (lr, keep): keep 0 < 1 decides, then the smaller lr */
    tune_net_pick(&g, c, 3, &best, &one_se);
    assert_int_equal(one_se, 1);
}

static int parse_fails(const char *a, const char *b, const char *word)
{
    char *argv[] = {"regscope", "--headless", "--model", "4",
                    "--tune",   (char *)a,    "--tune",  (char *)b};
    Config *c = parse(b ? 8 : 6, argv);
    TuneNetGrid g;
    Err err = {0};
    int rc = tune_net_parse(c, &g, &err);
    free(c);
    if (rc && word && !strstr(err.msg, word))
        fail_msg("'%s' lacks '%s'", err.msg, word);
    return rc != 0;
}

static void test_parse_ranges(void **state)
{
    (void)state;
    char *argv[] = {"regscope", "--model", "4", "--tune", "keep=1,0.5", "--tune", "lambda=0,1e-3"};
    Config *c = parse(7, argv);
    TuneNetGrid g;
    Err err = {0};
    assert_int_equal(tune_net_parse(c, &g, &err), 0);
    free(c);
    assert_int_equal(g.n_knobs, 2);
    assert_int_equal(g.knob[0], KNOB_KEEP);
    assert_int_equal(g.knob[1], KNOB_LAMBDA);
    assert_int_equal(g.n_values[0], 2);
    assert_true(g.values[0][0] == 1 && g.values[0][1] == 0.5);
    assert_true(g.values[1][0] == 0 && g.values[1][1] == 1e-3);
    assert_false(parse_fails("lr=0.1", "augment-noise=0,0.3", NULL));
    assert_false(parse_fails("input-keep=0.5,1", "alpha=0,1", NULL));
    assert_true(parse_fails("keep=0,1", NULL, "(0, 1]"));
    assert_true(parse_fails("input-keep=1.01", NULL, "(0, 1]"));
    assert_true(parse_fails("lr=0", NULL, "> 0"));
    assert_true(parse_fails("lambda=-1e-3", NULL, ">= 0"));
    assert_true(parse_fails("alpha=2", NULL, "[0, 1]"));
    assert_true(parse_fails("augment-noise=1,x", NULL, ">= 0"));
    assert_true(parse_fails("gamma=3", NULL, "lambda, alpha, keep"));
    assert_true(parse_fails("batch=8", "keep=1", "lambda, alpha, keep"));
}

/* A plain run: trainer with the settings of argv, --epochs epochs. */
static double plain_run(int argc, char **argv, double *se)
{
    Config *c = parse(argc, argv);
    Problem p;
    Err err = {0};
    assert_int_equal(config_build_problem(c, &p, &err), 0);
    TrainerConfig tc;
    config_trainer(c, &p, &tc);
    Trainer *t = trainer_new(&p, &tc, &err);
    assert_non_null(t);
    for (int e = 0; e < c->epochs; e++)
        trainer_epoch(t);
    double loss = trainer_val_loss(t);
    /* per-row log-loss from the predicted probability of class 1 */
    int n = p.val.n;
    double *prob = malloc(sizeof(double) * (size_t)n), mean = 0, ss = 0;
    trainer_predict(t, p.val.X, n, prob);
    for (int i = 0; i < n; i++)
        mean += -(p.val.y[i] ? log(prob[i]) : log1p(-prob[i])) / n;
    for (int i = 0; i < n; i++) {
        double l = -(p.val.y[i] ? log(prob[i]) : log1p(-prob[i]));
        ss += (l - mean) * (l - mean);
    }
    *se = sqrt(ss / (n - 1) / n);
    assert_near_rel(mean, loss, 1e-12);
    free(prob);
    trainer_free(t);
    problem_free(&p);
    free(c);
    return loss;
}

static void test_cell_is_a_plain_run(void **state)
{
    (void)state;
    char *argv[] = {
        "regscope",  "--data", "moons",   "--model", "6",      "--epochs",         "12",
        "--seed",    "3",      "--batch", "32",      "--tune", "lambda=1e-3,3e-2", "--tune",
        "keep=0.6,1"};
    Config *c = parse(15, argv);
    TuneNetGrid g;
    Problem p;
    TuneNetSpec spec;
    double *init;
    Err err = {0};
    assert_int_equal(tune_net_parse(c, &g, &err), 0);
    assert_int_equal(config_build_problem(c, &p, &err), 0);
    assert_int_equal(tune_net_spec(c, &p, &spec, &init, &err), 0);
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) {
            double v[2] = {g.values[0][i], g.values[1][j]}, loss, se, want_se;
            assert_int_equal(tune_net_cell(&spec, g.knob, v, 2, &loss, &se, NULL, NULL, &err), 0);
            char lam[32], keep[32];
            snprintf(lam, sizeof lam, "%.17g", v[0]);
            snprintf(keep, sizeof keep, "%.17g", v[1]);
            char *plain[] = {"regscope", "--data",      "moons", "--model",   "6",  "--epochs",
                             "12",       "--seed",      "3",     "--batch",   "32", "--lambda",
                             lam,        "--keep-prob", keep,    "--threads", "1"};
            double want = plain_run(17, plain, &want_se);
            if (memcmp(&loss, &want, sizeof loss))
                fail_msg("cell (%g, %g): %.17g, plain run %.17g", v[0], v[1], loss, want);
            assert_near_rel(se, want_se, 1e-9);
        }
    free(init);
    problem_free(&p);
    free(c);
}

static char *grid_output(int threads)
{
    char th[16];
    snprintf(th, sizeof th, "%d", threads);
    char *argv[] = {"regscope",     "--headless",
                    "--data",       "xor",
                    "--model",      "8",
                    "--epochs",     "20",
                    "--batch",      "16",
                    "--early-stop", "3",
                    "--threads",    th,
                    "--tune",       "lambda=0,1e-3,1e-2",
                    "--tune",       "keep=0.5,0.9"};
    Config *c = parse(18, argv);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    Err err = {0};
    assert_int_equal(tune_net_headless_run(c, out, &err), 0);
    fclose(out);
    free(c);
    return buf;
}

static void test_threads_do_not_matter(void **state)
{
    (void)state;
    char *one = grid_output(1), *three = grid_output(3);
    int lines = 0;
    for (const char *s = one; *s; s++)
        lines += *s == '\n';
    assert_int_equal(lines, 7); /* 6 cells and the pick */
    assert_string_equal(one, three);
    free(one), free(three);
}

static void test_cancel(void **state)
{
    (void)state;
    char *argv[] = {"regscope", "--model", "4", "--epochs", "5", "--tune", "lambda=0"};
    Config *c = parse(7, argv);
    Problem p;
    TuneNetSpec spec;
    double *init, loss = -1, se = -1;
    Err err = {0};
    assert_int_equal(config_build_problem(c, &p, &err), 0);
    assert_int_equal(tune_net_spec(c, &p, &spec, &init, &err), 0);
    atomic_int cancel = 1;
    int knob[2] = {KNOB_LAMBDA, 0};
    double v[2] = {0, 0};
    assert_int_equal(tune_net_cell(&spec, knob, v, 1, &loss, &se, NULL, &cancel, &err), 1);
    assert_true(loss == -1 && se == -1);
    atomic_store(&cancel, 0);
    assert_int_equal(tune_net_cell(&spec, knob, v, 1, &loss, &se, NULL, &cancel, &err), 0);
    assert_true(isfinite(loss) && isfinite(se) && se > 0);
    free(init);
    problem_free(&p);
    free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pick_lambda_then_keep), cmocka_unit_test(test_pick_directions),
        cmocka_unit_test(test_parse_ranges),          cmocka_unit_test(test_cell_is_a_plain_run),
        cmocka_unit_test(test_threads_do_not_matter), cmocka_unit_test(test_cancel),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
