/* Unit tests of the penalty family's settings: --penalty, --gamma and
 * --groups read, checked, written back by the printed command line and the
 * scene (only away from their defaults, so an elastic-net setup reads as
 * before), the --run keys, and the groups a problem gets (problem.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "knob_table.h"
#include "problem.h"
#include "scene.h"
#include "setup.h"

static int parse(Config *c, const char *const *args, int n, Err *err)
{
    char *argv[16] = {"regscope"};
    for (int i = 0; i < n; i++)
        argv[i + 1] = (char *)args[i];
    config_defaults(c);
    return config_parse(c, n + 1, argv, err);
}

static void options_are_read_and_written_back(void **state)
{
    (void)state;
    Config c;
    Err err = {0};
    const char *args[] = {"--data",    "sparse", "--model", "linear",
                          "--penalty", "scad",   "--gamma", "4.5"};
    assert_int_equal(parse(&c, args, 8, &err), 0);
    assert_int_equal(c.hyper.penalty, PEN_SCAD);
    assert_true(c.hyper.gamma == 4.5);
    char cmd[4096];
    config_command_line(&c, cmd, sizeof cmd);
    assert_non_null(strstr(cmd, "--penalty scad"));
    assert_non_null(strstr(cmd, "--gamma 4.5"));
    /* the scene keeps them and reads them back */
    Scene s = {0};
    s.cfg = c;
    char *text = scene_format(&s);
    assert_non_null(text);
    assert_non_null(strstr(text, "\npenalty scad\n"));
    assert_non_null(strstr(text, "\ngamma 4.5\n"));
    Scene back;
    assert_int_equal(scene_parse(text, "t", NULL, &back, &err), 0);
    assert_int_equal(back.cfg.hyper.penalty, PEN_SCAD);
    assert_true(back.cfg.hyper.gamma == 4.5);
    scene_free(&back);
    free(text);
}

static void defaults_are_not_written(void **state)
{
    (void)state;
    Config c;
    Err err = {0};
    const char *args[] = {"--data", "sparse"};
    assert_int_equal(parse(&c, args, 2, &err), 0);
    assert_int_equal(c.hyper.penalty, PEN_ENET);
    char cmd[4096];
    config_command_line(&c, cmd, sizeof cmd);
    assert_null(strstr(cmd, "--penalty"));
    assert_null(strstr(cmd, "--gamma"));
    assert_null(strstr(cmd, "--groups"));
    Scene s = {0};
    s.cfg = c;
    char *text = scene_format(&s);
    assert_null(strstr(text, "penalty"));
    assert_null(strstr(text, "gamma"));
    free(text);
}

static void bad_values_are_refused_by_name(void **state)
{
    (void)state;
    Config c;
    Err err = {0};
    const char *a1[] = {"--penalty", "lasso"};
    assert_int_not_equal(parse(&c, a1, 2, &err), 0);
    assert_non_null(strstr(err.msg, "--penalty"));
    assert_non_null(strstr(err.msg, "enet, group, mcp or scad"));
    const char *a2[] = {"--penalty", "mcp", "--gamma", "0.9"};
    assert_int_not_equal(parse(&c, a2, 4, &err), 0);
    assert_non_null(strstr(err.msg, "--gamma must be > 1"));
    const char *a3[] = {"--penalty", "scad", "--gamma", "2"};
    assert_int_not_equal(parse(&c, a3, 4, &err), 0);
    assert_non_null(strstr(err.msg, "--gamma must be > 2"));
}

static void run_keys_set_the_family(void **state)
{
    (void)state;
    Config c;
    config_defaults(&c);
    Hyper h;
    Err err = {0};
    assert_int_equal(config_run_hyper(&c.hyper, "a", "lambda=0.1,penalty=mcp,gamma=2", &h, &err),
                     0);
    assert_int_equal(h.penalty, PEN_MCP);
    assert_true(h.gamma == 2 && h.lambda == 0.1);
    assert_int_equal(config_run_hyper(&c.hyper, "a", "penalty=ridge", &h, &err), -1);
    assert_non_null(strstr(err.msg, "--run a:penalty"));
}

/* The family's knob cycles through the four; gamma's steps from the
 * family's default along its ladder and never to the family's lower end;
 * gamma is shown (knob_visible) only where it applies. */
