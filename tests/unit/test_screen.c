/* A whole TUI frame rendered from a live snapshot, as text: no terminal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "screen.h"

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Renders cfg's scene after a few epochs into a cols x rows canvas. */
static char *render(Config *cfg, int cols, int rows, CanvasGlyphs g, UiState *ui_out)
{
    Err err = {0};
    Live *lv = live_start(cfg, 1, &err);
    assert_non_null(lv);
    UiState ui;
    memset(&ui, 0, sizeof ui);
    ui.cfg = *cfg;
    ui.paused = 1;
    ui.show_val = ui.shade_prob = 1;
    Canvas *c = canvas_new(cols, rows, g, 1);
    const LiveSnapshot *s = live_snapshot_lock(lv);
    screen_render(c, s, &ui); /* first pass: learns the grid size */
    live_snapshot_unlock(lv);
    LiveControl *ctl = live_control_lock(lv);
    ctl->grid_w = ui.grid_w;
    ctl->grid_h = ui.grid_h;
    ctl->step_epochs = 3;
    live_control_unlock(lv);
    for (int i = 0; i < 200; i++) {
        s = live_snapshot_lock(lv);
        int done = s->epoch >= 3;
        live_snapshot_unlock(lv);
        if (done)
            break;
        sleep_ms(10);
    }
    s = live_snapshot_lock(lv);
    screen_render(c, s, &ui);
    live_snapshot_unlock(lv);
    char *text = canvas_to_text(c);
    canvas_free(c);
    live_stop(lv);
    if (ui_out)
        *ui_out = ui;
    return text;
}

static void test_frame_shows_spec_labels_at_80x24(void **state)
{
    (void)state;
    Config cfg;
    config_defaults(&cfg);
    char *t = render(&cfg, 80, 24, CANVAS_UTF8, NULL);
    assert_non_null(strstr(t, "lambda 0"));
    assert_non_null(strstr(t, "alpha 1.00"));
    assert_non_null(strstr(t, "keep 1.00"));
    assert_non_null(strstr(t, "lr 0.03"));
    assert_non_null(strstr(t, "epoch 3"));
    assert_non_null(strstr(t, "decision boundary"));
    assert_non_null(strstr(t, "zeros"));
    free(t);
}

static void test_ascii_frame_is_pure_ascii(void **state)
{
    (void)state;
    Config cfg;
    config_defaults(&cfg);
    char *t = render(&cfg, 120, 40, CANVAS_ASCII, NULL);
    for (const char *p = t; *p; p++)
        assert_true((unsigned char)*p < 128);
    assert_non_null(strstr(t, "lambda 0"));
    free(t);
}

static void test_grid_request_matches_plot_area(void **state)
{
    (void)state;
    Config cfg;
    config_defaults(&cfg);
    UiState ui;
    char *t = render(&cfg, 200, 60, CANVAS_UTF8, &ui);
    assert_true(ui.grid_w > 40 && ui.grid_h > 40);
    assert_int_equal(ui.grid_w, ui.plot_rect.w);
    assert_int_equal(ui.grid_h, ui.plot_rect.h);
    for (int k = 0; k < KNOB_COUNT; k++) /* every knob shown is clickable; corr's only on corr */
        assert_true((ui.knob_rect[k].w > 0) == knob_visible(&cfg, (KnobId)k));
    free(t);
}

static void test_tiny_terminal_says_so(void **state)
{
    (void)state;
    Config cfg;
    config_defaults(&cfg);
    char *t = render(&cfg, 40, 10, CANVAS_UTF8, NULL);
    assert_non_null(strstr(t, "terminal too small"));
    free(t);
}

static void test_many_inputs_show_weight_bars_with_zeros(void **state)
{
    (void)state;
    Config cfg;
    config_defaults(&cfg);
    strcpy(cfg.data, "sparse");
    cfg.n_hidden = 0;
    config_apply_model_defaults(&cfg);
    cfg.hyper.lambda = 0.05;
    char *t = render(&cfg, 120, 40, CANVAS_UTF8, NULL);
    assert_non_null(strstr(t, "weights per feature"));
    assert_non_null(strstr(t, "x30"));
    free(t);
}

static void test_regression_line_shows_fitted_curve(void **state)
{
    (void)state;
    Config cfg;
    config_defaults(&cfg);
    strcpy(cfg.data, "line");
    char *t = render(&cfg, 120, 40, CANVAS_UTF8, NULL);
    assert_non_null(strstr(t, "fitted curve"));
    assert_null(strstr(t, "acc"));
    free(t);
}

static void test_compare_frame_shows_each_run_and_one_shared_loss_plot(void **state)
{
    (void)state;
    Config base;
    config_defaults(&base);
    strcpy(base.data, "sparse");
    base.n_hidden = 0;
    config_apply_model_defaults(&base);
    Hyper h[2] = {base.hyper, base.hyper};
    h[0].lambda = h[1].lambda = 0.05;
    h[0].alpha = 1;
    h[1].alpha = 0;
    Live *lv[2];
    Err err = {0};
    for (int i = 0; i < 2; i++) {
        Config c = base;
        c.hyper = h[i];
        lv[i] = live_start(&c, 1, &err);
        assert_non_null(lv[i]);
        LiveControl *ctl = live_control_lock(lv[i]);
        ctl->step_epochs = 50;
        live_control_unlock(lv[i]);
    }
    for (int i = 0; i < 2; i++)
        for (int k = 0; k < 300; k++) {
            const LiveSnapshot *s = live_snapshot_lock(lv[i]);
            int done = s->epoch >= 50;
            live_snapshot_unlock(lv[i]);
            if (done)
                break;
            sleep_ms(10);
        }
    UiState ui;
    memset(&ui, 0, sizeof ui);
    ui.cfg = base;
    ui.cfg.hyper = h[0];
    ui.n_runs = 2;
    ui.run_hyper[0] = h[0];
    ui.run_hyper[1] = h[1];
    strcpy(ui.run_name[0], "lasso");
    strcpy(ui.run_name[1], "ridge");
    Canvas *c = canvas_new(160, 50, CANVAS_UTF8, 1);
    const LiveSnapshot *s[2] = {live_snapshot_lock(lv[0]), live_snapshot_lock(lv[1])};
    screen_render_runs(c, s, 2, &ui);
    live_snapshot_unlock(lv[1]);
    live_snapshot_unlock(lv[0]);
    char *t = canvas_to_text(c);
    assert_non_null(strstr(t, "> lasso  lambda 0.05 alpha 1"));
    assert_non_null(strstr(t, "ridge  lambda 0.05 alpha 0"));
    assert_non_null(strstr(t, "validation loss per run"));
    assert_non_null(strstr(t, "lasso weights"));
    assert_non_null(strstr(t, "ridge weights"));
    /* the lasso run has exact zeros, the ridge run none */
    assert_non_null(strstr(t, "zeros 0%"));
    assert_true(ui.run_rect[0].w > 0 && ui.run_rect[1].x > ui.run_rect[0].x);
    free(t);
    canvas_free(c);
    live_stop(lv[0]);
    live_stop(lv[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_frame_shows_spec_labels_at_80x24),
        cmocka_unit_test(test_ascii_frame_is_pure_ascii),
        cmocka_unit_test(test_grid_request_matches_plot_area),
        cmocka_unit_test(test_tiny_terminal_says_so),
        cmocka_unit_test(test_many_inputs_show_weight_bars_with_zeros),
        cmocka_unit_test(test_regression_line_shows_fitted_curve),
        cmocka_unit_test(test_compare_frame_shows_each_run_and_one_shared_loss_plot),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
