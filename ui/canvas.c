/* canvas: cells, clipping, UTF-8 text, frames, braille dots, text output. */
#include "canvas.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

void canvas_set_theme(Canvas *c, CanvasTheme t, int colour)
{
    c->theme = (int)t >= 0 && t < THEME_COUNT ? t : THEME_DARK;
    c->colour = colour && c->theme != THEME_MONO;
}

/* ---- rects ---------------------------------------------------------------- */

Rect rect_make(int x, int y, int w, int h)
{
    Rect r = {x, y, w < 0 ? 0 : w, h < 0 ? 0 : h};
    return r;
}

Rect rect_inset(Rect r, int n) { return rect_make(r.x + n, r.y + n, r.w - 2 * n, r.h - 2 * n); }

Rect rect_intersect(Rect a, Rect b)
{
    int x0 = a.x > b.x ? a.x : b.x, y0 = a.y > b.y ? a.y : b.y;
    int x1 = a.x + a.w < b.x + b.w ? a.x + a.w : b.x + b.w;
    int y1 = a.y + a.h < b.y + b.h ? a.y + a.h : b.y + b.h;
    return rect_make(x0, y0, x1 - x0, y1 - y0);
}

/* ---- lifetime --------------------------------------------------------------- */

static const Cell blank_cell = {' ', COL_DEFAULT, COL_DEFAULT, ATTR_NONE, 0};

Canvas *canvas_new(int cols, int rows, CanvasGlyphs glyphs, int colour)
{
    Canvas *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->glyphs = glyphs;
    c->colour = colour != 0;
    if (canvas_resize(c, cols, rows) != 0) {
        free(c);
        return NULL;
    }
    return c;
}

void canvas_free(Canvas *c)
{
    if (!c)
        return;
    free(c->cells);
    free(c);
}

int canvas_resize(Canvas *c, int cols, int rows)
{
    if (cols < 0)
        cols = 0;
    if (rows < 0)
        rows = 0;
    size_t need = (size_t)cols * (size_t)rows;
    if (grow(&c->cells, &c->cap, need ? need : 1, sizeof *c->cells))
        return -1;
    c->cols = cols;
    c->rows = rows;
    canvas_clear(c);
    return 0;
}

void canvas_clear(Canvas *c)
{
    size_t n = (size_t)c->cols * (size_t)c->rows;
    for (size_t i = 0; i < n; i++)
        c->cells[i] = blank_cell;
    c->clip = rect_make(0, 0, c->cols, c->rows);
}

Rect canvas_set_clip(Canvas *c, Rect r)
{
    Rect old = c->clip;
    c->clip = rect_intersect(r, rect_make(0, 0, c->cols, c->rows));
    return old;
}

/* ---- cells ------------------------------------------------------------------ */

const Cell *canvas_cell(const Canvas *c, int x, int y)
{
    if (x < 0 || y < 0 || x >= c->cols || y >= c->rows)
        return NULL;
    return &c->cells[(size_t)y * c->cols + x];
}

static Cell *cell_at(Canvas *c, int x, int y)
{
    const Rect *k = &c->clip;
    if (x < k->x || y < k->y || x >= k->x + k->w || y >= k->y + k->h)
        return NULL;
    return &c->cells[(size_t)y * c->cols + x];
}

int canvas_set(Canvas *c, int x, int y, uint32_t cp, int fg, int bg, int attr)
{
    Cell *cell = cell_at(c, x, y);
    if (!cell)
        return 0;
    if (cp < 32 || cp == 127 || (cp >= 0x80 && cp < 0xa0) || cp > 0x10ffff)
        cp = '?'; /* a control character would corrupt the terminal */
    if (c->glyphs == CANVAS_ASCII && cp >= 128)
        cp = (uint32_t)(unsigned char)canvas_ascii_fallback(cp);
    cell->cp = cp;
    if (fg != CANVAS_KEEP)
        cell->fg = (uint8_t)(fg >= 0 && fg < COL_COUNT ? fg : COL_DEFAULT);
    if (bg != CANVAS_KEEP)
        cell->bg = (uint8_t)(bg >= 0 && bg < COL_COUNT ? bg : COL_DEFAULT);
    cell->attr = (uint8_t)attr;
    return 1;
}

