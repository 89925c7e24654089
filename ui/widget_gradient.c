/* widget_gradient: the penalty's gradient against w, for the `gradient`
 * lesson. The L1 part lambda*alpha*sign(w) is a step of constant height
 * that jumps at 0: it pushes a small weight as hard as a large one, so
 * weights reach 0 exactly. The L2 part lambda*(1-alpha)*w is a line through
 * 0: its pull fades as w shrinks, so weights never quite reach 0. */
#include <math.h>
#include <stdio.h>

#include "widget_util.h"
#include "widgets.h"

static int row_of(double v, double gmax, int top, int ph)
{
    int y = (int)lround((gmax - v) / (2 * gmax) * (ph - 1));
    return top + (y < 0 ? 0 : y > ph - 1 ? ph - 1 : y);
}

/* The legend in the longest form that fits the width, never cut:
 * "dP/dw ━ L1 l*a*sign(w) • L2 l*(1-a)*w" down to "━ L1 • L2". */
static void draw_legend(Canvas *c, Rect r, uint32_t g1, uint32_t g2)
{
    static const char *const forms[][3] = {
        {"dP/dw ", " L1 l*a*sign(w) ", " L2 l*(1-a)*w"},
        {"", " L1 l*a*sign(w) ", " L2 l*(1-a)*w"},
        {"", " L1 sign(w) ", " L2 w"},
        {"", " L1 ", " L2"},
    };
    int n = (int)(sizeof forms / sizeof forms[0]), f = 0;
    while (f < n - 1 && canvas_text_width(forms[f][0]) + canvas_text_width(forms[f][1]) +
                                canvas_text_width(forms[f][2]) + 2 >
                            r.w)
        f++;
    int x = r.x;
    x += canvas_text(c, x, r.y, forms[f][0], COL_DIM, COL_DEFAULT, 0);
    canvas_set(c, x++, r.y, g1, COL_CLASS0, COL_DEFAULT, ATTR_BOLD);
    x += canvas_text(c, x, r.y, forms[f][1], COL_DEFAULT, COL_DEFAULT, 0);
    canvas_set(c, x++, r.y, g2, COL_CLASS1, COL_DEFAULT, ATTR_BOLD);
    canvas_text(c, x, r.y, forms[f][2], COL_DEFAULT, COL_DEFAULT, 0);
}

void widget_gradient_draw(Canvas *c, Rect r, const GradientView *v)
{
    if (r.w < 12 || r.h < 5)
        return;
    Rect old = wu_push_clip(c, r);
    int utf8 = wu_utf8(c);
    double lambda = isfinite(v->lambda) && v->lambda > 0 ? v->lambda : 0;
    double alpha = isfinite(v->alpha) ? fmin(fmax(v->alpha, 0), 1) : 1;
    double wmax = isfinite(v->wmax) && v->wmax > 0 ? v->wmax : 1;
    double l1 = lambda * alpha, l2 = lambda * (1 - alpha);
    /* the parts are drawn apart, so the axis spans the larger of them */
    double gmax = fmax(l1, l2 * wmax);
    uint32_t g1 = utf8 ? 0x2501 : '#', g2 = utf8 ? 0x2022 : '*';
    draw_legend(c, r, g1, g2);
    if (!(gmax > 0)) {
        canvas_text(c, r.x, r.y + r.h / 2, "lambda 0: no penalty, no pull", COL_DIM, COL_DEFAULT,
                    0);
        canvas_set_clip(c, old);
        return;
    }
    /* y labels left of the axis, w labels on the bottom row */
    char top_label[16], bot_label[16];
    snprintf(top_label, sizeof top_label, "%.2g", gmax);
    snprintf(bot_label, sizeof bot_label, "%.2g", -gmax);
    int lw = canvas_text_width(bot_label) + 1;
    int px = r.x + lw, pw = r.w - lw, top = r.y + 1, ph = r.h - 2;
    canvas_text(c, r.x, top, top_label, COL_DIM, COL_DEFAULT, 0);
    canvas_text(c, r.x, top + ph - 1, bot_label, COL_DIM, COL_DEFAULT, 0);
    int y0 = row_of(0, gmax, top, ph);
    canvas_text(c, r.x + lw - 2, y0, "0", COL_DIM, COL_DEFAULT, 0);
    /* axes: w = 0 vertical, gradient = 0 horizontal */
    int x0 = px + pw / 2;
    canvas_hline(c, px, y0, pw, COL_DIM);
    canvas_vline(c, x0, top, ph, COL_DIM);
    char wl[24];
    snprintf(wl, sizeof wl, "%.2g", -wmax);
    canvas_text(c, px, r.y + r.h - 1, wl, COL_DIM, COL_DEFAULT, 0);
    canvas_text(c, x0, r.y + r.h - 1, "w", COL_DIM, COL_DEFAULT, 0);
    snprintf(wl, sizeof wl, "%.2g", wmax);
    wu_text_right(c, r.x + r.w, r.y + r.h - 1, wl, COL_DIM, COL_DEFAULT, 0);
    /* the L1 step: -l1 left of 0, +l1 right of it, a jump at 0; never on
     * the zero line, however small against the L2 part */
    int s_hi = row_of(l1, gmax, top, ph), s_lo = row_of(-l1, gmax, top, ph);
    if (s_hi == y0 && y0 > top)
        s_hi--;
    if (s_lo == y0 && y0 < top + ph - 1)
        s_lo++;
    for (int i = 0; i < pw; i++) {
        int xi = px + i;
        if (xi == x0)
            continue;
        double w = -wmax + (i + 0.5) / pw * 2 * wmax;
        if (l1 > 0)
            canvas_set(c, xi, w < 0 ? s_lo : s_hi, g1, COL_CLASS0, CANVAS_KEEP, ATTR_BOLD);
        if (l2 > 0)
            canvas_set(c, xi, row_of(l2 * w, gmax, top, ph), g2, COL_CLASS1, CANVAS_KEEP,
                       ATTR_BOLD);
    }
    if (l1 > 0)
        for (int y = s_hi; y <= s_lo; y++)
            canvas_set(c, x0, y, utf8 ? 0x2503 : '|', COL_CLASS0, CANVAS_KEEP, ATTR_BOLD);
    canvas_set_clip(c, old);
}
