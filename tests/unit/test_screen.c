/* A whole TUI frame rendered from a live snapshot, as text: no terminal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "setup.h"
#include "explain.h"
#include "screen.h"

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static int explain_on; /* render with the i key's overlay */

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
    ui.explain = explain_on;
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
    assert_non_null(strstr(t, "alpha 1 "));
    assert_non_null(strstr(t, "keep 1 "));
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
        ctl->step_epochs = 400; /* more epochs than plot points */
        live_control_unlock(lv[i]);
    }
    for (int i = 0; i < 2; i++)
        for (int k = 0; k < 300; k++) {
            const LiveSnapshot *s = live_snapshot_lock(lv[i]);
            int done = s->epoch >= 400;
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
    /* the setting the runs differ in comes first, then the shared ones */
    assert_non_null(strstr(t, "> lasso  alpha 1  lambda 0.05 "));
    assert_non_null(strstr(t, "ridge  alpha 0  lambda 0.05 "));
    assert_null(strstr(t, "0.05 keep")); /* no dropout on either: the titles leave keep out */
    assert_non_null(strstr(t, "validation loss per run"));
    /* 400 epochs in 240 points: log-spaced, on a logarithmic epoch axis */
    assert_non_null(strstr(t, "\xe2\x94\x80"
                              "100"
                              "\xe2\x94\x80"));    /* ─100─ */
    assert_non_null(strstr(t, "400\xe2\x94\x82")); /* the last epoch, at the panel's edge */
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

/* Compare mode (or one run) from a command line, rendered after a few
 * epochs with run sel selected. */
static char *render_cmd(const char *const *args, int nargs, int cols, int rows, CanvasGlyphs g,
                        int sel, UiState *ui_out)
{
    char *argv[16] = {"regscope"};
    for (int i = 0; i < nargs && i < 15; i++)
        argv[i + 1] = (char *)args[i];
    Config cfg;
    config_defaults(&cfg);
    Err err = {0};
    assert_int_equal(config_parse(&cfg, nargs + 1, argv, &err), 0);
    int n = cfg.n_runs > 1 ? cfg.n_runs : 1;
    UiState ui;
    memset(&ui, 0, sizeof ui);
    ui.cfg = cfg;
    ui.paused = 1;
    ui.show_val = ui.shade_prob = 1;
    ui.n_runs = cfg.n_runs > 1 ? cfg.n_runs : 0;
    ui.sel = sel;
    Live *lv[CONFIG_MAX_RUNS];
    for (int i = 0; i < n; i++) {
        Config c = cfg;
        c.n_runs = 0;
        if (ui.n_runs) {
            c.hyper = cfg.runs[i].hyper;
            ui.run_hyper[i] = c.hyper;
            snprintf(ui.run_name[i], sizeof ui.run_name[i], "%s", cfg.runs[i].name);
        }
        lv[i] = live_start(&c, 1, &err);
        assert_non_null(lv[i]);
        LiveControl *ctl = live_control_lock(lv[i]);
        ctl->step_epochs = 2;
        live_control_unlock(lv[i]);
    }
    if (ui.n_runs)
        ui.cfg.hyper = ui.run_hyper[sel];
    for (int i = 0; i < n; i++)
        for (int k = 0; k < 300; k++) {
            const LiveSnapshot *s = live_snapshot_lock(lv[i]);
            int done = s->epoch >= 2;
            live_snapshot_unlock(lv[i]);
            if (done)
                break;
            sleep_ms(10);
        }
    Canvas *c = canvas_new(cols, rows, g, 1);
    const LiveSnapshot *s[CONFIG_MAX_RUNS];
    for (int i = 0; i < n; i++)
        s[i] = live_snapshot_lock(lv[i]);
    if (n > 1)
        screen_render_runs(c, s, n, &ui);
    else
        screen_render(c, s[0], &ui);
    for (int i = n - 1; i >= 0; i--)
        live_snapshot_unlock(lv[i]);
    char *text = canvas_to_text(c);
    canvas_free(c);
    for (int i = 0; i < n; i++)
        live_stop(lv[i]);
    if (ui_out)
        *ui_out = ui;
    return text;
}

/* --lesson augment at 120x40: three boundaries each tall enough to see,
 * titles name what sets each run apart (the noise run's jitter) uncut. */
static void test_compare_augment_120x40_boundaries_usable_titles_show_jitter(void **state)
{
    (void)state;
    const char *args[] = {"--lesson", "augment"};
    UiState ui;
    char *t = render_cmd(args, 2, 120, 40, CANVAS_UTF8, 0, &ui);
    assert_true(ui.grid_h >= 10);
    assert_true(ui.grid_w >= 20);
    assert_non_null(strstr(t, "> none  lambda 0 jitter 0 "));
    assert_non_null(strstr(t, "L2  lambda 0.01 jitter 0 "));
    assert_non_null(strstr(t, "noise  jitter 0.5 lambda 0 "));
    for (int i = 0; i < 3; i++)
        assert_true(ui.run_rect[i].h >= 20);
    free(t);
}

/* Four runs at 120x40: each boundary still usable, each title leads with
 * the setting only that run has. */
static void test_compare_four_runs_120x40(void **state)
{
    (void)state;
    const char *args[] = {"--data",     "circle",
                          "--features", "poly:6",
                          "--model",    "linear",
                          "--run",      "none:lambda=0",
                          "--run",      "L2:lambda=0.01,alpha=0",
                          "--run",      "noise:lambda=0,augment-noise=0.5",
                          "--run",      "drop:input-keep=0.8"};
    UiState ui;
    char *t = render_cmd(args, 14, 120, 40, CANVAS_UTF8, 0, &ui);
    assert_true(ui.grid_h >= 10);
    assert_true(ui.grid_w >= 18);
    assert_non_null(strstr(t, "noise  \xcf\x83=0.5"));
    assert_non_null(strstr(t, "drop  ik=0.8"));
    assert_non_null(strstr(t, "L2  \xce\xbb=0.01 \xce\xb1=0"));
    for (int i = 1; i < 4; i++) /* side by side, not overlapping */
        assert_true(ui.run_rect[i].x >= ui.run_rect[i - 1].x + ui.run_rect[i - 1].w ||
                    ui.run_rect[i].y >= ui.run_rect[i - 1].y + ui.run_rect[i - 1].h);
    free(t);
}

/* The controls panel names the selected run in full. */
static void test_controls_panel_names_run_uncut(void **state)
{
    (void)state;
    const char *args[] = {"--lesson", "dropout"};
    char *t = render_cmd(args, 2, 120, 40, CANVAS_UTF8, 1, NULL);
    assert_non_null(strstr(t, "run keep0.5"));
    assert_non_null(strstr(t, "> keep0.5  keep 0.5"));
    free(t);
    const char *args2[] = {"--lesson", "elasticnet"};
    t = render_cmd(args2, 2, 120, 40, CANVAS_UTF8, 0, NULL);
    assert_non_null(strstr(t, "run lasso"));
    free(t);
}

/* At 80x24 a lesson prompt too long for one row wraps onto a second, and
 * the compare boundaries keep a usable plot. */
static void test_lesson_prompt_wraps_at_80x24(void **state)
{
    (void)state;
    const char *sparsity[] = {"--lesson", "sparsity"};
    char *t = render_cmd(sparsity, 2, 80, 24, CANVAS_UTF8, 0, NULL);
    assert_non_null(strstr(t, "exactly to 0,"));
    assert_non_null(strstr(t, "L2 only shrinks them"));
    free(t);
    const char *overfit[] = {"--lesson", "overfit"};
    t = render_cmd(overfit, 2, 80, 24, CANVAS_UTF8, 0, NULL);
    assert_non_null(strstr(t, "watch val loss and the boundary"));
    assert_non_null(strstr(t, "decision boundary"));
    free(t);
    const char *augment[] = {"--lesson", "augment"};
    UiState ui;
    t = render_cmd(augment, 2, 80, 24, CANVAS_UTF8, 0, &ui);
    assert_non_null(strstr(t, "smooths the boundary too"));
    assert_non_null(strstr(t, "noise  "));
    assert_true(ui.grid_h >= 5);
    free(t);
}

/* ASCII terminals get ASCII abbreviations in the run titles. */
static void test_compare_titles_ascii(void **state)
{
    (void)state;
    const char *args[] = {"--lesson", "augment"};
    char *t = render_cmd(args, 2, 80, 24, CANVAS_ASCII, 0, NULL);
    for (const char *p = t; *p; p++)
        assert_true((unsigned char)*p < 128);
    assert_non_null(strstr(t, "noise  j=0.5 lam=0"));
    assert_non_null(strstr(t, "> none  lambda 0 j=0"));
    free(t);
}

/* The text a canvas shows, its rows joined with spaces (a sentence wraps). */
static char *joined(const char *t)
{
    char *j = strdup(t);
    for (char *p = j; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    return j;
}

/* A sentence wrapped over rows, each row's text then the panel's border:
 * the words of want appear in order in t. */
static int words_in_order(const char *t, const char *want)
{
    char *w = strdup(want);
    const char *at = t;
    int ok = 1;
    for (char *save = NULL, *word = strtok_r(w, " ", &save); word && ok;
         word = strtok_r(NULL, " ", &save))
        ok = (at = strstr(at, word)) != NULL;
    free(w);
    return ok;
}

/* i: each panel of the live layout says what it shows, whole, at 120x40
 * and 80x24 (the short form where the sentence does not fit); off again,
 * none does. */
static void test_explain_overlay_names_every_panel(void **state)
{
    (void)state;
    Config cfg;
    config_defaults(&cfg);
    explain_on = 1;
    char *t = render(&cfg, 120, 40, CANVAS_UTF8, NULL), *j = joined(t);
    assert_true(words_in_order(j, explain_text(PANEL_BOUNDARY)));
    assert_true(words_in_order(j, explain_text(PANEL_LOSS)));
    assert_true(words_in_order(j, explain_text(PANEL_HIST)));
    assert_true(words_in_order(j, explain_text(PANEL_CONTROLS)));
    free(t), free(j);
    strcpy(cfg.data, "sparse");
    cfg.n_hidden = 0;
    t = render(&cfg, 80, 24, CANVAS_ASCII, NULL), j = joined(t);
    for (int k = PANEL_BARS; k <= PANEL_HIST; k++) /* bars, loss, histogram */
        if (!words_in_order(j, explain_text((PanelKind)k)) &&
            !words_in_order(j, explain_short((PanelKind)k)))
            fail_msg("panel %d not explained at 80x24:\n%s", k, t);
    free(t), free(j);
    explain_on = 0;
    t = render(&cfg, 80, 24, CANVAS_ASCII, NULL);
    assert_null(strstr(t, "A bar per weight"));
    assert_null(strstr(t, "One bar per input, its weight"));
    free(t);
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
        cmocka_unit_test(test_compare_augment_120x40_boundaries_usable_titles_show_jitter),
        cmocka_unit_test(test_compare_four_runs_120x40),
        cmocka_unit_test(test_controls_panel_names_run_uncut),
        cmocka_unit_test(test_lesson_prompt_wraps_at_80x24),
        cmocka_unit_test(test_compare_titles_ascii),
        cmocka_unit_test(test_explain_overlay_names_every_panel),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
