/* widget_controls: the knobs panel, the status line, the help overlay and
 * centred messages: the text-only widgets. */
#include <stdio.h>
#include <string.h>

#include "widget_util.h"
#include "widgets.h"

/* Columns item i occupies: "> " marker, optional "λ ", "label value". */
static int item_width(const ControlItem *it, int sym_w)
{
    return 2 + sym_w + canvas_text_width(it->label) + 1 + canvas_text_width(it->value);
}

/* Greek letters stand beside the ASCII names in UTF-8 mode only. */
static int symbol_width(const Canvas *c, const ControlItem *items, int n)
{
    int sym_w = 0;
    for (int i = 0; wu_utf8(c) && i < n; i++)
        if (items[i].symbol) {
            int w = canvas_text_width(items[i].symbol) + 1;
            sym_w = w > sym_w ? w : sym_w;
        }
    return sym_w;
}

int widget_control_width(const Canvas *c, const ControlItem *it)
{
    return item_width(it, symbol_width(c, it, 1));
}

static void draw_item(Canvas *c, int x, int y, const ControlItem *it, int sym_w)
{
    /* reverse video shows focus in colour and mono alike; the '>' survives
     * even a text export that drops attributes */
    int attr = it->focused ? ATTR_REVERSE | ATTR_BOLD : ATTR_NONE;
    int fg = it->focused ? COL_ACCENT : COL_DEFAULT;
    canvas_text(c, x, y, it->focused ? "> " : "  ", fg, CANVAS_KEEP, ATTR_BOLD);
    x += 2;
    if (sym_w) {
        if (it->symbol)
            canvas_text(c, x, y, it->symbol, COL_DIM, CANVAS_KEEP, ATTR_NONE);
        x += sym_w;
    }
    x += canvas_text(c, x, y, it->label ? it->label : "", fg, CANVAS_KEEP, attr);
    canvas_set(c, x++, y, ' ', fg, CANVAS_KEEP, attr);
    canvas_text(c, x, y, it->value ? it->value : "", fg, CANVAS_KEEP, attr);
}

void widget_controls_draw(Canvas *c, Rect r, const ControlsView *v)
{
    Rect old = wu_push_clip(c, r);
    int sym_w = symbol_width(c, v->items, v->n);
    if (v->n <= r.h) {
        for (int i = 0; i < v->n; i++)
            draw_item(c, r.x, r.y + i, &v->items[i], sym_w);
    } else { /* a short panel: flow the items across rows */
        int x = r.x, y = r.y;
        for (int i = 0; i < v->n; i++) {
            int w = item_width(&v->items[i], sym_w);
            if (x > r.x && x + w > r.x + r.w)
                x = r.x, y++;
            draw_item(c, x, y, &v->items[i], sym_w);
            x += w + 1;
        }
    }
    canvas_set_clip(c, old);
}

/* The last "  " in s (where its last item starts), or NULL. */
static char *last_gap(char *s)
{
    char *gap = NULL;
    for (char *p = strstr(s, "  "); p; p = strstr(p + 1, "  "))
        gap = p;
    return gap;
}

void widget_status_draw(Canvas *c, Rect r, const StatusView *v)
{
    Rect old = wu_push_clip(c, r);
    char buf[48];
    int y = r.y, a = ATTR_REVERSE;
    canvas_fill(c, rect_make(r.x, y, r.w, 1), ' ', COL_DEFAULT, COL_DEFAULT, a);
    snprintf(buf, sizeof buf, " epoch %ld", v->epoch);
    int x = r.x + canvas_text(c, r.x, y, buf, COL_DEFAULT, COL_DEFAULT, a | ATTR_BOLD) + 2;
    if (v->state)
        x += canvas_text(c, x, y, v->state, COL_DEFAULT, COL_DEFAULT, a | ATTR_BOLD) + 2;
    /* a message the user must read wins over the metrics when both do not
     * fit; without one, the metrics drop items from the end ("  "-separated)
     * to leave room for the hint's first item ("? help") */
    int msg_w = v->message ? canvas_text_width(v->message) : 0;
    char hint[64] = "", metrics[256] = "";
    if (v->hint)
        snprintf(hint, sizeof hint, "%s", v->hint);
    if (v->metrics)
        snprintf(metrics, sizeof metrics, "%s", v->metrics);
    char *sep;
    if (!v->message && hint[0] &&
        x + canvas_text_width(metrics) + 2 + canvas_text_width(hint) + 1 > r.x + r.w &&
        (sep = strstr(hint, "  ")))
        *sep = '\0'; /* "? help  q quit" -> "? help" */
    while (!v->message && hint[0] &&
           x + canvas_text_width(metrics) + 2 + canvas_text_width(hint) + 1 > r.x + r.w &&
           (sep = last_gap(metrics)))
        *sep = '\0'; /* drop the last item */
    if (metrics[0] && (!v->message || x + canvas_text_width(metrics) + 2 + msg_w <= r.x + r.w))
        x += canvas_text(c, x, y, metrics, COL_DEFAULT, COL_DEFAULT, a) + 2;
    if (v->message)
        x += canvas_text(c, x, y, v->message, v->warning ? COL_WARNING : COL_DEFAULT, COL_DEFAULT,
                         v->warning ? a | ATTR_BOLD : a) +
             2;
    /* the hint gives way to anything the user must read */
    if (hint[0] && x + canvas_text_width(hint) + 1 <= r.x + r.w)
        wu_text_right(c, r.x + r.w - 1, y, hint, COL_DEFAULT, COL_DEFAULT, a);
    canvas_set_clip(c, old);
}

