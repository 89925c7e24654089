/* --lesson: every lesson applies and sets what it says; flags given on the
 * command line override it; the groups generator behind `elasticnet`. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "config.h"
#include "setup.h"
#include "csvload.h"
#include "lesson.h"
#include "widgets.h"

static int parse(Config *c, Err *err, int argc, const char **argv)
{
    config_defaults(c);
    memset(err, 0, sizeof *err);
    return config_parse(c, argc, (char **)argv, err);
}

#define PARSE(c, err, ...)                                                                         \
    parse(c, err, (int)(sizeof((const char *[]){"regscope", __VA_ARGS__}) / sizeof(const char *)), \
          (const char *[]){"regscope", __VA_ARGS__})

static void every_lesson_applies_with_a_prompt(void **state)
{
    (void)state;
    assert_true(n_lessons >= 7);
    const char *want[] = {"overfit",    "sparsity", "elasticnet", "dropout",
                          "early-stop", "gradient", "augment",    "geometry"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_non_null(lesson_find(want[i]));
    for (int i = 0; i < n_lessons; i++) {
        Config c;
        Err err;
        const char *argv[] = {"regscope", "--lesson", lessons[i].name};
        assert_int_equal(parse(&c, &err, 3, argv), 0);
        assert_string_equal(c.lesson, lessons[i].name);
        assert_true(strlen(c.lesson_prompt) > 10);
        assert_true(strlen(c.lesson_prompt) < 110); /* one line on a 120-column screen */
        char path[1024]; /* a generator, or a table shipped in datasets/ */
        assert_true(data_is_generator(c.data) || csv_find_dataset(c.data, path, sizeof path) == 0);
        /* the scene builds and trains */
        Problem p;
        assert_int_equal(config_build_problem(&c, &p, &err), 0);
        problem_free(&p);
    }
}

static void overfit_is_circle_poly6_without_penalty(void **state)
{
    (void)state;
    Config c;
    Err err;
    assert_int_equal(PARSE(&c, &err, "--lesson", "overfit"), 0);
    assert_string_equal(c.data, "circle");
    assert_string_equal(c.features, "poly:6");
    assert_int_equal(c.n_hidden, 0);
    assert_true(c.hyper.lambda == 0);
    assert_int_equal(c.n_runs, 0);
}

static void sparsity_runs_l1_beside_l2(void **state)
{
    (void)state;
    Config c;
    Err err;
    assert_int_equal(PARSE(&c, &err, "--lesson=sparsity"), 0);
    assert_string_equal(c.data, "sparse");
    assert_int_equal(c.n_runs, 2);
    assert_true(c.runs[0].hyper.alpha == 1);
    assert_true(c.runs[1].hyper.alpha == 0);
    assert_true(c.runs[0].hyper.lambda > 0);
    assert_true(c.runs[0].hyper.lambda == c.runs[1].hyper.lambda);
}

static void elasticnet_compares_lasso_and_enet_on_groups(void **state)
{
    (void)state;
    Config c;
    Err err;
    assert_int_equal(PARSE(&c, &err, "--lesson", "elasticnet"), 0);
    assert_string_equal(c.data, "groups");
    assert_int_equal(c.n_hidden, 0);
    assert_int_equal(c.n_runs, 2);
    assert_true(c.runs[0].hyper.alpha == 1);
    assert_true(c.runs[1].hyper.alpha > 0 && c.runs[1].hyper.alpha < 1);
}

static void dropout_runs_keep_1_and_half(void **state)
{
    (void)state;
    Config c;
    Err err;
    assert_int_equal(PARSE(&c, &err, "--lesson", "dropout"), 0);
    assert_true(c.n_hidden >= 1 && c.hidden[0] >= 32);
    assert_true(c.samples <= 100);
    assert_int_equal(c.n_runs, 2);
    assert_true(c.runs[0].hyper.keep == 1);
    assert_true(c.runs[1].hyper.keep == 0.5);
}

