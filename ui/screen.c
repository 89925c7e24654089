/* screen: which layout a frame gets and the single-run layouts (live,
 * path, geometry); the panels are in panels.c, compare mode in
 * compare_view.c. */
#include "screen.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compare_view.h"
#include "explain.h"
#include "panels.h"
#include "pathview.h"
#include "tuneview.h"
#include "widgets.h"

/* The path and tuning views' layout: the view in place of the loss panel,
 * taller and wider, over the histogram; the data panel and the histogram
 * show the view's model (ms, s itself when it has none), titled as such. */
typedef struct {
    const LiveSnapshot *ms;
    const char *data_title, *hist_title; /* when ms is not s */
    int view_h;
} SideView;

static Rect render_side_view(Canvas *c, Rect main, const LiveSnapshot *s, UiState *ui,
                             const SideView *v, int left_w)
{
    const LiveSnapshot *ms = v->ms;
    fit_weight_axis(ui, &ms, 1); /* before the bars: they share the axis */
    draw_data_panel(c, rect_make(main.x, main.y, left_w, main.h), ms, ui,
                    ms != s ? v->data_title : NULL, 0);
    int right_w = main.w - left_w;
    Rect hist_r = rect_make(main.x + left_w, main.y + v->view_h, right_w, main.h - v->view_h);
    explain_note(ui, hist_r, PANEL_HIST);
    draw_hist(c, hist_r, ms, ms != s ? v->hist_title : NULL, ui->weight_axis.axis);
    return rect_make(main.x + left_w, main.y, right_w, v->view_h);
}

static int side_left_w(Rect main)
{
    int left_w = main.w * 2 / 7;
    return left_w > main.h * 2 + 2 ? main.h * 2 + 2 : left_w;
}

/* 'p' (pathview.h): the path's model at the selected lambda beside it, the
 * status line stays live. */
static void render_path_layout(Canvas *c, Rect main, const LiveSnapshot *s, UiState *ui)
{
    const LiveSnapshot *ps = pathview_snapshot(ui->path, s);
    SideView v = {ps, pathview_data_title(s), "histogram at path lambda (biases not penalized)",
                  main.h * 2 / 3};
    Rect path_r = render_side_view(c, main, s, ui, &v, side_left_w(main));
    pathview_draw(c, path_r, ui->path);
    explain_note(ui, path_r, PANEL_PATH);
    draw_help(c, ui);
}

/* 'h' (tuneview.h): the cursor cell's model beside the grid. */
static void render_tune_layout(Canvas *c, Rect main, const LiveSnapshot *s, UiState *ui)
{
    const LiveSnapshot *ts = tuneview_snapshot(ui->tune, s);
    int tune_h = main.h * 2 / 3;
    if (tune_h < 12 && main.h >= 16)
        tune_h = 12;
    /* every row of the grid a line (box 2, head 2, axis 2, legend 1), the
     * histogram keeping its figures, bars and axis */
    int want = tuneview_rows(ui->tune) + 7, most = main.h - 5;
    if (tune_h < want)
        tune_h = want < most ? want : most > tune_h ? most : tune_h;
    SideView v = {ts, tuneview_data_title(s), "histogram at the grid cell (biases not penalized)",
                  tune_h};
    Rect tune_r = render_side_view(c, main, s, ui, &v, side_left_w(main));
    tuneview_draw(c, tune_r, ui->tune);
    explain_note(ui, tune_r, PANEL_TUNE);
    draw_help(c, ui);
}

static double geo_penalty_at(const void *ctx, double w1, double w2)
{
    const GeoView *g = ctx;
    double w[2] = {w1, w2};
    return geometry_penalty(&g->pen, g->lambda, g->alpha, w);
}

