/* widget_heatmap: see widget_heatmap.h. */
#include "widget_heatmap.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "widget_util.h"

#define HEATMAP_MAX_CELL_W 16 /* columns a cell takes at most (a few cells fill a projector) */
#define HEATMAP_MAX_CELL_H 6  /* and rows */
#define N_HEAT 9              /* COL_HEAT0 .. COL_HEAT8 */
#define N_SHADES ((int)sizeof HEATMAP_SHADES - 1)

int heatmap_level(double x, double lo, double hi, int levels)
{
    if (!(hi > lo))
        return 0;
    double t = lo > 0 ? log(x / lo) / log(hi / lo) : (x - lo) / (hi - lo);
    int l = (int)floor(t * levels);
    return l < 0 ? 0 : l >= levels ? levels - 1 : l;
}

void heatmap_format_eta(double s, char *buf, size_t n)
{
    long t = (long)(s + 0.5);
    if (t < 60)
        snprintf(buf, n, "%lds", t);
    else if (t < 3600)
        snprintf(buf, n, "%ldm%02lds", t / 60, t % 60);
    else
        snprintf(buf, n, "%ldh%02ldm", t / 3600, t / 60 % 60);
}

/* The lowest and highest mean among the ready cells; 0 when none. */
static int value_range(const HeatmapView *v, double *lo, double *hi)
{
    int any = 0;
    *lo = INFINITY, *hi = -INFINITY;
    for (int i = 0; i < v->n_row * v->n_col; i++)
        if (v->ready[i] && isfinite(v->cells[i].mean)) {
            *lo = fmin(*lo, v->cells[i].mean), *hi = fmax(*hi, v->cells[i].mean);
            any = 1;
        }
    return any;
}

/* One line of a grid cell at (x, y), w columns: its shade, and on its
 * middle line (mid) a mark letter. The cursor keeps the cell's colour (in
 * reverse video the best cell would read as the worst) and is framed by
 * brackets; without colour it is the shade in reverse video. */
static void draw_cell(Canvas *c, int x, int y, int w, const HeatmapView *v, int i, double lo,
                      double hi, int cursor, int mid)
{
    int attr = cursor && !c->colour ? ATTR_REVERSE | ATTR_BOLD : ATTR_NONE;
    char mark = !mid ? 0 : i == v->best ? 'B' : i == v->one_se ? 'S' : 0;
    int ready = v->ready[i] && isfinite(v->cells[i].mean);
    for (int dx = 0; dx < w; dx++) {
        uint32_t cp = ' ';
        int fg = COL_DEFAULT, bg = COL_DEFAULT, a = attr;
        if (ready && c->colour) {
            int l = heatmap_level(v->cells[i].mean, lo, hi, N_HEAT);
            bg = COL_HEAT0 + l;
            fg = l < N_HEAT / 2 ? COL_HEAT8 : COL_HEAT0; /* a mark reads on light and dark */
        } else if (ready) {
            cp = (uint32_t)HEATMAP_SHADES[heatmap_level(v->cells[i].mean, lo, hi, N_SHADES)];
        } else if (v->ready[i]) {
            cp = '?'; /* ran, but its loss is not finite */
        }
        if (mark && dx == w / 2) {
            cp = (uint32_t)mark;
            a |= ATTR_BOLD;
        }
        if (cursor && c->colour) {
            if (w == 1 && !mark)
                cp = '+';
            else if (w > 1 && (dx == 0 || dx == w - 1))
                cp = dx == 0 ? '[' : ']';
            a |= ATTR_BOLD;
        }
        if (cursor && cp == ' ' && !c->colour)
            cp = '_'; /* reverse video alone is lost on some monochrome screens */
        canvas_set(c, x + dx, y, cp, fg, bg, a);
    }
}

/* Screen column of grid column j when n columns share pw screen columns
 * (cw each when they fit). */
static int col_x(int j, int n, int pw, int cw) { return cw > 0 ? j * cw : (int)((long)j * pw / n); }

