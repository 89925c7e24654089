/* Tests of the cell canvas: braille bit layout, lines, clipping, ASCII
 * fallback, frames, text output and number labels. Expected glyphs are
 * written out literally (not taken from the code under test). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "canvas.h"

static char *text_of(const Canvas *c)
{
    char *s = canvas_to_text(c);
    assert_non_null(s);
    return s;
}

static void assert_text(const Canvas *c, const char *expect)
{
    char *s = text_of(c);
    assert_string_equal(s, expect);
    free(s);
}

static void assert_all_ascii(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        assert_true(*p < 128);
}

/* Unicode numbers braille dots 1-3 down the left column, 4-6 down the
 * right, 7 and 8 along the bottom: each dot must give its own code point. */
static void test_each_braille_dot_gives_its_unicode_code_point(void **state)
{
    (void)state;
    struct {
        int col, row;
        uint32_t cp;
    } dots[8] = {
        {0, 0, 0x2801}, /* dot 1 */
        {0, 1, 0x2802}, /* dot 2 */
        {0, 2, 0x2804}, /* dot 3 */
        {1, 0, 0x2808}, /* dot 4 */
        {1, 1, 0x2810}, /* dot 5 */
        {1, 2, 0x2820}, /* dot 6 */
        {0, 3, 0x2840}, /* dot 7 */
        {1, 3, 0x2880}, /* dot 8 */
    };
    for (int i = 0; i < 8; i++) {
        Canvas *c = canvas_new(1, 1, CANVAS_UTF8, 1);
        canvas_dot(c, rect_make(0, 0, 1, 1), dots[i].col, dots[i].row, COL_TRAIN);
        assert_int_equal(canvas_cell(c, 0, 0)->cp, dots[i].cp);
        assert_int_equal(canvas_cell(c, 0, 0)->fg, COL_TRAIN);
        canvas_free(c);
    }
}

static void test_braille_dots_accumulate_to_full_cell(void **state)
{
    (void)state;
    Canvas *c = canvas_new(1, 1, CANVAS_UTF8, 1);
    for (int row = 0; row < 4; row++)
        for (int col = 0; col < 2; col++)
            canvas_dot(c, rect_make(0, 0, 1, 1), col, row, COL_DEFAULT);
    assert_text(c, "\xe2\xa3\xbf\n"); /* ⣿ */
    canvas_free(c);
}

/* A diagonal over 2x2 cells (4x8 dots): two steps down per step right, so
 * each diagonal cell holds dots (0,0) (0,1) (1,2) (1,3): ⢣, others empty. */
static void test_braille_line_corner_to_corner_sets_the_right_dots(void **state)
{
    (void)state;
    Canvas *c = canvas_new(2, 2, CANVAS_UTF8, 1);
    canvas_braille_line(c, rect_make(0, 0, 2, 2), 0, 0, 3, 7, COL_DEFAULT);
    assert_text(c, "\xe2\xa2\xa3\n \xe2\xa2\xa3\n");
    canvas_free(c);
}

static void test_braille_horizontal_line_fills_one_dot_row(void **state)
{
    (void)state;
    Canvas *c = canvas_new(2, 1, CANVAS_UTF8, 1);
    canvas_braille_line(c, rect_make(0, 0, 2, 1), 0, 1, 3, 1, COL_DEFAULT);
    assert_text(c, "\xe2\xa0\x92\xe2\xa0\x92\n"); /* ⠒⠒ */
    canvas_free(c);
}

static void test_braille_dots_outside_the_rect_are_dropped(void **state)
{
    (void)state;
    Canvas *c = canvas_new(3, 3, CANVAS_UTF8, 1);
    Rect r = rect_make(1, 1, 1, 1);
    canvas_dot(c, r, 2, 0, COL_DEFAULT);  /* one column right of the rect */
    canvas_dot(c, r, 0, 4, COL_DEFAULT);  /* one row below */
    canvas_dot(c, r, -1, 0, COL_DEFAULT); /* left */
    canvas_dot(c, r, 0, -1, COL_DEFAULT); /* above */
    assert_text(c, "\n\n\n");
    canvas_dot(c, r, 1, 3, COL_DEFAULT);
    assert_text(c, "\n \xe2\xa2\x80\n\n"); /* ⢀ in the middle cell only */
    canvas_free(c);
}

