/* Tests of the decision boundary, fitted curve and weight bars widgets, read
 * back from the canvas: regions matching the grid, train vs validation
 * without colour, exact zeros as dots, shrinking bars on a held axis. */
#include <math.h>

#include "canvas_asserts.h"
#include "widgets.h"

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
    WeightBarsView v = {names, 3, w, 1, 0, 0, NULL};
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

/* True weights: a mark where a bar of the true weight would end, on the
 * bars' axis; none for a true 0; '+' in ASCII. A lasso bar short of its
 * mark is the shrinkage a class sees. */
static void test_bars_mark_true_weights_on_the_same_axis(void **state)
{
    (void)state;
    const char *names[3] = {"a", "b", "c"};
    double w[3] = {1.0, -0.5, 0.0}, truth[3] = {2.0, -2.0, 0.0};
    WeightBarsView v = {names, 3, w, 1, 0, 2.0, truth};
    Canvas *c = canvas_new(40, 3, CANVAS_UTF8, 1);
    widget_bars_draw(c, rect_make(0, 0, 40, 3), &v);
    int cx = find_col(c, 2, 0x00b7); /* the zero weight's dot: the centre */
    assert_true(cx > 0);
    int right = find_col(c, 0, 0x2503), left = find_col(c, 1, 0x2503);
    assert_true(right > cx && left > 0 && left < cx);
    assert_int_equal(right - cx, cx - left); /* |2| and |-2|: one distance */
    assert_int_equal(canvas_cell(c, cx + 1, 0)->cp, U_FULL);
    /* the bar of 1 ends half way to the mark of 2 (the axis is 2) */
    int bar_end = cx;
    while (canvas_cell(c, bar_end + 1, 0)->cp == U_FULL ||
           canvas_cell(c, bar_end + 1, 0)->cp == 0x258c)
        bar_end++;
    assert_true(abs(2 * (bar_end - cx) - (right - cx)) <= 1);
    assert_int_equal(find_col(c, 2, 0x2503), -1); /* a true 0: no mark */
    canvas_free(c);
    c = canvas_new(40, 3, CANVAS_ASCII, 0);
    widget_bars_draw(c, rect_make(0, 0, 40, 3), &v);
    assert_true(find_col(c, 0, '+') > 0 && find_col(c, 1, '+') > 0);
    canvas_free(c);
}

