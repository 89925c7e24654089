/* Tests of the widgets, read back from the canvas as text and cells: what a
 * student must see (L1's zero spike vs L2's bell, regions matching the
 * grid, train vs validation without colour), that labels appear, and that
 * no widget writes outside its rect or emits non-ASCII in ASCII mode. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "canvas.h"
#include "widgets.h"

#define U_FULL 0x2588u /* █ */

static char *text_of(const Canvas *c)
{
    char *s = canvas_to_text(c);
    assert_non_null(s);
    return s;
}

static void assert_contains(const Canvas *c, const char *needle)
{
    char *s = text_of(c);
    if (!strstr(s, needle))
        fail_msg("\"%s\" not found in:\n%s", needle, s);
    free(s);
}

/* Row y as UTF-8 text (trailing spaces kept off). */
static void row_text(const Canvas *c, int y, char *buf, size_t n)
{
    size_t len = 0;
    for (int x = 0; x < c->cols; x++) {
        char u[4];
        int k = canvas_utf8_encode(canvas_cell(c, x, y)->cp, u);
        for (int i = 0; i < k && len + 1 < n; i++)
            buf[len++] = u[i];
    }
    while (len > 0 && buf[len - 1] == ' ')
        len--;
    buf[len] = '\0';
}

/* Row of the first cell whose text contains s, or -1. */
static int find_row(const Canvas *c, const char *s)
{
    char buf[1024];
    for (int y = 0; y < c->rows; y++) {
        row_text(c, y, buf, sizeof buf);
        if (strstr(buf, s))
            return y;
    }
    return -1;
}

/* Column of code point cp in row y, or -1. */
static int find_col(const Canvas *c, int y, uint32_t cp)
{
    for (int x = 0; x < c->cols; x++)
        if (canvas_cell(c, x, y)->cp == cp)
            return x;
    return -1;
}

static int count_cp_in_column(const Canvas *c, int x, int y0, int y1, uint32_t cp)
{
    int n = 0;
    for (int y = y0; y < y1; y++)
        n += canvas_cell(c, x, y)->cp == cp;
    return n;
}

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

/* ---- histogram -------------------------------------------------------------- */

/* Cells of the zero bar: the column over the "=0" label, above the axis. */
static int zero_bar_height(const Canvas *c, int axis_row)
{
    char buf[512];
    row_text(c, axis_row, buf, sizeof buf);
    int x = find_col(c, axis_row, '=');
    assert_true(x >= 0);
    assert_int_equal(canvas_cell(c, x + 1, axis_row)->cp, '0');
    int h = 0;
    for (int y = axis_row - 1; y >= 0; y--) {
        uint32_t cp = canvas_cell(c, x, y)->cp;
        if (!((cp >= 0x2581 && cp <= 0x2588) || cp == '0'))
            break;
        h++;
    }
    return h;
}

static void test_hist_all_zero_weights_show_100_percent_and_full_zero_bar(void **state)
{
    (void)state;
    double w[50] = {0};
    HistView v = {{w}, {50}, {NULL}, 1, 0, 0};
    for (int mode = 0; mode < 2; mode++) {
        Canvas *c = canvas_new(40, 10, mode ? CANVAS_ASCII : CANVAS_UTF8, !mode);
        widget_hist_draw(c, rect_make(0, 0, 40, 10), &v);
        assert_contains(c, "zeros 100%");
        assert_int_equal(zero_bar_height(c, 9), 8); /* every bar row */
        assert_int_equal(canvas_cell(c, find_col(c, 9, '='), 5)->fg, COL_ZERO);
        canvas_free(c);
    }
}

static void test_hist_l1_zero_spike_tall_l2_bell_has_no_zero_bar(void **state)
{
    (void)state;
    double l1[100], l2[100];
    for (int i = 0; i < 100; i++) {
        l1[i] = i < 85 ? 0.0 : (i - 80) * (i % 2 ? 0.1 : -0.1); /* lasso: mostly exact 0 */
        l2[i] = 0.5 * sin(i * 1.3) + (i % 2 ? 1e-3 : -1e-3);    /* ridge: small, none 0 */
    }
    Canvas *a = canvas_new(50, 10, CANVAS_UTF8, 1), *b = canvas_new(50, 10, CANVAS_UTF8, 1);
    HistView va = {{l1}, {100}, {NULL}, 1, 0, 0}, vb = {{l2}, {100}, {NULL}, 1, 0, 0};
    widget_hist_draw(a, rect_make(0, 0, 50, 10), &va);
    widget_hist_draw(b, rect_make(0, 0, 50, 10), &vb);
    assert_contains(a, "zeros 85%");
    assert_contains(b, "zeros 0%");
    assert_int_equal(zero_bar_height(a, 9), 8);
    assert_int_equal(zero_bar_height(b, 9), 0);
    /* the ridge weights are all there, in the bins beside the gap */
    int filled = 0;
    for (int x = 0; x < 50; x++)
        filled += canvas_cell(b, x, 8)->cp >= 0x2581 && canvas_cell(b, x, 8)->cp <= 0x2588;
    assert_true(filled >= 10);
    canvas_free(a);
    canvas_free(b);
}

