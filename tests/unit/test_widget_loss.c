/* Tests of the loss plot widget, read back from the canvas: legend words and
 * axis labels, the best epoch, knob-change marks and the recent window, a
 * clipped spike said as such, hidden lines named, log and linear axes, and
 * a huge history drawn fast. */
#include <math.h>
#include <time.h>

#include "canvas_asserts.h"
#include "widgets.h"

/* ---- loss ------------------------------------------------------------------- */

static double train[100], val[100], data[100], pen[100];

static LossView make_loss(int n)
{
    for (int i = 0; i < 100; i++) {
        train[i] = 0.593 * exp(-i / 20.0) + 0.1; /* 0.693 at epoch 1 */
        val[i] = train[i] + 0.05 + (i > 50 ? (i - 50) * 0.004 : 0);
        data[i] = train[i] - 0.05;
        pen[i] = 0.05;
    }
    LossView v = {{train, val, data, pen}, n, 1, NULL, 0, -1, {NULL}, 0, {0}, {NULL}, 0};
    return v;
}

static void test_loss_shows_legend_words_and_axis_labels(void **state)
{
    (void)state;
    Canvas *c = canvas_new(60, 14, CANVAS_UTF8, 1);
    LossView v = make_loss(100);
    widget_loss_draw(c, rect_make(0, 0, 60, 14), &v);
    char legend[256];
    row_text(c, 0, legend, sizeof legend);
    for (const char *w = "train\0val\0data\0penalty\0"; *w; w += strlen(w) + 1)
        assert_non_null(strstr(legend, w));
    assert_int_equal(find_row(c, "0.743"), 1); /* max: val at epoch 1 */
    assert_int_equal(find_row(c, "0.05"), 12); /* min: the penalty */
    char bottom[256];
    row_text(c, 13, bottom, sizeof bottom);
    assert_non_null(strstr(bottom, "1"));
    assert_non_null(strstr(bottom, "100"));
    canvas_free(c);
}

static void test_loss_marks_best_validation_epoch_with_line_and_label(void **state)
{
    (void)state;
    Canvas *c = canvas_new(60, 14, CANVAS_ASCII, 0);
    LossView v = make_loss(100);
    v.series[LOSS_DATA] = v.series[LOSS_PENALTY] = NULL;
    v.best_epoch = 51;
    widget_loss_draw(c, rect_make(0, 0, 60, 14), &v);
    assert_int_equal(find_row(c, "best 51"), 0);
    int mx = find_col(c, 13, '^');
    assert_true(mx > 0);
    /* the marker runs down the plot where the curves leave it free */
    assert_true(count_cp_in_column(c, mx, 1, 13, '|') >= 6);
    /* epoch 51 of 1..100 sits about half-way across the plot */
    assert_true(mx > 25 && mx < 40);
    canvas_free(c);
}

/* A history sampled as the live TUI samples it: every epoch to 200, then
 * every 50th; lambda raised at epoch 3000 makes the objective jump to 10
 * and decay back toward 2. */
#define MARKED_N 300
static long mk_epoch[MARKED_N];
static double mk_train[MARKED_N];

static LossView marked_history(void)
{
    for (int i = 0; i < MARKED_N; i++) {
        mk_epoch[i] = i < 200 ? i + 1 : 200 + (long)(i - 199) * 50;
        double e = (double)mk_epoch[i];
        mk_train[i] = e < 3000 ? 0.1 + 0.6 * exp(-e / 30) : 2 + 8 * exp(-(e - 3000) / 400);
    }
    LossView v = {{mk_train, NULL, NULL, NULL},
                  MARKED_N,
                  0,
                  mk_epoch,
                  0,
                  -1,
                  {NULL},
                  1,
                  {3000},
                  {"lambda 0.3"},
                  0};
    return v;
}

static void test_loss_marks_a_knob_change_with_its_label(void **state)
{
    (void)state;
    Canvas *c = canvas_new(70, 14, CANVAS_ASCII, 0);
    LossView v = marked_history();
    widget_loss_draw(c, rect_make(0, 0, 70, 14), &v);
    assert_int_equal(find_row(c, "lambda 0.3"), 1); /* the plot's top row, readable */
    v.window_from = 2900; /* in the window the line stands clear of the jump */
    canvas_clear(c);
    widget_loss_draw(c, rect_make(0, 0, 70, 14), &v);
    assert_int_equal(find_row(c, "lambda 0.3"), 1);
    int x = find_col(c, 1, 'l') - 1;
    assert_true(x > 0);
    assert_true(count_cp_in_column(c, x, 2, 13, ':') >= 6);
    canvas_free(c);
}

