/* canvas_export: the canvas as HTML or SVG, for slides (SPEC §6). Colours
 * come from the same semantic table the terminal uses; the page is dark,
 * like most terminals, so "default" is light text on a dark ground. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canvas.h"
#include "mem.h"

#define PAGE_FG(c) (canvas_page_fg((CanvasTheme)(c)->theme)->hex)
#define PAGE_BG(c) (canvas_page_bg((CanvasTheme)(c)->theme)->hex)
/* The font of the exports in px (Canvas.font_px, 0 = 14), and an SVG cell
 * for it: 0.6 em wide, 17/14 em high. */
#define FONT_PX(c) ((c)->font_px > 0 ? (c)->font_px : 14)
#define CELL_W (0.6 * FONT_PX(c))
#define CELL_H (17.0 / 14.0 * FONT_PX(c))

typedef struct {
    char *s;
    size_t len, cap;
    int oom;
} Buf;

static void put(Buf *b, const char *fmt, ...)
{
    va_list ap;
    if (b->oom)
        return;
    for (;;) {
        va_start(ap, fmt);
        int n = vsnprintf(b->s ? b->s + b->len : NULL, b->s ? b->cap - b->len : 0, fmt, ap);
        va_end(ap);
        if (n < 0) {
            b->oom = 1;
            return;
        }
        if (b->s && b->len + (size_t)n < b->cap) {
            b->len += (size_t)n;
            return;
        }
        if (grow(&b->s, &b->cap, b->len + (size_t)n + 1, 1)) {
            b->oom = 1;
            return;
        }
    }
}

static char *finish(Buf *b)
{
    if (b->oom) {
        free(b->s);
        return NULL;
    }
    return b->s;
}

/* One cell's glyph, escaped for XML. */
static void put_glyph(Buf *b, uint32_t cp)
{
    char u[5];
    switch (cp) {
    case '<': put(b, "&lt;"); return;
    case '>': put(b, "&gt;"); return;
    case '&': put(b, "&amp;"); return;
    default: u[canvas_utf8_encode(cp, u)] = '\0'; put(b, "%s", u);
    }
}

static const char *hex_or(const Canvas *c, int col, const char *dflt)
{
    const char *h = c->colour ? canvas_theme_colour(c->theme, (CanvasColour)col)->hex : NULL;
    return h && col != COL_DEFAULT ? h : dflt;
}

/* Resolved colours of a cell, reverse video applied. */
static void cell_colours(const Canvas *c, const Cell *k, const char **fg, const char **bg)
{
    *fg = hex_or(c, k->fg, PAGE_FG(c));
    *bg = hex_or(c, k->bg, PAGE_BG(c));
    if (k->attr & ATTR_REVERSE) {
        const char *t = *fg;
        *fg = *bg, *bg = t;
    }
}

static int same_style(const Cell *a, const Cell *b)
{
    return a->fg == b->fg && a->bg == b->bg && a->attr == b->attr;
}

char *canvas_to_html(const Canvas *c)
{
    Buf b = {0};
    put(&b,
        "<pre style=\"font-family:monospace;font-size:%dpx;line-height:1.2;color:%s;"
        "background:%s\">",
        FONT_PX(c), PAGE_FG(c), PAGE_BG(c));
    for (int y = 0; y < c->rows; y++) {
        for (int x = 0; x < c->cols;) {
            const Cell *k = canvas_cell(c, x, y);
            const char *fg, *bg;
            cell_colours(c, k, &fg, &bg);
            put(&b, "<span style=\"color:%s;background:%s%s%s\">", fg, bg,
                k->attr & ATTR_BOLD ? ";font-weight:bold" : "",
                k->attr & ATTR_UNDERLINE ? ";text-decoration:underline" : "");
            for (; x < c->cols && same_style(k, canvas_cell(c, x, y)); x++)
                put_glyph(&b, canvas_cell(c, x, y)->cp);
            put(&b, "</span>");
        }
        put(&b, "\n");
    }
    put(&b, "</pre>\n");
    return finish(&b);
}

/* Row y's backgrounds: one rect per run of one colour, whatever the glyphs
 * over it, with crisp edges, so that neither anti-aliasing on the cell
 * grid's fractional x nor a point's own run leaves a hairline seam. */
static void svg_row_backgrounds(Buf *b, const Canvas *c, int y)
{
    for (int x = 0; x < c->cols;) {
        const char *fg, *bg, *fg2, *bg2;
        cell_colours(c, canvas_cell(c, x, y), &fg, &bg);
        int x0 = x;
        for (x++; x < c->cols; x++) {
            cell_colours(c, canvas_cell(c, x, y), &fg2, &bg2);
            if (strcmp(bg, bg2) != 0)
                break;
        }
        if (strcmp(bg, PAGE_BG(c)) != 0)
            put(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n",
                x0 * CELL_W, y * CELL_H, (x - x0) * CELL_W, CELL_H, bg);
    }
}

char *canvas_to_svg(const Canvas *c)
{
    Buf b = {0};
    double w = c->cols * CELL_W, h = c->rows * CELL_H;
    put(&b,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.1f\" height=\"%.1f\" "
        "font-family=\"monospace\" font-size=\"%d\">\n<rect width=\"100%%\" height=\"100%%\" "
        "fill=\"%s\"/>\n<g shape-rendering=\"crispEdges\">\n",
        w, h, FONT_PX(c), PAGE_BG(c));
    for (int y = 0; y < c->rows; y++)
        svg_row_backgrounds(&b, c, y);
    put(&b, "</g>\n");
    for (int y = 0; y < c->rows; y++)
        for (int x = 0; x < c->cols;) {
            const Cell *k = canvas_cell(c, x, y);
            const char *fg, *bg;
            int x0 = x;
            cell_colours(c, k, &fg, &bg);
            while (x < c->cols && same_style(k, canvas_cell(c, x, y)))
                x++;
            int blank = 1;
            for (int i = x0; i < x; i++)
                blank &= canvas_cell(c, i, y)->cp == ' ';
            if (blank)
                continue;
            /* ASCII runs: textLength pins them to the cell grid whatever
             * the font. Other glyphs (braille, blocks) come from whatever
             * font has them, often wider than a cell, and not every
             * renderer honours textLength: each gets its own cell. */
            for (int i = x0; i < x;) {
                int j = i + 1;
                if (canvas_cell(c, i, y)->cp < 128)
                    while (j < x && canvas_cell(c, j, y)->cp < 128)
                        j++;
                put(&b,
                    "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\"%s textLength=\"%.1f\" "
                    "lengthAdjust=\"spacingAndGlyphs\" xml:space=\"preserve\">",
                    i * CELL_W, (y + 0.8) * CELL_H, fg,
                    k->attr & ATTR_BOLD ? " font-weight=\"bold\"" : "", (j - i) * CELL_W);
                for (; i < j; i++)
                    put_glyph(&b, canvas_cell(c, i, y)->cp);
                put(&b, "</text>\n");
            }
        }
    put(&b, "</svg>\n");
    return finish(&b);
}