static void draw_grid(Canvas *c, Rect g, int lw, const HeatmapView *v, double lo, double hi)
{
    int pw = g.w - lw, n = v->n_col;
    int cw = pw >= n ? (pw / n > HEATMAP_MAX_CELL_W ? HEATMAP_MAX_CELL_W : pw / n) : 0;
    int rh = g.h / v->n_row, first = 0, rows_shown = v->n_row;
    rh = rh > HEATMAP_MAX_CELL_H ? HEATMAP_MAX_CELL_H : rh;
    if (rh < 1) { /* more rows than room: the cursor's in view */
        rh = 1, rows_shown = g.h;
        first = v->cur_row - g.h / 2;
        first = first < 0 ? 0 : first > v->n_row - g.h ? v->n_row - g.h : first;
    }
    for (int rr = 0; rr < rows_shown; rr++) {
        int row = first + rr, y0 = g.y + rr * rh;
        char lab[32];
        /* rows scrolled out of view: '^' or 'v' on the edge rows' labels */
        char lead = row == v->cur_row                            ? '>'
                    : rr == 0 && first > 0                       ? '^'
                    : rr == rows_shown - 1 && row < v->n_row - 1 ? 'v'
                                                                 : ' ';
        snprintf(lab, sizeof lab, "%c%.3g", lead, v->row_val[row]);
        canvas_textn(c, g.x, y0 + rh / 2, lab, lw - 1, row == v->cur_row ? COL_ACCENT : COL_DIM,
                     COL_DEFAULT, row == v->cur_row ? ATTR_BOLD : ATTR_NONE);
        for (int dy = 0; dy < rh; dy++) {
            int y = y0 + dy, mid = dy == rh / 2;
            if (cw > 0) {
                for (int j = 0; j < n; j++)
                    draw_cell(c, g.x + lw + j * cw, y, cw, v, row * n + j, lo, hi, 0, mid);
            } else { /* squeezed: screen column x shows the column under it (the marks
                      * below, once, where col_x puts their columns) */
                for (int x = 0; x < pw; x++)
                    draw_cell(c, g.x + lw + x, y, 1, v, row * n + (int)((long)x * n / pw), lo, hi,
                              0, 0);
            }
            /* the marks and the cursor where their columns land */
            int w1 = cw > 0 ? cw : 1;
            for (int m = 0; m < 2; m++) {
                int i = m ? v->best : v->one_se; /* B last: it wins a shared column */
                if (i >= 0 && i / n == row)
                    draw_cell(c, g.x + lw + col_x(i % n, n, pw, cw), y, w1, v, i, lo, hi, 0, mid);
            }
            if (row == v->cur_row)
                draw_cell(c, g.x + lw + col_x(v->cur_col, n, pw, cw), y, w1, v,
                          row * n + v->cur_col, lo, hi, 1, mid);
        }
    }
}

/* shown: the grid rows in view (fewer than n_row when they scroll). */
static void draw_axis(Canvas *c, Rect g, int lw, const HeatmapView *v, int shown)
{
    int pw = g.w - lw, n = v->n_col;
    int cw = pw >= n ? (pw / n > HEATMAP_MAX_CELL_W ? HEATMAP_MAX_CELL_W : pw / n) : 0;
    int w1 = cw > 0 ? cw : 1, xcur = g.x + lw + col_x(v->cur_col, n, pw, cw) + w1 / 2;
    if (shown < v->n_row) { /* the rest are a key away */
        char more[48];
        snprintf(more, sizeof more, "%d of %d rows: up/down", shown, v->n_row);
        canvas_textn(c, g.x + lw, g.y, more, pw, COL_DIM, COL_DEFAULT, ATTR_NONE);
    }
    canvas_set(c, xcur, g.y, '^', COL_ACCENT, COL_DEFAULT, ATTR_BOLD);
    char a[32], b[32], mid[64];
    snprintf(a, sizeof a, "%.3g", v->col_val[0]);
    snprintf(b, sizeof b, "%.3g", v->col_val[n - 1]);
    snprintf(mid, sizeof mid, "<- %s ->", v->col_knob);
    int xe = g.x + lw + (cw > 0 ? n * cw : pw);
    canvas_text(c, g.x + lw, g.y + 1, a, COL_DIM, COL_DEFAULT, ATTR_NONE);
    wu_text_right(c, xe, g.y + 1, b, COL_DIM, COL_DEFAULT, ATTR_NONE);
    int mw = (int)strlen(mid), xm = g.x + lw + ((xe - g.x - lw) - mw) / 2;
    if (xm > g.x + lw + (int)strlen(a) && xm + mw < xe - (int)strlen(b))
        canvas_text(c, xm, g.y + 1, mid, COL_DEFAULT, COL_DEFAULT, ATTR_NONE);
    canvas_textn(c, g.x, g.y, v->row_knob, lw - 1, COL_DEFAULT, COL_DEFAULT, ATTR_BOLD);
}

static void draw_legend(Canvas *c, int x, int y, int w, const HeatmapView *v, double lo, double hi,
                        int any)
{
    char s[48];
    int x0 = x;
    x += canvas_textn(c, x, y, v->value_name, w, COL_DEFAULT, COL_DEFAULT, ATTR_NONE);
    if (!any)
        return;
    if (lo > 0) /* heatmap_level's scale */
        x += canvas_text(c, x, y, " (log)", COL_DIM, COL_DEFAULT, ATTR_NONE);
    snprintf(s, sizeof s, " %.4g ", lo);
    x += canvas_text(c, x, y, s, COL_DIM, COL_DEFAULT, ATTR_NONE);
    for (int l = 0; l < (c->colour ? N_HEAT : N_SHADES); l++)
        if (c->colour)
            canvas_set(c, x++, y, ' ', COL_DEFAULT, COL_HEAT0 + l, ATTR_NONE);
        else
            canvas_set(c, x++, y, (uint32_t)HEATMAP_SHADES[l], COL_DEFAULT, COL_DEFAULT, 0);
    snprintf(s, sizeof s, " %.4g", hi);
    x += canvas_text(c, x, y, s, COL_DIM, COL_DEFAULT, ATTR_NONE);
    const char *marks = "  B best  S one-SE";
    if (x - x0 + canvas_text_width(marks) <= w)
        canvas_text(c, x, y, marks, COL_DEFAULT, COL_DEFAULT, ATTR_NONE);
}