/* The recent window: from the change on, linear in epochs (no power-of-ten
 * ticks), its first label the window's start, the y range its own. */
static void test_loss_recent_window_is_linear_from_the_change(void **state)
{
    (void)state;
    Canvas *c = canvas_new(70, 14, CANVAS_ASCII, 0);
    LossView v = marked_history();
    v.window_from = 2900;
    widget_loss_draw(c, rect_make(0, 0, 70, 14), &v);
    char bottom[256];
    row_text(c, 13, bottom, sizeof bottom);
    assert_non_null(strstr(bottom, "2900"));
    assert_non_null(strstr(bottom, "5200"));
    assert_null(strstr(bottom, "1k"));
    /* the change, 100 epochs into a window of 2300, sits near the left edge */
    int x = -1;
    for (int cx = 0; cx < 70; cx++)
        if (count_cp_in_column(c, cx, 2, 12, ':') >= 5) {
            x = cx;
            break;
        }
    assert_true(x > 0 && x < 12);
    /* the jump at the change reaches the top row */
    assert_int_equal(find_row(c, " 10|"), 1);
    canvas_free(c);
}

/* One spike far above everything else does not set the y axis: the top
 * label says it is clipped (^), and the curve keeps its room. */
static void test_loss_single_spike_is_clipped_and_said(void **state)
{
    (void)state;
    double h[200];
    for (int i = 0; i < 200; i++)
        h[i] = 0.5 + 0.1 * cos(i / 10.0);
    h[120] = 882;
    LossView v = {{h, NULL, NULL, NULL}, 200, 1, NULL, 0, -1, {NULL}, 0, {0}, {NULL}, 0};
    Canvas *c = canvas_new(60, 14, CANVAS_ASCII, 0);
    widget_loss_draw(c, rect_make(0, 0, 60, 14), &v);
    char top[256];
    row_text(c, 1, top, sizeof top);
    assert_non_null(strchr(top, '^'));
    assert_null(strstr(top, "882"));
    /* the cosine's swing spans most of the plot's rows */
    int rows_used = 0;
    for (int y = 1; y < 13; y++) {
        char row[256];
        row_text(c, y, row, sizeof row);
        rows_used += strchr(row + 6, '*') != NULL;
    }
    assert_true(rows_used >= 8);
    /* without the spike, no clip mark */
    h[120] = 0.5;
    canvas_clear(c);
    widget_loss_draw(c, rect_make(0, 0, 60, 14), &v);
    row_text(c, 1, top, sizeof top);
    assert_null(strchr(top, '^'));
    canvas_free(c);
}

/* A line drawn under another along its whole length is still findable:
 * the legend says under which (lambda 0: data equals train; compare mode:
 * two runs with the same loss). A line that parts from it is not "under". */
static void test_loss_legend_names_a_line_hidden_under_another(void **state)
{
    (void)state;
    double a[100], b[100], d[100];
    for (int i = 0; i < 100; i++) {
        a[i] = 0.7 * exp(-i / 20.0) + 0.1;
        b[i] = a[i];
        d[i] = a[i] + (i > 50 ? 0.2 : 0);
    }
    LossView v = {{a, NULL, b, NULL}, 100, 1, NULL, 0, -1, {NULL}, 0, {0}, {NULL}, 0};
    Canvas *c = canvas_new(70, 14, CANVAS_ASCII, 0);
    widget_loss_draw(c, rect_make(0, 0, 70, 14), &v);
    assert_int_equal(find_row(c, "data under train"), 0);
    canvas_free(c);

    LossView runs = {{a, b, d, NULL}, 100, 1, NULL, 0, -1, {"lasso", "ridge", "enet"}, 0, {0},
                     {NULL},          0};
    c = canvas_new(40, 14, CANVAS_ASCII, 0);
    widget_loss_draw(c, rect_make(0, 0, 40, 14), &runs);
    char legend[256];
    row_text(c, 0, legend, sizeof legend);
    assert_true(strstr(legend, "ridge under lasso") || strstr(legend, "ridge=lasso"));
    assert_null(strstr(legend, "enet under"));
    assert_null(strstr(legend, "enet="));
    canvas_free(c);
}

/* History entries come per publish, not per epoch: such an axis is
 * logarithmic in epochs, ticked at powers of ten, and the best mark sits
 * where its epoch falls on it. */
