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
#include "canvas_asserts.h"

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
    HistView v = {{w}, {50}, {NULL}, 1, 0, 0, {0}};
    for (int mode = 0; mode < 2; mode++) {
        Canvas *c = canvas_new(40, 10, mode ? CANVAS_ASCII : CANVAS_UTF8, !mode);
        widget_hist_draw(c, rect_make(0, 0, 40, 10), &v);
        assert_contains(c, "zeros 100%");
        assert_int_equal(zero_bar_height(c, 9), 8); /* every bar row */
        assert_int_equal(canvas_cell(c, find_col(c, 9, '='), 5)->fg, COL_ZERO);
        canvas_free(c);
    }
}

/* The group lasso on a net: a unit whose incoming row of W1 is all 0 is
 * off; one nonzero weight keeps it alive. Counted per layer, and over the
 * layers when they share one histogram. */
static void test_hist_counts_units_alive(void **state)
{
    (void)state;
    double w1[12] = {0.5, -0.2, 0.1, 0, 0, 0, 0, 1e-9, 0, 0, 0, 0}; /* 4 units x 3 inputs */
    double w2[4] = {0.3, 0, 0, 0.1};                                /* the output layer */
    HistView v = {{w1, w2}, {12, 4}, {"W1", "W2"}, 2, 1, 0, {4, 0}};
    Canvas *c = canvas_new(60, 12, CANVAS_ASCII, 0);
    widget_hist_draw(c, rect_make(0, 0, 60, 12), &v);
    assert_contains(c, "units alive 2/4");
    char *t = canvas_to_text(c);
    int counts = 0;
    for (const char *p = t; (p = strstr(p, "units alive")); p++)
        counts++;
    assert_int_equal(counts, 1); /* W1's: the output layer feeds no units */
    free(t);
    v.per_layer = 0; /* one histogram: the same count */
    canvas_clear(c);
    widget_hist_draw(c, rect_make(0, 0, 60, 12), &v);
    assert_contains(c, "units alive 2/4");
    v.units[0] = 0; /* not counted: not shown */
    canvas_clear(c);
    widget_hist_draw(c, rect_make(0, 0, 60, 12), &v);
    t = canvas_to_text(c);
    assert_null(strstr(t, "units alive"));
    free(t);
    canvas_free(c);
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
    HistView va = {{l1}, {100}, {NULL}, 1, 0, 0, {0}}, vb = {{l2}, {100}, {NULL}, 1, 0, 0, {0}};
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
    HistView v = {{w}, {4}, {NULL}, 1, 0, 0, {0}};
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
    HistView v = {{w}, {1000}, {NULL}, 1, 0, 0, {0}};
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
    HistView v = {{a, b}, {3, 3}, {NULL, "out"}, 2, 1, 0, {0}};
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
    HistView v = {{w}, {30}, {NULL}, 1, 0, 0, {0}};
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
    HistView v = {{w}, {40}, {NULL}, 1, 0, 0, {0}};
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
    HistView hv = {{hw, hw}, {6, 6}, {NULL, "\xce\xbb"}, 2, 1, 0, {0}};
    BoundaryView bv = {BOUNDARY_BINARY, 3, 2, grid, NULL, 2, -1, 1, -1, 1, some_pts, 3, 1, 1, 1};
    CurveView cv = {some_pts, 3, hw, hw, 6, 0, 0, 0, 0, 1, 1};
    const char *names[2] = {"\xce\xb1lpha-feature-with-long-name", NULL};
    WeightBarsView wv = {names, 2, hw, 3, 1, 0, NULL};
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
    HistView hv = {{w}, {2000}, {NULL}, 1, 0, 0, {0}};
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
        cmocka_unit_test(test_hist_all_zero_weights_show_100_percent_and_full_zero_bar),
        cmocka_unit_test(test_hist_l1_zero_spike_tall_l2_bell_has_no_zero_bar),
        cmocka_unit_test(test_hist_counts_units_alive),
        cmocka_unit_test(test_hist_prints_norms_and_largest_weight),
        cmocka_unit_test(test_hist_one_nonzero_among_many_zeros_is_still_visible),
        cmocka_unit_test(test_hist_per_layer_draws_one_labelled_histogram_each),
        cmocka_unit_test(test_hist_small_weights_sit_right_beside_the_zero_bar),
        cmocka_unit_test(test_hist_zero_bar_stays_distinct_from_the_bins_beside_it),
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
