/* widget_geometry: the geometry view's two panels. The (w1, w2) plane with
 * the data loss's contours, the penalty's level set through the solution
 * (diamond, circle, the elastic net's rounded diamond, MCP's and SCAD's
 * flat-sided star: the penalty as a function the caller gives), the
 * weights' trajectory and the solution; and the zero count over random
 * problems.
 *
 * Colour UTF-8 draws at braille resolution, told apart by colour. ASCII and
 * monochrome draw at cell resolution, told apart by glyph: contours '.',
 * the solution's contour ':', penalty '#', trajectory '*', weights '@',
 * solution 'X', unpenalized minimum '+'. Later layers overwrite earlier. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "widget_util.h"
#include "widgets.h"

#define CONTOURS 5

typedef struct {
    Canvas *c;
    Rect area;  /* the square plot, in cells */
    int dots;   /* 1: braille dots (colour UTF-8); 0: one point a cell */
    int dw, dh; /* points across and down */
    double range;
} Plane;

static double plane_w1(const Plane *p, double i)
{
    return -p->range + 2 * p->range * (i + 0.5) / p->dw;
}
static double plane_w2(const Plane *p, double j)
{
    return p->range - 2 * p->range * (j + 0.5) / p->dh;
}
static double plane_i(const Plane *p, double w1)
{
    return (w1 + p->range) / (2 * p->range) * p->dw - 0.5;
}
static double plane_j(const Plane *p, double w2)
{
    return (p->range - w2) / (2 * p->range) * p->dh - 0.5;
}

static void plane_point(const Plane *p, int i, int j, uint32_t glyph, int fg)
{
    if (i < 0 || j < 0 || i >= p->dw || j >= p->dh)
        return;
    if (p->dots)
        canvas_dot(p->c, p->area, i, j, fg);
    else
        canvas_set(p->c, p->area.x + i, p->area.y + j, glyph, fg, CANVAS_KEEP, 0);
}

/* The data loss at (w1, w2) from the grid, bilinear between its points. */
static double grid_loss(const GeometryView *v, double w1, double w2)
{
    int n = v->n;
    double x = (w1 + v->range) / (2 * v->range) * (n - 1),
           y = (w2 + v->range) / (2 * v->range) * (n - 1);
    x = fmin(fmax(x, 0), n - 1.000001);
    y = fmin(fmax(y, 0), n - 1.000001);
    int c = (int)x, r = (int)y;
    double fx = x - c, fy = y - r;
    const double *g = v->loss + (size_t)r * n + c;
    return (1 - fy) * ((1 - fx) * g[0] + fx * g[1]) + fy * ((1 - fx) * g[n] + fx * g[n + 1]);
}

typedef double (*FieldFn)(const GeometryView *v, double w1, double w2);
static double field_loss(const GeometryView *v, double w1, double w2)
{
    return grid_loss(v, w1, w2);
}
static double field_penalty(const GeometryView *v, double w1, double w2)
{
    return v->penalty(v->penalty_ctx, w1, w2);
}

/* Marks every point where f crosses one of the levels, against its right
 * or lower neighbour: the level curves at the plane's resolution. */
static void draw_levels(const Plane *p, const GeometryView *v, FieldFn f, const double *levels,
                        int n_levels, uint32_t glyph, int fg)
{
    for (int j = 0; j < p->dh; j++)
        for (int i = 0; i < p->dw; i++) {
            double here = f(v, plane_w1(p, i), plane_w2(p, j));
            double right = f(v, plane_w1(p, i + 1), plane_w2(p, j));
            double below = f(v, plane_w1(p, i), plane_w2(p, j + 1));
            for (int k = 0; k < n_levels; k++) {
                int side = here >= levels[k];
                if ((i + 1 < p->dw && side != (right >= levels[k])) ||
                    (j + 1 < p->dh && side != (below >= levels[k]))) {
                    plane_point(p, i, j, glyph, fg);
                    break;
                }
            }
        }
}