/* A wild endpoint (an unscaled value) must neither hang nor draw outside. */
static void test_line_with_far_endpoint_stays_inside_and_ends(void **state)
{
    (void)state;
    Canvas *c = canvas_new(4, 4, CANVAS_UTF8, 1);
    Rect r = rect_make(1, 1, 2, 2);
    canvas_braille_line(c, r, 0, 0, 2000000000, -2000000000, COL_DEFAULT);
    canvas_glyph_line(c, r, -2000000000, 3, 2000000000, 3, '*', COL_DEFAULT);
    for (int y = 0; y < 4; y++)
        for (int x = 0; x < 4; x++)
            if (x < 1 || x > 2 || y < 1 || y > 2)
                assert_int_equal(canvas_cell(c, x, y)->cp, ' ');
    assert_int_equal(canvas_cell(c, 1, 1)->cp, '*');
    canvas_free(c);
}

static void test_ascii_dots_show_upper_lower_and_both_halves(void **state)
{
    (void)state;
    Canvas *c = canvas_new(3, 1, CANVAS_ASCII, 0);
    Rect r = rect_make(0, 0, 3, 1);
    canvas_dot(c, r, 0, 0, COL_DEFAULT); /* upper half of cell 0 */
    canvas_dot(c, r, 2, 3, COL_DEFAULT); /* lower half of cell 1 */
    canvas_dot(c, r, 5, 1, COL_DEFAULT); /* both halves of cell 2 */
    canvas_dot(c, r, 4, 2, COL_DEFAULT);
    assert_text(c, "'.:\n");
    canvas_free(c);
}

static void test_ascii_mode_turns_every_glyph_into_ascii(void **state)
{
    (void)state;
    Canvas *c = canvas_new(30, 6, CANVAS_ASCII, 0);
    canvas_text(c, 0, 0, "\xce\xbb lambda \xe2\x94\x80\xe2\x96\x88\xe2\xa3\xbf\xe2\x97\x8f \xff",
                COL_DEFAULT, COL_DEFAULT, ATTR_NONE);
    canvas_box(c, rect_make(0, 1, 12, 3), "t\xce\xb1tle", COL_DIM, ATTR_NONE);
    canvas_braille_line(c, rect_make(13, 1, 10, 3), 0, 0, 19, 11, COL_TRAIN);
    canvas_set(c, 0, 5, 0x1F600, COL_DEFAULT, COL_DEFAULT, ATTR_NONE); /* an emoji */
    char *s = text_of(c);
    assert_all_ascii(s);
    assert_non_null(strstr(s, "l lambda -#:o ?"));
    assert_non_null(strstr(s, "+- tatle --+"));
    free(s);
    canvas_free(c);
}

static void test_box_uses_box_drawing_in_utf8_and_plus_minus_in_ascii(void **state)
{
    (void)state;
    Canvas *u = canvas_new(10, 3, CANVAS_UTF8, 1), *a = canvas_new(10, 3, CANVAS_ASCII, 1);
    canvas_box(u, rect_make(0, 0, 10, 3), "ab", COL_DIM, ATTR_BOLD);
    canvas_box(a, rect_make(0, 0, 10, 3), "ab", COL_DIM, ATTR_BOLD);
    assert_text(u, "\xe2\x95\xad\xe2\x94\x80 ab \xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x95\xae\n"
                   "\xe2\x94\x82        \xe2\x94\x82\n"
                   "\xe2\x95\xb0\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
                   "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x95\xaf\n");
    assert_text(a, "+- ab ---+\n|        |\n+--------+\n");
    canvas_free(u);
    canvas_free(a);
}

