/* Knob ladders: the values a person steps through in the TUI. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "knobs.h"
#include "run_title.h"

#include <stdio.h>
#include <stdlib.h>

static void steps_read(KnobId k, int dir, int times, const char *const *want)
{
    Config c;
    config_defaults(&c);
    for (int i = 0; i < times; i++) {
        char buf[64];
        knob_step(&c, k, dir);
        knob_format(&c, k, buf, sizeof buf);
        assert_string_equal(buf, want[i]);
    }
}

static void test_lambda_climbs_the_1_3_10_ladder_from_zero(void **state)
{
    (void)state;
    const char *want[] = {"1e-04", "3e-04", "0.001", "0.003", "0.01", "0.03",
                          "0.1",   "0.3",   "1",     "3",     "10",   "10"};
    steps_read(KNOB_LAMBDA, +1, 12, want);
}

static void test_lambda_off_ladder_value_moves_to_next_rung(void **state)
{
    (void)state;
    Config c;
    config_defaults(&c);
    c.hyper.lambda = 0.05;
    knob_step(&c, KNOB_LAMBDA, +1);
    assert_true(c.hyper.lambda == 0.1);
    c.hyper.lambda = 0.05;
    knob_step(&c, KNOB_LAMBDA, -1);
    assert_true(c.hyper.lambda == 0.03);
    c.hyper.lambda = 1e-4;
    knob_step(&c, KNOB_LAMBDA, -1);
    assert_true(c.hyper.lambda == 0);
}

static void test_alpha_steps_by_a_tenth_within_0_and_1(void **state)
{
    (void)state;
    const char *down[] = {"0.9", "0.8", "0.7", "0.6", "0.5", "0.4", "0.3", "0.2", "0.1", "0", "0"};
    steps_read(KNOB_ALPHA, -1, 11, down);
    const char *up[] = {"1"};
    steps_read(KNOB_ALPHA, +1, 1, up); /* already 1: stays */
}

static void test_keep_steps_by_005_and_never_reaches_zero(void **state)
{
    (void)state;
    Config c;
    config_defaults(&c);
    for (int i = 0; i < 40; i++)
        knob_step(&c, KNOB_KEEP, -1);
    assert_true(c.hyper.keep > 0.04 && c.hyper.keep < 0.06);
    knob_step(&c, KNOB_KEEP, +1);
    assert_true(c.hyper.keep > 0.099 && c.hyper.keep < 0.101);
}

static void test_lr_ladder_and_every_value_valid(void **state)
{
    (void)state;
    const char *up[] = {"0.1", "0.3", "1", "3", "10", "10"};
    steps_read(KNOB_LR, +1, 6, up);
    Config c;
    config_defaults(&c);
    for (int i = 0; i < 20; i++) {
        knob_step(&c, KNOB_LR, -1);
        assert_int_equal(hyper_check(&c.hyper, NULL), 0);
    }
    assert_true(c.hyper.lr == 1e-4);
}

static void test_model_cycle_switches_linear_defaults(void **state)
{
    (void)state;
    Config c;
    config_defaults(&c);
    char buf[64];
    for (int i = 0; i < 5; i++) {
        knob_step(&c, KNOB_MODEL, +1);
        knob_format(&c, KNOB_MODEL, buf, sizeof buf);
        if (strcmp(buf, "linear") == 0) {
            assert_int_equal(c.hyper.batch, 0); /* full batch for a linear model */
            return;
        }
    }
    fail_msg("model cycle never reached linear");
}

static void test_speed_ladder_ends_in_max(void **state)
{
    (void)state;
    const char *down[] = {"10000/s", "3000/s"};
    steps_read(KNOB_SPEED, -1, 2, down);
    const char *up[] = {"max", "max"};
    steps_read(KNOB_SPEED, +1, 2, up);
}

static void test_data_cycle_clears_features_for_non_2d_data(void **state)
{
    (void)state;
    Config c;
    config_defaults(&c);
    strcpy(c.features, "poly:6");
    knob_step(&c, KNOB_DATA, +1); /* circle -> xor: still 2-D */
    assert_string_equal(c.data, "xor");
    assert_string_equal(c.features, "poly:6");
    strcpy(c.data, "moons");
    knob_step(&c, KNOB_DATA, +1); /* moons -> line */
    assert_string_equal(c.data, "line");
    assert_string_equal(c.features, "");
}

/* f on the 1-D generator steps through powers of its input. */
static void test_feature_cycle_on_line_is_powers(void **state)
{
    (void)state;
    Config c;
    config_defaults(&c);
    strcpy(c.data, "line");
    knob_step(&c, KNOB_FEATURES, +1);
    assert_string_equal(c.features, "poly:3");
    knob_step(&c, KNOB_FEATURES, +1);
    assert_string_equal(c.features, "poly:9");
    knob_step(&c, KNOB_FEATURES, +1);
    assert_string_equal(c.features, "");
}

/* The direction steps by a degree where the lasso's corner wins or loses
 * (so the exact-zero share passes through its intermediate values), by
 * five beyond 30 degrees. */
static void test_direction_steps_finely_below_30_degrees(void **state)
{
    (void)state;
    Config c;
    config_defaults(&c);
    c.direction = 10;
    knob_step(&c, KNOB_DIRECTION, +1);
    assert_true(c.direction == 11);
    c.direction = 29;
    knob_step(&c, KNOB_DIRECTION, +1);
    assert_true(c.direction == 30);
    knob_step(&c, KNOB_DIRECTION, +1);
    assert_true(c.direction == 35);
    knob_step(&c, KNOB_DIRECTION, -1);
    assert_true(c.direction == 30);
    knob_step(&c, KNOB_DIRECTION, -1);
    assert_true(c.direction == 29);
    c.direction = 90;
    knob_step(&c, KNOB_DIRECTION, +1);
    assert_true(c.direction == 90);
}

