/* widget_boundary: decision regions with the data drawn over them, and the
 * fitted-curve variant for regression on one input. */
#include <math.h>
#include <stdio.h>

#include "widget_util.h"
#include "widgets.h"

/* Monochrome density ramp, light to dark: p(class 1) = 0 is blank. Only
 * light punctuation, never letters or heavy glyphs (no x + * # % @): the
 * points o x O X drawn over a region must stand out from it on a projector.
 * Four steps in quarters, so p = 0.5, the boundary, is where '.' meets '-'. */
static const char ramp[] = " .-:";
#define RAMP_N 4

/* t in [0, 1] to one of n steps, range-checked before the cast: a NaN or
 * a value far outside (a diverging model's, or data at the ends of the
 * doubles) lands on an end instead of converting to an undefined int. */
static int step_of(double t, int n)
{
    if (!(t > 0))
        return 0; /* also NaN */
    if (t >= 1)
        return n - 1;
    int i = (int)(t * n);
    return i >= n ? n - 1 : i;
}

/* Where v lies from lo (0) to hi (1); halved first, so the differences of
 * finite doubles stay finite (1e308 - -1e308 would be inf, then inf/inf). */
static double fraction(double v, double lo, double hi)
{
    return (v * 0.5 - lo * 0.5) / (hi * 0.5 - lo * 0.5);
}

static int ramp_index(double t) { return step_of(t, RAMP_N); }

/* Confidence 0..1 to a shade glyph of the class colour over its tint:
 * near the boundary the tint alone, deep inside a region darker. Never
 * darker than ▒, so the points drawn over it stay legible. */
static uint32_t conf_glyph(const Canvas *c, double conf)
{
    static const uint32_t u[3] = {' ', 0x2591, 0x2592}; /* ░ ▒ */
    static const char a[3] = {' ', '.', ':'};
    int i = conf < 0.4 ? 0 : conf < 0.8 ? 1 : 2;
    return wu_utf8(c) ? u[i] : (uint32_t)a[i];
}

/* Monochrome flat fill of class k. */
static uint32_t class_fill(const Canvas *c, int k)
{
    static const uint32_t u[4] = {' ', 0x2591, 0x2592, 0x2593};
    static const char a[4] = {' ', '.', ':', '-'}; /* light, unlike the points */
    k = k < 0 ? 0 : k > 3 ? 3 : k;
    return wu_utf8(c) ? u[k] : (uint32_t)a[k];
}

static void shade_cell(Canvas *c, int x, int y, const BoundaryView *v, int gi, double vlo,
                       double vhi)
{
    double val = v->value[gi];
    if (!isfinite(val)) {
        canvas_set(c, x, y, '?', COL_WARNING, COL_DEFAULT, ATTR_NONE);
        return;
    }
    if (v->kind == BOUNDARY_REGRESS) {
        double t = vhi > vlo ? fraction(val, vlo, vhi) : 0.5;
        canvas_set(c, x, y, (uint32_t)ramp[ramp_index(t)], COL_CLASS1, COL_DEFAULT, ATTR_NONE);
        return;
    }
    int k;
    double conf;
    if (v->kind == BOUNDARY_BINARY) {
        k = val >= 0.5;
        conf = fabs(val - 0.5) * 2;
    } else {
        k = v->cls ? v->cls[gi] : 0;
        double chance = v->n_classes > 1 ? 1.0 / v->n_classes : 0.5;
        conf = (val - chance) / (1 - chance);
    }
    if (c->colour) {
        uint32_t g = v->shade_prob ? conf_glyph(c, conf) : ' ';
        canvas_set(c, x, y, g, wu_class_fg(k), wu_class_bg(k), ATTR_NONE);
    } else if (v->shade_prob && v->kind == BOUNDARY_BINARY) {
        canvas_set(c, x, y, (uint32_t)ramp[ramp_index(val)], COL_DEFAULT, COL_DEFAULT, ATTR_NONE);
    } else {
        canvas_set(c, x, y, class_fill(c, k), COL_DEFAULT, COL_DEFAULT, ATTR_NONE);
    }
}

/* Cell of a data point, or 0 when it falls outside the ranges. */
static int point_cell(Rect r, double x0, double x1, double y0, double y1, double px, double py,
                      int *cx, int *cy)
{
    if (!(px >= x0 && px <= x1 && py >= y0 && py <= y1) || x1 <= x0 || y1 <= y0)
        return 0;
    *cx = r.x + step_of(fraction(px, x0, x1), r.w);
    *cy = r.y + r.h - 1 - step_of(fraction(py, y0, y1), r.h);
    return 1;
}

/* Training points first, validation on top: there are fewer of them, and
 * they are the ones a student checks the boundary against. */
static void draw_points(Canvas *c, Rect r, const DataPoint *p, int np, double x0, double x1,
                        double y0, double y1, int show_val, int classes)
{
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; p && i < np; i++) {
            int cx, cy;
            if (p[i].is_val != pass || (pass && !show_val))
                continue;
            if (!point_cell(r, x0, x1, y0, y1, p[i].x, p[i].y, &cx, &cy))
                continue;
            int k = classes ? p[i].cls : 0;
            int fg = classes ? wu_class_fg(k) : pass ? COL_VAL : COL_TRAIN;
            canvas_set(c, cx, cy, wu_point_glyph(c, k, pass), fg, CANVAS_KEEP, ATTR_BOLD);
        }
}

/* "● ▲ train  ○ △ val" on row y; for regression (vlo, vhi finite) then the
 * shading's key: "pred -1.2 [ .-:] 3.4", low to high. */
