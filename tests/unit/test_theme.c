/* The themes' palettes: every colour of the light theme readable on its
 * white page (WCAG contrast, from the hex the exports use and from the
 * xterm-256 colour the terminal shows), no yellow, cyan or white among its
 * 8-colour fallbacks; the dark theme readable on its page; exports drawn in
 * the theme, at the font size asked for; mono without colour. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>

#include "canvas.h"

static double channel(int v)
{
    double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double luminance(int r, int g, int b)
{
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

static double hex_luminance(const char *hex)
{
    unsigned r, g, b;
    assert_int_equal(sscanf(hex, "#%2x%2x%2x", &r, &g, &b), 3);
    return luminance((int)r, (int)g, (int)b);
}

/* xterm's 256 colours: the 6x6x6 cube from 16, the greys from 232. */
static double xterm_luminance(int i)
{
    static const int level[6] = {0, 95, 135, 175, 215, 255};
    assert_true(i >= 16 && i <= 255);
    if (i >= 232) {
        int v = 8 + 10 * (i - 232);
        return luminance(v, v, v);
    }
    i -= 16;
    return luminance(level[i / 36], level[i / 6 % 6], level[i % 6]);
}

static double contrast(double a, double b)
{
    return a > b ? (a + 0.05) / (b + 0.05) : (b + 0.05) / (a + 0.05);
}

/* Backgrounds: the class tints and the heatmap's ramp (read against the
 * marks drawn on them, not against the page). */
static int is_tint(CanvasColour c)
{
    return (c >= COL_CLASS0_BG && c <= COL_CLASS3_BG) || (c >= COL_HEAT0 && c <= COL_HEAT8);
}
static int is_text(CanvasColour c)
{
    return c == COL_DEFAULT || c == COL_DIM || c == COL_ACCENT || c == COL_WARNING;
}

/* Every foreground colour of theme t against its page: 4.5:1 for text,
 * 3:1 for lines, bars and points (WCAG 2.1, 1.4.3 and 1.4.11). */
static void assert_readable(CanvasTheme t)
{
    const CanvasColourInfo *page = canvas_page_bg(t);
    double bg = hex_luminance(page->hex);
    for (int c = 0; c < COL_COUNT; c++) {
        const CanvasColourInfo *ci = canvas_theme_colour(t, (CanvasColour)c);
        if (is_tint((CanvasColour)c) || (c == COL_DEFAULT && t != THEME_LIGHT))
            continue;
        double need = is_text((CanvasColour)c) ? 4.5 : 3.0;
        double k = contrast(hex_luminance(ci->hex), bg);
        if (k < need)
            fail_msg("theme %d: %s %s on %s has contrast %.2f < %.1f", t, ci->name, ci->hex,
                     page->hex, k, need);
        if (t == THEME_LIGHT) {
            double kx = contrast(xterm_luminance(ci->xterm256), xterm_luminance(page->xterm256));
            if (kx < need)
                fail_msg("light: %s as xterm %d has contrast %.2f < %.1f", ci->name, ci->xterm256,
                         kx, need);
            /* yellow, cyan and white wash out on white */
            assert_true(ci->ansi != 3 && ci->ansi != 6 && ci->ansi != 7);
            assert_false(ci->bright);
        }
    }
}

static void test_light_theme_is_readable_on_white(void **state)
{
    (void)state;
    assert_string_equal(canvas_page_bg(THEME_LIGHT)->hex, "#ffffff");
    assert_int_equal(canvas_page_bg(THEME_LIGHT)->xterm256, 231);
    assert_readable(THEME_LIGHT);
    /* the class tints stay light: dark glyphs on them read */
    for (int c = COL_CLASS0_BG; c <= COL_CLASS3_BG; c++)
        assert_true(contrast(hex_luminance(canvas_theme_colour(THEME_LIGHT, (CanvasColour)c)->hex),
                             hex_luminance("#000000")) >= 7);
}

static void test_dark_theme_is_readable_on_its_page(void **state)
{
    (void)state;
    assert_readable(THEME_DARK);
}

static void test_exports_use_the_theme_and_font_size(void **state)
{
    (void)state;
    Canvas *c = canvas_new(20, 3, CANVAS_UTF8, 1);
    assert_non_null(c);
    canvas_text(c, 0, 0, "train", COL_TRAIN, COL_DEFAULT, ATTR_NONE);
    canvas_set_theme(c, THEME_LIGHT, 1);
    c->font_px = 24;
    char *svg = canvas_to_svg(c);
    assert_non_null(strstr(svg, "font-size=\"24\""));
    assert_non_null(strstr(svg, "fill=\"#ffffff\""));
    assert_non_null(strstr(svg, canvas_theme_colour(THEME_LIGHT, COL_TRAIN)->hex));
    assert_null(strstr(svg, canvas_theme_colour(THEME_DARK, COL_TRAIN)->hex));
    free(svg);
    char *html = canvas_to_html(c);
    assert_non_null(strstr(html, "font-size:24px"));
    assert_non_null(strstr(html, "background:#ffffff"));
    free(html);
    canvas_set_theme(c, THEME_MONO, 1);
    assert_int_equal(c->colour, 0);
    svg = canvas_to_svg(c);
    assert_null(strstr(svg, canvas_theme_colour(THEME_DARK, COL_TRAIN)->hex));
    free(svg);
    canvas_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_light_theme_is_readable_on_white),
        cmocka_unit_test(test_dark_theme_is_readable_on_its_page),
        cmocka_unit_test(test_exports_use_the_theme_and_font_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