/* The level set's name for the legend. */
static void geo_shape_name(const GeoView *g, char *buf, size_t n)
{
    const GeoPenalty *p = &g->pen;
    if (p->kind == PEN_MCP || p->kind == PEN_SCAD)
        snprintf(buf, n, "%s shape, gamma %.3g", p->kind == PEN_MCP ? "MCP" : "SCAD", p->gamma);
    else if (p->kind == PEN_GROUP && p->one_group)
        snprintf(buf, n, "%s", g->alpha > 0 ? "one group: a circle" : "L2 circle");
    else
        snprintf(buf, n, "%s%s",
                 g->alpha >= 1   ? "L1 diamond"
                 : g->alpha <= 0 ? "L2 circle"
                                 : "elastic-net shape",
                 p->kind == PEN_GROUP && g->alpha > 0 ? " (groups of one)" : "");
}

/* 'g': the (w1, w2) plane with the penalty's shape, the zero count over
 * random problems, and the loss (dropped when narrow). */
static Rect draw_geometry(Canvas *c, Rect r, const LiveSnapshot *s)
{
    canvas_box(c, r, "geometry: weights w1, w2", COL_ACCENT, ATTR_BOLD);
    const GeoView *g = &s->geo;
    const LayerShape *L = &s->model.layer[0];
    char shape[48];
    geo_shape_name(g, shape, sizeof shape);
    int sparse = g->pen.kind == PEN_MCP || g->pen.kind == PEN_SCAD;
    GeometryView v = {.loss = g->loss,
                      .n = GEO_GRID,
                      .range = g->range,
                      .loss_min = g->loss_min,
                      .sol_loss = g->sol_loss,
                      .sol = {g->sol[0], g->sol[1]},
                      .ref = {g->ref[0], g->ref[1]},
                      .w = {NAN, NAN},
                      .tw1 = s->hist_w1,
                      .tw2 = s->hist_w2,
                      .nt = s->n_hist,
                      .lambda = g->lambda,
                      .alpha = g->alpha,
                      .penalty = geo_penalty_at,
                      .penalty_ctx = g,
                      .shape = shape,
                      .round = g->alpha <= 0 || (g->pen.kind == PEN_GROUP && g->pen.one_group),
                      /* flat only without a ridge part, which pulls everywhere */
                      .flat = sparse && g->alpha >= 1 ? g->pen.gamma * g->lambda : 0};
    if (g->ok) {
        v.w[0] = s->model.params[L->w_off];
        v.w[1] = s->model.params[L->w_off + 1];
    } else if (s->model.n_layers != 1 || L->in != 2 || L->out != 1) {
        v.note = "the geometry view needs exactly two weights:\n"
                 "a linear or logistic model on two features\n(m: model, d: data; g again: back)";
    }
    return widget_geometry_draw(c, rect_inset(r, 1), &v);
}

/* boxed: in a panel of its own; else a title row on top (inside the
 * geometry panel, under its legend). */
static void draw_zeros(Canvas *c, Rect r, const LiveSnapshot *s, int boxed)
{
    const GeoView *g = &s->geo;
    if (boxed) {
        canvas_box(c, r, "how often an exact 0", COL_DIM, 0);
        r = rect_inset(r, 1);
    } else {
        canvas_text(c, r.x, r.y, "how often an exact 0:", COL_DEFAULT, COL_DEFAULT, ATTR_BOLD);
        r = rect_make(r.x, r.y + 1, r.w, r.h - 1);
    }
    /* the rows' names: L1, the elastic net or the view's family, L2 */
    char names[GEO_ALPHAS][16];
    const char *name[GEO_ALPHAS];
    for (int a = 0; a < g->rates.n_alpha && a < GEO_ALPHAS; a++) {
        const GeoPenalty *p = &g->rates.pen[a];
        double al = g->rates.alpha[a];
        static const char *const fam[] = {"EN", "group", "MCP", "SCAD"};
        if (p->kind == PEN_ENET && (al >= 1 || al <= 0))
            snprintf(names[a], sizeof names[a], "%s", al >= 1 ? "L1" : "L2");
        else if (al < 1 || p->kind == PEN_ENET)
            snprintf(names[a], sizeof names[a], "%s %.2g", fam[p->kind], al);
        else
            snprintf(names[a], sizeof names[a], "%s", fam[p->kind]);
        name[a] = names[a];
    }
    ZerosView v = {g->rates.trials,
                   g->rates.n_alpha,
                   s->n_train,
                   g->rates.alpha,
                   g->rates.zero_frac,
                   g->rates.zero_frac_any,
                   name,
                   s->cfg.corr,
                   s->cfg.direction,
                   g->lambda,
                   NULL};
    if (!g->ok || !g->has_rates)
        v.note =
            strcmp(s->cfg.data, "corr") == 0 ? "counting..." : "counted for --data corr\n(d: data)";
    widget_zeros_draw(c, r, &v);
}