static void draw_legend(Canvas *c, Rect r, int y, int classes, int show_val, double vlo, double vhi)
{
    int x = r.x;
    canvas_fill(c, rect_make(r.x, y, r.w, 1), ' ', COL_DEFAULT, COL_DEFAULT, ATTR_NONE);
    for (int pass = 0; pass < 1 + (show_val != 0); pass++) {
        for (int k = 0; k < classes; k++) {
            int fg = classes > 1 ? wu_class_fg(k) : pass ? COL_VAL : COL_TRAIN;
            canvas_set(c, x++, y, wu_point_glyph(c, k, pass), fg, CANVAS_KEEP, ATTR_BOLD);
            x++;
        }
        x += canvas_text(c, x, y, pass ? "val" : "train", COL_DIM, CANVAS_KEEP, ATTR_NONE) + 2;
    }
    if (isfinite(vlo) && isfinite(vhi)) { /* regression: the shading's key */
        char lo[16], hi[16], key[64];
        canvas_fmt_num(vlo, lo, sizeof lo);
        canvas_fmt_num(vhi, hi, sizeof hi);
        snprintf(key, sizeof key, "pred %s [%s] %s", lo, ramp, hi);
        canvas_text(c, x, y, key, COL_DIM, CANVAS_KEEP, ATTR_NONE);
    }
}

void widget_boundary_draw(Canvas *c, Rect r, const BoundaryView *v)
{
    Rect old = wu_push_clip(c, r);
    int classes = v->kind == BOUNDARY_BINARY  ? 2
                  : v->kind == BOUNDARY_MULTI ? (v->n_classes < 1   ? 1
                                                 : v->n_classes > 4 ? 4
                                                                    : v->n_classes)
                                              : 0;
    Rect pr = r;
    if (v->legend && r.h >= 4)
        pr.h--;
    double vlo = INFINITY, vhi = -INFINITY;
    int ng = v->value && v->gw > 0 && v->gh > 0 ? v->gw * v->gh : 0;
    if (v->kind == BOUNDARY_REGRESS)
        for (int i = 0; i < ng; i++)
            if (isfinite(v->value[i]))
                vlo = fmin(vlo, v->value[i]), vhi = fmax(vhi, v->value[i]);
    for (int j = 0; ng && j < pr.h; j++) {
        /* nearest grid row; grid row 0 is the bottom, canvas row 0 the top */
        int gy = (int)((pr.h - 1 - j + 0.5) * v->gh / pr.h);
        for (int i = 0; i < pr.w; i++) {
            int gx = (int)((i + 0.5) * v->gw / pr.w);
            shade_cell(c, pr.x + i, pr.y + j, v, gy * v->gw + gx, vlo, vhi);
        }
    }
    draw_points(c, pr, v->pts, v->np, v->x0, v->x1, v->y0, v->y1, v->show_val, classes);
    if (pr.h < r.h)
        draw_legend(c, r, r.y + r.h - 1, classes ? classes : 1, v->show_val, vlo, vhi);
    canvas_set_clip(c, old);
}

static void grow(double *lo, double *hi, double v)
{
    if (isfinite(v))
        *lo = fmin(*lo, v), *hi = fmax(*hi, v);
}

/* The dot at t (0..1) of n dots across, rounded. A point far off the plot
 * is held just outside it before the cast (the line is clipped there), so
 * a diverging curve still draws its way out of the plot. */
static int curve_dot(double t, int n)
{
    double d = t * (n - 1);
    d = !(d > -n) ? -n : d > 2.0 * n ? 2.0 * n : d; /* NaN too */
    return (int)lround(d);
}

void widget_curve_draw(Canvas *c, Rect r, const CurveView *v)
{
    Rect old = wu_push_clip(c, r);
    Rect pr = r;
    if (v->legend && r.h >= 4)
        pr.h--;
    double x0 = v->x0, x1 = v->x1, y0 = v->y0, y1 = v->y1;
    if (x1 <= x0 || y1 <= y0) { /* fit every point and the curve, 5% margin */
        x0 = y0 = INFINITY, x1 = y1 = -INFINITY;
        for (int i = 0; v->pts && i < v->np; i++)
            if (!v->pts[i].is_val || v->show_val)
                grow(&x0, &x1, v->pts[i].x), grow(&y0, &y1, v->pts[i].y);
        for (int i = 0; v->cx && v->cy && i < v->nc; i++)
            grow(&x0, &x1, v->cx[i]), grow(&y0, &y1, v->cy[i]);
        if (x0 > x1)
            x0 = -1, x1 = 1;
        if (y0 > y1)
            y0 = -1, y1 = 1;
        double mx = (x1 - x0) * 0.05 + 1e-9, my = (y1 - y0) * 0.05 + 1e-9;
        x0 -= mx, x1 += mx, y0 -= my, y1 += my;
    }
    int dw = 2 * pr.w, dh = 4 * pr.h, have = 0, px = 0, py = 0;
    for (int i = 0; v->cx && v->cy && i < v->nc && dw > 0 && dh > 0; i++) {
        if (!isfinite(v->cx[i]) || !isfinite(v->cy[i])) {
            have = 0;
            continue;
        }
        int x = curve_dot(fraction(v->cx[i], x0, x1), dw);
        int y = curve_dot(fraction(v->cy[i], y1, y0), dh);
        canvas_braille_line(c, pr, have ? px : x, have ? py : y, x, y, COL_ACCENT);
        px = x, py = y, have = 1;
    }
    draw_points(c, pr, v->pts, v->np, x0, x1, y0, y1, v->show_val, 0);
    if (pr.h < r.h)
        draw_legend(c, r, r.y + r.h - 1, 1, v->show_val, NAN, NAN);
    canvas_set_clip(c, old);
}
