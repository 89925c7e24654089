/* The training thread and its control block / snapshot, without a UI. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "headless.h"
#include "live.h"

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static long epoch_now(Live *lv)
{
    const LiveSnapshot *s = live_snapshot_lock(lv);
    long e = s->epoch;
    live_snapshot_unlock(lv);
    return e;
}

/* Waits until the snapshot's version moves past v (or 2 s). */
static void wait_publish(Live *lv, unsigned long v)
{
    for (int i = 0; i < 200; i++) {
        const LiveSnapshot *s = live_snapshot_lock(lv);
        unsigned long now = s->version;
        live_snapshot_unlock(lv);
        if (now > v)
            return;
        sleep_ms(10);
    }
}

static unsigned long version_now(Live *lv)
{
    const LiveSnapshot *s = live_snapshot_lock(lv);
    unsigned long v = s->version;
    live_snapshot_unlock(lv);
    return v;
}

static Live *start(const char *data, int paused)
{
    Config c;
    config_defaults(&c);
    strcpy(c.data, data);
    c.samples = 200;
    Err err = {0};
    Live *lv = live_start(&c, paused, &err);
    assert_non_null(lv);
    LiveControl *ctl = live_control_lock(lv);
    ctl->grid_w = 40;
    ctl->grid_h = 20;
    live_control_unlock(lv);
    return lv;
}

static void test_running_trainer_advances_epochs(void **state)
{
    (void)state;
    Live *lv = start("circle", 0);
    sleep_ms(300);
    assert_true(epoch_now(lv) > 0);
    live_stop(lv);
}

static void test_pause_stops_epochs_and_step_runs_exactly_one(void **state)
{
    (void)state;
    Live *lv = start("xor", 0);
    sleep_ms(100);
    unsigned long v = version_now(lv);
    live_control_lock(lv)->paused = 1;
    live_control_unlock(lv);
    wait_publish(lv, v);
    sleep_ms(100); /* a burst in flight may finish */
    long e = epoch_now(lv);
    sleep_ms(200);
    assert_int_equal(epoch_now(lv), e);
    v = version_now(lv);
    live_control_lock(lv)->step_epochs = 1;
    live_control_unlock(lv);
    wait_publish(lv, v);
    assert_int_equal(epoch_now(lv), e + 1);
    live_stop(lv);
}

/* Waits (up to 10 s) until the run is paused; returns its epoch then. */
static long wait_paused(Live *lv, int *reached)
{
    for (int i = 0; i < 1000; i++) {
        const LiveSnapshot *s = live_snapshot_lock(lv);
        int paused = s->paused;
        long e = s->epoch;
        *reached = s->pause_reached;
        live_snapshot_unlock(lv);
        if (paused)
            return e;
        sleep_ms(10);
    }
    return -1;
}

/* --pause-at: the run stops at exactly that epoch, once; space trains on
 * past it, r (a fresh start) stops there again. Epochs past the first
 * LIVE_DENSE_EPOCHS run in bursts, so 300 tests the burst's own check. */
static void test_pause_epoch_stops_there_once(void **state)
{
    (void)state;
    Config c;
    config_defaults(&c);
    c.samples = 200;
    c.pause_epoch = 300;
    Err err = {0};
    Live *lv = live_start(&c, 0, &err);
    assert_non_null(lv);
    int reached = 0;
    assert_int_equal(wait_paused(lv, &reached), 300);
    assert_true(reached);
    const LiveSnapshot *s = live_snapshot_lock(lv);
    assert_non_null(strstr(s->message, "paused at epoch 300"));
    live_snapshot_unlock(lv);
    live_control_lock(lv)->paused = 0; /* space */
    live_control_unlock(lv);
    sleep_ms(300);
    s = live_snapshot_lock(lv);
    assert_true(s->epoch > 300);
    assert_false(s->paused);
    assert_string_equal(s->message, "");
    live_snapshot_unlock(lv);
    LiveControl *ctl = live_control_lock(lv); /* r */
    ctl->reset = 1;
    live_control_unlock(lv);
    assert_int_equal(wait_paused(lv, &reached), 300);
    live_stop(lv);
}

static void test_snapshot_has_grid_points_and_history(void **state)
{
    (void)state;
    Live *lv = start("gauss", 0);
    sleep_ms(300);
    const LiveSnapshot *s = live_snapshot_lock(lv);
    assert_int_equal(s->grid_w, 40);
    assert_int_equal(s->grid_h, 20);
    assert_int_equal(s->n_points, 200);
    assert_true(s->n_hist > 1);
    for (int i = 0; i < 40 * 20; i++)
        assert_true(s->grid_value[i] >= 0 && s->grid_value[i] <= 1);
    assert_true(s->model.n_layers == 3);
    live_snapshot_unlock(lv);
    live_stop(lv);
}