static void render_geometry_layout(Canvas *c, Rect main, const LiveSnapshot *s, UiState *ui)
{
    int zeros_h = 8;
    if (main.w >= 90) {
        int right_w = main.w * 2 / 5 < 46 ? 46 : main.w * 2 / 5 > 70 ? 70 : main.w * 2 / 5;
        int left_w = main.w - right_w;
        Rect geo_r = rect_make(main.x, main.y, left_w, main.h);
        Rect loss_r = rect_make(main.x + left_w, main.y + zeros_h, right_w, main.h - zeros_h);
        draw_geometry(c, geo_r, s);
        draw_zeros(c, rect_make(main.x + left_w, main.y, right_w, zeros_h), s, 1);
        draw_loss(c, loss_r, s, ui);
        explain_note(ui, geo_r, PANEL_GEOMETRY);
        explain_note(ui, loss_r, PANEL_LOSS);
    } else { /* narrow: the count goes under the legend when it fits there */
        Rect free = draw_geometry(c, main, s);
        explain_note(ui, main, PANEL_GEOMETRY);
        if (free.w >= 40 && free.h >= 4)
            draw_zeros(c, free, s, 0);
    }
    draw_help(c, ui);
}

ViewKind screen_view(const UiState *ui, int n)
{
    if (n >= 2)
        return VIEW_COMPARE;
    if (ui->tune)
        return VIEW_TUNE;
    if (ui->path)
        return VIEW_PATH;
    return ui->geometry ? VIEW_GEOMETRY : VIEW_LIVE;
}

static void render_live_layout(Canvas *c, Rect main, const LiveSnapshot *s, UiState *ui)
{
    /* The data panel is roughly square on screen (cells are ~2:1). */
    int left_w = main.h * 2 + 2;
    if (left_w > main.w * 11 / 20)
        left_w = main.w * 11 / 20;
    fit_weight_axis(ui, &s, 1);
    draw_data_panel(c, rect_make(main.x, main.y, left_w, main.h), s, ui, NULL, 0);
    int right_w = main.w - left_w;
    int loss_h = main.h / 2;
    Rect loss_r = rect_make(main.x + left_w, main.y, right_w, loss_h);
    Rect hist_r = rect_make(main.x + left_w, main.y + loss_h, right_w, main.h - loss_h);
    draw_loss(c, loss_r, s, ui);
    draw_hist(c, hist_r, s, NULL, ui->weight_axis.axis);
    explain_note(ui, loss_r, PANEL_LOSS);
    explain_note(ui, hist_r, PANEL_HIST);
    draw_help(c, ui);
}

void screen_render(Canvas *c, const LiveSnapshot *s, UiState *ui)
{
    Rect main = draw_frame(c, s, ui);
    if (main.w == 0)
        return;
    switch (screen_view(ui, 1)) {
    case VIEW_PATH: render_path_layout(c, main, s, ui); break;
    case VIEW_TUNE: render_tune_layout(c, main, s, ui); break;
    case VIEW_GEOMETRY:
        ui->grid_w = ui->grid_h = 0; /* no boundary on this layout, no points to click */
        ui->plot_rect = rect_make(0, 0, 0, 0);
        render_geometry_layout(c, main, s, ui);
        break;
    default: render_live_layout(c, main, s, ui);
    }
}

void screen_render_runs(Canvas *c, const LiveSnapshot *const *s, int n, UiState *ui)
{
    if (screen_view(ui, n) == VIEW_COMPARE)
        compare_render(c, s, n, ui);
    else
        screen_render(c, s[0], ui);
}