/* d visits every generator and every shipped data set, then comes back. */
static void test_data_cycle_visits_every_dataset(void **state)
{
    (void)state;
    Config c;
    config_defaults(&c);
    strcpy(c.data, "circle");
    const char *want[] = {"xor",           "gauss",    "spiral", "moons", "line",
                          "sparse",        "groups",   "corr",   "iris",  "wine",
                          "breast_cancer", "diabetes", "circle"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        knob_step(&c, KNOB_DATA, +1);
        assert_string_equal(c.data, want[i]);
    }
    knob_step(&c, KNOB_DATA, -1); /* D: back */
    assert_string_equal(c.data, "diabetes");
}

/* A run setting moved one rung off its default (down when already at the top). */
static void off_default(Config *c, KnobId k)
{
    config_defaults(c);
    if (!knob_step(c, k, +1))
        knob_step(c, k, -1);
}

/* Every run key reads back, through --run, as the value its format shows. */
static void test_every_run_key_parses_back_to_its_shown_value(void **state)
{
    (void)state;
    for (int k = 0; k < KNOB_COUNT; k++) {
        const KnobInfo *info = knob_info((KnobId)k);
        if (!info->run_key)
            continue;
        Config c, base;
        off_default(&c, (KnobId)k);
        config_defaults(&base);
        char shown[64], spec[96], back[64];
        knob_format(&c, (KnobId)k, shown, sizeof shown);
        snprintf(spec, sizeof spec, "%s=%s", info->run_key,
                 info->value == KV_L1_METHOD ? l1_method_name(c.hyper.l1_method) : shown);
        Hyper h;
        Err err = {0};
        assert_int_equal(config_run_hyper(&base.hyper, "r", spec, &h, &err), 0);
        knob_format_hyper(&h, (KnobId)k, back, sizeof back);
        assert_string_equal(back, shown);
        assert_non_null(strstr(RUN_KEY_LIST, info->run_key)); /* listed in --help too */
    }
}

/* Stepping a run setting up from its lowest value only ever climbs. */
static void test_every_ladder_is_sorted(void **state)
{
    (void)state;
    for (int k = 0; k < KNOB_COUNT; k++) {
        if (knob_info((KnobId)k)->format == KF_OTHER)
            continue;
        Config c;
        config_defaults(&c);
        for (int i = 0; i < 40; i++)
            knob_step(&c, (KnobId)k, -1);
        double last = knob_hyper_value(&c.hyper, (KnobId)k);
        for (int i = 0; i < 40 && knob_step(&c, (KnobId)k, +1); i++) {
            double v = knob_hyper_value(&c.hyper, (KnobId)k);
            if (k != KNOB_OPTIMIZER && k != KNOB_L1_METHOD && k != KNOB_PENALTY) /* these cycle */
                assert_true(v > last);
            last = v;
        }
    }
}

/* The controls panel (knob_format) and a run title show a setting alike. */
static void test_controls_and_run_titles_show_one_format(void **state)
{
    (void)state;
    Canvas *cv = canvas_new(160, 50, CANVAS_UTF8, 1);
    for (int k = 0; k < KNOB_COUNT; k++) {
        const KnobInfo *info = knob_info((KnobId)k);
        if (info->format == KF_OTHER)
            continue;
        Config a, b;
        config_defaults(&a);
        off_default(&b, (KnobId)k);
        if (k == KNOB_GAMMA) /* gamma applies to mcp and scad only */
            a.hyper.penalty = b.hyper.penalty = PEN_MCP;
        char panel[64], title[256], item[96];
        knob_format(&b, (KnobId)k, panel, sizeof panel);
        assert_string_equal(panel,
                            (knob_format_hyper(&b.hyper, (KnobId)k, item, sizeof item), item));
        const Hyper *hypers[2] = {&a.hyper, &b.hyper};
        run_title(cv, hypers, 1, 2, 150, title, sizeof title);
        snprintf(item, sizeof item, "  %s %s", info->label, panel); /* first: it differs */
        assert_non_null(strstr(title, item));
    }
    canvas_free(cv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lambda_climbs_the_1_3_10_ladder_from_zero),
        cmocka_unit_test(test_lambda_off_ladder_value_moves_to_next_rung),
        cmocka_unit_test(test_alpha_steps_by_a_tenth_within_0_and_1),
        cmocka_unit_test(test_keep_steps_by_005_and_never_reaches_zero),
        cmocka_unit_test(test_lr_ladder_and_every_value_valid),
        cmocka_unit_test(test_model_cycle_switches_linear_defaults),
        cmocka_unit_test(test_speed_ladder_ends_in_max),
        cmocka_unit_test(test_data_cycle_clears_features_for_non_2d_data),
        cmocka_unit_test(test_data_cycle_visits_every_dataset),
        cmocka_unit_test(test_feature_cycle_on_line_is_powers),
        cmocka_unit_test(test_direction_steps_finely_below_30_degrees),
        cmocka_unit_test(test_every_run_key_parses_back_to_its_shown_value),
        cmocka_unit_test(test_every_ladder_is_sorted),
        cmocka_unit_test(test_controls_and_run_titles_show_one_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
