/* record: the asciicast v2 writer (record.h). */
#include "record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mem.h"

struct Recorder {
    FILE *f;
    char *path;
    int cols, rows; /* of the last frame; 0 before the first */
    Cell *prev;     /* the last frame's cells */
    size_t prev_cap;
    char *buf; /* this frame's output */
    size_t len, cap;
    int failed;
};

static void out(Recorder *r, const char *s, size_t n)
{
    if (r->failed || grow(&r->buf, &r->cap, r->len + n + 1, 1)) {
        r->failed = 1;
        return;
    }
    memcpy(r->buf + r->len, s, n);
    r->len += n;
}

static void outs(Recorder *r, const char *s) { out(r, s, strlen(s)); }

/* s as a JSON string (quotes included) on the file. */
static void put_json_string(FILE *f, const char *s, size_t n)
{
    fputc('"', f);
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"' || ch == '\\')
            fprintf(f, "\\%c", ch);
        else if (ch < 0x20 || ch == 0x7f)
            fprintf(f, "\\u%04x", ch);
        else
            fputc(ch, f);
    }
    fputc('"', f);
}

Recorder *record_open(const char *path, int cols, int rows, const char *command, Err *err)
{
    Recorder *r = calloc(1, sizeof *r);
    if (!r || !(r->path = dup_str(path))) {
        free(r);
        err_set(err, ERR_INTERNAL, "out of memory");
        return NULL;
    }
    if (!(r->f = fopen(path, "w"))) {
        err_set(err, ERR_INPUT, "--record %s: cannot write it", path);
        free(r->path);
        free(r);
        return NULL;
    }
    fprintf(r->f, "{\"version\": 2, \"width\": %d, \"height\": %d, \"timestamp\": %lld, ", cols,
            rows, (long long)time(NULL));
    fputs("\"title\": \"regscope\", \"command\": ", r->f);
    put_json_string(r->f, command, strlen(command));
    fputs(", \"env\": {\"TERM\": \"xterm-256color\"}}\n", r->f);
    return r;
}

static void event(Recorder *r, double t, const char *code, const char *data, size_t n)
{
    fprintf(r->f, "[%.6f, \"%s\", ", t, code);
    put_json_string(r->f, data, n);
    fputs("]\n", r->f);
}

/* The SGR escape of a cell's look: colours as a 256-colour terminal takes
 * them in the canvas's theme, the page's own as the terminal default in
 * the dark theme. */
static void style(Recorder *r, const Canvas *c, const Cell *k)
{
    char sgr[64] = "\033[0";
    if (k->attr & ATTR_BOLD)
        strcat(sgr, ";1");
    if (k->attr & ATTR_DIM)
        strcat(sgr, ";2");
    if (k->attr & ATTR_UNDERLINE)
        strcat(sgr, ";4");
    if (k->attr & ATTR_REVERSE)
        strcat(sgr, ";7");
    if (c->colour) {
        CanvasTheme t = (CanvasTheme)c->theme;
        const CanvasColourInfo *fg =
            k->fg == COL_DEFAULT ? canvas_page_fg(t) : canvas_theme_colour(t, k->fg);
        const CanvasColourInfo *bg =
            k->bg == COL_DEFAULT ? canvas_page_bg(t) : canvas_theme_colour(t, k->bg);
        size_t n = strlen(sgr);
        if (fg->xterm256 >= 0)
            snprintf(sgr + n, sizeof sgr - n, ";38;5;%d", fg->xterm256);
        n = strlen(sgr);
        if (bg->xterm256 >= 0)
            snprintf(sgr + n, sizeof sgr - n, ";48;5;%d", bg->xterm256);
    }
    strcat(sgr, "m");
    outs(r, sgr);
}

static int same_look(const Cell *a, const Cell *b)
{
    return a->fg == b->fg && a->bg == b->bg && a->attr == b->attr;
}

static void glyph(Recorder *r, const Canvas *c, const Cell *k)
{
    char u[4];
    if (c->glyphs == CANVAS_ASCII || k->cp < 128) {
        u[0] = k->cp < 128 ? (char)k->cp : canvas_ascii_fallback(k->cp);
        out(r, u, 1);
    } else {
        out(r, u, (size_t)canvas_utf8_encode(k->cp, u));
    }
}

/* The cells that changed since the last frame (every cell on the first
 * frame or after a resize), each run of them after one cursor move. */
static void changes(Recorder *r, const Canvas *c, int all)
{
    const Cell *look = NULL;
    int cx = -1, cy = -1;
    for (int y = 0; y < c->rows; y++)
        for (int x = 0; x < c->cols; x++) {
            const Cell *k = canvas_cell(c, x, y);
            const Cell *p = all ? NULL : &r->prev[(size_t)y * c->cols + x];
            if (p && p->cp == k->cp && same_look(p, k))
                continue;
            if (x != cx || y != cy) {
                char mv[32];
                snprintf(mv, sizeof mv, "\033[%d;%dH", y + 1, x + 1);
                outs(r, mv);
            }
            if (!look || !same_look(look, k))
                style(r, c, k);
            look = k;
            glyph(r, c, k);
            cx = x + 1, cy = y;
        }
}

void record_frame(Recorder *r, const Canvas *c, double t)
{
    if (!r || r->failed)
        return;
    int all = c->cols != r->cols || c->rows != r->rows;
    if (all && r->cols) {
        char size[48];
        snprintf(size, sizeof size, "%dx%d", c->cols, c->rows);
        event(r, t, "r", size, strlen(size));
    }
    r->len = 0;
    if (all)
        outs(r, "\033[0m\033[2J");
    changes(r, c, all);
    size_t n = (size_t)c->cols * (size_t)c->rows;
    if (grow(&r->prev, &r->prev_cap, n, sizeof *r->prev)) {
        r->failed = 1;
        return;
    }
    for (int y = 0; y < c->rows; y++)
        memcpy(&r->prev[(size_t)y * c->cols], canvas_cell(c, 0, y), (size_t)c->cols * sizeof(Cell));
    r->cols = c->cols, r->rows = c->rows;
    if (r->len > 0 && !r->failed)
        event(r, t, "o", r->buf, r->len);
}

void record_marker(Recorder *r, double t, const char *label)
{
    if (r && !r->failed)
        event(r, t, "m", label, strlen(label));
}

int record_close(Recorder *r, Err *err)
{
    if (!r)
        return 0;
    int bad = r->failed || ferror(r->f);
    bad |= fclose(r->f) != 0;
    if (bad)
        err_set(err, ERR_INTERNAL, "--record %s: the recording could not be written whole",
                r->path);
    free(r->prev);
    free(r->buf);
    free(r->path);
    free(r);
    return bad ? -1 : 0;
}