static void test_hist_prints_norms_and_largest_weight(void **state)
{
    (void)state;
    double w[4] = {1, -2, 0, 0};
    HistView v = {{w}, {4}, {NULL}, 1, 0, 0};
    Canvas *c = canvas_new(60, 8, CANVAS_ASCII, 0);
    widget_hist_draw(c, rect_make(0, 0, 60, 8), &v);
    assert_contains(c, "zeros 50%");
    assert_contains(c, "|w|1 3");
    assert_contains(c, "|w|2 2.24");
    assert_contains(c, "max|w| 2");
    /* 29 bins a side: -2 in the leftmost, 1 half-way right (bin 14, right
     * after the two-column zero bar: no gap), each half as tall as the two
     * zeros */
    int zx = find_col(c, 7, '=');
    assert_int_equal(zx, 29);
    assert_int_equal(canvas_cell(c, 0, 6)->cp, '#');
    assert_int_equal(canvas_cell(c, zx + 2 + 14, 6)->cp, '#');
    assert_int_equal(count_cp_in_column(c, 0, 1, 7, '#'), 3);
    assert_int_equal(count_cp_in_column(c, zx, 1, 7, '0'), 6);
    canvas_free(c);
}

static void test_hist_one_nonzero_among_many_zeros_is_still_visible(void **state)
{
    (void)state;
    double w[1000] = {0};
    w[3] = 0.7;
    HistView v = {{w}, {1000}, {NULL}, 1, 0, 0};
    Canvas *c = canvas_new(40, 10, CANVAS_UTF8, 1);
    widget_hist_draw(c, rect_make(0, 0, 40, 10), &v);
    assert_contains(c, "zeros >99%");
    assert_true(find_col(c, 8, 0x2581) > find_col(c, 9, '=')); /* ▁ right of =0 */
    canvas_free(c);
}

static void test_hist_per_layer_draws_one_labelled_histogram_each(void **state)
{
    (void)state;
    double a[3] = {0, 0, 1}, b[3] = {1, 2, 3};
    HistView v = {{a, b}, {3, 3}, {NULL, "out"}, 2, 1, 0};
    Canvas *c = canvas_new(50, 12, CANVAS_ASCII, 0);
    widget_hist_draw(c, rect_make(0, 0, 50, 12), &v);
    assert_int_equal(find_row(c, "W1  zeros 67%"), 0);
    assert_int_equal(find_row(c, "out  zeros 0%"), 6);
    canvas_free(c);
}

/* The user's L2 picture: 25 weights all within +-0.09 and a few large ones
 * (max|w| 2.88), in a 45-column panel. The small ones belong in the bins
 * right against the =0 bar, not two columns out with empty columns around
 * an empty zero bar, which made the bell look bimodal. */
static void test_hist_small_weights_sit_right_beside_the_zero_bar(void **state)
{
    (void)state;
    double w[30];
    for (int i = 0; i < 25; i++)
        w[i] = (i % 2 ? 1 : -1) * (0.004 + 0.0035 * i); /* 0.004 .. 0.088 */
    w[25] = 2.88, w[26] = -1.74, w[27] = 1.38, w[28] = -0.928, w[29] = 0.482;
    HistView v = {{w}, {30}, {NULL}, 1, 0, 0};
    for (int mode = 0; mode < 2; mode++) {
        Canvas *c = canvas_new(45, 10, mode ? CANVAS_ASCII : CANVAS_UTF8, !mode);
        widget_hist_draw(c, rect_make(0, 0, 45, 10), &v);
        int zx = find_col(c, 9, '=');
        assert_true(zx > 0);
        assert_int_equal(zero_bar_height(c, 9), 0); /* no exact zeros */
        /* the tallest bars, the small weights, touch the two zero columns
         * (over "=0") */
        uint32_t full = mode ? '#' : U_FULL;
        assert_int_equal(canvas_cell(c, zx - 1, 8)->cp, full);
        assert_int_equal(canvas_cell(c, zx + 2, 8)->cp, full);
        assert_true(count_cp_in_column(c, zx - 1, 0, 9, full) >= 3);
        assert_true(count_cp_in_column(c, zx + 2, 0, 9, full) >= 3);
        /* and nothing is left between them but the (empty) zero bar */
        for (int y = 2; y < 9; y++)
            for (int k = 0; k < 2; k++)
                assert_int_equal(canvas_cell(c, zx + k, y)->cp, ' ');
        /* axis stays truthful: -max at the left end, 21 bins from 0 */
        assert_int_equal(find_col(c, 9, (uint32_t)'-'), zx - 21);
        assert_contains(c, "-2.88");
        assert_contains(c, "2.88");
        canvas_free(c);
    }
}

/* Bins and the zero bar touch now, so the zero bar must stay distinct on its
 * own: its colour, or '0' glyphs where there is none. */
static void test_hist_zero_bar_stays_distinct_from_the_bins_beside_it(void **state)
{
    (void)state;
    double w[40] = {0};
    for (int i = 0; i < 10; i++)
        w[i] = (i % 2 ? 1 : -1) * 0.01 * (i + 1);
    w[10] = 3;
    HistView v = {{w}, {40}, {NULL}, 1, 0, 0};
    for (int mode = 0; mode < 3; mode++) {
        Canvas *c = canvas_new(41, 10, mode == 2 ? CANVAS_ASCII : CANVAS_UTF8, mode == 0);
        widget_hist_draw(c, rect_make(0, 0, 41, 10), &v);
        int zx = find_col(c, 9, '=');
        assert_true(zero_bar_height(c, 9) >= 7);
        const Cell *z = canvas_cell(c, zx, 8), *l = canvas_cell(c, zx - 1, 8),
                   *r = canvas_cell(c, zx + 2, 8);
        assert_true(l->cp != ' ' && r->cp != ' '); /* the bins touch the bar */
        if (mode == 0) {
            assert_int_equal(z->fg, COL_ZERO);
            assert_true(l->fg != COL_ZERO && r->fg != COL_ZERO);
        } else {
            assert_int_equal(z->cp, '0');
            assert_true(l->cp != '0' && r->cp != '0');
        }
        canvas_free(c);
    }
}

