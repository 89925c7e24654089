/* Tests of the tuning heatmap widget, read back from the canvas: the shade
 * ramp without colour (densest the lowest loss, blank the cells not ready),
 * the colour ramp as backgrounds, the B / S marks and the cursor, the
 * legend's values, the progress bar and time left, the squeezed columns of
 * a grid wider than its panel. */
#include <math.h>

#include "canvas_asserts.h"
#include "widget_heatmap.h"

static const double rows3[2] = {0, 1};
static const double cols3[3] = {1, 0.1, 0.01};

/* 2 x 3: means 6 5 4 / 1 2 3, cell 2 (row 0, col 2) not ready. */
static void grid_2x3(TuneCell *cells, int *ready)
{
    const double m[6] = {6, 5, 4, 1, 2, 3};
    for (int i = 0; i < 6; i++) {
        cells[i] = (TuneCell){rows3[i / 3], cols3[i % 3], m[i], 0.1};
        ready[i] = i != 2;
    }
    cells[2].mean = NAN;
}

static HeatmapView view_2x3(const TuneCell *cells, const int *ready)
{
    HeatmapView v = {0};
    v.n_row = 2, v.n_col = 3;
    v.row_knob = "alpha", v.col_knob = "lambda";
    v.row_val = rows3, v.col_val = cols3;
    v.cells = cells, v.ready = ready;
    v.cur_row = 0, v.cur_col = 0;
    v.best = v.one_se = -1;
    v.progress = 1, v.eta = 0, v.done = 1;
    v.value_name = "cv loss";
    return v;
}

static void test_level_and_eta_format(void **state)
{
    (void)state;
    assert_int_equal(heatmap_level(1, 1, 6, 9), 0);
    assert_int_equal(heatmap_level(6, 1, 6, 9), 8);
    /* evenly in log: sqrt(1 * 6) is the middle; a linear ramp would put 3.5 there */
    assert_int_equal(heatmap_level(sqrt(6.0) * 1.0001, 1, 6, 9), 4);
    assert_int_equal(heatmap_level(3.5, 1, 6, 9), 6);
    assert_int_equal(heatmap_level(1.2, 1, 6, 9), 0);
    assert_int_equal(heatmap_level(1.3, 1, 6, 9), 1);
    /* a zero loss in the grid: evenly in x */
    assert_int_equal(heatmap_level(3, 0, 6, 9), 4);
    assert_int_equal(heatmap_level(2, 2, 2, 9), 0); /* no range: all lowest */
    char b[16];
    heatmap_format_eta(44.6, b, sizeof b);
    assert_string_equal(b, "45s");
    heatmap_format_eta(185, b, sizeof b);
    assert_string_equal(b, "3m05s");
    heatmap_format_eta(3720, b, sizeof b);
    assert_string_equal(b, "1h02m");
}

/* Without colour each ready cell is its shade: the lowest '@', the highest
 * '.'; a cell not ready stays blank. */
static void test_shades_follow_the_loss_without_colour(void **state)
{
    (void)state;
    TuneCell cells[6];
    int ready[6];
    grid_2x3(cells, ready);
    HeatmapView v = view_2x3(cells, ready);
    v.cur_row = 1, v.cur_col = 1; /* off the cells checked below */
    Canvas *c = canvas_new(40, 11, CANVAS_ASCII, 0);
    widget_heatmap_draw(c, rect_make(0, 0, 40, 11), &v);
    /* 6 grid rows: 2 rows x 3 lines; label width 6 (">alpha" -> "alpha" + 1) */
    int lw = 6, cw = 11;            /* 34 columns / 3 */
    int y0 = 2 + 1, y1 = 2 + 3 + 1; /* the middle line of each row */
    char s[] = HEATMAP_SHADES;
    int last = (int)strlen(s) - 1;
    assert_int_equal(canvas_cell(c, lw + 0 * cw, y0)->cp, (uint32_t)s[last]); /* 6: highest */
    assert_int_equal(canvas_cell(c, lw + 2 * cw, y0)->cp, ' ');               /* not ready */
    assert_int_equal(canvas_cell(c, lw + 0 * cw, y1)->cp, (uint32_t)s[0]);    /* 1: lowest */
    /* 3 is log 3 / log 6 = 0.61 of the way (the log scale): level floor(0.61 * 9) = 5 */
    assert_int_equal(canvas_cell(c, lw + 2 * cw, y1)->cp, (uint32_t)s[5]);
    assert_contains(c, "cv loss (log) 1 @%#*+=-:. 6");
    for (int y = 0; y < 11; y++) /* ASCII only */
        for (int x = 0; x < 40; x++)
            assert_true(canvas_cell(c, x, y)->cp < 128);
    canvas_free(c);
}