static void test_long_box_title_is_clipped_inside_the_corners(void **state)
{
    (void)state;
    Canvas *c = canvas_new(12, 2, CANVAS_ASCII, 0);
    canvas_box(c, rect_make(0, 0, 8, 2), "a very long title", COL_DIM, ATTR_NONE);
    assert_text(c, "+- a --+\n+------+\n");
    canvas_free(c);
    /* it ends at its last whole word that fits, never mid-word */
    c = canvas_new(22, 2, CANVAS_ASCII, 0);
    canvas_box(c, rect_make(0, 0, 22, 2), "weights at path lambda", COL_DIM, ATTR_NONE);
    assert_text(c, "+- weights at path --+\n+--------------------+\n");
    canvas_free(c);
}

static void test_text_is_clipped_at_canvas_edges(void **state)
{
    (void)state;
    Canvas *c = canvas_new(5, 2, CANVAS_UTF8, 1);
    assert_int_equal(canvas_text(c, 3, 0, "hello", COL_DEFAULT, COL_DEFAULT, ATTR_NONE), 5);
    canvas_text(c, -2, 1, "hello", COL_DEFAULT, COL_DEFAULT, ATTR_NONE);
    canvas_text(c, 0, 2, "below", COL_DEFAULT, COL_DEFAULT, ATTR_NONE);
    canvas_text(c, 0, -1, "above", COL_DEFAULT, COL_DEFAULT, ATTR_NONE);
    assert_text(c, "   he\nllo\n");
    canvas_free(c);
}

static void test_clip_rect_blocks_writes_outside_it(void **state)
{
    (void)state;
    Canvas *c = canvas_new(4, 3, CANVAS_ASCII, 0);
    Rect old = canvas_set_clip(c, rect_make(1, 1, 2, 1));
    canvas_fill(c, rect_make(0, 0, 4, 3), '#', COL_DEFAULT, COL_DEFAULT, ATTR_NONE);
    canvas_text(c, 0, 1, "abcd", COL_DEFAULT, COL_DEFAULT, ATTR_NONE);
    assert_int_equal(canvas_set(c, 0, 0, 'x', COL_DEFAULT, COL_DEFAULT, ATTR_NONE), 0);
    assert_text(c, "\n bc\n\n");
    canvas_set_clip(c, old);
    assert_int_equal(canvas_set(c, 0, 0, 'x', COL_DEFAULT, COL_DEFAULT, ATTR_NONE), 1);
    canvas_free(c);
}

static void test_utf8_text_counts_code_points_and_replaces_bad_bytes(void **state)
{
    (void)state;
    assert_int_equal(canvas_text_width("\xce\xbb=1"), 3);
    Canvas *c = canvas_new(6, 1, CANVAS_UTF8, 1);
    /* a lone continuation byte and a truncated 3-byte sequence */
    int n = canvas_text(c, 0, 0,
                        "a\x80"
                        "b\xe2\x94",
                        COL_DEFAULT, COL_DEFAULT, ATTR_NONE);
    assert_int_equal(n, 4);
    assert_int_equal(canvas_cell(c, 1, 0)->cp, 0xfffd);
    assert_int_equal(canvas_cell(c, 2, 0)->cp, 'b');
    assert_int_equal(canvas_cell(c, 3, 0)->cp, 0xfffd);
    canvas_free(c);
}

static void test_control_characters_never_reach_a_cell(void **state)
{
    (void)state;
    Canvas *c = canvas_new(3, 1, CANVAS_UTF8, 1);
    canvas_set(c, 0, 0, 0x1b, COL_DEFAULT, COL_DEFAULT, ATTR_NONE); /* ESC */
    canvas_text(c, 1, 0, "\t\r", COL_DEFAULT, COL_DEFAULT, ATTR_NONE);
    assert_text(c, "???\n");
    canvas_free(c);
}

static void test_keep_colour_preserves_the_background_shade(void **state)
{
    (void)state;
    Canvas *c = canvas_new(1, 1, CANVAS_UTF8, 1);
    canvas_set(c, 0, 0, ' ', COL_DEFAULT, COL_CLASS1_BG, ATTR_NONE);
    canvas_set(c, 0, 0, 'o', COL_CLASS0, CANVAS_KEEP, ATTR_BOLD);
    assert_int_equal(canvas_cell(c, 0, 0)->bg, COL_CLASS1_BG);
    assert_int_equal(canvas_cell(c, 0, 0)->fg, COL_CLASS0);
    canvas_free(c);
}