static void test_hyper_change_reaches_trainer(void **state)
{
    (void)state;
    Live *lv = start("circle", 0);
    LiveControl *c = live_control_lock(lv);
    c->cfg.hyper.lambda = 10; /* huge L1: prox zeroes every weight */
    live_control_unlock(lv);
    sleep_ms(400);
    const LiveSnapshot *s = live_snapshot_lock(lv);
    assert_true(s->cfg.hyper.lambda == 10);
    assert_true(s->metrics.w.zero_frac > 0.9);
    live_snapshot_unlock(lv);
    live_stop(lv);
}

/* A knob change is marked on the history at the epoch it took effect, with
 * what changed; changes at one epoch (paused) merge, a change undone there
 * leaves no mark, and a reset starts a history without marks. */
static void test_knob_changes_are_marked_on_the_history(void **state)
{
    (void)state;
    Live *lv = start("circle", 1);
    unsigned long v = version_now(lv);
    live_control_lock(lv)->step_epochs = 3;
    live_control_unlock(lv);
    wait_publish(lv, v);
    sleep_ms(50);
    long e = epoch_now(lv);
    v = version_now(lv);
    live_control_lock(lv)->cfg.hyper.lambda = 0.03;
    live_control_unlock(lv);
    wait_publish(lv, v);
    v = version_now(lv);
    LiveControl *c = live_control_lock(lv);
    c->cfg.hyper.lambda = 0.3;
    c->cfg.hyper.alpha = 0;
    live_control_unlock(lv);
    wait_publish(lv, v);
    const LiveSnapshot *s = live_snapshot_lock(lv);
    assert_int_equal(s->n_marks, 1);
    assert_int_equal(s->mark_epoch[0], e);
    assert_string_equal(s->mark_label[0], "lambda 0.3 alpha 0");
    live_snapshot_unlock(lv);

    v = version_now(lv); /* one epoch on, then a change and its undoing */
    live_control_lock(lv)->step_epochs = 1;
    live_control_unlock(lv);
    wait_publish(lv, v);
    sleep_ms(50);
    v = version_now(lv);
    live_control_lock(lv)->cfg.hyper.lr = 0.5;
    live_control_unlock(lv);
    wait_publish(lv, v);
    s = live_snapshot_lock(lv);
    assert_int_equal(s->n_marks, 2);
    assert_int_equal(s->mark_epoch[1], e + 1);
    assert_string_equal(s->mark_label[1], "lr 0.5");
    live_snapshot_unlock(lv);
    Config d;
    config_defaults(&d);
    v = version_now(lv);
    live_control_lock(lv)->cfg.hyper.lr = d.hyper.lr;
    live_control_unlock(lv);
    wait_publish(lv, v);
    s = live_snapshot_lock(lv);
    assert_int_equal(s->n_marks, 1);
    live_snapshot_unlock(lv);

    v = version_now(lv);
    live_control_lock(lv)->reset = 1;
    live_control_unlock(lv);
    wait_publish(lv, v);
    s = live_snapshot_lock(lv);
    assert_int_equal(s->n_marks, 0);
    live_snapshot_unlock(lv);
    live_stop(lv);
}

static void test_divergence_pauses_and_reset_recovers(void **state)
{
    (void)state;
    Live *lv = start("line", 0);
    LiveControl *c = live_control_lock(lv);
    c->cfg.n_hidden = 0;
    c->cfg.hyper.lr = 1e6;
    c->cfg.hyper.batch = 0;
    c->rebuild = 1;
    live_control_unlock(lv);
    int diverged = 0;
    for (int i = 0; i < 100 && !diverged; i++) {
        sleep_ms(20);
        const LiveSnapshot *s = live_snapshot_lock(lv);
        diverged = s->diverged && s->paused;
        live_snapshot_unlock(lv);
    }
    assert_true(diverged);
    unsigned long v = version_now(lv);
    c = live_control_lock(lv);
    c->cfg.hyper.lr = 0.01;
    c->reset = 1;
    c->paused = 0;
    live_control_unlock(lv);
    wait_publish(lv, v);
    sleep_ms(100);
    const LiveSnapshot *s = live_snapshot_lock(lv);
    assert_false(s->diverged);
    assert_true(isfinite(s->metrics.train_loss));
    live_snapshot_unlock(lv);
    live_stop(lv);
}