/* In colour the cells are backgrounds on the ramp: HEAT0 the lowest. */
static void test_colour_ramp_as_backgrounds(void **state)
{
    (void)state;
    TuneCell cells[6];
    int ready[6];
    grid_2x3(cells, ready);
    HeatmapView v = view_2x3(cells, ready);
    v.cur_row = 1, v.cur_col = 2;
    Canvas *c = canvas_new(40, 11, CANVAS_UTF8, 1);
    widget_heatmap_draw(c, rect_make(0, 0, 40, 11), &v);
    assert_int_equal(canvas_cell(c, 6, 3)->bg, COL_HEAT8); /* 6 */
    assert_int_equal(canvas_cell(c, 6, 6)->bg, COL_HEAT0); /* 1 */
    assert_int_equal(canvas_cell(c, 6 + 2 * 11, 3)->bg,
                     COL_DEFAULT); /* not ready (cells 11 wide) */
    /* the legend's ramp: nine backgrounds in order, as the nine shades */
    int y = 10, x = 0;
    while (x < 40 && canvas_cell(c, x, y)->bg != COL_HEAT0)
        x++;
    for (int l = 0; l < 9; l++)
        assert_int_equal(canvas_cell(c, x + l, y)->bg, COL_HEAT0 + l);
    canvas_free(c);
}

/* B on the best cell, S on the one-SE cell, the cursor's cell in reverse
 * video with '^' under its column and '>' at its row; the head line names
 * the cursor's cell, the second line the picks. */
static void test_marks_cursor_and_picks(void **state)
{
    (void)state;
    TuneCell cells[6];
    int ready[6];
    grid_2x3(cells, ready);
    HeatmapView v = view_2x3(cells, ready);
    v.best = 3, v.one_se = 4;
    v.cur_row = 0, v.cur_col = 1;
    Canvas *c = canvas_new(60, 11, CANVAS_ASCII, 0);
    widget_heatmap_draw(c, rect_make(0, 0, 60, 11), &v);
    int lw = 6, cw = 16; /* 54 columns / 3, at most 16 */
    int found_b = 0, found_s = 0;
    for (int x = lw; x < lw + cw; x++)
        found_b |= canvas_cell(c, x, 6)->cp == 'B';
    for (int x = lw + cw; x < lw + 2 * cw; x++)
        found_s |= canvas_cell(c, x, 6)->cp == 'S';
    assert_true(found_b && found_s);
    assert_true(canvas_cell(c, lw + cw, 3)->attr & ATTR_REVERSE);
    assert_false(canvas_cell(c, lw, 3)->attr & ATTR_REVERSE);
    assert_int_equal(canvas_cell(c, lw + cw + cw / 2, 8)->cp, '^');
    assert_int_equal(canvas_cell(c, 0, 3)->cp, '>');
    char row[128];
    row_text(c, 0, row, sizeof row);
    assert_string_equal(row, "alpha 0  lambda 0.1  cv loss 5 +- 0.1");
    row_text(c, 1, row, sizeof row);
    assert_string_equal(row, "B alpha 1 lambda 1 (1)   S alpha 1 lambda 0.1 (2)");
    assert_contains(c, "B best  S one-SE");
    canvas_free(c);
    /* narrower: the picks lose their losses, then the knobs' names, never a
     * number cut in two */
    c = canvas_new(45, 11, CANVAS_ASCII, 0);
    widget_heatmap_draw(c, rect_make(0, 0, 45, 11), &v);
    row_text(c, 1, row, sizeof row);
    assert_string_equal(row, "B alpha 1 lambda 1   S alpha 1 lambda 0.1");
    canvas_free(c);
    c = canvas_new(30, 11, CANVAS_ASCII, 0);
    widget_heatmap_draw(c, rect_make(0, 0, 30, 11), &v);
    row_text(c, 1, row, sizeof row);
    assert_string_equal(row, "B 1, 1   S 1, 0.1");
    canvas_free(c);
    /* in colour the cursor keeps its cell's colour (reverse video would show
     * the best as the worst) and is framed by brackets */
    v.cur_row = 1, v.cur_col = 0; /* the best cell, loss 1: the ramp's first colour */
    c = canvas_new(60, 11, CANVAS_UTF8, 1);
    widget_heatmap_draw(c, rect_make(0, 0, 60, 11), &v);
    int y = 6; /* row 1's middle line */
    assert_int_equal(canvas_cell(c, lw, y)->cp, '[');
    assert_int_equal(canvas_cell(c, lw + cw - 1, y)->cp, ']');
    assert_int_equal(canvas_cell(c, lw + cw / 2, y)->cp, 'B');
    for (int x = lw; x < lw + cw; x++) {
        assert_int_equal(canvas_cell(c, x, y)->bg, COL_HEAT0);
        assert_false(canvas_cell(c, x, y)->attr & ATTR_REVERSE);
    }
    canvas_free(c);
}