/* The points of f's level set on the axes themselves, where the other
 * weight is exactly 0: MCP's and SCAD's set runs along an axis past the
 * flat point (the penalty is constant there), a ray no sampling off the
 * axis can find, and sparse solutions sit on it. */
static void draw_level_on_axes(const Plane *p, const GeometryView *v, FieldFn f, double level,
                               uint32_t glyph, int fg)
{
    double tol = 1e-12 * fmax(1, fabs(level));
    int i0 = (int)lround(plane_i(p, 0)), j0 = (int)lround(plane_j(p, 0));
    for (int i = 0; i < p->dw; i++)
        if (fabs(f(v, plane_w1(p, i), 0) - level) <= tol)
            plane_point(p, i, j0, glyph, fg);
    for (int j = 0; j < p->dh; j++)
        if (fabs(f(v, 0, plane_w2(p, j)) - level) <= tol)
            plane_point(p, i0, j, glyph, fg);
}

static void draw_axes(const Plane *p)
{
    int i0 = (int)lround(plane_i(p, 0)), j0 = (int)lround(plane_j(p, 0));
    for (int i = 0; i < p->dw; i += p->dots ? 2 : 1)
        plane_point(p, i, j0, '-', COL_DIM);
    for (int j = 0; j < p->dh; j += p->dots ? 2 : 1)
        plane_point(p, i0, j, '|', COL_DIM);
}

static void draw_trajectory(const Plane *p, const GeometryView *v)
{
    int have = 0, pi = 0, pj = 0;
    for (int k = 0; k < v->nt; k++) {
        if (!isfinite(v->tw1[k]) || !isfinite(v->tw2[k]))
            continue;
        int i = (int)lround(plane_i(p, v->tw1[k])), j = (int)lround(plane_j(p, v->tw2[k]));
        if (have && p->dots)
            canvas_braille_line(p->c, p->area, pi, pj, i, j, COL_TRAIN);
        else if (have) /* cell points, given to it as dots */
            canvas_glyph_line(p->c, p->area, 2 * pi, 4 * pj, 2 * i, 4 * j, '*', COL_TRAIN);
        pi = i, pj = j, have = 1;
    }
}

/* A whole-cell marker at a point of the plane (not drawn when outside). */
static void draw_marker(const Plane *p, const double w[2], uint32_t glyph, int fg)
{
    if (!isfinite(w[0]) || !isfinite(w[1]) || fabs(w[0]) > p->range || fabs(w[1]) > p->range)
        return;
    long i = lround(plane_i(p, w[0])), j = lround(plane_j(p, w[1]));
    int x = p->area.x + (int)(p->dots ? i / 2 : i), y = p->area.y + (int)(p->dots ? j / 4 : j);
    canvas_set(p->c, x, y, glyph, fg, CANVAS_KEEP, ATTR_BOLD);
}

static void fmt_weight(char *buf, size_t n, double w)
{
    if (w == 0)
        snprintf(buf, n, "0 exactly");
    else
        snprintf(buf, n, "%.3g", w);
}

/* One legend line: a sample glyph in its colour, then text. */
static int legend_line(Canvas *c, int x, int y, uint32_t glyph, int fg, const char *text)
{
    if (glyph)
        canvas_set(c, x, y, glyph, fg, COL_DEFAULT, ATTR_BOLD);
    canvas_text(c, x + 2, y, text, COL_DEFAULT, COL_DEFAULT, 0);
    return y + 1;
}

/* What the picture says, in words: on a corner (an exact zero) or not;
 * for MCP and SCAD past the flat point (alpha 1: no ridge part), a weight
 * the penalty does not pull toward 0. */