/* Decode one code point from s; *len gets the bytes used (>= 1). Overlong
 * forms, surrogates and truncated sequences decode to U+FFFD. */
static uint32_t utf8_decode(const unsigned char *s, int *len)
{
    unsigned b = s[0];
    int n;
    uint32_t cp, min;
    if (b < 0x80) {
        *len = 1;
        return b;
    } else if ((b & 0xe0) == 0xc0) {
        n = 2, cp = b & 0x1f, min = 0x80;
    } else if ((b & 0xf0) == 0xe0) {
        n = 3, cp = b & 0x0f, min = 0x800;
    } else if ((b & 0xf8) == 0xf0) {
        n = 4, cp = b & 0x07, min = 0x10000;
    } else {
        *len = 1;
        return 0xfffd;
    }
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80) {
            *len = i;
            return 0xfffd;
        }
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    *len = n;
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0xfffd;
    return cp;
}

int canvas_textn(Canvas *c, int x, int y, const char *utf8, int maxw, int fg, int bg, int attr)
{
    const unsigned char *s = (const unsigned char *)(utf8 ? utf8 : "");
    int col = 0;
    while (*s && *s != '\n' && col < maxw) {
        int len;
        uint32_t cp = utf8_decode(s, &len);
        s += len;
        canvas_set(c, x + col, y, cp, fg, bg, attr);
        col++;
    }
    return col;
}

int canvas_text(Canvas *c, int x, int y, const char *utf8, int fg, int bg, int attr)
{
    return canvas_textn(c, x, y, utf8, 1 << 30, fg, bg, attr);
}

int canvas_text_width(const char *utf8)
{
    const unsigned char *s = (const unsigned char *)(utf8 ? utf8 : "");
    int col = 0;
    while (*s && *s != '\n') {
        int len;
        utf8_decode(s, &len);
        s += len;
        col++;
    }
    return col;
}

void canvas_fill(Canvas *c, Rect r, uint32_t cp, int fg, int bg, int attr)
{
    Rect k = rect_intersect(r, c->clip);
    for (int y = k.y; y < k.y + k.h; y++)
        for (int x = k.x; x < k.x + k.w; x++)
            canvas_set(c, x, y, cp, fg, bg, attr);
}

void canvas_hline(Canvas *c, int x, int y, int len, int fg)
{
    uint32_t cp = c->glyphs == CANVAS_UTF8 ? 0x2500 : '-';
    for (int i = 0; i < len; i++)
        canvas_set(c, x + i, y, cp, fg, CANVAS_KEEP, ATTR_NONE);
}

void canvas_vline(Canvas *c, int x, int y, int len, int fg)
{
    uint32_t cp = c->glyphs == CANVAS_UTF8 ? 0x2502 : '|';
    for (int i = 0; i < len; i++)
        canvas_set(c, x, y + i, cp, fg, CANVAS_KEEP, ATTR_NONE);
}

