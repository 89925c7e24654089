/* explain: the i key's overlay (explain.h). */
#include "explain.h"

#include <string.h>

#include "widget_util.h"

/* What each panel shows and how to read it, for a class seeing it first. */
static const char *const sentences[PANEL_KINDS] = {
    [PANEL_BOUNDARY] = "The model's class at every point of the plane (shade); training points "
                       "filled, validation hollow. An edge that wraps single points is "
                       "overfitting: raise lambda (L).",
    [PANEL_PREDICTION] = "The model's prediction over the plane (shade), with the points; a "
                         "patchwork that follows single points is overfitting.",
    [PANEL_CURVE] = "The fitted curve over the data: one that bends through every training "
                    "point is overfitting; a penalty calms it.",
    [PANEL_BARS] = "One bar per input, its weight, on an axis that holds still: L1 sets weights "
                   "to exactly 0 (a dot), L2 only makes the bars shorter.",
    [PANEL_LOSS] = "Loss by epoch: train on the training rows, val on held-out ones. When val "
                   "rises while train falls, the model is overfitting.",
    [PANEL_HIST] = "How many weights have each value, on a held axis: L1 piles them into the red "
                   "bar at exactly 0; L2 narrows the bell but leaves no zeros.",
    [PANEL_CONTROLS] = "The knobs: their keys (? lists them) turn them while training goes on; "
                       "each change is marked on the loss plot.",
    [PANEL_PATH] = "Every weight as lambda falls from left to right, solved exactly at each: "
                   "the lasso adds weights one at a time; arrows pick a lambda.",
    [PANEL_GEOMETRY] = "Contours of the data loss over the two weights and the penalty's shape "
                       "(diamond L1, circle L2): the solution is where they touch.",
    [PANEL_TUNE] = "The held-out loss of every alpha and lambda by cross-validation, brighter "
                   "lower: B the best cell, S the simplest within one standard error of it.",
};

/* The same in a few words, for a panel too small for the sentence. */
static const char *const shorts[PANEL_KINDS] = {
    [PANEL_BOUNDARY] = "Class by region; filled = train, hollow = val. An edge around single "
                       "points: overfit.",
    [PANEL_PREDICTION] = "Prediction by region, with the points; a patchwork: overfit.",
    [PANEL_CURVE] = "The fitted curve; bending through every point: overfit.",
    [PANEL_BARS] = "A bar per weight, fixed axis: L1 gives exact 0s (dots), L2 shorter bars.",
    [PANEL_LOSS] = "Loss by epoch, train and held-out val; val up while train falls: overfit.",
    [PANEL_HIST] = "Weights by value: L1 piles them at exactly 0 (red), L2 narrows the bell.",
    [PANEL_CONTROLS] = "The knobs: keys turn them live (? lists them).",
    [PANEL_PATH] = "Each weight as lambda falls, left to right; arrows pick a lambda.",
    [PANEL_GEOMETRY] = "Loss contours and the penalty's shape: the solution is where they touch.",
    [PANEL_TUNE] = "CV loss per cell, brighter lower; B best, S within one SE of it.",
};

const char *explain_text(PanelKind kind) { return sentences[kind]; }
const char *explain_short(PanelKind kind) { return shorts[kind]; }

void explain_note(UiState *ui, Rect r, PanelKind kind)
{
    if (ui->panel_rect[kind].w == 0)
        ui->panel_rect[kind] = r;
}

/* Rows text takes wrapped at w, with the cut of each in cut[] (at most
 * max rows; -1 when it needs more). */
static int wrap_rows(const char *text, int w, int *cut, int max)
{
    int rows = 0;
    for (const char *p = text; *p; rows++) {
        if (rows == max)
            return -1;
        cut[rows] = wu_wrap_cut(p, w);
        p += cut[rows];
        p += strspn(p, " ");
    }
    return rows;
}

/* The sentence (or, when it does not fit, its short form) over the top
 * rows of panel r's inside, under the panel's own title. */
static void draw_note(Canvas *c, Rect r, PanelKind kind)
{
    Rect in = rect_inset(r, 1);
    int cut[12], max = in.h < 12 ? in.h : 12;
    if (in.w < 12 || max < 1)
        return;
    const char *text = sentences[kind];
    int rows = wrap_rows(text, in.w, cut, max);
    if (rows < 0) {
        text = shorts[kind];
        rows = wrap_rows(text, in.w, cut, max);
        if (rows < 0)
            rows = max; /* the tiniest panel: its first rows */
    }
    canvas_fill(c, rect_make(in.x, in.y, in.w, rows), ' ', COL_DEFAULT, COL_DEFAULT, ATTR_NONE);
    const char *p = text;
    for (int i = 0; i < rows && *p; i++) {
        canvas_textn(c, in.x, in.y + i, p, cut[i], COL_ACCENT, COL_DEFAULT, ATTR_BOLD);
        p += cut[i];
        p += strspn(p, " ");
    }
}

void draw_explain(Canvas *c, const UiState *ui)
{
    if (!ui->explain)
        return;
    for (int k = 0; k < PANEL_KINDS; k++)
        if (ui->panel_rect[k].w > 0)
            draw_note(c, ui->panel_rect[k], (PanelKind)k);
}