/* One screen row of help: a key's row, or the continuation of its
 * description wrapped at a space. */
typedef struct {
    int row;         /* index in the HelpView */
    const char *key; /* NULL on a continuation */
    const char *text;
    int len; /* bytes of text on this line */
} HelpLine;

#define HELP_LINES_MAX 256

/* The rows wrapped to descriptions of at most dw columns; returns the
 * lines, *first_line set to the first line of row first. */
static int help_lines(const HelpView *v, int dw, int first, HelpLine *out, int *first_line)
{
    int n = 0;
    *first_line = 0;
    for (int i = 0; i < v->n && n < HELP_LINES_MAX; i++) {
        const char *p = v->rows[i].desc;
        if (i == first)
            *first_line = n;
        do {
            int cut = wu_wrap_cut(p, dw);
            out[n++] = (HelpLine){i, p == v->rows[i].desc ? v->rows[i].key : NULL, p, cut};
            p += cut;
            while (*p == ' ')
                p++;
        } while (*p && n < HELP_LINES_MAX);
    }
    return n;
}

void widget_help_draw(Canvas *c, Rect r, const HelpView *v)
{
    Rect old = wu_push_clip(c, r);
    const char *title = v->title ? v->title : "keys";
    int kw = 0, dw = 0;
    for (int i = 0; i < v->n; i++) {
        int a = canvas_text_width(v->rows[i].key), b = canvas_text_width(v->rows[i].desc);
        kw = a > kw ? a : kw;
        dw = b > dw ? b : dw;
    }
    int tw = canvas_text_width(title) + 6;
    int w = 2 + 1 + kw + 2 + dw + 1;
    if (w < tw)
        w = tw;
    if (w > r.w)
        w = r.w;
    /* a description wider than the box wraps under itself, never cut */
    int desc_w = w - (2 + 1 + kw + 2 + 1) < 10 ? 10 : w - (2 + 1 + kw + 2 + 1);
    static HelpLine lines[HELP_LINES_MAX];
    int first_line;
    int n = help_lines(v, desc_w, v->first > 0 ? v->first : 0, lines, &first_line);
    int h = n + 2;
    if (h > r.h) { /* cut: room for "... N more (down)" */
        h = r.h;
        w = w < 24 ? 24 : w;
    }
    Rect box = rect_make(r.x + (r.w - w) / 2, r.y + (r.h - h) / 2, w, h);
    canvas_fill(c, box, ' ', COL_DEFAULT, COL_DEFAULT, ATTR_NONE);
    canvas_box(c, box, title, COL_ACCENT, ATTR_BOLD);
    Rect in = rect_inset(box, 1);
    Rect saved = wu_push_clip(c, in);
    /* lines first..first+shown-1, a line above and below for what is cut */
    int first = first_line, y = in.y, rows = in.h;
    if (n <= rows)
        first = 0;
    int at_end = first > 0 && n > rows && first >= n - (rows - 1);
    if (at_end)
        first = n - (rows - 1);
    /* start at a key, not mid-description: at the end forward, so the last
     * keys stay in view whole, else back */
    while (at_end && first < n - 1 && !lines[first].key)
        first++;
    while (first > 0 && !lines[first].key)
        first--;
    char buf[40];
    if (first > 0) {
        snprintf(buf, sizeof buf, "... %d above (up)", lines[first].row);
        canvas_text(c, in.x + 1, y++, buf, COL_DIM, CANVAS_KEEP, ATTR_NONE);
        rows--;
    }
    int shown = n - first <= rows ? n - first : rows - 1;
    for (int i = 0; i < shown; i++, y++) {
        const HelpLine *L = &lines[first + i];
        char text[256];
        snprintf(text, sizeof text, "%.*s", L->len, L->text);
        if (L->key)
            canvas_text(c, in.x + 1, y, L->key, COL_ACCENT, CANVAS_KEEP, ATTR_BOLD);
        canvas_text(c, in.x + 1 + kw + 2, y, text, COL_DEFAULT, CANVAS_KEEP, ATTR_NONE);
    }
    if (shown >= 0 && first + shown < n) {
        int below = first + shown > 0 ? v->n - lines[first + shown - 1].row - 1 : v->n;
        if (first + shown < n && !lines[first + shown].key)
            below++; /* the last row shown goes on below */
        snprintf(buf, sizeof buf, "... %d more (down)", below);
        canvas_text(c, in.x + 1, y, buf, COL_DIM, CANVAS_KEEP, ATTR_NONE);
    }
    canvas_set_clip(c, saved);
    canvas_set_clip(c, old);
}

void widget_message_draw(Canvas *c, Rect r, const char *text, int fg)
{
    Rect old = wu_push_clip(c, r);
    int lines = 1;
    for (const char *p = text; *p; p++)
        lines += *p == '\n';
    int y = r.y + (r.h - lines) / 2;
    for (const char *p = text; y < r.y + r.h; y++) {
        int w = canvas_text_width(p);
        int x = r.x + (r.w - w) / 2;
        canvas_text(c, x < r.x ? r.x : x, y, p, fg, CANVAS_KEEP, ATTR_NONE);
        p = strchr(p, '\n');
        if (!p)
            break;
        p++;
    }
    canvas_set_clip(c, old);
}