void canvas_box(Canvas *c, Rect r, const char *title, int fg, int attr)
{
    if (r.w < 2 || r.h < 2)
        return;
    int u = c->glyphs == CANVAS_UTF8;
    /* rounded corners: they read as a panel, not as a table */
    uint32_t tl = u ? 0x256d : '+', tr = u ? 0x256e : '+';
    uint32_t bl = u ? 0x2570 : '+', br = u ? 0x256f : '+';
    int x1 = r.x + r.w - 1, y1 = r.y + r.h - 1;
    canvas_hline(c, r.x + 1, r.y, r.w - 2, fg);
    canvas_hline(c, r.x + 1, y1, r.w - 2, fg);
    canvas_vline(c, r.x, r.y + 1, r.h - 2, fg);
    canvas_vline(c, x1, r.y + 1, r.h - 2, fg);
    canvas_set(c, r.x, r.y, tl, fg, CANVAS_KEEP, ATTR_NONE);
    canvas_set(c, x1, r.y, tr, fg, CANVAS_KEEP, ATTR_NONE);
    canvas_set(c, r.x, y1, bl, fg, CANVAS_KEEP, ATTR_NONE);
    canvas_set(c, x1, y1, br, fg, CANVAS_KEEP, ATTR_NONE);
    if (title && *title && r.w >= 6) {
        /* "╭─ title ─╮": a title too long for the corners ends at its
         * last whole word that fits (a single long word is clipped) */
        int room = r.w - 6;
        char cut[256];
        snprintf(cut, sizeof cut, "%s", title);
        while (canvas_text_width(cut) > room) {
            char *sp = strrchr(cut, ' ');
            if (!sp)
                break;
            while (sp > cut && sp[-1] == ' ')
                sp--;
            *sp = '\0';
        }
        canvas_set(c, r.x + 2, r.y, ' ', fg, CANVAS_KEEP, ATTR_NONE);
        int n = canvas_textn(c, r.x + 3, r.y, cut, room, fg, CANVAS_KEEP, attr);
        canvas_set(c, r.x + 3 + n, r.y, ' ', fg, CANVAS_KEEP, ATTR_NONE);
    }
}

/* ---- braille dots ----------------------------------------------------------- */

unsigned canvas_braille_bit(int col, int row)
{
    /* Unicode numbers dots 1-3 down the left column, 4-6 down the right,
     * then 7 and 8 at the bottom left and right: bits 0-2, 3-5, 6, 7. */
    static const unsigned bits[4][2] = {{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}};
    if (col < 0 || col > 1 || row < 0 || row > 3)
        return 0;
    return bits[row][col];
}

/* ASCII half-cell marks: bit 1 = upper half has a dot, bit 2 = lower. */
static unsigned ascii_halves(uint32_t cp)
{
    return cp == '\'' ? 1u : cp == '.' ? 2u : cp == ':' ? 3u : 0u;
}

void canvas_dot(Canvas *c, Rect r, int dx, int dy, int fg)
{
    if (dx < 0 || dy < 0 || dx >= 2 * r.w || dy >= 4 * r.h)
        return;
    int x = r.x + dx / 2, y = r.y + dy / 4;
    const Cell *old = canvas_cell(c, x, y);
    if (!old)
        return;
    uint32_t cp;
    if (c->glyphs == CANVAS_UTF8) {
        unsigned bits = (old->cp >= 0x2800 && old->cp <= 0x28ff) ? old->cp - 0x2800 : 0;
        cp = 0x2800 + (bits | canvas_braille_bit(dx % 2, dy % 4));
    } else {
        unsigned h = ascii_halves(old->cp) | (dy % 4 < 2 ? 1u : 2u);
        cp = h == 3 ? ':' : h == 1 ? '\'' : '.';
    }
    canvas_set(c, x, y, cp, fg, CANVAS_KEEP, old->attr);
}

/* Bresenham between two dots; plot(c, r, x, y, ...) gets every dot. */
#define BRESENHAM(x0, y0, x1, y1, PLOT)                                                            \
    do {                                                                                           \
        int bx = (x0), by = (y0);                                                                  \
        int ddx = abs((x1)-bx), sx = bx < (x1) ? 1 : -1;                                           \
        int ddy = -abs((y1)-by), sy = by < (y1) ? 1 : -1;                                          \
        int e = ddx + ddy;                                                                         \
        for (;;) {                                                                                 \
            PLOT;                                                                                  \
            if (bx == (x1) && by == (y1))                                                          \
                break;                                                                             \
            int e2 = 2 * e;                                                                        \
            if (e2 >= ddy) {                                                                       \
                e += ddy;                                                                          \
                bx += sx;                                                                          \
            }                                                                                      \
            if (e2 <= ddx) {                                                                       \
                e += ddx;                                                                          \
                by += sy;                                                                          \
            }                                                                                      \
        }                                                                                          \
    } while (0)