static void test_loss_uneven_history_gets_a_log_epoch_axis(void **state)
{
    (void)state;
    Canvas *c = canvas_new(60, 14, CANVAS_ASCII, 0);
    LossView v = make_loss(100);
    long epochs[100];
    for (int i = 0; i < 100; i++)
        epochs[i] = i < 50 ? i + 1 : (i - 49) * 2000L; /* 1..50, then 2000..100000 */
    v.epochs = epochs;
    v.best_epoch = 10;
    widget_loss_draw(c, rect_make(0, 0, 60, 14), &v);
    char bottom[256];
    row_text(c, 13, bottom, sizeof bottom);
    const char *t100 = strstr(bottom, "-100-"), *t1k = strstr(bottom, "1k"),
               *t10k = strstr(bottom, "10k"), *last = strstr(bottom, "100000");
    assert_non_null(t100);
    assert_non_null(t1k);
    assert_non_null(t10k);
    assert_non_null(last);
    assert_true(t100 < t1k && t1k < t10k && t10k < last);
    /* equal steps for each power of ten */
    int d1 = (int)(t1k - t100), d2 = (int)(t10k - t1k);
    assert_true(abs(d1 - d2) <= 2);
    /* epoch 10 of 1..100000: a fifth of the way across, not a tenth of a percent */
    int mx = find_col(c, 13, '^');
    assert_true(mx > 0);
    int x0 = (int)(strchr(bottom, '1') - bottom), x1 = (int)(last - bottom) + 5;
    double t = (double)(mx - x0) / (x1 - x0);
    assert_true(t > 0.15 && t < 0.25);
    canvas_free(c);
}

/* Evenly spaced epochs (compare mode's resampled history) stay linear. */
static void test_loss_evenly_spaced_epochs_keep_a_linear_axis(void **state)
{
    (void)state;
    Canvas *c = canvas_new(60, 14, CANVAS_ASCII, 0);
    LossView v = make_loss(100);
    long epochs[100];
    for (int i = 0; i < 100; i++)
        epochs[i] = i * 1000L;
    v.epochs = epochs;
    v.best_epoch = 50000;
    widget_loss_draw(c, rect_make(0, 0, 60, 14), &v);
    char bottom[256];
    row_text(c, 13, bottom, sizeof bottom);
    assert_null(strstr(bottom, "1k"));
    int mx = find_col(c, 13, '^');
    assert_true(mx > 25 && mx < 40); /* half-way */
    canvas_free(c);
}

/* A narrow panel with every series and log scale: the legend shortens
 * penalty rather than cutting "best N". */
static void test_loss_legend_fits_with_log_and_best(void **state)
{
    (void)state;
    Canvas *c = canvas_new(44, 10, CANVAS_UTF8, 1);
    LossView v = make_loss(100);
    v.log_scale = 1;
    v.best_epoch = 51;
    widget_loss_draw(c, rect_make(0, 0, 44, 10), &v);
    char legend[256];
    row_text(c, 0, legend, sizeof legend);
    assert_non_null(strstr(legend, "best 51"));
    assert_non_null(strstr(legend, "pen"));
    assert_non_null(strstr(legend, "log"));
    canvas_free(c);
}

static void test_loss_monochrome_tells_series_apart_by_glyph(void **state)
{
    (void)state;
    Canvas *c = canvas_new(60, 14, CANVAS_UTF8, 0);
    LossView v = make_loss(100);
    widget_loss_draw(c, rect_make(0, 0, 60, 14), &v);
    char *s = text_of(c);
    assert_non_null(strstr(s, "* train"));
    assert_non_null(strstr(s, "o val"));
    assert_null(strstr(s, "\xe2\xa0")); /* no braille: it would rely on colour */
    int stars = 0, os = 0;
    for (int y = 1; y < 13; y++)
        for (int x = 6; x < 60; x++) {
            stars += canvas_cell(c, x, y)->cp == '*';
            os += canvas_cell(c, x, y)->cp == 'o';
        }
    assert_true(stars > 20);
    assert_true(os > 20);
    free(s);
    canvas_free(c);
}

static void test_loss_without_epochs_says_so(void **state)
{
    (void)state;
    Canvas *c = canvas_new(40, 8, CANVAS_UTF8, 1);
    LossView v = make_loss(0);
    widget_loss_draw(c, rect_make(0, 0, 40, 8), &v);
    assert_contains(c, "no epochs yet");
    canvas_free(c);
}