/* ---- decision boundary -------------------------------------------------------- */

/* 4x2 grid: left half p(class 1) = 0.02, right half 0.98. */
static const double halves[8] = {0.02, 0.02, 0.98, 0.98, 0.02, 0.02, 0.98, 0.98};

static void test_boundary_regions_match_the_grid_halves(void **state)
{
    (void)state;
    BoundaryView v = {BOUNDARY_BINARY, 4, 2, halves, NULL, 2, -1, 1, -1, 1, NULL, 0, 0, 1, 0};
    Canvas *c = canvas_new(20, 6, CANVAS_UTF8, 1);
    widget_boundary_draw(c, rect_make(0, 0, 20, 6), &v);
    for (int y = 0; y < 6; y++)
        for (int x = 0; x < 20; x++)
            assert_int_equal(canvas_cell(c, x, y)->bg, x < 10 ? COL_CLASS0_BG : COL_CLASS1_BG);
    canvas_free(c);
    /* monochrome ASCII: class 0 blank, class 1 dotted */
    c = canvas_new(8, 2, CANVAS_ASCII, 0);
    widget_boundary_draw(c, rect_make(0, 0, 8, 2), &v);
    char *s = text_of(c);
    assert_string_equal(s, "    ....\n    ....\n");
    free(s);
    canvas_free(c);
}

static void test_boundary_grid_row_zero_is_the_bottom(void **state)
{
    (void)state;
    const double bottom_is_one[4] = {1, 1, 0, 0}; /* 2x2: row 0 (y0) p = 1 */
    BoundaryView v = {BOUNDARY_BINARY, 2, 2, bottom_is_one, NULL, 2, 0, 1, 0, 1, NULL, 0, 1, 1, 0};
    Canvas *c = canvas_new(4, 4, CANVAS_ASCII, 0);
    widget_boundary_draw(c, rect_make(0, 0, 4, 4), &v);
    char *s = text_of(c);
    assert_string_equal(s, "\n\n::::\n::::\n"); /* probability ramp: p = 1 is ':' */
    free(s);
    canvas_free(c);
}

/* A regression surface's shading has a key: its glyphs from low to high
 * between the lowest and highest prediction drawn. */
static void test_boundary_regression_legend_keys_the_shading(void **state)
{
    (void)state;
    const double pred[4] = {-2.5, 0, 1, 4}; /* 2x2 */
    BoundaryView v = {BOUNDARY_REGRESS, 2, 2, pred, NULL, 0, 0, 1, 0, 1, NULL, 0, 1, 1, 1};
    Canvas *c = canvas_new(60, 6, CANVAS_ASCII, 0);
    widget_boundary_draw(c, rect_make(0, 0, 60, 6), &v);
    char row[128];
    row_text(c, 5, row, sizeof row);
    assert_non_null(strstr(row, "pred -2.5 [ .-:] 4"));
    row_text(c, 0, row, sizeof row); /* the top row: 1 and 4, the high end */
    assert_int_equal(row[59], ':');
    canvas_free(c);
}

static void test_boundary_points_show_class_and_split_without_colour(void **state)
{
    (void)state;
    const DataPoint pts[4] = {
        {-0.9, 0.9, 0, 0}, {0.9, 0.9, 1, 0}, {-0.9, -0.9, 0, 1}, {0.9, -0.9, 1, 1}};
    BoundaryView v = {BOUNDARY_BINARY, 4, 2, halves, NULL, 2, -1, 1, -1, 1, pts, 4, 0, 1, 0};
    Canvas *c = canvas_new(10, 4, CANVAS_ASCII, 0);
    widget_boundary_draw(c, rect_make(0, 0, 10, 4), &v);
    assert_int_equal(canvas_cell(c, 0, 0)->cp, 'o'); /* class 0, training */
    assert_int_equal(canvas_cell(c, 9, 0)->cp, 'x'); /* class 1, training */
    assert_int_equal(canvas_cell(c, 0, 3)->cp, 'O'); /* class 0, validation */
    assert_int_equal(canvas_cell(c, 9, 3)->cp, 'X'); /* class 1, validation */
    canvas_free(c);

    c = canvas_new(10, 4, CANVAS_UTF8, 1);
    widget_boundary_draw(c, rect_make(0, 0, 10, 4), &v);
    uint32_t g[4] = {canvas_cell(c, 0, 0)->cp, canvas_cell(c, 9, 0)->cp, canvas_cell(c, 0, 3)->cp,
                     canvas_cell(c, 9, 3)->cp};
    for (int i = 0; i < 4; i++)
        for (int j = i + 1; j < 4; j++)
            assert_true(g[i] != g[j]);
    assert_int_equal(canvas_cell(c, 9, 0)->bg, COL_CLASS1_BG); /* shade kept under it */
    assert_int_equal(canvas_cell(c, 9, 0)->fg, COL_CLASS1);
    canvas_free(c);
}

static void test_boundary_validation_points_hide_when_toggled_off(void **state)
{
    (void)state;
    const DataPoint pts[2] = {{-0.9, 0.9, 0, 0}, {-0.9, -0.9, 0, 1}};
    BoundaryView v = {BOUNDARY_BINARY, 4, 2, halves, NULL, 2, -1, 1, -1, 1, pts, 2, 0, 0, 0};
    Canvas *c = canvas_new(10, 4, CANVAS_ASCII, 0);
    widget_boundary_draw(c, rect_make(0, 0, 10, 4), &v);
    assert_int_equal(canvas_cell(c, 0, 0)->cp, 'o');
    assert_int_equal(canvas_cell(c, 0, 3)->cp, ' ');
    canvas_free(c);
}