static void knobs_step_family_and_gamma(void **state)
{
    (void)state;
    Config c;
    config_defaults(&c);
    const PenaltyKind order[] = {PEN_GROUP, PEN_MCP, PEN_SCAD, PEN_ENET};
    for (int i = 0; i < 4; i++) {
        assert_int_equal(knob_step(&c, KNOB_PENALTY, +1), 1);
        assert_int_equal(c.hyper.penalty, order[i]);
        assert_int_equal(knob_visible(&c, KNOB_GAMMA), order[i] == PEN_MCP || order[i] == PEN_SCAD);
    }
    c.hyper.penalty = PEN_MCP;
    char buf[32];
    knob_format(&c, KNOB_GAMMA, buf, sizeof buf);
    assert_string_equal(buf, "3"); /* the default, shown as its value */
    assert_int_equal(knob_step(&c, KNOB_GAMMA, +1), 1);
    assert_true(c.hyper.gamma == 3.7);
    c.hyper.penalty = PEN_SCAD, c.hyper.gamma = 2.5;
    assert_int_equal(knob_step(&c, KNOB_GAMMA, -1), 0); /* 2 is not > 2 */
    assert_true(c.hyper.gamma == 2.5);
}

/* A problem's groups: the groups generator's A, B, C; a spec by name and
 * by index, the rest alone; a name it lacks refused. */
static void problems_get_their_groups(void **state)
{
    (void)state;
    Config c;
    Err err = {0};
    const char *args[] = {"--data", "groups", "--model", "linear"};
    assert_int_equal(parse(&c, args, 4, &err), 0);
    Problem p;
    assert_int_equal(config_build_problem(&c, &p, &err), 0);
    assert_int_equal(p.d, 15);
    assert_int_equal(p.n_groups, 3 + 3); /* A B C, then n1 n2 n3 alone */
    for (int g = 0; g < 3; g++) {
        assert_int_equal(p.group_start[g], 4 * g);
        for (int t = 0; t < 4; t++)
            assert_int_equal(p.group_cols[4 * g + t], 4 * g + t);
    }
    assert_int_equal(problem_set_groups(&p, "n1,2;A1", &err), 0);
    assert_int_equal(p.n_groups, 2 + 12);
    assert_int_equal(p.group_start[1] - p.group_start[0], 2);
    assert_int_equal(p.group_cols[0], 1); /* in column order: x2 (A2), then n1 */
    assert_int_equal(p.group_cols[1], 12);
    assert_int_equal(p.group_cols[2], 0); /* A1 alone */
    assert_int_equal(problem_set_groups(&p, "A1,zz", &err), -1);
    assert_non_null(strstr(err.msg, "'zz'"));
    assert_int_equal(problem_set_groups(&p, "A1;A1", &err), -1);
    assert_non_null(strstr(err.msg, "two groups"));
    problem_free(&p);
}

/* A table's categorical column: its dummies are one group. */
static void dummies_form_one_group(void **state)
{
    (void)state;
    char dir[] = "/tmp/regscope-groupsXXXXXX", path[256];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/t.csv", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("a,color,b,y\n", f);
    const char *colors[] = {"red", "green", "blue"};
    for (int i = 0; i < 30; i++)
        fprintf(f, "%d,%s,%d,%d\n", i, colors[i % 3], (i * 7) % 5, i % 4 + (i % 3));
    fclose(f);
    Config c;
    Err err = {0};
    const char *args[] = {"--data", path,      "--target", "y",
                          "--task", "regress", "--model",  "linear"};
    assert_int_equal(parse(&c, args, 8, &err), 0);
    Problem p;
    assert_int_equal(config_build_problem(&c, &p, &err), 0);
    int dummies = 0;
    for (int j = 0; j < p.d; j++)
        dummies += strncmp(p.train.feature_names[j], "color=", 6) == 0;
    assert_true(dummies >= 2);
    assert_int_equal(p.n_groups, p.d - dummies + 1);
    int found = 0;
    for (int g = 0; g < p.n_groups; g++) {
        int size = p.group_start[g + 1] - p.group_start[g];
        if (size > 1) {
            assert_int_equal(size, dummies);
            for (int t = p.group_start[g]; t < p.group_start[g + 1]; t++)
                assert_int_equal(strncmp(p.train.feature_names[p.group_cols[t]], "color=", 6), 0);
            found++;
        }
    }
    assert_int_equal(found, 1);
    problem_free(&p);
    remove(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(options_are_read_and_written_back),
        cmocka_unit_test(defaults_are_not_written),
        cmocka_unit_test(bad_values_are_refused_by_name),
        cmocka_unit_test(run_keys_set_the_family),
        cmocka_unit_test(knobs_step_family_and_gamma),
        cmocka_unit_test(problems_get_their_groups),
        cmocka_unit_test(dummies_form_one_group),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