static void early_stop_and_gradient_and_augment(void **state)
{
    (void)state;
    Config c;
    Err err;
    assert_int_equal(PARSE(&c, &err, "--lesson", "early-stop"), 0);
    assert_true(c.early_stop > 0);
    assert_true(c.hyper.lambda == 0);
    assert_true(c.epochs >= 1000);

    assert_int_equal(PARSE(&c, &err, "--lesson", "gradient"), 0);
    assert_true(c.hyper.lambda > 0);
    assert_true(c.hyper.alpha > 0 && c.hyper.alpha < 1);

    assert_int_equal(PARSE(&c, &err, "--lesson", "augment"), 0);
    assert_string_equal(c.features, "poly:6");
    int noise = -1, l2 = -1;
    for (int i = 0; i < c.n_runs; i++) {
        if (c.runs[i].hyper.augment_noise > 0 && c.runs[i].hyper.lambda == 0)
            noise = i;
        if (c.runs[i].hyper.augment_noise == 0 && c.runs[i].hyper.lambda > 0 &&
            c.runs[i].hyper.alpha == 0)
            l2 = i;
    }
    assert_true(noise >= 0);
    assert_true(l2 >= 0);

    /* two correlated features, a linear model, the lasso, the view open */
    assert_int_equal(PARSE(&c, &err, "--lesson", "geometry"), 0);
    assert_string_equal(c.data, "corr");
    assert_int_equal(c.n_hidden, 0);
    assert_true(c.hyper.lambda > 0 && c.hyper.alpha == 1);
    assert_true(c.geometry == 1);
    assert_true(c.corr > 0 && c.corr < 1);
}

static void unknown_lesson_fails_and_list_is_a_request(void **state)
{
    (void)state;
    Config c;
    Err err;
    assert_int_equal(PARSE(&c, &err, "--lesson", "nope"), -1);
    assert_int_equal(err.kind, ERR_INPUT);
    assert_string_equal(err.msg, "unknown lesson 'nope' (see --lesson list)");
    assert_int_equal(PARSE(&c, &err, "--lesson", "list"), 0);
    assert_int_equal(c.want_lesson_list, 1);
    assert_string_equal(c.lesson, "");
    assert_null(lesson_find("Overfit"));
    Config d;
    config_defaults(&d);
    assert_int_equal(lesson_apply(&d, "", &err), -1);
}

static void flags_given_override_the_lesson_in_any_order(void **state)
{
    (void)state;
    Config c;
    Err err;
    /* flags after the lesson */
    assert_int_equal(PARSE(&c, &err, "--lesson", "overfit", "--lambda", "0.01", "--samples", "300"),
                     0);
    assert_true(c.hyper.lambda == 0.01);
    assert_int_equal(c.samples, 300);
    assert_string_equal(c.features, "poly:6");
    /* and before it */
    assert_int_equal(PARSE(&c, &err, "--data", "xor", "--lesson", "overfit"), 0);
    assert_string_equal(c.data, "xor");
    assert_string_equal(c.features, "poly:6");
    /* a base flag reaches every run of a compare lesson */
    assert_int_equal(PARSE(&c, &err, "--lesson", "sparsity", "--lambda", "0.3"), 0);
    assert_true(c.runs[0].hyper.lambda == 0.3 && c.runs[1].hyper.lambda == 0.3);
    assert_true(c.runs[0].hyper.alpha == 1 && c.runs[1].hyper.alpha == 0);
    /* --run replaces the lesson's runs */
    assert_int_equal(PARSE(&c, &err, "--lesson", "sparsity", "--run", "a:alpha=0.5", "--run",
                           "b:alpha=0.1", "--run", "c:alpha=0.2"),
                     0);
    assert_int_equal(c.n_runs, 3);
    assert_string_equal(c.runs[0].name, "a");
    assert_true(c.runs[2].hyper.alpha == 0.2);
    /* --model resets nothing it should not: lr keeps the lesson's when set */
    assert_int_equal(PARSE(&c, &err, "--lesson", "overfit", "--lr", "0.05"), 0);
    assert_true(c.hyper.lr == 0.05);
    /* a bad flag still fails with its own message */
    assert_int_equal(PARSE(&c, &err, "--lesson", "overfit", "--lambda", "x"), -1);
    assert_non_null(strstr(err.msg, "--lambda"));
}

/* ---- the groups generator ------------------------------------------------ */