static void test_dataset_change_mid_run_is_safe(void **state)
{
    (void)state;
    Live *lv = start("circle", 0);
    const char *names[] = {"xor", "spiral", "line", "sparse", "moons", "nonexistent-set"};
    for (int i = 0; i < 6; i++) {
        LiveControl *c = live_control_lock(lv);
        strcpy(c->cfg.data, names[i]);
        c->rebuild = 1;
        live_control_unlock(lv);
        sleep_ms(60);
    }
    sleep_ms(100);
    const LiveSnapshot *s = live_snapshot_lock(lv);
    assert_string_equal(s->cfg.data, "moons"); /* the bad name was refused */
    assert_true(strstr(s->message, "nonexistent-set") != NULL);
    live_snapshot_unlock(lv);
    live_stop(lv);
}

/* A noisy xor, few points, a wide net: it overfits, so early stopping fires. */
static void early_stop_scene(Config *c)
{
    config_defaults(c);
    strcpy(c->data, "xor");
    c->samples = 100;
    c->noise = 35;
    c->n_hidden = 2;
    c->hidden[0] = c->hidden[1] = 32;
    c->early_stop = 30;
}

/* --early-stop in the live trainer: it pauses by itself, exactly patience
 * epochs after the best, says so, and the weights it shows are the best
 * seen (their validation loss is the lowest in the history). */
static void test_early_stop_restores_best_and_pauses(void **state)
{
    (void)state;
    Config c;
    early_stop_scene(&c);
    Err err = {0};
    Live *lv = live_start(&c, 0, &err);
    assert_non_null(lv);
    int stopped = 0;
    for (int i = 0; i < 3000 && !stopped; i++) { /* up to 30 s */
        const LiveSnapshot *s = live_snapshot_lock(lv);
        if (s->paused && strstr(s->message, "early stop")) {
            stopped = 1;
            /* every epoch counts: it stops at the first one patience allows */
            assert_true(s->best_epoch >= 0);
            assert_int_equal(s->epoch - s->best_epoch, 30);
            assert_true(s->early_stopped);
            for (int k = 0; k < s->n_hist; k++)
                if (!isnan(s->hist_val[k]))
                    assert_true(s->metrics.val_loss <= s->hist_val[k] + 1e-12);
        }
        live_snapshot_unlock(lv);
        if (!stopped)
            sleep_ms(10);
    }
    assert_true(stopped);
    LiveControl now;
    live_control_read(lv, &now);
    assert_true(now.paused); /* the UI follows the control block */
    live_stop(lv);
}

/* Past the first epochs, bursts of training end on a timer, mid-epoch as
 * often as not: early stopping still judges whole epochs and stops where
 * headless training stops, restoring the same epoch. */
static void test_early_stop_matches_headless_with_mini_batches(void **state)
{
    (void)state;
    Config c;
    early_stop_scene(&c);
    c.hyper.lr = 0.01; /* the best epoch comes after the first 200 */
    c.epochs = 5000;
    Err err = {0};
    FILE *out = tmpfile();
    assert_non_null(out);
    assert_int_equal(headless_run(&c, out, &err), 0);
    rewind(out);
    char line[65536], last[65536] = "";
    while (fgets(line, sizeof line, out))
        strcpy(last, line);
    fclose(out);
    long want_stop = -1, want_best = -1;
    const char *q = strstr(last, "\"epochs\":");
    assert_non_null(q);
    want_stop = strtol(q + 9, NULL, 10);
    q = strstr(last, "\"best_epoch\":");
    assert_non_null(q);
    want_best = strtol(q + 13, NULL, 10);
    assert_true(want_best > 200);

    Live *lv = live_start(&c, 0, &err);
    assert_non_null(lv);
    int stopped = 0;
    for (int i = 0; i < 6000 && !stopped; i++) { /* up to 60 s */
        const LiveSnapshot *s = live_snapshot_lock(lv);
        if (s->early_stopped && s->paused) {
            stopped = 1;
            assert_int_equal(s->best_epoch, want_best);
            assert_int_equal(s->epoch, want_stop);
        }
        live_snapshot_unlock(lv);
        if (!stopped)
            sleep_ms(10);
    }
    assert_true(stopped);
    live_stop(lv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_running_trainer_advances_epochs),
        cmocka_unit_test(test_pause_stops_epochs_and_step_runs_exactly_one),
        cmocka_unit_test(test_pause_epoch_stops_there_once),
        cmocka_unit_test(test_snapshot_has_grid_points_and_history),
        cmocka_unit_test(test_hyper_change_reaches_trainer),
        cmocka_unit_test(test_knob_changes_are_marked_on_the_history),
        cmocka_unit_test(test_divergence_pauses_and_reset_recovers),
        cmocka_unit_test(test_dataset_change_mid_run_is_safe),
        cmocka_unit_test(test_early_stop_restores_best_and_pauses),
        cmocka_unit_test(test_early_stop_matches_headless_with_mini_batches),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