static void verdict(const GeometryView *v, char *buf, size_t n)
{
    int z1 = v->sol[0] == 0, z2 = v->sol[1] == 0;
    int f1 = v->flat > 0 && fabs(v->sol[0]) >= v->flat,
        f2 = v->flat > 0 && fabs(v->sol[1]) >= v->flat;
    if (!(v->lambda > 0))
        snprintf(buf, n, "lambda 0: no penalty, the minimum itself");
    else if (z1 && z2)
        snprintf(buf, n, "both weights 0: lambda is past lambda_max");
    else if (z1 || z2)
        if (f1 || f2)
            snprintf(buf, n, "on a corner: w%d = 0, no pull on w%d", z1 ? 1 : 2, z1 ? 2 : 1);
        else
            snprintf(buf, n, "on a corner: w%d is exactly 0", z1 ? 1 : 2);
    else if (f1 && f2)
        snprintf(buf, n, "both on the flat part: no pull on either");
    else if (f1 || f2)
        snprintf(buf, n, "w%d on the flat part: no pull on it", f1 ? 1 : 2);
    else if (v->round)
        snprintf(buf, n, "a circle has no corners: no exact 0");
    else
        snprintf(buf, n, "on an edge, off the corners: no 0");
}

/* Returns the first row under the legend. Lines for what is not drawn
 * (no penalty, or a penalty that has shrunk to the origin) say so. */
static int draw_legend(Canvas *c, Rect r, const GeometryView *v, int utf8)
{
    char line[96], a[24], b[24];
    int y = r.y, x = r.x;
    int penalized = v->lambda > 0 && (v->sol[0] != 0 || v->sol[1] != 0);
    int wide = r.w >= 52; /* pairs of short lines share a row */
    uint32_t contour = utf8 ? 0x2800 + 0x1b : '.', solved = utf8 ? 0x2800 + 0x1b : ':';
    uint32_t path = utf8 ? 0x2800 + 0x3f : '*';
    Rect old = wu_push_clip(c, r);
    y = legend_line(c, x, y, contour, COL_DATA, "data-loss contours");
    if (penalized) {
        if (wide)
            legend_line(c, x + 22, y - 1, solved, COL_VAL, "the one through the solution");
        else
            y = legend_line(c, x, y, solved, COL_VAL, "the contour through the solution");
        snprintf(line, sizeof line, "%s (alpha %.2g)", v->shape, v->alpha);
    } else {
        snprintf(line, sizeof line, "%s: %s", v->shape,
                 v->lambda > 0 ? "shrunk to the origin" : "none, lambda 0");
    }
    y = legend_line(c, x, y, utf8 ? 0x25c7 : '#', COL_PENALTY, line);
    fmt_weight(a, sizeof a, v->sol[0]);
    fmt_weight(b, sizeof b, v->sol[1]);
    snprintf(line, sizeof line, "solution w1 %s, w2 %s", a, b);
    y = legend_line(c, x, y, utf8 ? 0x25c6 : 'X', COL_PENALTY, line);
    fmt_weight(a, sizeof a, v->w[0]);
    fmt_weight(b, sizeof b, v->w[1]);
    snprintf(line, sizeof line, "weights now w1 %s, w2 %s", a, b);
    y = legend_line(c, x, y, utf8 ? 0x25cf : '@', COL_ACCENT, line);
    if (wide && canvas_text_width(line) + 4 + 7 <= r.w - 2)
        legend_line(c, x + canvas_text_width(line) + 4, y - 1, path, COL_TRAIN, "path");
    else
        y = legend_line(c, x, y, path, COL_TRAIN, "their path while training");
    snprintf(line, sizeof line, "no penalty: w1 %.3g, w2 %.3g", v->ref[0], v->ref[1]);
    y = legend_line(c, x, y, '+', COL_DATA, line);
    verdict(v, line, sizeof line);
    canvas_text(c, x, y++, line, COL_ACCENT, COL_DEFAULT, ATTR_BOLD);
    canvas_set_clip(c, old);
    return y;
}

/* Axis names and the range at the ends of the axes. */
static void draw_axis_labels(Canvas *c, const Plane *p)
{
    Rect a = p->area;
    char num[16];
    snprintf(num, sizeof num, "%.3g", p->range);
    int ycross = a.y + (int)floor((plane_j(p, 0) + 0.5) / (p->dots ? 4 : 1));
    int xcross = a.x + (int)floor((plane_i(p, 0) + 0.5) / (p->dots ? 2 : 1));
    canvas_text(c, a.x + a.w - canvas_text_width(num), ycross + 1, num, COL_DIM, COL_DEFAULT, 0);
    canvas_text(c, a.x + a.w - 2, ycross - 1, "w1", COL_DIM, COL_DEFAULT, ATTR_BOLD);
    canvas_text(c, xcross + 2, a.y, "w2", COL_DIM, COL_DEFAULT, ATTR_BOLD);
    canvas_text(c, xcross + 5, a.y, num, COL_DIM, COL_DEFAULT, 0);
}