static double corr(const Dataset *ds, int a, int b)
{
    double ma = 0, mb = 0;
    for (int i = 0; i < ds->n; i++) {
        ma += ds->X[(size_t)i * ds->d + a] / ds->n;
        mb += ds->X[(size_t)i * ds->d + b] / ds->n;
    }
    double sab = 0, saa = 0, sbb = 0;
    for (int i = 0; i < ds->n; i++) {
        double xa = ds->X[(size_t)i * ds->d + a] - ma, xb = ds->X[(size_t)i * ds->d + b] - mb;
        sab += xa * xb;
        saa += xa * xa;
        sbb += xb * xb;
    }
    return sab / sqrt(saa * sbb);
}

static void groups_are_correlated_within_and_not_across(void **state)
{
    (void)state;
    Dataset ds;
    Err err = {0};
    assert_true(data_is_generator("groups"));
    assert_int_equal(data_generate("groups", 2000, 10, 5, &ds, &err), 0);
    assert_int_equal(ds.n, 2000);
    assert_int_equal(ds.d, 15);
    assert_int_equal(ds.task, TASK_REGRESS);
    assert_int_equal(ds.n_classes, 0);
    assert_non_null(ds.feature_names);
    assert_string_equal(ds.feature_names[0], "A1");
    assert_string_equal(ds.feature_names[4], "B1");
    assert_string_equal(ds.feature_names[12], "n1");
    for (int g = 0; g < 3; g++)
        for (int a = 0; a < 4; a++)
            for (int b = a + 1; b < 4; b++)
                assert_true(corr(&ds, g * 4 + a, g * 4 + b) > 0.9);
    assert_true(fabs(corr(&ds, 0, 4)) < 0.1);  /* across groups */
    assert_true(fabs(corr(&ds, 0, 12)) < 0.1); /* a noise column */
    dataset_free(&ds);
}

/* ---- the gradient widget ------------------------------------------------- */

/* cp in the plot (below the legend row) */
static int count_glyph(const Canvas *c, uint32_t cp)
{
    int n = 0;
    for (int y = 1; y < c->rows; y++)
        for (int x = 0; x < c->cols; x++)
            n += canvas_cell(c, x, y)->cp == cp;
    return n;
}

static void gradient_widget_draws_the_l1_step_and_the_l2_line(void **state)
{
    (void)state;
    Canvas *c = canvas_new(50, 12, CANVAS_ASCII, 0);
    assert_non_null(c);
    GradientView v = {0.1, 0.5, 2.0};
    widget_gradient_draw(c, rect_make(0, 0, 50, 12), &v);
    assert_true(count_glyph(c, '#') > 20); /* L1: a step the whole width */
    assert_true(count_glyph(c, '*') > 20); /* L2: a line through 0 */
    assert_true(count_glyph(c, '|') >= 1); /* the step's jump at w = 0 */
    canvas_clear(c);
    v.alpha = 1; /* lasso: no L2 part */
    widget_gradient_draw(c, rect_make(0, 0, 50, 12), &v);
    assert_int_equal(count_glyph(c, '*'), 0);
    assert_true(count_glyph(c, '#') > 20);
    canvas_clear(c);
    v.alpha = 0; /* ridge: no L1 part */
    widget_gradient_draw(c, rect_make(0, 0, 50, 12), &v);
    assert_int_equal(count_glyph(c, '#'), 0);
    assert_true(count_glyph(c, '*') > 20);
    canvas_clear(c);
    GradientView bad = {NAN, INFINITY, -1};
    widget_gradient_draw(c, rect_make(0, 0, 50, 12), &bad); /* no crash, says so */
    widget_gradient_draw(c, rect_make(3, 3, 1, 1), &v);
    canvas_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_lesson_applies_with_a_prompt),
        cmocka_unit_test(overfit_is_circle_poly6_without_penalty),
        cmocka_unit_test(sparsity_runs_l1_beside_l2),
        cmocka_unit_test(elasticnet_compares_lasso_and_enet_on_groups),
        cmocka_unit_test(dropout_runs_keep_1_and_half),
        cmocka_unit_test(early_stop_and_gradient_and_augment),
        cmocka_unit_test(unknown_lesson_fails_and_list_is_a_request),
        cmocka_unit_test(flags_given_override_the_lesson_in_any_order),
        cmocka_unit_test(groups_are_correlated_within_and_not_across),
        cmocka_unit_test(gradient_widget_draws_the_l1_step_and_the_l2_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
