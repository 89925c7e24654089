/* canvas: a grid of cells that every widget draws into. Nothing here knows
 * ncurses: ui/term.c blits a Canvas to the terminal, the exporters turn it
 * into text / HTML / SVG, and the unit tests read it back as text.
 *
 * A cell holds one Unicode code point (always one terminal column: we only
 * emit glyphs that are single-width), a foreground and background colour
 * from the semantic table below, and attribute bits.
 *
 * Two modes are data in the canvas, chosen once by whoever creates it:
 *   glyphs: CANVAS_UTF8 (braille dots, eighth blocks, box drawing) or
 *           CANVAS_ASCII (bytes < 128 only; every non-ASCII code point that
 *           reaches canvas_set is transliterated, so ASCII output is
 *           guaranteed whatever a widget asks for);
 *   colour: on or off. With colour off, widgets must tell series, classes
 *           and train/validation apart by glyph or attribute alone.
 *
 * Coordinates are cells, x to the right, y down, (0,0) top left. Every
 * write is clipped to the canvas and to the current clip rectangle. */
#ifndef REGSCOPE_CANVAS_H
#define REGSCOPE_CANVAS_H

#include <stddef.h>
#include <stdint.h>

typedef enum { CANVAS_UTF8 = 0, CANVAS_ASCII = 1 } CanvasGlyphs;

/* The palettes (--theme, key T): dark (the terminal's own background),
 * light (black on white, every colour dark enough to read on white, for
 * projectors that wash a dark screen out) and mono (no colour at all: the
 * widgets tell things apart by glyph, as on a monochrome terminal). */
typedef enum { THEME_DARK = 0, THEME_LIGHT, THEME_MONO, THEME_COUNT } CanvasTheme;
/* (Config.theme holds one: config_theme_names is in this order.) */

/* Semantic colours. The term layer maps each to an ncurses pair, the HTML /
 * SVG exporters to a hex colour (canvas_colour_info). The *_BG shades are
 * light versions of the class colours, for decision-region backgrounds. */
typedef enum {
    COL_DEFAULT = 0, /* terminal default fg / bg */
    COL_DIM,         /* axes, grid, secondary text */
    COL_TRAIN,       /* training loss */
    COL_VAL,         /* validation loss */
    COL_DATA,        /* data-loss part of the objective */
    COL_PENALTY,     /* penalty part */
    COL_CLASS0,
    COL_CLASS1,
    COL_CLASS2,
    COL_CLASS3,
    COL_CLASS0_BG,
    COL_CLASS1_BG,
    COL_CLASS2_BG,
    COL_CLASS3_BG,
    COL_ZERO,    /* the exact-zero bar of the weight histogram */
    COL_ACCENT,  /* best-epoch marker, focus */
    COL_WARNING, /* divergence, "terminal too small" */
    /* the tuning heatmap's ramp, as backgrounds: HEAT0 the lowest loss
     * (bright) to HEAT8 the highest (dark), viridis' colours; nine, as
     * the ASCII shade ramp has */
    COL_HEAT0,
    COL_HEAT1,
    COL_HEAT2,
    COL_HEAT3,
    COL_HEAT4,
    COL_HEAT5,
    COL_HEAT6,
    COL_HEAT7,
    COL_HEAT8,
    COL_COUNT
} CanvasColour;

#define CANVAS_MAX_CLASSES 4

enum { ATTR_NONE = 0, ATTR_BOLD = 1, ATTR_REVERSE = 2, ATTR_DIM = 4, ATTR_UNDERLINE = 8 };

/* Pass as fg or bg to keep the cell's current colour (points and dots drawn
 * over a shaded background keep the shade). */
#define CANVAS_KEEP (-1)

typedef struct {
    uint32_t cp;    /* code point; ' ' for empty */
    uint8_t fg, bg; /* CanvasColour */
    uint8_t attr;   /* ATTR_* bits */
    uint8_t pad_;
} Cell;

typedef struct {
    int x, y, w, h;
} Rect;

/* Fields are readable by anyone; change them only through the functions. */
typedef struct {
    int cols, rows;
    CanvasGlyphs glyphs;
    int colour;  /* 1 = colour terminal, 0 = monochrome (or THEME_MONO) */
    int theme;   /* CanvasTheme: the palette the colours are shown in */
    int font_px; /* the SVG / HTML exports' font size, 0 = 14 */
    Cell *cells; /* rows x cols, row-major */
    size_t cap;  /* allocated cells, so shrinking never reallocates */
    Rect clip;   /* writes outside it are dropped */
} Canvas;

/* How to show a semantic colour: ansi is a basic colour 0-7 (-1 = terminal
 * default) with bright asking for the bright variant (A_BOLD on 8-colour
 * terminals); xterm256 is the index to prefer when COLORS >= 256 (-1 =
 * default); hex is for HTML / SVG (NULL = the page's default colour). */
typedef struct {
    const char *name;
    int ansi;
    int bright;
    int xterm256;
    const char *hex;
} CanvasColourInfo;
/* Colour c in the dark palette. */
const CanvasColourInfo *canvas_colour_info(CanvasColour c);
/* Colour c in theme t's palette (mono: the dark one, for a page that is
 * drawn without colour anyway). */
const CanvasColourInfo *canvas_theme_colour(CanvasTheme t, CanvasColour c);
/* The page a theme draws on: its default foreground and background (hex
 * for exports; ansi / xterm256 for the terminal, -1 = the terminal's own). */
const CanvasColourInfo *canvas_page_fg(CanvasTheme t);
const CanvasColourInfo *canvas_page_bg(CanvasTheme t);
/* Switch c to theme t; colour is whether the terminal has colour at all. */
void canvas_set_theme(Canvas *c, CanvasTheme t, int colour);