Rect widget_geometry_draw(Canvas *c, Rect r, const GeometryView *v)
{
    Rect none = rect_make(r.x, r.y, 0, 0);
    if (r.w < 8 || r.h < 4)
        return none;
    Rect old = wu_push_clip(c, r);
    if (v->note || !v->loss || v->n < 2 || !(v->range > 0)) {
        widget_message_draw(c, r, v->note ? v->note : "computing the loss surface...", COL_DIM);
        canvas_set_clip(c, old);
        return none;
    }
    int utf8 = wu_utf8(c);
    /* A square plane (cells are about twice as tall as wide), the legend
     * beside it when there is room, else under it. */
    int legend_w = 38, side = r.w >= 2 * r.h + legend_w + 1;
    int ph = side ? r.h : r.h - (r.w >= 52 ? 6 : 8);
    if (ph * 2 > r.w)
        ph = r.w / 2;
    if (ph < 3) {
        canvas_set_clip(c, old);
        return none;
    }
    Plane p = {c, rect_make(r.x, r.y, ph * 2, ph), utf8 && c->colour, 0, 0, v->range};
    if (!side)
        p.area.x = r.x + (r.w - p.area.w) / 2;
    p.dw = p.dots ? p.area.w * 2 : p.area.w;
    p.dh = p.dots ? p.area.h * 4 : p.area.h;

    /* CONTOURS closed curves spaced evenly in "radius" (the loss is about
     * quadratic) up to the lowest loss on the border, so each one shows
     * whole; the same whatever lambda, so the penalty's shape moves against
     * a still map */
    int n = v->n;
    double top = INFINITY, low = INFINITY;
    for (int k = 0; k < n; k++) {
        double edge[4] = {v->loss[k], v->loss[(size_t)(n - 1) * n + k], v->loss[(size_t)k * n],
                          v->loss[(size_t)k * n + n - 1]};
        for (int e = 0; e < 4; e++)
            top = isfinite(edge[e]) ? fmin(top, edge[e]) : top;
    }
    for (int k = 0; k < n * n; k++) /* the lowest in view (a logistic minimum may lie beyond) */
        low = isfinite(v->loss[k]) ? fmin(low, v->loss[k]) : low;
    if (!isfinite(top) || !isfinite(low) || !(top > low))
        top = low + 1;
    double levels[CONTOURS];
    for (int k = 0; k < CONTOURS; k++)
        levels[k] = low + (top - low) * (k + 1.0) * (k + 1.0) / (CONTOURS * CONTOURS);
    draw_axes(&p);
    draw_levels(&p, v, field_loss, levels, CONTOURS, '.', COL_DATA);
    int penalized = v->lambda > 0 && (v->sol[0] != 0 || v->sol[1] != 0);
    if (penalized) { /* the contour through the solution, and the penalty's level set there */
        double at_sol = v->sol_loss;
        draw_levels(&p, v, field_loss, &at_sol, 1, ':', COL_VAL);
        double pen = v->penalty(v->penalty_ctx, v->sol[0], v->sol[1]);
        draw_levels(&p, v, field_penalty, &pen, 1, '#', COL_PENALTY);
        draw_level_on_axes(&p, v, field_penalty, pen, '#', COL_PENALTY);
    }
    draw_trajectory(&p, v);
    draw_marker(&p, v->ref, '+', COL_DATA);
    /* the weights under the solution: where training has arrived, the
     * solution's mark stays visible (the legend gives both coordinates) */
    draw_marker(&p, v->w, utf8 ? 0x25cf : '@', COL_ACCENT);
    draw_marker(&p, v->sol, utf8 ? 0x25c6 : 'X', COL_PENALTY);
    draw_axis_labels(c, &p);
    Rect leg = side ? rect_make(p.area.x + p.area.w + 1, r.y + 1, r.w - p.area.w - 1, r.h - 1)
                    : rect_make(r.x, r.y + ph, r.w, r.h - ph);
    int below = draw_legend(c, leg, v, utf8) + 1;
    canvas_set_clip(c, old);
    return rect_intersect(rect_make(leg.x, below, leg.w, leg.y + leg.h - below), r);
}