static void test_bars_list_more_features_than_rows_with_a_count(void **state)
{
    (void)state;
    double w[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    WeightBarsView v = {NULL, 10, w, 1, 0, 0, NULL};
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
    WeightBarsView own = {NULL, 2, big, 1, 0, 0, NULL};
    widget_bars_draw(c, rect_make(0, 0, 40, 2), &own);
    int full = bar_cells(c, 0);
    own.w = small;
    canvas_clear(c);
    widget_bars_draw(c, rect_make(0, 0, 40, 2), &own);
    assert_int_equal(bar_cells(c, 0), full); /* rescaled: the same picture */
    WeightBarsView held = {NULL, 2, small, 1, 0, 5.0, NULL};
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
    HistView v = {{w}, {40}, {NULL}, 1, 0, 2.0, {0}};
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
    WeightBarsView v = {NULL, 10, w, 1, 0, 0, NULL};
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
    WeightBarsView v = {names, 2, w, 2, 1, 0, NULL};
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
    WeightBarsView v = {NULL, 2, w, 2, 1, 0, NULL};
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

/* One-hot dummies stand together under their column's name: a heading row
 * "supp" (no bar, no value), then a row per level "=OJ", "=VC" with its bar;
 * an imputed column's indicator reads "Ozone ?". ASCII and UTF-8 alike. */
static void test_bars_group_dummies_under_their_column(void **state)
{
    (void)state;
    const char *names[5] = {"dose", "supp=OJ", "supp=VC", "Ozone", "Ozone:missing"};
    double w[5] = {2.0, 1.5, -1.5, 0.5, 0.0};
    WeightBarsView v = {names, 5, w, 1, 0, 0, NULL};
    for (int utf8 = 0; utf8 <= 1; utf8++) {
        Canvas *c = canvas_new(40, 7, utf8 ? CANVAS_UTF8 : CANVAS_ASCII, utf8);
        widget_bars_draw(c, rect_make(0, 0, 40, 7), &v);
        char buf[256];
        assert_int_equal(find_row(c, "dose"), 0);
        int h = find_row(c, "supp");
        assert_int_equal(h, 1);
        row_text(c, 1, buf, sizeof buf);
        assert_null(strstr(buf, "1.5")); /* the heading has no value, and no bar */
        assert_null(strstr(buf, utf8 ? "\xe2\x96\x88" : "#"));
        assert_null(strstr(buf, "="));
        assert_int_equal(find_row(c, " =OJ"), 2);
        assert_int_equal(find_row(c, " =VC"), 3);
        assert_int_equal(find_row(c, "supp=OJ"), -1); /* the name is said once */
        row_text(c, 2, buf, sizeof buf);
        assert_non_null(strstr(buf, "1.5"));
        assert_non_null(strstr(buf, utf8 ? "\xe2\x96\x88" : "#"));
        row_text(c, 3, buf, sizeof buf);
        assert_non_null(strstr(buf, "-1.5"));
        assert_int_equal(find_row(c, "Ozone ?"), 5);
        assert_int_equal(find_row(c, "missing"), -1);
        assert_int_equal(find_row(c, "more"), -1); /* 5 bars + 1 heading fit in 7 */
        if (utf8)
            assert_int_equal(canvas_cell(c, 6, 5)->fg, COL_WARNING);
        canvas_free(c);
    }
}

/* Two columns' dummies side by side are two groups; when the rows run out a
 * heading never stands alone on the last line, and the count of hidden rows
 * counts weights, not headings. */
static void test_bars_groups_split_by_column_and_cut_with_a_count(void **state)
{
    (void)state;
    const char *names[4] = {"a=x", "a=y", "b=x", "b=y"};
    double w[4] = {1, 2, 0, 0};
    WeightBarsView v = {names, 4, w, 1, 0, 0, NULL};
    Canvas *c = canvas_new(30, 6, CANVAS_ASCII, 0);
    widget_bars_draw(c, rect_make(0, 0, 30, 6), &v);
    assert_int_equal(find_row(c, "a "), 0);
    assert_int_equal(find_row(c, "b "), 3);
    assert_int_equal(find_row(c, " =y"), 2);
    assert_int_equal(find_row(c, "more"), -1);
    canvas_free(c);
    c = canvas_new(30, 4, CANVAS_ASCII, 0); /* 6 lines needed, 4 there */
    widget_bars_draw(c, rect_make(0, 0, 30, 4), &v);
    assert_int_equal(find_row(c, " =y"), 2);
    assert_int_equal(find_row(c, "... 2 more, all exactly 0"), 3);
    assert_int_equal(find_row(c, "b "), -1);
    canvas_free(c);
    c = canvas_new(30, 5, CANVAS_ASCII, 0); /* room for "b" but not its first row */
    widget_bars_draw(c, rect_make(0, 0, 30, 5), &v);
    assert_int_equal(find_row(c, "b "), -1);
    assert_int_equal(find_row(c, "... 2 more"), 3);
    canvas_free(c);
}

/* A narrow panel shortens an indicator's name but keeps its mark, so the
 * column and its indicator never read alike. */
static void test_bars_narrow_panel_keeps_the_missing_mark(void **state)
{
    (void)state;
    const char *names[2] = {"Solar.R", "Solar.R:missing"};
    double w[2] = {0.7, -0.08};
    WeightBarsView v = {names, 2, w, 1, 0, 0, NULL};
    Canvas *c = canvas_new(24, 2, CANVAS_ASCII, 0); /* names get 24 / 3 = 8 columns */
    widget_bars_draw(c, rect_make(0, 0, 24, 2), &v);
    char buf[256];
    row_text(c, 1, buf, sizeof buf);
    assert_int_equal(strncmp(buf, "Solar. ?", 8), 0);
    row_text(c, 0, buf, sizeof buf);
    assert_int_equal(strncmp(buf, "Solar.R ", 8), 0);
    canvas_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
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
        cmocka_unit_test(test_bars_group_dummies_under_their_column),
        cmocka_unit_test(test_bars_groups_split_by_column_and_cut_with_a_count),
        cmocka_unit_test(test_bars_narrow_panel_keeps_the_missing_mark),
        cmocka_unit_test(test_bars_mark_true_weights_on_the_same_axis),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