/* ---- lifetime --------------------------------------------------------- */

/* A cols x rows canvas of blank cells (cols, rows >= 0). NULL when out of
 * memory. The caller owns it; free with canvas_free. */
Canvas *canvas_new(int cols, int rows, CanvasGlyphs glyphs, int colour);
void canvas_free(Canvas *c);
/* Change size; contents become blank and the clip resets to the whole
 * canvas. Only grows the allocation. Returns 0, or -1 when out of memory
 * (the canvas is then unchanged). */
int canvas_resize(Canvas *c, int cols, int rows);
/* Blank every cell (' ', default colours, no attrs); clip reset. */
void canvas_clear(Canvas *c);

/* Set the clip rectangle (intersected with the canvas) and return the
 * previous one, so a widget can restore it: every widget clips to its own
 * rect, and so cannot draw outside it whatever its arithmetic does. */
Rect canvas_set_clip(Canvas *c, Rect r);

/* ---- cells and text --------------------------------------------------- */

/* Cell at (x, y), or NULL when outside the canvas. */
const Cell *canvas_cell(const Canvas *c, int x, int y);
/* Set one cell. In ASCII mode a non-ASCII cp is transliterated
 * (canvas_ascii_fallback). Returns 1 when written, 0 when clipped. */
int canvas_set(Canvas *c, int x, int y, uint32_t cp, int fg, int bg, int attr);
/* Write UTF-8 text from (x, y) rightwards, one column per code point,
 * clipped; invalid bytes become U+FFFD ('?' in ASCII). Stops at '\n'.
 * Returns the number of columns the text occupies (written or clipped),
 * so callers can lay out what follows. */
int canvas_text(Canvas *c, int x, int y, const char *utf8, int fg, int bg, int attr);
/* Like canvas_text but writes at most maxw columns. */
int canvas_textn(Canvas *c, int x, int y, const char *utf8, int maxw, int fg, int bg, int attr);
/* Number of columns (code points) of a UTF-8 string. */
int canvas_text_width(const char *utf8);
/* Fill r with cp. */
void canvas_fill(Canvas *c, Rect r, uint32_t cp, int fg, int bg, int attr);
/* A frame on the border of r (needs w, h >= 2) with an optional title on the
 * top edge: box drawing in UTF-8 mode, + - | in ASCII. */
void canvas_box(Canvas *c, Rect r, const char *title, int fg, int attr);
/* Horizontal / vertical rules of length len. */
void canvas_hline(Canvas *c, int x, int y, int len, int fg);
void canvas_vline(Canvas *c, int x, int y, int len, int fg);

/* ---- dot grid (braille) ------------------------------------------------ */

/* Over a rect of cells lies a grid of (2*w) x (4*h) dots, dot (0,0) at the
 * top left. In UTF-8 mode a dot sets one bit of a braille cell U+2800+bits,
 * OR-ed with the dots already there:
 *       col 0  col 1
 *   row 0  0x01  0x08
 *   row 1  0x02  0x10
 *   row 2  0x04  0x20
 *   row 3  0x40  0x80
 * The cell takes the colour of its latest dot. In ASCII mode a cell shows
 * '\'' (dots only in its upper half), '.' (lower half) or ':' (both).
 * Dots outside the rect are dropped. */
void canvas_dot(Canvas *c, Rect r, int dx, int dy, int fg);
/* Bresenham line between two dots, both ends included. */
void canvas_braille_line(Canvas *c, Rect r, int dx0, int dy0, int dx1, int dy1, int fg);
/* The same line at cell resolution with one glyph: for monochrome plots,
 * where series must differ by character rather than colour. */
void canvas_glyph_line(Canvas *c, Rect r, int dx0, int dy0, int dx1, int dy1, uint32_t cp, int fg);
/* Braille bit of dot (col 0-1, row 0-3) within a cell. */
unsigned canvas_braille_bit(int col, int row);

/* ---- output ------------------------------------------------------------ */

/* Encode cp as UTF-8 into out (4 bytes room); returns the byte count. */
int canvas_utf8_encode(uint32_t cp, char out[4]);
/* ASCII stand-in for a code point (box drawing -> + - |, braille -> ' . :,
 * blocks -> #, ...; '?' when nothing fits). ASCII passes through. */
char canvas_ascii_fallback(uint32_t cp);
/* The canvas as UTF-8 text, one line per row ending in '\n', trailing
 * spaces trimmed. Writes at most n bytes including the NUL (like snprintf)
 * and returns the length the full text needs. */
size_t canvas_write_text(const Canvas *c, char *buf, size_t n);
/* Same, malloc'd; the caller frees it. NULL when out of memory. */
char *canvas_to_text(const Canvas *c);

/* HTML (a <pre> of styled <span>s) and SVG (a <rect> per shaded run, a
 * <text> per run of one style, on a CELL grid of 8.4 x 17 px) of the canvas,
 * in the colours of canvas_colour_info on a dark page; monochrome canvases
 * export monochrome. malloc'd, the caller frees; NULL when out of memory.
 * (canvas_export.c) */
char *canvas_to_html(const Canvas *c);
char *canvas_to_svg(const Canvas *c);

/* ---- rect helpers ------------------------------------------------------- */

Rect rect_make(int x, int y, int w, int h);
/* r shrunk by n cells on every side (never negative size). */
Rect rect_inset(Rect r, int n);
Rect rect_intersect(Rect a, Rect b);

/* Shortest readable form of a number for axis labels, at most 7 columns:
 * "0", "0.693", "12.3", "1.2e-3", "-4.5e+6", "nan", "inf". Returns buf. */
char *canvas_fmt_num(double v, char *buf, size_t n);

#endif