static void test_boundary_multiclass_regions_use_each_class(void **state)
{
    (void)state;
    const int cls[3] = {0, 1, 2};
    const double conf[3] = {0.9, 0.9, 0.9};
    BoundaryView v = {BOUNDARY_MULTI, 3, 1, conf, cls, 3, 0, 3, 0, 1, NULL, 0, 0, 1, 0};
    Canvas *c = canvas_new(3, 1, CANVAS_UTF8, 1);
    widget_boundary_draw(c, rect_make(0, 0, 3, 1), &v);
    for (int k = 0; k < 3; k++)
        assert_int_equal(canvas_cell(c, k, 0)->bg, COL_CLASS0_BG + k);
    canvas_free(c);
}

static void test_curve_draws_braille_line_and_points(void **state)
{
    (void)state;
    double cx[2] = {0, 1}, cy[2] = {0, 1};
    const DataPoint pts[2] = {{0.0, 1.0, 0, 0}, {1.0, 0.0, 0, 1}};
    CurveView v = {pts, 2, cx, cy, 2, 0, 1, 0, 1, 1, 1};
    Canvas *c = canvas_new(10, 6, CANVAS_UTF8, 1);
    widget_curve_draw(c, rect_make(0, 0, 10, 6), &v);
    assert_int_equal(canvas_cell(c, 0, 0)->cp, 0x25cf); /* ● train, top left */
    assert_int_equal(canvas_cell(c, 9, 4)->cp, 0x25cb); /* ○ validation, bottom right */
    assert_true(canvas_cell(c, 0, 4)->cp >= 0x2800);    /* the line starts bottom left */
    assert_true(canvas_cell(c, 9, 0)->cp >= 0x2800);    /* and ends top right */
    assert_int_equal(find_row(c, "train"), 5);          /* legend row */
    canvas_free(c);
}

/* ASCII monochrome on a projector: the points (letters) must stand out from
 * the region shading, so every region glyph is light punctuation, never a
 * point glyph or a heavy one like @ # % *, in both shading modes; and the
 * boundary (p = 0.5) is still a visible change of glyph. */
static void test_boundary_ascii_regions_are_lighter_than_the_points(void **state)
{
    (void)state;
    double ramp[20];
    for (int i = 0; i < 20; i++)
        ramp[i] = (i + 0.5) / 20; /* p(class 1) rising left to right */
    const DataPoint pts[4] = {
        {-0.95, 0.3, 0, 0}, {0.95, 0.3, 1, 0}, {-0.95, -0.3, 0, 1}, {0.95, -0.3, 1, 1}};
    const char *light = " .-:";
    for (int shade = 0; shade < 2; shade++) {
        BoundaryView v = {BOUNDARY_BINARY, 20, 1, ramp, NULL, 2, -1, 1, -1, 1, pts, 4, shade, 1, 0};
        Canvas *c = canvas_new(20, 4, CANVAS_ASCII, 0);
        widget_boundary_draw(c, rect_make(0, 0, 20, 4), &v);
        int px[4] = {0, 19, 0, 19}, py[4] = {1, 1, 2, 2};
        const char *want = "oxOX";
        for (int i = 0; i < 4; i++)
            assert_int_equal(canvas_cell(c, px[i], py[i])->cp, (uint32_t)want[i]);
        for (int y = 0; y < 4; y++)
            for (int x = 0; x < 20; x++) {
                int is_pt = (x == 0 || x == 19) && (y == 1 || y == 2);
                uint32_t cp = canvas_cell(c, x, y)->cp;
                if (!is_pt)
                    assert_non_null(strchr(light, (int)cp));
            }
        /* deep class 1 is filled (not blank) but light; the x beside it differs */
        uint32_t deep1 = canvas_cell(c, 18, 1)->cp, deep0 = canvas_cell(c, 1, 1)->cp;
        assert_int_equal(deep0, ' ');
        assert_true(deep1 != ' ' && deep1 != 'x');
        /* the boundary between columns 9 and 10 (p 0.475 | 0.525) shows */
        assert_true(canvas_cell(c, 9, 0)->cp != canvas_cell(c, 10, 0)->cp);
        canvas_free(c);
    }
}

/* ---- weight bars -------------------------------------------------------------- */

static void test_bars_zero_weight_shows_dot_and_no_bar_tiny_weight_a_sliver(void **state)
{
    (void)state;
    const char *names[3] = {"big", "zero", "tiny"};
    double w[3] = {-2.0, 0.0, 1e-6};
    WeightBarsView v = {names, 3, w, 1, 0, 0};
    Canvas *c = canvas_new(40, 3, CANVAS_UTF8, 1);
    widget_bars_draw(c, rect_make(0, 0, 40, 3), &v);
    int cx = find_col(c, 1, 0x00b7); /* · on the centre line */
    assert_true(cx > 0);
    char buf[256];
    row_text(c, 1, buf, sizeof buf);
    assert_null(strstr(buf, "\xe2\x96")); /* no block glyph at all */
    assert_int_equal(buf[strlen(buf) - 1], '0');
    assert_true(canvas_cell(c, cx + 1, 2)->cp >= 0x2589 && canvas_cell(c, cx + 1, 2)->cp <= 0x258f);
    assert_int_equal(canvas_cell(c, cx - 1, 0)->cp, U_FULL); /* negative: left */
    assert_int_equal(canvas_cell(c, cx + 1, 0)->cp, ' ');
    row_text(c, 0, buf, sizeof buf);
    assert_non_null(strstr(buf, "-2"));
    canvas_free(c);
}