/* ---- how often an exact zero ---------------------------------------------------- */

/* A bar of frac * w cells (eighths in UTF-8), then the percentage. */
static void frac_bar(Canvas *c, int x, int y, int w, double frac, int fg)
{
    int eighths = (int)lround(fmin(fmax(frac, 0), 1) * w * 8);
    int utf8 = wu_utf8(c);
    for (int i = 0; i < w && eighths > 0; i++, eighths -= 8) {
        int e = eighths >= 8 ? 8 : eighths;
        uint32_t g = utf8 ? (e == 8 ? 0x2588 : 0x2590 - (uint32_t)e) : '#';
        if (!utf8 && e < 4 && i > 0)
            break;
        canvas_set(c, x + i, y, g, fg, COL_DEFAULT, 0);
    }
    char pct[16];
    snprintf(pct, sizeof pct, "%3.0f%%", 100 * frac);
    canvas_text(c, x + w + 1, y, pct, COL_DEFAULT, COL_DEFAULT, ATTR_BOLD);
}

void widget_zeros_draw(Canvas *c, Rect r, const ZerosView *v)
{
    if (r.w < 20 || r.h < 2)
        return;
    Rect old = wu_push_clip(c, r);
    if (v->note || v->trials < 1) {
        widget_message_draw(c, r, v->note ? v->note : "counting...", COL_DIM);
        canvas_set_clip(c, old);
        return;
    }
    char line[128];
    snprintf(line, sizeof line, "%d problems like this one: corr %.2g, n %d", v->trials, v->corr,
             v->n);
    int y = r.y;
    canvas_text(c, r.x, y++, line, COL_DIM, COL_DEFAULT, 0);
    int label_w = 9, col_w = (r.w - label_w) / 2;
    int bar_w = col_w - 6 < 1 ? 1 : col_w - 6;
    snprintf(line, sizeof line, "direction %.3g%s", v->direction, wu_utf8(c) ? "\xc2\xb0" : "");
    canvas_text(c, r.x + label_w, y, line, COL_DIM, COL_DEFAULT, ATTR_UNDERLINE);
    canvas_text(c, r.x + label_w + col_w, y++, "any direction", COL_DIM, COL_DEFAULT,
                ATTR_UNDERLINE);
    for (int a = 0; a < v->n_alpha && y < r.y + r.h; a++, y++) {
        double al = v->alpha[a];
        if (v->name)
            snprintf(line, sizeof line, "%s", v->name[a]);
        else if (al > 0 && al < 1)
            snprintf(line, sizeof line, "EN %.2g", al);
        else
            snprintf(line, sizeof line, "%s", al >= 1 ? "L1" : "L2");
        int last = a == v->n_alpha - 1; /* rows: L1, the middle one, L2 */
        int fg = a == 0 ? COL_CLASS0 : last ? COL_CLASS1 : COL_CLASS2;
        canvas_text(c, r.x, y, line, fg, COL_DEFAULT, ATTR_BOLD);
        frac_bar(c, r.x + label_w, y, bar_w, v->frac[a], fg);
        frac_bar(c, r.x + label_w + col_w, y, bar_w, v->frac_any[a], fg);
    }
    if (y < r.y + r.h) {
        snprintf(line, sizeof line, "lambda %.3g  [ ] corr  { } direction", v->lambda);
        canvas_text(c, r.x, y, line, COL_DIM, COL_DEFAULT, 0);
    }
    canvas_set_clip(c, old);
}