/* The first two lines: the cursor's cell, then progress or the picks. */
static void draw_head(Canvas *c, Rect r, const HeatmapView *v)
{
    char line[256], eta[32] = "";
    int i = v->cur_row * v->n_col + v->cur_col;
    const TuneCell *t = &v->cells[i];
    int n = snprintf(line, sizeof line, "%s %.3g  %s %.3g  ", v->row_knob, v->row_val[v->cur_row],
                     v->col_knob, v->col_val[v->cur_col]);
    if (v->ready[i])
        snprintf(line + n, sizeof line - (size_t)n, "%s %.4g +- %.2g", v->value_name, t->mean,
                 t->se);
    else
        snprintf(line + n, sizeof line - (size_t)n, "not yet computed");
    canvas_textn(c, r.x, r.y, line, r.w, COL_DEFAULT, COL_DEFAULT, ATTR_BOLD);
    if (!v->done) {
        int bw = r.w < 40 ? 10 : 20, f = (int)(v->progress * bw + 0.5);
        for (int k = 0; k < bw; k++)
            line[k] = k < f ? '#' : '.';
        line[bw] = '\0';
        if (v->eta >= 0)
            heatmap_format_eta(v->eta, eta, sizeof eta);
        char p[400];
        snprintf(p, sizeof p, "[%s] %3d%%  %s%s", line, (int)(v->progress * 100 + 0.5),
                 v->eta >= 0 ? "~" : "estimating time left", v->eta >= 0 ? eta : "");
        if (v->eta >= 0)
            strncat(p, " left", sizeof p - strlen(p) - 1);
        canvas_textn(c, r.x, r.y + 1, p, r.w, COL_ACCENT, COL_DEFAULT, ATTR_NONE);
        return;
    }
    if (v->best < 0)
        return;
    const TuneCell *b = &v->cells[v->best], *s = &v->cells[v->one_se];
    int bi = v->best, si = v->one_se;
    double br = v->row_val[bi / v->n_col], bc = v->col_val[bi % v->n_col];
    double sr = v->row_val[si / v->n_col], sc = v->col_val[si % v->n_col];
    /* whole where it fits; else without the losses, then without the
     * knobs' names (the title names them): never cut mid-number */
    snprintf(line, sizeof line, "B %s %.3g %s %.3g (%.4g)   S %s %.3g %s %.3g (%.4g)", v->row_knob,
             br, v->col_knob, bc, b->mean, v->row_knob, sr, v->col_knob, sc, s->mean);
    if (canvas_text_width(line) > r.w)
        snprintf(line, sizeof line, "B %s %.3g %s %.3g   S %s %.3g %s %.3g", v->row_knob, br,
                 v->col_knob, bc, v->row_knob, sr, v->col_knob, sc);
    if (canvas_text_width(line) > r.w)
        snprintf(line, sizeof line, "B %.3g, %.3g   S %.3g, %.3g", br, bc, sr, sc);
    canvas_textn(c, r.x, r.y + 1, line, r.w, COL_DEFAULT, COL_DEFAULT, ATTR_NONE);
}

void widget_heatmap_draw(Canvas *c, Rect r, const HeatmapView *v)
{
    if (r.w < 8 || r.h < 1)
        return;
    Rect old = wu_push_clip(c, r);
    if (v->note || v->n_row < 1 || v->n_col < 1) {
        canvas_textn(c, r.x, r.y, v->note ? v->note : "", r.w, COL_DEFAULT, COL_DEFAULT, 0);
        canvas_set_clip(c, old);
        return;
    }
    double lo, hi;
    int any = value_range(v, &lo, &hi);
    draw_head(c, r, v);
    int lw = (int)strlen(v->row_knob) + 1;
    for (int i = 0; i < v->n_row; i++) {
        char s[32];
        int w = snprintf(s, sizeof s, ">%.3g", v->row_val[i]) + 1;
        lw = w > lw ? w : lw;
    }
    int gh = r.h - 5;       /* head 2, axis 2, legend 1 */
    if (gh < 1 && r.h >= 3) /* not a silent blank: what is missing */
        canvas_textn(c, r.x, r.y + 2, "(a taller terminal shows the grid's rows)", r.w, COL_DIM,
                     COL_DEFAULT, ATTR_NONE);
    if (gh >= 1) {
        Rect g = rect_make(r.x, r.y + 2, r.w, gh);
        draw_grid(c, g, lw, v, lo, hi);
        int rh = gh / v->n_row > HEATMAP_MAX_CELL_H ? HEATMAP_MAX_CELL_H : gh / v->n_row;
        int used = rh >= 1 ? rh * v->n_row : gh;
        draw_axis(c, rect_make(r.x, r.y + 2 + used, r.w, 2), lw, v, rh >= 1 ? v->n_row : gh);
    }
    draw_legend(c, r.x, r.y + r.h - 1, r.w, v, lo, hi, any);
    canvas_set_clip(c, old);
}