static void test_bars_list_more_features_than_rows_with_a_count(void **state)
{
    (void)state;
    double w[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    WeightBarsView v = {NULL, 10, w, 1, 0, 0};
    Canvas *c = canvas_new(30, 4, CANVAS_ASCII, 0);
    widget_bars_draw(c, rect_make(0, 0, 30, 4), &v);
    assert_int_equal(find_row(c, "x1 "), 0);
    assert_int_equal(find_row(c, "... 7 more"), 3);
    assert_int_equal(find_row(c, "exactly 0"), -1); /* none of them is */
    canvas_free(c);
}

/* Bar length in ASCII cells right of the centre line on row y. */
static int bar_cells(const Canvas *c, int y)
{
    int cx = -1, n = 0;
    for (int x = 0; x < c->cols; x++)
        if (canvas_cell(c, x, y)->cp == '|')
            cx = x;
    for (int x = cx + 1; cx >= 0 && x < c->cols && canvas_cell(c, x, y)->cp == '#'; x++)
        n++;
    return n;
}

/* L2's shrinkage is seen only on a held axis: on the weights' own scale the
 * largest bar is always full; on a held one it gets shorter with them. */
static void test_bars_on_a_held_axis_shrink_with_the_weights(void **state)
{
    (void)state;
    double big[2] = {3.03, 1.0}, small[2] = {0.723, 0.24};
    Canvas *c = canvas_new(40, 2, CANVAS_ASCII, 0);
    WeightBarsView own = {NULL, 2, big, 1, 0, 0};
    widget_bars_draw(c, rect_make(0, 0, 40, 2), &own);
    int full = bar_cells(c, 0);
    own.w = small;
    canvas_clear(c);
    widget_bars_draw(c, rect_make(0, 0, 40, 2), &own);
    assert_int_equal(bar_cells(c, 0), full); /* rescaled: the same picture */
    WeightBarsView held = {NULL, 2, small, 1, 0, 5.0};
    canvas_clear(c);
    widget_bars_draw(c, rect_make(0, 0, 40, 2), &held);
    int shrunk = bar_cells(c, 0);
    assert_true(shrunk > 0 && shrunk * 4 < full);
    assert_true(bar_cells(c, 1) < shrunk);
    canvas_free(c);
}

/* The histogram's axis labels and bins follow the held axis. */
static void test_hist_on_a_held_axis_labels_it_and_narrows_the_bell(void **state)
{
    (void)state;
    double w[40];
    for (int i = 0; i < 40; i++)
        w[i] = 0.01 * (i - 19.5); /* |w| <= 0.195 */
    HistView v = {{w}, {40}, {NULL}, 1, 0, 2.0};
    Canvas *c = canvas_new(41, 10, CANVAS_ASCII, 0);
    widget_hist_draw(c, rect_make(0, 0, 41, 10), &v);
    char buf[256];
    row_text(c, 9, buf, sizeof buf);
    assert_non_null(strstr(buf, "-2"));
    /* every weight lies within a tenth of the axis: the outer bins stay empty */
    int bars_near_zero = 0;
    for (int y = 0; y < 9; y++)
        for (int x = 0; x < 41; x++)
            if (canvas_cell(c, x, y)->cp == '#') {
                assert_true(abs(x - 20) <= 3);
                bars_near_zero++;
            }
    assert_true(bars_near_zero > 0);
    canvas_free(c);
}

/* The lasso's zeros are the lesson: hidden rows say how many are exactly 0. */
static void test_bars_hidden_rows_count_their_exact_zeros(void **state)
{
    (void)state;
    double w[10] = {1, 2, 3, 0, 5, 0, 0, 0, 0, 0};
    WeightBarsView v = {NULL, 10, w, 1, 0, 0};
    Canvas *c = canvas_new(40, 4, CANVAS_ASCII, 0);
    widget_bars_draw(c, rect_make(0, 0, 40, 4), &v);
    assert_int_equal(find_row(c, "... 7 more, 6 exactly 0"), 3);
    w[4] = 0;
    widget_bars_draw(c, rect_make(0, 0, 40, 4), &v);
    assert_int_equal(find_row(c, "... 7 more, all exactly 0"), 3);
    canvas_free(c);
}

/* A narrow panel shortens long names from both ends of the name and keeps
 * the class: sepal_length and sepal_width stay apart. */
static void test_bars_per_class_short_names_stay_distinct(void **state)
{
    (void)state;
    double w[4] = {1, 0, -1, 0.5}; /* 2 classes x 2 features */
    const char *names[2] = {"sepal_length", "sepal_width"};
    WeightBarsView v = {names, 2, w, 2, 1, 0};
    Canvas *c = canvas_new(26, 4, CANVAS_ASCII, 0);
    widget_bars_draw(c, rect_make(0, 0, 26, 4), &v);
    assert_int_equal(find_row(c, "se_le c0"), 0);
    assert_int_equal(find_row(c, "se_le c1"), 1);
    assert_int_equal(find_row(c, "se_wi c0"), 2);
    canvas_free(c);
}

static void test_bars_per_class_rows_for_softmax(void **state)
{
    (void)state;
    double w[4] = {1, 0, -1, 0.5}; /* 2 classes x 2 features */
    WeightBarsView v = {NULL, 2, w, 2, 1, 0};
    Canvas *c = canvas_new(30, 4, CANVAS_ASCII, 0);
    widget_bars_draw(c, rect_make(0, 0, 30, 4), &v);
    assert_int_equal(find_row(c, "x1 c0"), 0);
    assert_int_equal(find_row(c, "x1 c1"), 1);
    assert_int_equal(find_row(c, "x2 c1"), 3);
    canvas_free(c);
    v.per_class = 0; /* largest |w| per feature: x1 -> 1 or -1, x2 -> 0.5 */
    c = canvas_new(30, 4, CANVAS_ASCII, 0);
    widget_bars_draw(c, rect_make(0, 0, 30, 4), &v);
    assert_int_equal(find_row(c, "0.5"), 1);
    canvas_free(c);
}

/* ---- controls, status, help ------------------------------------------------------ */

static const ControlItem knobs[4] = {{"lambda", "\xce\xbb", "0.001", 0},
                                     {"alpha", "\xce\xb1", "1.00", 1},
                                     {"keep", NULL, "1.00", 0},
                                     {"lr", "\xce\xb7", "0.03", 0}};

static void test_controls_read_label_space_value_and_mark_focus(void **state)
{
    (void)state;
    ControlsView v = {knobs, 4};
    for (int mode = 0; mode < 2; mode++) {
        Canvas *c = canvas_new(30, 4, mode ? CANVAS_ASCII : CANVAS_UTF8, 0);
        widget_controls_draw(c, rect_make(0, 0, 30, 4), &v);
        assert_contains(c, "lambda 0.001");
        assert_contains(c, "alpha 1.00");
        assert_contains(c, "keep 1.00");
        assert_contains(c, "lr 0.03");
        int y = find_row(c, "alpha");
        assert_int_equal(y, 1);
        assert_int_equal(canvas_cell(c, 0, y)->cp, '>');
        assert_int_equal(canvas_cell(c, 0, 0)->cp, ' ');
        int x = find_col(c, y, 'a');
        assert_true(canvas_cell(c, x, y)->attr & ATTR_REVERSE);
        assert_false(canvas_cell(c, find_col(c, 0, 'l'), 0)->attr & ATTR_REVERSE);
        canvas_free(c);
    }
}

static void test_control_width_fits_the_item_drawn_alone(void **state)
{
    (void)state;
    for (int mode = 0; mode < 2; mode++) {
        Canvas *c = canvas_new(30, 1, mode ? CANVAS_ASCII : CANVAS_UTF8, 1);
        int w = widget_control_width(c, &knobs[0]);
        assert_int_equal(w, mode ? 14 : 16); /* "> lambda 0.001", plus "λ " in UTF-8 */
        ControlsView v = {&knobs[0], 1};
        widget_controls_draw(c, rect_make(0, 0, w, 1), &v);
        assert_contains(c, "lambda 0.001");
        canvas_free(c);
    }
}

static void test_controls_flow_across_rows_when_short(void **state)
{
    (void)state;
    ControlsView v = {knobs, 4};
    Canvas *c = canvas_new(40, 2, CANVAS_ASCII, 0);
    widget_controls_draw(c, rect_make(0, 0, 40, 2), &v);
    assert_int_equal(find_row(c, "lambda 0.001"), 0);
    assert_true(find_row(c, "lr 0.03") >= 0);
    canvas_free(c);
}

/* Without a message, a narrow status line keeps "? help": the hint
 * shortens to its first item, then the metrics drop items from the end. */
static void test_status_line_keeps_the_help_hint_when_narrow(void **state)
{
    (void)state;
    StatusView v = {963312, "running", "loss 0.001229  val 0.448  zeros 0%  acc 87%  328781 ep/s",
                    NULL,   0,         "? help  q quit"};
    Canvas *c = canvas_new(120, 1, CANVAS_ASCII, 0);
    widget_status_draw(c, rect_make(0, 0, 120, 1), &v);
    assert_contains(c, "zeros 0%  acc 87%  328781 ep/s");
    assert_contains(c, "? help  q quit");
    canvas_free(c);
    c = canvas_new(80, 1, CANVAS_ASCII, 0);
    widget_status_draw(c, rect_make(0, 0, 80, 1), &v);
    assert_contains(c, "loss 0.001229  val 0.448  zeros 0%  acc 87%");
    assert_contains(c, "? help");
    char *s = text_of(c);
    assert_null(strstr(s, "ep/s"));
    assert_null(strstr(s, "q quit"));
    free(s);
    canvas_free(c);
}

static void test_status_line_reads_epoch_and_gives_hint_way_to_message(void **state)
{
    (void)state;
    StatusView v = {42, "paused", "train 0.31", "loss diverged: press r", 1, "? help"};
    Canvas *c = canvas_new(80, 1, CANVAS_ASCII, 0);
    widget_status_draw(c, rect_make(0, 0, 80, 1), &v);
    assert_contains(c, "epoch 42  paused  train 0.31  loss diverged: press r");
    assert_contains(c, "? help");
    assert_true(canvas_cell(c, 79, 0)->attr & ATTR_REVERSE); /* a full-width bar */
    canvas_free(c);
    /* narrower: the metrics give way to the message, which stays whole */
    c = canvas_new(50, 1, CANVAS_ASCII, 0);
    widget_status_draw(c, rect_make(0, 0, 50, 1), &v);
    assert_contains(c, "epoch 42  paused  loss diverged: press r");
    char *s = text_of(c);
    assert_null(strstr(s, "train 0.31"));
    free(s);
    canvas_free(c);
    /* narrower still: the hint gives way too */
    c = canvas_new(42, 1, CANVAS_ASCII, 0);
    widget_status_draw(c, rect_make(0, 0, 42, 1), &v);
    s = text_of(c);
    assert_null(strstr(s, "? help"));
    assert_non_null(strstr(s, "press r"));
    free(s);
    canvas_free(c);
}

static void test_help_overlay_boxes_rows_and_counts_what_does_not_fit(void **state)
{
    (void)state;
    const HelpRow rows[3] = {{"l / L", "lambda down / up"}, {"space", "pause"}, {"q", "quit"}};
    HelpView v = {NULL, rows, 3, 0};
    Canvas *c = canvas_new(40, 9, CANVAS_ASCII, 0);
    canvas_fill(c, rect_make(0, 0, 40, 9), '#', COL_DEFAULT, COL_DEFAULT, ATTR_NONE);
    widget_help_draw(c, rect_make(0, 0, 40, 9), &v);
    assert_contains(c, "+- keys ");
    assert_contains(c, "| l / L  lambda down / up |");
    assert_contains(c, "| q      quit             |");
    canvas_free(c);
    c = canvas_new(40, 4, CANVAS_ASCII, 0);
    widget_help_draw(c, rect_make(0, 0, 40, 4), &v);
    assert_contains(c, "l / L");
    assert_contains(c, "... 2 more (down)");
    canvas_free(c);
    /* scrolled: what is above and below is counted */
    const HelpRow five[5] = {
        {"a", "one"}, {"b", "two"}, {"c", "three"}, {"d", "four"}, {"e", "five"}};
    HelpView sv = {NULL, five, 5, 2};
    c = canvas_new(40, 5, CANVAS_ASCII, 0);
    widget_help_draw(c, rect_make(0, 0, 40, 5), &sv);
    assert_contains(c, "... 2 above (up)");
    assert_contains(c, "c  three");
    assert_contains(c, "... 2 more (down)");
    canvas_free(c);
}

/* A description wider than the box wraps under itself at a space, every
 * word whole; the rows below it move down. */
static void test_help_overlay_wraps_long_descriptions_whole(void **state)
{
    (void)state;
    const HelpRow rows[2] = {
        {"c", "compare: a second run with alpha flipped, side by side (again: back)"},
        {"q", "quit"}};
    HelpView v = {NULL, rows, 2, 0};
    Canvas *c = canvas_new(40, 10, CANVAS_ASCII, 0);
    widget_help_draw(c, rect_make(0, 0, 40, 10), &v);
    assert_contains(c, "| c  compare: a second run with alpha  |");
    assert_contains(c, "|    flipped, side by side (again:     |");
    assert_contains(c, "|    back)                             |");
    assert_contains(c, "| q  quit ");
    canvas_free(c);
    /* too short for every line: scrolling counts rows, not lines */
    HelpView sv = {NULL, rows, 2, 1};
    c = canvas_new(40, 4, CANVAS_ASCII, 0);
    widget_help_draw(c, rect_make(0, 0, 40, 4), &sv);
    assert_contains(c, "... 1 above (up)");
    assert_contains(c, "q  quit");
    canvas_free(c);
}

/* ---- every widget ---------------------------------------------------------------- */

static double hw[6] = {0, 0, 0.5, -0.25, 1e-9, 3};
static double grid[6] = {0.1, 0.9, NAN, 0.5, 0.2, 0.7};
static const DataPoint some_pts[3] = {{0, 0, 1, 0}, {5, 5, 3, 1}, {-1, 1, 7, 1}};

/* Draws every widget into r (of canvas c) with awkward input. */
static void draw_everything(Canvas *c, Rect r)
{
    double l[3] = {1, NAN, 0.5};
    LossView lv = {{l, l, NULL, l}, 3, 1, NULL, 1, 2, {NULL}, 0, {0}, {NULL}, 0};
    HistView hv = {{hw, hw}, {6, 6}, {NULL, "\xce\xbb"}, 2, 1, 0};
    BoundaryView bv = {BOUNDARY_BINARY, 3, 2, grid, NULL, 2, -1, 1, -1, 1, some_pts, 3, 1, 1, 1};
    CurveView cv = {some_pts, 3, hw, hw, 6, 0, 0, 0, 0, 1, 1};
    const char *names[2] = {"\xce\xb1lpha-feature-with-long-name", NULL};
    WeightBarsView wv = {names, 2, hw, 3, 1, 0};
    ControlsView ctl = {knobs, 4};
    StatusView sv = {3, "\xe2\x80\xa6", NULL, "m\xc3\xa9ssage", 1, "? help"};
    const HelpRow rows[2] = {{"\xe2\x86\x90/\xe2\x86\x92", "change"}, {"q", "quit"}};
    HelpView hp = {"h\xc3\xa9lp", rows, 2, 0};
    widget_loss_draw(c, r, &lv);
    widget_hist_draw(c, r, &hv);
    widget_boundary_draw(c, r, &bv);
    bv.kind = BOUNDARY_REGRESS;
    widget_boundary_draw(c, r, &bv);
    widget_curve_draw(c, r, &cv);
    widget_bars_draw(c, r, &wv);
    widget_controls_draw(c, r, &ctl);
    widget_status_draw(c, r, &sv);
    widget_help_draw(c, r, &hp);
    widget_message_draw(c, r, "too small\nneed 80x24", COL_WARNING);
}

static void test_no_widget_writes_outside_its_rect(void **state)
{
    (void)state;
    const Rect rects[5] = {
        {3, 2, 30, 12}, {3, 2, 1, 1}, {3, 2, 0, 0}, {3, 2, 5, 2}, {30, 14, 10, 4}};
    for (int mode = 0; mode < 4; mode++)
        for (int k = 0; k < 5; k++) {
            Canvas *c = canvas_new(40, 18, mode & 1 ? CANVAS_ASCII : CANVAS_UTF8, mode >> 1);
            canvas_fill(c, rect_make(0, 0, 40, 18), 'Z', COL_DEFAULT, COL_DEFAULT, ATTR_NONE);
            Rect r = rects[k];
            draw_everything(c, r);
            for (int y = 0; y < 18; y++)
                for (int x = 0; x < 40; x++)
                    if (x < r.x || y < r.y || x >= r.x + r.w || y >= r.y + r.h)
                        assert_int_equal(canvas_cell(c, x, y)->cp, 'Z');
            assert_true(c->clip.w == 40 && c->clip.h == 18); /* clip restored */
            canvas_free(c);
        }
}

static void test_ascii_mode_widgets_emit_only_ascii(void **state)
{
    (void)state;
    Canvas *c = canvas_new(60, 20, CANVAS_ASCII, 1);
    draw_everything(c, rect_make(0, 0, 60, 20));
    char *s = text_of(c);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        assert_true(*p < 128);
    free(s);
    canvas_free(c);
}

static void test_full_frame_renders_well_under_5ms(void **state)
{
    (void)state;
    static double h[5000], g[80 * 40], w[2000];
    static DataPoint pts[400];
    for (int i = 0; i < 5000; i++)
        h[i] = 1.0 / (1 + i);
    for (int i = 0; i < 80 * 40; i++)
        g[i] = (i % 80) / 80.0;
    for (int i = 0; i < 2000; i++)
        w[i] = i % 3 ? 0 : sin(i);
    for (int i = 0; i < 400; i++)
        pts[i] = (DataPoint){sin(i), cos(i * 1.1), i % 2, i % 5 == 0};
    Canvas *c = canvas_new(200, 60, CANVAS_UTF8, 1);
    LossView lv = {{h, h, h, h}, 5000, 1, NULL, 0, 100, {NULL}, 0, {0}, {NULL}, 0};
    HistView hv = {{w}, {2000}, {NULL}, 1, 0, 0};
    BoundaryView bv = {BOUNDARY_BINARY, 80, 40, g, NULL, 2, -1, 1, -1, 1, pts, 400, 1, 1, 1};
    ControlsView ctl = {knobs, 4};
    StatusView sv = {5000, "running", "train 0.1", NULL, 0, "? help"};
    clock_t t0 = clock();
    int frames = 20;
    for (int f = 0; f < frames; f++) {
        canvas_clear(c);
        widget_loss_draw(c, rect_make(0, 0, 100, 30), &lv);
        widget_hist_draw(c, rect_make(0, 30, 100, 29), &hv);
        widget_boundary_draw(c, rect_make(100, 0, 100, 45), &bv);
        widget_controls_draw(c, rect_make(100, 45, 100, 14), &ctl);
        widget_status_draw(c, rect_make(0, 59, 200, 1), &sv);
    }
    double ms = (double)(clock() - t0) * 1000.0 / CLOCKS_PER_SEC / frames;
    assert_true(ms < 25); /* ~0.3 ms at -O2; the margin is for sanitizer builds */
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
        cmocka_unit_test(test_hist_all_zero_weights_show_100_percent_and_full_zero_bar),
        cmocka_unit_test(test_hist_l1_zero_spike_tall_l2_bell_has_no_zero_bar),
        cmocka_unit_test(test_hist_prints_norms_and_largest_weight),
        cmocka_unit_test(test_hist_one_nonzero_among_many_zeros_is_still_visible),
        cmocka_unit_test(test_hist_per_layer_draws_one_labelled_histogram_each),
        cmocka_unit_test(test_hist_small_weights_sit_right_beside_the_zero_bar),
        cmocka_unit_test(test_hist_zero_bar_stays_distinct_from_the_bins_beside_it),
        cmocka_unit_test(test_boundary_regions_match_the_grid_halves),
        cmocka_unit_test(test_boundary_grid_row_zero_is_the_bottom),
        cmocka_unit_test(test_boundary_regression_legend_keys_the_shading),
        cmocka_unit_test(test_boundary_points_show_class_and_split_without_colour),
        cmocka_unit_test(test_boundary_validation_points_hide_when_toggled_off),
        cmocka_unit_test(test_boundary_multiclass_regions_use_each_class),
        cmocka_unit_test(test_curve_draws_braille_line_and_points),
        cmocka_unit_test(test_boundary_ascii_regions_are_lighter_than_the_points),
        cmocka_unit_test(test_bars_zero_weight_shows_dot_and_no_bar_tiny_weight_a_sliver),
        cmocka_unit_test(test_bars_list_more_features_than_rows_with_a_count),
        cmocka_unit_test(test_bars_hidden_rows_count_their_exact_zeros),
        cmocka_unit_test(test_bars_on_a_held_axis_shrink_with_the_weights),
        cmocka_unit_test(test_hist_on_a_held_axis_labels_it_and_narrows_the_bell),
        cmocka_unit_test(test_bars_per_class_rows_for_softmax),
        cmocka_unit_test(test_bars_per_class_short_names_stay_distinct),
        cmocka_unit_test(test_controls_read_label_space_value_and_mark_focus),
        cmocka_unit_test(test_control_width_fits_the_item_drawn_alone),
        cmocka_unit_test(test_controls_flow_across_rows_when_short),
        cmocka_unit_test(test_status_line_reads_epoch_and_gives_hint_way_to_message),
        cmocka_unit_test(test_status_line_keeps_the_help_hint_when_narrow),
        cmocka_unit_test(test_help_overlay_boxes_rows_and_counts_what_does_not_fit),
        cmocka_unit_test(test_help_overlay_wraps_long_descriptions_whole),
        cmocka_unit_test(test_no_widget_writes_outside_its_rect),
        cmocka_unit_test(test_ascii_mode_widgets_emit_only_ascii),
        cmocka_unit_test(test_full_frame_renders_well_under_5ms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