/* Lines far outside the rect (a wild value before autoscale) would loop for
 * long; clamp the ends to a margin around the dot grid first. Clamping moves
 * an off-screen end along its axis only, which keeps the visible part's
 * direction close enough for a plot. */
static int clamp_dot(int v, int lim)
{
    if (v < -lim)
        return -lim;
    if (v > 2 * lim)
        return 2 * lim;
    return v;
}

void canvas_braille_line(Canvas *c, Rect r, int dx0, int dy0, int dx1, int dy1, int fg)
{
    int lw = 2 * r.w + 8, lh = 4 * r.h + 8;
    dx0 = clamp_dot(dx0, lw), dx1 = clamp_dot(dx1, lw);
    dy0 = clamp_dot(dy0, lh), dy1 = clamp_dot(dy1, lh);
    BRESENHAM(dx0, dy0, dx1, dy1, canvas_dot(c, r, bx, by, fg));
}

void canvas_glyph_line(Canvas *c, Rect r, int dx0, int dy0, int dx1, int dy1, uint32_t cp, int fg)
{
    int lw = 2 * r.w + 8, lh = 4 * r.h + 8;
    dx0 = clamp_dot(dx0, lw), dx1 = clamp_dot(dx1, lw);
    dy0 = clamp_dot(dy0, lh), dy1 = clamp_dot(dy1, lh);
    BRESENHAM(dx0, dy0, dx1, dy1,
              if (bx >= 0 && by >= 0 && bx < 2 * r.w && by < 4 * r.h)
                  canvas_set(c, r.x + bx / 2, r.y + by / 4, cp, fg, CANVAS_KEEP, ATTR_NONE));
}

/* ---- output ------------------------------------------------------------------- */

