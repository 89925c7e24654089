/* palette: what each semantic colour is in each theme (canvas.h), for the
 * terminal (a basic or 256-colour index) and for SVG/HTML (hex). */
#include "canvas.h"

#include "config.h"

/* The tuning heatmap's ramp, viridis from bright (the lowest loss) to dark:
 * the same on a dark and a light page. */
#define HEAT_RAMP                                                                                  \
    [COL_HEAT0] = {"heat0", 3, 1, 220, "#fde725"}, [COL_HEAT1] = {"heat1", 2, 1, 148, "#addc30"},  \
    [COL_HEAT2] = {"heat2", 2, 0, 77, "#5ec962"}, [COL_HEAT3] = {"heat3", 6, 1, 36, "#28ae80"},    \
    [COL_HEAT4] = {"heat4", 6, 0, 30, "#21918c"}, [COL_HEAT5] = {"heat5", 4, 1, 24, "#2c728e"},    \
    [COL_HEAT6] = {"heat6", 4, 0, 60, "#3b528b"}, [COL_HEAT7] = {"heat7", 5, 1, 54, "#472d7b"},    \
    [COL_HEAT8] = {"heat8", 5, 0, 53, "#440154"},

/* Chosen so both a dark and a light terminal read them; the bg shades are
 * the light tints decision regions are painted with (as TensorFlow
 * Playground does), so points in the strong class colour stand out. */
static const CanvasColourInfo colour_table[COL_COUNT] = {
    [COL_DEFAULT] = {"default", -1, 0, -1, NULL},
    [COL_DIM] = {"dim", 7, 0, 245, "#8a8a8a"},
    [COL_TRAIN] = {"train", 4, 1, 69, "#5f87ff"},
    [COL_VAL] = {"val", 3, 1, 214, "#ffaf00"},
    [COL_DATA] = {"data", 2, 0, 71, "#5faf5f"},
    [COL_PENALTY] = {"penalty", 5, 0, 170, "#d75fd7"},
    [COL_CLASS0] = {"class0", 3, 0, 208, "#f59322"},
    [COL_CLASS1] = {"class1", 4, 0, 32, "#0877bd"},
    [COL_CLASS2] = {"class2", 2, 0, 34, "#2ca02c"},
    [COL_CLASS3] = {"class3", 5, 0, 97, "#9467bd"},
    [COL_CLASS0_BG] = {"class0-bg", 3, 0, 223, "#ffd7af"},
    [COL_CLASS1_BG] = {"class1-bg", 4, 0, 153, "#afd7ff"},
    [COL_CLASS2_BG] = {"class2-bg", 2, 0, 194, "#d7ffd7"},
    [COL_CLASS3_BG] = {"class3-bg", 5, 0, 225, "#ffd7ff"},
    [COL_ZERO] = {"zero", 1, 1, 203, "#ff5f5f"},
    [COL_ACCENT] = {"accent", 6, 1, 81, "#5fd7ff"},
    [COL_WARNING] = {"warning", 3, 1, 220, "#ffd700"},
    HEAT_RAMP};

/* The light palette: black on white, each colour at least 3:1 against white
 * (4.5:1 for text: default, dim, accent, warning), as WCAG asks; no light
 * cyan or yellow. The 8-colour fallbacks avoid yellow, cyan and white. The
 * class tints are the dark palette's: already light, under dark glyphs. */
static const CanvasColourInfo light_table[COL_COUNT] = {
    [COL_DEFAULT] = {"default", 0, 0, 16, "#000000"},
    [COL_DIM] = {"dim", 0, 0, 240, "#585858"},
    [COL_TRAIN] = {"train", 4, 0, 26, "#005fd7"},
    [COL_VAL] = {"val", 1, 0, 130, "#af5f00"},
    [COL_DATA] = {"data", 2, 0, 28, "#008700"},
    [COL_PENALTY] = {"penalty", 5, 0, 127, "#af00af"},
    [COL_CLASS0] = {"class0", 1, 0, 166, "#d75f00"},
    [COL_CLASS1] = {"class1", 4, 0, 25, "#005faf"},
    [COL_CLASS2] = {"class2", 2, 0, 28, "#008700"},
    [COL_CLASS3] = {"class3", 5, 0, 91, "#8700af"},
    [COL_CLASS0_BG] = {"class0-bg", 3, 0, 223, "#ffd7af"},
    [COL_CLASS1_BG] = {"class1-bg", 4, 0, 153, "#afd7ff"},
    [COL_CLASS2_BG] = {"class2-bg", 2, 0, 194, "#d7ffd7"},
    [COL_CLASS3_BG] = {"class3-bg", 5, 0, 225, "#ffd7ff"},
    [COL_ZERO] = {"zero", 1, 0, 160, "#d70000"},
    [COL_ACCENT] = {"accent", 4, 0, 24, "#005f87"},
    [COL_WARNING] = {"warning", 1, 0, 124, "#af0000"},
    HEAT_RAMP};

/* Pages: the dark theme leaves the terminal's colours; exports draw it on
 * a near-black page. */
static const CanvasColourInfo page_fg[THEME_COUNT] = {
    [THEME_DARK] = {"page", -1, 0, -1, "#d0d0d0"},
    [THEME_LIGHT] = {"page", 0, 0, 16, "#000000"},
    [THEME_MONO] = {"page", -1, 0, -1, "#d0d0d0"},
};
static const CanvasColourInfo page_bg[THEME_COUNT] = {
    [THEME_DARK] = {"page", -1, 0, -1, "#1c1c1c"},
    [THEME_LIGHT] = {"page", 7, 1, 231, "#ffffff"},
    [THEME_MONO] = {"page", -1, 0, -1, "#1c1c1c"},
};

_Static_assert(THEME_COUNT == CONFIG_THEMES, "Config.theme is a CanvasTheme");

static CanvasTheme valid_theme(CanvasTheme t)
{
    return (int)t >= 0 && t < THEME_COUNT ? t : THEME_DARK;
}

const CanvasColourInfo *canvas_theme_colour(CanvasTheme t, CanvasColour c)
{
    if ((int)c < 0 || c >= COL_COUNT)
        c = COL_DEFAULT;
    return valid_theme(t) == THEME_LIGHT ? &light_table[c] : &colour_table[c];
}

const CanvasColourInfo *canvas_colour_info(CanvasColour c)
{
    return canvas_theme_colour(THEME_DARK, c);
}

const CanvasColourInfo *canvas_page_fg(CanvasTheme t) { return &page_fg[valid_theme(t)]; }
const CanvasColourInfo *canvas_page_bg(CanvasTheme t) { return &page_bg[valid_theme(t)]; }
