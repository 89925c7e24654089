/* The data panel's plots at the edges of the doubles: what a diverging
 * model or a CSV of huge values hands them (predictions at +-1e308 whose
 * range overflows, NaN ranges, a curve far off the plot). Every cell drawn
 * is one of the plot's own glyphs, and nothing converts an out-of-range
 * double to int (the sanitizer build, `make asan`, fails on that). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "canvas.h"
#include "widgets.h"

/* Every cell of rows 0..rows-1 is one of the glyphs in allowed. */
static void assert_only(const Canvas *c, int rows, const char *allowed)
{
    for (int y = 0; y < rows; y++)
        for (int x = 0; x < c->cols; x++) {
            uint32_t cp = canvas_cell(c, x, y)->cp;
            if (cp >= 128 || !strchr(allowed, (int)cp))
                fail_msg("cell (%d, %d) is U+%04X, not one of \"%s\"", x, y, (unsigned)cp, allowed);
        }
}

/* Predictions spanning the doubles: the shading still runs low to high,
 * the lowest blank, the highest the ramp's darkest. */
static void test_regression_shading_over_the_whole_double_range(void **state)
{
    (void)state;
    const double pred[4] = {-1e308, 1e308, -1e308, 1e308}; /* 2x2: left low, right high */
    BoundaryView v = {BOUNDARY_REGRESS, 2, 2, pred, NULL, 0, 0, 1, 0, 1, NULL, 0, 1, 1, 0};
    Canvas *c = canvas_new(8, 2, CANVAS_ASCII, 0);
    widget_boundary_draw(c, rect_make(0, 0, 8, 2), &v);
    for (int y = 0; y < 2; y++) {
        assert_int_equal(canvas_cell(c, 0, y)->cp, ' ');
        assert_int_equal(canvas_cell(c, 7, y)->cp, ':');
    }
    canvas_free(c);
}

/* Points at the ends of the doubles, on ranges that span them. */
static void test_points_on_a_range_spanning_the_doubles(void **state)
{
    (void)state;
    const double p[4] = {0.2, 0.2, 0.8, 0.8};
    const DataPoint pts[3] = {{-1e308, -1e308, 0, 0}, {1e308, 1e308, 1, 0}, {0, 0, 1, 0}};
    BoundaryView v = {BOUNDARY_BINARY, 2,     2,   p, NULL, 2, -1e308, 1e308,
                      -1e308,          1e308, pts, 3, 0,    1, 0};
    Canvas *c = canvas_new(10, 4, CANVAS_ASCII, 0);
    widget_boundary_draw(c, rect_make(0, 0, 10, 4), &v);
    assert_int_equal(canvas_cell(c, 0, 3)->cp, 'o'); /* bottom left */
    assert_int_equal(canvas_cell(c, 9, 0)->cp, 'x'); /* top right */
    assert_int_equal(canvas_cell(c, 5, 1)->cp, 'x'); /* the middle */
    canvas_free(c);
}

/* A grid gone NaN, and NaN ranges: '?' cells, no points placed. */
static void test_nan_grid_and_ranges(void **state)
{
    (void)state;
    const double p[4] = {NAN, NAN, NAN, NAN};
    const DataPoint pts[1] = {{0, 0, 1, 0}};
    BoundaryView v = {BOUNDARY_REGRESS, 2, 2, p, NULL, 0, NAN, NAN, NAN, NAN, pts, 1, 1, 1, 0};
    Canvas *c = canvas_new(6, 3, CANVAS_ASCII, 0);
    widget_boundary_draw(c, rect_make(0, 0, 6, 3), &v);
    assert_only(c, 3, "?");
    canvas_free(c);
}

/* A fitted curve racing off the plot (a diverging regression): drawn up to
 * the plot's edge, nothing outside the dots and points. */
static void test_curve_far_off_the_plot(void **state)
{
    (void)state;
    const double cx[3] = {0, 0.5, 1}, cy[3] = {0, 1e300, -1e308};
    const DataPoint pts[2] = {{0, 0, 0, 0}, {1, 1, 0, 0}};
    CurveView v = {pts, 2, cx, cy, 3, 0, 1, 0, 1, 1, 0};
    Canvas *c = canvas_new(12, 6, CANVAS_ASCII, 0);
    widget_curve_draw(c, rect_make(0, 0, 12, 6), &v);
    assert_only(c, 6, " '.:o");
    int dots = 0;
    for (int y = 0; y < 6; y++)
        for (int x = 0; x < 12; x++)
            dots += strchr("'.:", (int)canvas_cell(c, x, y)->cp) != NULL;
    assert_true(dots > 0);
    /* NaN ranges given: the curve is not placed anywhere it could not be */
    CurveView n = {pts, 2, cx, cy, 3, NAN, NAN, NAN, NAN, 1, 0};
    canvas_clear(c);
    widget_curve_draw(c, rect_make(0, 0, 12, 6), &n);
    assert_only(c, 6, " '.:o");
    canvas_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_regression_shading_over_the_whole_double_range),
        cmocka_unit_test(test_points_on_a_range_spanning_the_doubles),
        cmocka_unit_test(test_nan_grid_and_ranges),
        cmocka_unit_test(test_curve_far_off_the_plot),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