/* While filling: a progress bar with the percentage and the time left. */
static void test_progress_bar_and_time_left(void **state)
{
    (void)state;
    TuneCell cells[6];
    int ready[6];
    grid_2x3(cells, ready);
    HeatmapView v = view_2x3(cells, ready);
    v.done = 0, v.progress = 0.5, v.eta = 125;
    Canvas *c = canvas_new(60, 11, CANVAS_ASCII, 0);
    widget_heatmap_draw(c, rect_make(0, 0, 60, 11), &v);
    char row[128];
    row_text(c, 1, row, sizeof row);
    assert_string_equal(row, "[##########..........]  50%  ~2m05s left");
    v.progress = 0.05, v.eta = -1;
    canvas_clear(c);
    widget_heatmap_draw(c, rect_make(0, 0, 60, 11), &v);
    row_text(c, 1, row, sizeof row);
    assert_string_equal(row, "[#...................]   5%  estimating time left");
    canvas_free(c);
}

/* 100 columns in 30: every screen column shows a cell, the cursor's and
 * the marks' columns land where their values are. */
static void test_squeezed_columns(void **state)
{
    (void)state;
    enum { N = 100 };
    static TuneCell cells[N];
    static int ready[N];
    static double lam[N];
    const double row[1] = {1};
    for (int j = 0; j < N; j++) {
        lam[j] = pow(10, -j / 33.0);
        cells[j] = (TuneCell){1, lam[j], 1 + fabs(j - 60.0), 0.5};
        ready[j] = 1;
    }
    HeatmapView v = {0};
    v.n_row = 1, v.n_col = N, v.row_knob = "alpha", v.col_knob = "lambda";
    v.row_val = row, v.col_val = lam, v.cells = cells, v.ready = ready;
    v.cur_row = 0, v.cur_col = 99, v.best = 60, v.one_se = 59, v.done = 1, v.progress = 1;
    v.value_name = "cv loss";
    Canvas *c = canvas_new(36, 8, CANVAS_ASCII, 0);
    widget_heatmap_draw(c, rect_make(0, 0, 36, 8), &v);
    int lw = 6, pw = 30;
    /* the row is 3 lines tall (lines 2-4): B once, on its middle line */
    assert_int_equal(canvas_cell(c, lw + 60 * pw / N, 3)->cp, 'B');
    assert_true(canvas_cell(c, lw + 60 * pw / N, 2)->cp != 'B');
    assert_true(canvas_cell(c, lw + 60 * pw / N, 4)->cp != 'B');
    /* and in one screen column, not also where the squeeze maps its cell:
     * cell 63 is under screen column 19 (19 * 100 / 30), its mark at 18 */
    v.best = 63;
    canvas_clear(c);
    widget_heatmap_draw(c, rect_make(0, 0, 36, 8), &v);
    int bs = 0;
    for (int x = lw; x < lw + pw; x++)
        bs += canvas_cell(c, x, 3)->cp == 'B';
    assert_int_equal(bs, 1);
    assert_int_equal(canvas_cell(c, lw + pw - 1, 5)->cp, '^'); /* the last column */
    for (int x = lw; x < lw + pw; x++)
        assert_true(canvas_cell(c, x, 2)->cp != ' ');
    canvas_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_level_and_eta_format),
        cmocka_unit_test(test_shades_follow_the_loss_without_colour),
        cmocka_unit_test(test_colour_ramp_as_backgrounds),
        cmocka_unit_test(test_marks_cursor_and_picks),
        cmocka_unit_test(test_progress_bar_and_time_left),
        cmocka_unit_test(test_squeezed_columns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