static void test_text_output_trims_trailing_spaces_and_truncates_like_snprintf(void **state)
{
    (void)state;
    Canvas *c = canvas_new(6, 2, CANVAS_ASCII, 0);
    canvas_text(c, 1, 0, "ab", COL_DEFAULT, COL_DEFAULT, ATTR_NONE);
    char buf[4];
    size_t need = canvas_write_text(c, buf, sizeof buf);
    assert_int_equal(need, strlen(" ab\n\n"));
    assert_string_equal(buf, " ab");
    assert_text(c, " ab\n\n");
    canvas_free(c);
}

static void test_resize_blanks_and_reuses_the_canvas(void **state)
{
    (void)state;
    Canvas *c = canvas_new(4, 2, CANVAS_UTF8, 1);
    canvas_text(c, 0, 0, "abcd", COL_DEFAULT, COL_DEFAULT, ATTR_NONE);
    assert_int_equal(canvas_resize(c, 2, 3), 0);
    assert_int_equal(c->cols, 2);
    assert_int_equal(c->rows, 3);
    assert_text(c, "\n\n\n");
    assert_int_equal(canvas_resize(c, 0, 0), 0);
    assert_text(c, "");
    assert_null(canvas_cell(c, 0, 0));
    canvas_free(c);
}

static void test_axis_numbers_are_compact(void **state)
{
    (void)state;
    char b[16];
    assert_string_equal(canvas_fmt_num(0.693147, b, sizeof b), "0.693");
    assert_string_equal(canvas_fmt_num(0.0012, b, sizeof b), "1.2e-3");
    assert_string_equal(canvas_fmt_num(0.001, b, sizeof b), "1e-3");
    assert_string_equal(canvas_fmt_num(12.34, b, sizeof b), "12.3");
    assert_string_equal(canvas_fmt_num(1.0, b, sizeof b), "1");
    assert_string_equal(canvas_fmt_num(999.7, b, sizeof b), "1000");
    assert_string_equal(canvas_fmt_num(1234.4, b, sizeof b), "1234");
    assert_string_equal(canvas_fmt_num(-4.5e6, b, sizeof b), "-4.5e6");
    assert_string_equal(canvas_fmt_num(0.0, b, sizeof b), "0");
    assert_string_equal(canvas_fmt_num(0.0 / 0.0, b, sizeof b), "nan");
    assert_string_equal(canvas_fmt_num(-1.0 / 0.0, b, sizeof b), "-inf");
}

static void test_every_colour_but_default_has_a_hex_and_a_basic_colour(void **state)
{
    (void)state;
    assert_null(canvas_colour_info(COL_DEFAULT)->hex);
    for (int k = 1; k < COL_COUNT; k++) {
        const CanvasColourInfo *ci = canvas_colour_info((CanvasColour)k);
        assert_non_null(ci->name);
        assert_non_null(ci->hex);
        assert_int_equal(strlen(ci->hex), 7);
        assert_true(ci->ansi >= 0 && ci->ansi <= 7);
        assert_true(ci->xterm256 >= 0 && ci->xterm256 <= 255);
    }
}

static void test_html_export_escapes_text_and_uses_the_colour_table(void **state)
{
    (void)state;
    Canvas *c = canvas_new(6, 1, CANVAS_UTF8, 1);
    canvas_text(c, 0, 0, "a<b&", COL_ZERO, COL_DEFAULT, ATTR_BOLD);
    canvas_set(c, 5, 0, 0x2588, COL_TRAIN, COL_CLASS0_BG, ATTR_NONE);
    char *h = canvas_to_html(c);
    assert_non_null(h);
    assert_non_null(strstr(h, "a&lt;b&amp;"));
    assert_non_null(strstr(h, canvas_colour_info(COL_ZERO)->hex));
    assert_non_null(strstr(h, "font-weight:bold"));
    assert_non_null(strstr(h, canvas_colour_info(COL_CLASS0_BG)->hex));
    assert_non_null(strstr(h, "\xe2\x96\x88"));
    free(h);
    char *s = canvas_to_svg(c);
    assert_non_null(s);
    assert_non_null(strstr(s, "<svg"));
    assert_non_null(strstr(s, ">a&lt;b&amp;</text>"));
    assert_non_null(strstr(s, canvas_colour_info(COL_CLASS0_BG)->hex)); /* a bg rect */
    free(s);
    canvas_free(c);
}