int canvas_utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xc0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xe0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        out[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
    out[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

char canvas_ascii_fallback(uint32_t cp)
{
    if (cp < 128)
        return (char)cp;
    if (cp >= 0x2800 && cp <= 0x28ff) { /* braille: which halves have dots */
        unsigned b = cp - 0x2800;
        int up = (b & 0x1b) != 0, lo = (b & 0xe4) != 0;
        return up && lo ? ':' : up ? '\'' : lo ? '.' : ' ';
    }
    if (cp >= 0x2500 && cp <= 0x257f) { /* box drawing */
        switch (cp) {
        case 0x2500:
        case 0x2501:
        case 0x2504:
        case 0x2505:
        case 0x2508:
        case 0x2509:
        case 0x254c:
        case 0x254d:
        case 0x2550:
        case 0x2574:
        case 0x2576:
        case 0x2578:
        case 0x257a:
        case 0x257c:
        case 0x257e: return '-';
        case 0x2502:
        case 0x2503:
        case 0x2506:
        case 0x2507:
        case 0x250a:
        case 0x250b:
        case 0x254e:
        case 0x254f:
        case 0x2551:
        case 0x2575:
        case 0x2577:
        case 0x2579:
        case 0x257b:
        case 0x257d:
        case 0x257f: return '|';
        default: return '+';
        }
    }
    if ((cp >= 0x2580 && cp <= 0x2590) || (cp >= 0x2594 && cp <= 0x259f))
        return '#'; /* eighth blocks, halves, quadrants */
    switch (cp) {
    case 0x2591: return '.'; /* light shade */
    case 0x2592: return ':';
    case 0x2593: return '#';
    case 0x00b7:
    case 0x2022:
    case 0x2219:
    case 0x22c5: return '.';
    case 0x25cf:
    case 0x2b24: return 'o'; /* filled circle */
    case 0x25cb:
    case 0x25e6: return 'O'; /* hollow circle */
    case 0x25b2:
    case 0x25b4: return '^';
    case 0x25b3:
    case 0x25b5: return 'A';
    case 0x25a0:
    case 0x25aa: return 's';
    case 0x25a1:
    case 0x25ab: return 'S';
    case 0x25c6: return 'd';
    case 0x25c7: return 'D';
    case 0x2026: return '.';
    case 0x2212:
    case 0x2013:
    case 0x2014: return '-';
    case 0x00d7: return 'x';
    case 0x2190: return '<';
    case 0x2192: return '>';
    case 0x2191: return '^';
    case 0x2193: return 'v';
    case 0x25b6:
    case 0x25b8:
    case 0x276f: return '>';
    case 0x03bb: return 'l'; /* lambda */
    case 0x03b1: return 'a'; /* alpha */
    case 0x03b7: return 'n'; /* eta */
    case 0x03c1: return 'p'; /* rho */
    default: return '?';
    }
}

size_t canvas_write_text(const Canvas *c, char *buf, size_t n)
{
    size_t len = 0;
    for (int y = 0; y < c->rows; y++) {
        const Cell *row = &c->cells[(size_t)y * c->cols];
        int end = c->cols;
        while (end > 0 && row[end - 1].cp == ' ')
            end--;
        for (int x = 0; x < end; x++) {
            char u[4];
            int k = canvas_utf8_encode(row[x].cp, u);
            for (int i = 0; i < k; i++, len++)
                if (len + 1 < n)
                    buf[len] = u[i];
        }
        if (len + 1 < n)
            buf[len] = '\n';
        len++;
    }
    if (n > 0)
        buf[len < n ? len : n - 1] = '\0';
    return len;
}

char *canvas_to_text(const Canvas *c)
{
    size_t need = canvas_write_text(c, NULL, 0) + 1;
    char *s = malloc(need);
    if (s)
        canvas_write_text(c, s, need);
    return s;
}

/* ---- numbers ------------------------------------------------------------------ */

/* "1.0e-03" -> "1e-3": drop a ".0" mantissa, the exponent's '+' and its
 * leading zeros, so axis labels stay narrow. */
static void compact_exp(char *s)
{
    char *e = strchr(s, 'e');
    if (!e)
        return;
    char mant[16], out[32];
    size_t ml = (size_t)(e - s);
    if (ml >= sizeof mant)
        return;
    memcpy(mant, s, ml);
    mant[ml] = '\0';
    char *dot = strchr(mant, '.');
    if (dot && strcmp(dot, ".0") == 0)
        *dot = '\0';
    const char *p = e + 1;
    int neg = *p == '-';
    if (*p == '-' || *p == '+')
        p++;
    while (*p == '0' && p[1])
        p++;
    snprintf(out, sizeof out, "%se%s%s", mant, neg ? "-" : "", p);
    strcpy(s, out);
}

char *canvas_fmt_num(double v, char *buf, size_t n)
{
    char tmp[32];
    double a = fabs(v);
    if (isnan(v))
        snprintf(tmp, sizeof tmp, "nan");
    else if (isinf(v))
        snprintf(tmp, sizeof tmp, v > 0 ? "inf" : "-inf");
    else if (v == 0)
        snprintf(tmp, sizeof tmp, "0");
    else if (a >= 1e-2 && a < 1e3) {
        snprintf(tmp, sizeof tmp, "%.3g", v);
        if (strchr(tmp, 'e')) /* 999.7 rounds to 1e+03 */
            snprintf(tmp, sizeof tmp, "%.0f", v);
    } else if (a >= 1e3 && a < 1e4)
        snprintf(tmp, sizeof tmp, "%.0f", v);
    else {
        snprintf(tmp, sizeof tmp, "%.1e", v);
        compact_exp(tmp);
    }
    if (n > 0)
        snprintf(buf, n, "%s", tmp);
    return buf;
}