static void test_loss_single_epoch_and_nonfinite_values_are_skipped(void **state)
{
    (void)state;
    Canvas *c = canvas_new(40, 8, CANVAS_UTF8, 1);
    double t[4] = {0.5, NAN, INFINITY, 0.25};
    LossView v = {{t, NULL, NULL, NULL}, 1, 7, NULL, 0, -1, {NULL}, 0, {0}, {NULL}, 0};
    widget_loss_draw(c, rect_make(0, 0, 40, 8), &v);
    /* one dot at the plot's left edge, half-way up (0.5 is min = max there) */
    assert_true(canvas_cell(c, 5, 4)->cp > 0x2800 && canvas_cell(c, 5, 4)->cp <= 0x28ff);
    canvas_clear(c);
    v.n = 4;
    widget_loss_draw(c, rect_make(0, 0, 40, 8), &v);
    char *s = text_of(c);
    assert_null(strstr(s, "nan"));
    assert_null(strstr(s, "inf"));
    assert_non_null(strstr(s, "0.5"));
    assert_non_null(strstr(s, "0.25"));
    free(s);
    canvas_free(c);
}

static void test_loss_log_scale_skips_zero_penalty_and_labels_stay_positive(void **state)
{
    (void)state;
    Canvas *c = canvas_new(50, 10, CANVAS_ASCII, 0);
    double t[3] = {1.0, 0.1, 0.01}, z[3] = {0, 0, 0};
    LossView v = {{t, NULL, NULL, z}, 3, 1, NULL, 1, -1, {NULL}, 0, {0}, {NULL}, 0};
    widget_loss_draw(c, rect_make(0, 0, 50, 10), &v);
    assert_int_equal(find_row(c, "log"), 0);
    assert_int_equal(find_row(c, "1|"), 1);
    assert_int_equal(find_row(c, "0.01|"), 8);
    /* in log scale 0.1 lies half-way: the middle epoch plots mid-height */
    assert_int_equal(count_cp_in_column(c, 5 + 24, 1, 9, '*') >= 1, 1);
    assert_true(find_row(c, "+") != 1); /* no penalty glyph: log of 0 skipped */
    canvas_free(c);
}

static void test_loss_huge_history_downsamples_and_stays_fast(void **state)
{
    (void)state;
    int n = 1000000;
    double *h = malloc(sizeof *h * (size_t)n);
    assert_non_null(h);
    for (int i = 0; i < n; i++)
        h[i] = 1.0 / (1 + i * 1e-4);
    Canvas *c = canvas_new(200, 60, CANVAS_UTF8, 1);
    LossView v = {{h, h, h, h}, n, 1, NULL, 0, 500000, {NULL}, 0, {0}, {NULL}, 0};
    clock_t t0 = clock();
    for (int k = 0; k < 10; k++)
        widget_loss_draw(c, rect_make(0, 0, 200, 60), &v);
    double ms = (double)(clock() - t0) * 1000.0 / CLOCKS_PER_SEC / 10;
    assert_contains(c, "1000000");
    assert_contains(c, "best 500000");
    /* generous bound (sanitizer builds); an O(n) loop per column would not meet it */
    assert_true(ms < 50);
    free(h);
    canvas_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_loss_shows_legend_words_and_axis_labels),
        cmocka_unit_test(test_loss_marks_best_validation_epoch_with_line_and_label),
        cmocka_unit_test(test_loss_marks_a_knob_change_with_its_label),
        cmocka_unit_test(test_loss_recent_window_is_linear_from_the_change),
        cmocka_unit_test(test_loss_single_spike_is_clipped_and_said),
        cmocka_unit_test(test_loss_legend_names_a_line_hidden_under_another),
        cmocka_unit_test(test_loss_uneven_history_gets_a_log_epoch_axis),
        cmocka_unit_test(test_loss_evenly_spaced_epochs_keep_a_linear_axis),
        cmocka_unit_test(test_loss_legend_fits_with_log_and_best),
        cmocka_unit_test(test_loss_monochrome_tells_series_apart_by_glyph),
        cmocka_unit_test(test_loss_without_epochs_says_so),
        cmocka_unit_test(test_loss_single_epoch_and_nonfinite_values_are_skipped),
        cmocka_unit_test(test_loss_log_scale_skips_zero_penalty_and_labels_stay_positive),
        cmocka_unit_test(test_loss_huge_history_downsamples_and_stays_fast),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