static void test_monochrome_export_has_no_semantic_colours(void **state)
{
    (void)state;
    Canvas *c = canvas_new(2, 1, CANVAS_ASCII, 0);
    canvas_set(c, 0, 0, 'x', COL_ZERO, COL_CLASS1_BG, ATTR_NONE);
    char *h = canvas_to_html(c);
    assert_null(strstr(h, canvas_colour_info(COL_ZERO)->hex));
    assert_null(strstr(h, canvas_colour_info(COL_CLASS1_BG)->hex));
    free(h);
    canvas_free(c);
}

/* Shaded regions and the points on them: one background rect per run of
 * one colour, whatever glyph or colour is drawn over each cell, inside a
 * crisp-edged group, so no renderer draws hairline seams between cells. */
static void test_svg_backgrounds_are_one_crisp_rect_per_colour_run(void **state)
{
    (void)state;
    Canvas *c = canvas_new(10, 2, CANVAS_UTF8, 1);
    for (int x = 0; x < 10; x++) /* shade, a point, shade: one background */
        canvas_set(c, x, 0, x == 4 ? 0x25cf : 0x2592, x == 4 ? COL_CLASS1 : COL_CLASS0,
                   COL_CLASS0_BG, ATTR_NONE);
    char *s = canvas_to_svg(c);
    assert_non_null(s);
    int rects = 0;
    for (const char *p = strstr(s, "<rect x="); p; p = strstr(p + 1, "<rect x="))
        rects++;
    assert_int_equal(rects, 1);
    assert_non_null(strstr(s, "width=\"84.0\" height=\"17.0\""));
    const char *g = strstr(s, "<g shape-rendering=\"crispEdges\">");
    assert_non_null(g);
    assert_true(strstr(s, "<rect x=") > g && strstr(s, "<rect x=") < strstr(s, "</g>"));
    free(s);
    canvas_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_braille_dot_gives_its_unicode_code_point),
        cmocka_unit_test(test_braille_dots_accumulate_to_full_cell),
        cmocka_unit_test(test_braille_line_corner_to_corner_sets_the_right_dots),
        cmocka_unit_test(test_braille_horizontal_line_fills_one_dot_row),
        cmocka_unit_test(test_braille_dots_outside_the_rect_are_dropped),
        cmocka_unit_test(test_line_with_far_endpoint_stays_inside_and_ends),
        cmocka_unit_test(test_ascii_dots_show_upper_lower_and_both_halves),
        cmocka_unit_test(test_ascii_mode_turns_every_glyph_into_ascii),
        cmocka_unit_test(test_box_uses_box_drawing_in_utf8_and_plus_minus_in_ascii),
        cmocka_unit_test(test_long_box_title_is_clipped_inside_the_corners),
        cmocka_unit_test(test_text_is_clipped_at_canvas_edges),
        cmocka_unit_test(test_clip_rect_blocks_writes_outside_it),
        cmocka_unit_test(test_utf8_text_counts_code_points_and_replaces_bad_bytes),
        cmocka_unit_test(test_control_characters_never_reach_a_cell),
        cmocka_unit_test(test_keep_colour_preserves_the_background_shade),
        cmocka_unit_test(test_text_output_trims_trailing_spaces_and_truncates_like_snprintf),
        cmocka_unit_test(test_resize_blanks_and_reuses_the_canvas),
        cmocka_unit_test(test_axis_numbers_are_compact),
        cmocka_unit_test(test_every_colour_but_default_has_a_hex_and_a_basic_colour),
        cmocka_unit_test(test_html_export_escapes_text_and_uses_the_colour_table),
        cmocka_unit_test(test_monochrome_export_has_no_semantic_colours),
        cmocka_unit_test(test_svg_backgrounds_are_one_crisp_rect_per_colour_run),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
