/* Points from the mouse (src/data/pointedit.c, the live control queue): adding a
 * point grows the training split by one and training goes on; removing the
 * nearest point shrinks it; the standardizer never moves. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "setup.h"
#include "live.h"
#include "pointedit.h"

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static Problem circle_problem(int standardize)
{
    Config c;
    config_defaults(&c);
    c.samples = 100;
    c.standardize = standardize;
    Problem p;
    Err err = {0};
    assert_int_equal(config_build_problem(&c, &p, &err), 0);
    return p;
}

static void test_add_keeps_the_standardizer_and_transforms_the_row(void **state)
{
    (void)state;
    Problem p = circle_problem(1);
    int n = p.train.n;
    double mean[2], scale[2];
    memcpy(mean, p.std.mean, sizeof mean);
    memcpy(scale, p.std.scale, sizeof scale);
    double x[2] = {4.5, -3.25};
    Err err = {0};
    assert_int_equal(problem_add_train_point(&p, x, 1, &err), 0);
    assert_int_equal(p.train.n, n + 1);
    assert_int_equal(p.raw_train.n, n + 1);
    assert_memory_equal(p.std.mean, mean, sizeof mean);
    assert_memory_equal(p.std.scale, scale, sizeof scale);
    double want[2];
    problem_transform(&p, x, 1, want);
    assert_memory_equal(p.train.X + (size_t)n * 2, want, sizeof want);
    assert_true(p.train.y[n] == 1.0);
    /* the rows before it are untouched */
    Problem q = circle_problem(1);
    assert_memory_equal(p.train.X, q.train.X, sizeof(double) * (size_t)n * 2);
    problem_free(&q);
    problem_free(&p);
}

static void test_remove_takes_the_nearest_point(void **state)
{
    (void)state;
    Problem p = circle_problem(1);
    int n = p.train.n;
    double x = p.raw_train.X[2 * 7] + 1e-6, y = p.raw_train.X[2 * 7 + 1] - 1e-6;
    double next[2] = {p.raw_train.X[2 * 8], p.raw_train.X[2 * 8 + 1]};
    int removed = -1;
    Err err = {0};
    assert_int_equal(problem_remove_nearest_train(&p, x, y, &removed, &err), 0);
    assert_int_equal(removed, 7);
    assert_int_equal(p.train.n, n - 1);
    assert_memory_equal(p.raw_train.X + 2 * 7, next, sizeof next);
    problem_free(&p);
}

static void test_trainer_follows_the_new_size(void **state)
{
    (void)state;
    int batches[] = {0, 10};
    for (int b = 0; b < 2; b++)
        for (int threads = 1; threads <= 2; threads++) {
            Problem p = circle_problem(1);
            Config c;
            config_defaults(&c);
            c.hyper.batch = batches[b];
            TrainerConfig tc;
            config_trainer(&c, &p, &tc);
            tc.threads = threads;
            Err err = {0};
            Trainer *t = trainer_new(&p, &tc, &err);
            assert_non_null(t);
            trainer_step(t);
            for (int i = 0; i < 25; i++) {
                double x[2] = {i * 0.1, -i * 0.1};
                PointEdit e = {x[0], x[1], i % 2, 0};
                assert_int_equal(points_apply_edits(&p, t, &e, 1, &err), 1);
            }
            assert_int_equal(trainer_batch_order(t)[p.train.n - 1], p.train.n - 1);
            long e0 = trainer_epochs_done(t);
            trainer_epoch(t);
            trainer_epoch(t);
            assert_int_equal(trainer_epochs_done(t), e0 + 2);
            Metrics m;
            trainer_evaluate(t, &m);
            assert_true(isfinite(m.train_loss));
            PointEdit rm = {0, 0, 0, 1};
            assert_int_equal(points_apply_edits(&p, t, &rm, 1, &err), 1);
            trainer_epoch(t);
            trainer_free(t);
            problem_free(&p);
        }
}

static void test_edits_refused_outside_2d_classification(void **state)
{
    (void)state;
    Config c;
    config_defaults(&c);
    strcpy(c.data, "line");
    c.samples = 50;
    Problem p;
    Err err = {0};
    assert_int_equal(config_build_problem(&c, &p, &err), 0);
    TrainerConfig tc;
    config_trainer(&c, &p, &tc);
    Trainer *t = trainer_new(&p, &tc, &err);
    assert_non_null(t);
    int n = p.train.n;
    PointEdit e = {0, 0, 0, 0};
    assert_int_equal(points_apply_edits(&p, t, &e, 1, &err), -1);
    assert_non_null(strstr(err.msg, "2-D"));
    assert_int_equal(p.train.n, n);
    trainer_free(t);
    problem_free(&p);
}

/* ---- through the live control queue ---------------------------------------- */

static int snap_train(Live *lv, long *epoch)
{
    const LiveSnapshot *s = live_snapshot_lock(lv);
    int n = s->n_train;
    if (epoch)
        *epoch = s->epoch;
    live_snapshot_unlock(lv);
    return n;
}

static int wait_train(Live *lv, int want)
{
    for (int i = 0; i < 300; i++) {
        if (snap_train(lv, NULL) == want)
            return 1;
        sleep_ms(10);
    }
    return 0;
}

static void push(Live *lv, PointEdit e)
{
    LiveControl *c = live_control_lock(lv);
    c->edits[c->n_edits++] = e;
    live_control_unlock(lv);
}

static void test_live_queue_adds_and_removes(void **state)
{
    (void)state;
    Config c;
    config_defaults(&c);
    c.samples = 200;
    Err err = {0};
    Live *lv = live_start(&c, 0, &err);
    assert_non_null(lv);
    LiveControl *ctl = live_control_lock(lv);
    ctl->grid_w = 30;
    ctl->grid_h = 15;
    live_control_unlock(lv);
    int n = snap_train(lv, NULL);
    assert_true(n > 0);
    push(lv, (PointEdit){0.25, 0.5, 1, 0});
    assert_true(wait_train(lv, n + 1));
    /* the snapshot shows it: a class 1 training point at (0.25, 0.5) */
    int found = 0;
    const LiveSnapshot *s = live_snapshot_lock(lv);
    for (int i = 0; i < s->n_points; i++)
        found |= s->px[i] == 0.25 && s->py[i] == 0.5 && s->pclass[i] == 1 && !s->pval[i];
    int grid = s->grid_w == 30 && s->grid_h == 15;
    live_snapshot_unlock(lv);
    assert_true(found);
    assert_true(grid);
    long e1, e2;
    snap_train(lv, &e1);
    for (int i = 0; i < 200; i++) {
        snap_train(lv, &e2);
        if (e2 > e1 + 2)
            break;
        sleep_ms(10);
    }
    assert_true(e2 > e1 + 2); /* training goes on */
    push(lv, (PointEdit){0.25, 0.5, 0, 1});
    assert_true(wait_train(lv, n));
    found = 0;
    s = live_snapshot_lock(lv);
    for (int i = 0; i < s->n_points; i++)
        found |= s->px[i] == 0.25 && s->py[i] == 0.5;
    live_snapshot_unlock(lv);
    assert_false(found);
    live_stop(lv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_keeps_the_standardizer_and_transforms_the_row),
        cmocka_unit_test(test_remove_takes_the_nearest_point),
        cmocka_unit_test(test_trainer_follows_the_new_size),
        cmocka_unit_test(test_edits_refused_outside_2d_classification),
        cmocka_unit_test(test_live_queue_adds_and_removes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
