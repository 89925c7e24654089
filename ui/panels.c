/* panels: the pieces every layout of the screen is made of (screen.c picks
 * the layout, compare_view.c lays out runs side by side): the title,
 * lesson prompt, controls and status line around the panels, the data
 * panel, the loss plot, the weight histogram, help. */
#include "panels.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "keys.h"
#include "lesson_ui.h"
#include "mem.h"
#include "widgets.h"
#include "pathview.h"
#include "widget_util.h"

/* Scratch for per-frame arrays, grown when needed, so a frame allocates
 * nothing once the sizes settle. Only the UI thread renders. */
static DataPoint *point_scratch;
static size_t point_scratch_cap;

static DataPoint *points_from(const LiveSnapshot *s)
{
    if (grow(&point_scratch, &point_scratch_cap, (size_t)s->n_points, sizeof *point_scratch))
        return NULL;
    for (int i = 0; i < s->n_points; i++)
        point_scratch[i] =
            (DataPoint){s->px[i], s->py[i], s->pclass[i] < 0 ? 0 : s->pclass[i] % 4, s->pval[i]};
    return point_scratch;
}

static void draw_title(Canvas *c, const LiveSnapshot *s, const UiState *ui)
{
    char model[64], line[512];
    config_model_string(&ui->cfg, model, sizeof model);
    const char *task = s->task == TASK_REGRESS ? "regression"
                       : s->n_classes > 2      ? "softmax"
                                               : "logistic";
    snprintf(line, sizeof line, " regscope  data %.120s  model %s%s%s  %s  %d features  %d train ",
             s->cfg.data, model, ui->cfg.n_hidden ? " " : "",
             ui->cfg.n_hidden ? activation_name(ui->cfg.act) : "", task, s->d, s->n_train);
    canvas_fill(c, rect_make(0, 0, c->cols, 1), ' ', COL_DEFAULT, COL_DEFAULT, ATTR_BOLD);
    canvas_text(c, 0, 0, line, COL_ACCENT, COL_DEFAULT, ATTR_BOLD);
}

/* The data panel: boundary for 2-D inputs, fitted curve for 1-D
 * regression, per-feature weight bars otherwise. */
/* The histogram of s's weight matrices (biases not penalized), layer by
 * layer; under the group lasso a net's hidden units counted alive. */
static HistView hist_view(const LiveSnapshot *s, double axis)
{
    static const char *names[] = {"W1", "W2", "W3", "W4", "W5", "W6", "W7", "W8"};
    HistView v = {.n_layers = s->model.n_layers, .per_layer = 1, .axis = axis};
    int unit_groups = s->cfg.hyper.penalty == PEN_GROUP;
    for (int l = 0; l < s->model.n_layers && l < HIST_MAX_LAYERS; l++) {
        const LayerShape *L = &s->model.layer[l];
        v.w[l] = s->model.params + L->w_off;
        v.n[l] = (size_t)L->in * L->out;
        v.name[l] = names[l];
        v.units[l] = unit_groups && l < s->model.n_layers - 1 ? L->out : 0;
    }
    return v;
}

/* One held |w| axis for the weight panels of every run on screen, so
 * shrinkage shows as shorter bars and a narrower bell on the same scale;
 * it starts over when the data or model are rebuilt. */
double fit_weight_axis(UiState *ui, const LiveSnapshot *const *s, int n)
{
    if (s[0]->problem_version != ui->weight_axis_problem) {
        held_scale_reset(&ui->weight_axis);
        ui->weight_axis_problem = s[0]->problem_version;
    }
    double m = 0;
    for (int i = 0; i < n; i++) {
        HistView v = hist_view(s[i], 0);
        HistStats st;
        widget_hist_stats(v.w, v.n, v.n_layers, &st);
        m = fmax(m, st.max_abs);
    }
    return held_scale_fit(&ui->weight_axis, m);
}

void draw_data_panel(Canvas *c, Rect r, const LiveSnapshot *s, UiState *ui, const char *title,
                     int title_attr)
{
    Rect in = rect_inset(r, 1);
    ui->plot_rect = in;
    ui->grid_w = ui->grid_h = 0;
    int fg = title ? COL_ACCENT : COL_DIM;
    if (s->d_raw == 2) {
        explain_note(ui, r, s->task == TASK_REGRESS ? PANEL_PREDICTION : PANEL_BOUNDARY);
        canvas_box(c, r,
                   title                     ? title
                   : s->task == TASK_REGRESS ? "prediction"
                                             : "decision boundary",
                   fg, title_attr);
        ui->grid_w = in.w;
        ui->grid_h = in.h;
        BoundaryView v = {s->task == TASK_REGRESS ? BOUNDARY_REGRESS
                          : s->n_classes > 2      ? BOUNDARY_MULTI
                                                  : BOUNDARY_BINARY,
                          s->grid_w,
                          s->grid_h,
                          s->grid_value,
                          s->grid_class,
                          s->n_classes,
                          s->x0,
                          s->x1,
                          s->y0,
                          s->y1,
                          points_from(s),
                          s->n_points,
                          ui->shade_prob,
                          ui->show_val,
                          in.h >= 7 /* a short plot keeps its rows for the data */};
        widget_boundary_draw(c, in, &v);
    } else if (s->d_raw == 1 && s->curve_n > 0) {
        explain_note(ui, r, PANEL_CURVE);
        canvas_box(c, r, title ? title : "fitted curve", fg, title_attr);
        CurveView v = {points_from(s), s->n_points, s->curve_x, s->curve_y,   s->curve_n, s->x0,
                       s->x1,          s->y0,       s->y1,      ui->show_val, 1};
        widget_curve_draw(c, in, &v);
    } else {
        /* one row per input: its weight, per class, or (hidden units) the
         * largest in size of its weights, and the title says which */
        const LayerShape *L0 = &s->model.layer[0];
        int per_class = L0->out > 1 && L0->out <= 3 && s->model.n_layers == 1;
        char auto_title[64];
        if (L0->out == 1 || per_class)
            snprintf(auto_title, sizeof auto_title, "weights per feature%s%s",
                     per_class ? " and class" : "",
                     s->has_truth ? (wu_utf8(c) ? " (\xe2\x94\x83 true)" : " (+ true)") : "");
        else
            snprintf(auto_title, sizeof auto_title, "largest weight per feature (of %d units)",
                     L0->out);
        explain_note(ui, r, PANEL_BARS);
        canvas_box(c, r, title ? title : auto_title, fg, title_attr);
        const char *names[FEATURES_MAX * 4];
        int nf = s->n_feat_names < (int)(sizeof names / sizeof names[0])
                     ? s->n_feat_names
                     : (int)(sizeof names / sizeof names[0]);
        for (int j = 0; j < nf; j++)
            names[j] = s->feat_names[j];
        const LayerShape *L = &s->model.layer[0];
        WeightBarsView v = {
            names,     nf < L->in ? nf : L->in, s->model.params + L->w_off,    L->out,
            per_class, ui->weight_axis.axis,    s->has_truth ? s->truth : NULL};
        if (s->model.n_layers >= 1)
            widget_bars_draw(c, in, &v);
    }
}

/* The knob changes on the history go on the loss plot; after one, the plot
 * shows the epochs since it on a linear axis, with a quarter as many before
 * it for context, so what the change did has the room to be read. */
static void loss_marks(LossView *v, const LiveSnapshot *s)
{
    for (int m = 0; m < s->n_marks && m < LOSS_MARKS_MAX; m++) {
        v->mark_epoch[m] = s->mark_epoch[m];
        v->mark_label[m] = s->mark_label[m];
    }
    v->n_marks = s->n_marks < LOSS_MARKS_MAX ? s->n_marks : LOSS_MARKS_MAX;
    if (v->n_marks == 0)
        return;
    long since = s->mark_epoch[v->n_marks - 1], after = s->epoch - since;
    long before = after / 4 > 2 ? after / 4 : 2;
    v->window_from = since - before > 1 ? since - before : 1;
}

void draw_loss(Canvas *c, Rect r, const LiveSnapshot *s, const UiState *ui)
{
    LossView v = {
        {s->hist_train, s->metrics.has_val ? s->hist_val : NULL, s->hist_data, s->hist_penalty},
        s->n_hist,
        0,
        s->hist_epoch,
        ui->log_scale,
        s->metrics.has_val ? s->best_epoch : -1,
        {NULL},
        0,
        {0},
        {NULL},
        0};
    loss_marks(&v, s);
    if (ui->loss_whole)
        v.window_from = 0;
    canvas_box(c, r, v.window_from > 0 ? "loss since the last change" : "loss", COL_DIM, 0);
    widget_loss_draw(c, rect_inset(r, 1), &v);
}

void draw_hist(Canvas *c, Rect r, const LiveSnapshot *s, const char *title, double axis)
{
    canvas_box(c, r, title ? title : "weights (biases not penalized)", COL_DIM, 0);
    HistView v = hist_view(s, axis);
    Rect in = rect_inset(r, 1);
    if (strcmp(s->cfg.lesson, "gradient") == 0 && (in.w >= 36 || in.h >= 12)) {
        /* --lesson gradient: the penalty's pull beside (or under) the
         * histogram; side by side from 36 columns, so it shows at 80x24 */
        HistStats st;
        widget_hist_stats(v.w, v.n, v.n_layers, &st);
        GradientView g = {s->cfg.hyper.lambda, s->cfg.hyper.alpha, st.max_abs};
        if (in.w >= 36 && (in.w >= 60 || in.h < 12)) {
            int gw = in.w >= 60 ? in.w * 9 / 20 : in.w / 2;
            widget_gradient_draw(c, rect_make(in.x + in.w - gw, in.y, gw, in.h), &g);
            in.w -= gw + 1;
        } else {
            int gh = in.h * 9 / 20;
            widget_gradient_draw(c, rect_make(in.x, in.y + in.h - gh, in.w, gh), &g);
            in.h -= gh + 1;
        }
    }
    widget_hist_draw(c, in, &v);
}

/* Every knob once (the static assert counts them): the penalty's family
 * and gamma beside lambda and alpha. */
static const KnobId knob_order[] = {
    KNOB_LAMBDA,     KNOB_ALPHA,     KNOB_PENALTY,   KNOB_GAMMA,     KNOB_KEEP,  KNOB_LR,
    KNOB_INPUT_KEEP, KNOB_AUGMENT,   KNOB_L1_METHOD, KNOB_OPTIMIZER, KNOB_BATCH, KNOB_DATA,
    KNOB_CORR,       KNOB_DIRECTION, KNOB_MODEL,     KNOB_FEATURES,  KNOB_SPEED};
_Static_assert(sizeof knob_order / sizeof knob_order[0] == KNOB_COUNT,
               "knob_order lists every knob");

/* Each knob is its own one-item control list, so its rect is known for the
 * mouse. column: one per row; otherwise flowed left to right. */
static void draw_controls(Canvas *c, Rect r, UiState *ui, int column)
{
    int x = r.x, y = r.y;
    for (int i = 0; i < KNOB_COUNT; i++) {
        KnobId k = knob_order[i];
        if (!knob_visible(&ui->cfg, k))
            continue;
        char value[64];
        knob_format(&ui->cfg, k, value, sizeof value);
        const KnobInfo *info = knob_info(k);
        ControlItem ci = {info->label, info->symbol, value, ui->focus == (int)k};
        int w = column ? r.w : widget_control_width(c, &ci) + 2;
        if (!column && x + w > r.x + r.w) {
            x = r.x;
            y++;
        }
        Rect item = rect_make(x, y, w, 1);
        ui->knob_rect[k] = y < r.y + r.h ? item : rect_make(0, 0, 0, 0);
        if (y < r.y + r.h) {
            ControlsView v = {&ci, 1};
            widget_controls_draw(c, item, &v);
        }
        if (column)
            y++;
        else
            x += w;
    }
}

/* Rows the flowed controls need at width w. */
static int controls_rows(const Canvas *c, const UiState *ui, int w)
{
    int x = 0, rows = 1;
    for (int i = 0; i < KNOB_COUNT; i++) {
        if (!knob_visible(&ui->cfg, knob_order[i]))
            continue;
        char value[64];
        knob_format(&ui->cfg, knob_order[i], value, sizeof value);
        const KnobInfo *info = knob_info(knob_order[i]);
        ControlItem ci = {info->label, info->symbol, value, 0};
        int iw = widget_control_width(c, &ci) + 2;
        if (x + iw > w && x > 0) {
            rows++;
            x = 0;
        }
        x += iw;
    }
    return rows;
}

/* The status line at the bottom row of r; a notice too long to share the
 * line with the epoch and the state gets the row above it, whole. Returns
 * the rows used (1 or 2). */
static int draw_status(Canvas *c, Rect r, const LiveSnapshot *s, const UiState *ui)
{
    char metrics[200], rate[32];
    const Metrics *m = &s->metrics;
    snprintf(rate, sizeof rate, "%.0f ep/s", s->epochs_per_sec);
    /* most telling first: a narrow status line drops items from the end */
    /* obj: the training objective (data loss + penalty); val loss: the
     * data loss on the validation split (man page, STATUS LINE) */
    int n = snprintf(metrics, sizeof metrics, "obj %.4g", m->train_loss);
    if (m->has_val && n > 0 && (size_t)n < sizeof metrics)
        n += snprintf(metrics + n, sizeof metrics - (size_t)n, "  val loss %.4g", m->val_loss);
    if (n > 0 && (size_t)n < sizeof metrics)
        n += snprintf(metrics + n, sizeof metrics - (size_t)n, "  zeros %.0f%%",
                      100 * m->w.zero_frac);
    if (m->classify && n > 0 && (size_t)n < sizeof metrics)
        n += snprintf(metrics + n, sizeof metrics - (size_t)n, "  %s acc %.0f%%",
                      m->has_val ? "val" : "train", 100 * (m->has_val ? m->val_acc : m->train_acc));
    if (!ui->paused && n > 0 && (size_t)n < sizeof metrics)
        snprintf(metrics + n, sizeof metrics - (size_t)n, "  %s", rate);
    const char *msg = s->message[0] ? s->message : ui->notice[0] ? ui->notice : NULL;
    StatusView v = {s->epoch,
                    s->diverged               ? "DIVERGED"
                    : ui->paused || s->paused ? "paused"
                                              : "running",
                    metrics,
                    msg,
                    s->diverged || s->message[0],
                    "? help  q quit"};
    char head[64];
    snprintf(head, sizeof head, " epoch %ld  %s  ", v.epoch, v.state);
    if (!msg || canvas_text_width(head) + canvas_text_width(msg) + 1 <= r.w) {
        widget_status_draw(c, r, &v);
        return 1;
    }
    /* the notice on its own rows (wrapped at spaces, two at most), the
     * figures on the status line */
    int cut[2], rows = 0, attr = v.warning ? ATTR_REVERSE | ATTR_BOLD : ATTR_REVERSE;
    for (const char *p = msg; *p && rows < 2; rows++) {
        cut[rows] = rows == 1 ? (int)strlen(p) : wu_wrap_cut(p, r.w - 2);
        p += cut[rows];
        while (*p == ' ')
            p++;
    }
    const char *p = msg;
    for (int i = 0; i < rows; i++) {
        int y = r.y - rows + i;
        char line[512];
        snprintf(line, sizeof line, "%.*s", cut[i], p);
        canvas_fill(c, rect_make(r.x, y, r.w, 1), ' ', COL_DEFAULT, COL_DEFAULT, ATTR_REVERSE);
        canvas_textn(c, r.x + 1, y, line, r.w - 2, v.warning ? COL_WARNING : COL_DEFAULT,
                     COL_DEFAULT, attr);
        p += cut[i];
        while (*p == ' ')
            p++;
    }
    v.message = NULL;
    widget_status_draw(c, r, &v);
    return 1 + rows;
}

/* Rows the panels keep under a wrapped lesson prompt. */
#define PANELS_MIN_ROWS 12

/* text from row y, wrapped at spaces into at most max_lines rows of width
 * w (continuations indented); a last row that still does not fit ends in
 * "...". Returns the rows used. */
static int draw_wrapped(Canvas *c, int y, const char *text, int w, int max_lines)
{
    const int indent = 3;
    const char *p = text;
    int lines = 0;
    while (*p && lines < max_lines) {
        int x = lines ? indent : 0, room = w - x - 1;
        if (room < 8)
            room = w - x;
        int len = (int)strlen(p);
        int cut = wu_wrap_cut(p, room);
        char buf[512];
        if (lines == max_lines - 1 && cut < len) { /* out of rows */
            int keep = room - 3 < 0 ? 0 : room - 3;
            snprintf(buf, sizeof buf, "%.*s...", keep, p);
        } else {
            snprintf(buf, sizeof buf, "%.*s", cut, p);
        }
        canvas_text(c, x, y + lines, buf, COL_ACCENT, COL_DEFAULT, 0);
        lines++;
        p += cut;
        while (*p == ' ')
            p++;
    }
    return lines ? lines : 1;
}

/* "run NAME" on the first row of r (NAME alone on the next rows when it is
 * too long); returns what is left of r. */
static Rect draw_run_name(Canvas *c, Rect r, const char *name)
{
    int y = r.y;
    if (4 + canvas_text_width(name) <= r.w) {
        canvas_text(c, r.x, y, "run ", COL_DIM, COL_DEFAULT, 0);
        canvas_text(c, r.x + 4, y++, name, COL_ACCENT, COL_DEFAULT, ATTR_BOLD);
    } else {
        canvas_text(c, r.x, y++, "run:", COL_DIM, COL_DEFAULT, 0);
        int len = (int)strlen(name);
        for (int k = 0; k < len && y < r.y + r.h; k += r.w) {
            char buf[64];
            snprintf(buf, sizeof buf, "%.*s", r.w, name + k);
            canvas_text(c, r.x, y++, buf, COL_ACCENT, COL_DEFAULT, ATTR_BOLD);
        }
    }
    return rect_make(r.x, y, r.w, r.h - (y - r.y));
}

/* text word-wrapped into out as lines of at most w columns ('\n' breaks a
 * line too); returns the number of lines, or -1 when a word is wider than w
 * or out is too short. ASCII text. */
static int wrap_words(const char *text, int w, char *out, size_t size)
{
    size_t n = 0;
    int lines = 1, col = 0;
    for (const char *p = text; *p;) {
        if (*p == '\n' || *p == ' ') {
            if (*p == '\n') {
                if (n + 1 >= size)
                    return -1;
                out[n++] = '\n';
                lines++;
                col = 0;
            }
            p++;
            continue;
        }
        int len = (int)strcspn(p, " \n");
        if (len > w)
            return -1;
        int sep = col > 0;
        if (col + sep + len > w) { /* the word starts the next line */
            sep = 0;
            if (n + 1 >= size)
                return -1;
            out[n++] = '\n';
            lines++;
            col = 0;
        }
        if (n + (size_t)(sep + len) >= size)
            return -1;
        if (sep)
            out[n++] = ' ';
        memcpy(out + n, p, (size_t)len);
        n += (size_t)len;
        col += sep + len;
        p += len;
    }
    out[n] = '\0';
    return lines;
}

/* The terminal is below the smallest layout: the whole screen blank but for
 * the longest wording that fits, wrapped at spaces (down to the size
 * needed alone, clipped, on the tiniest screen). */
static void draw_too_small(Canvas *c)
{
    int W = c->cols, H = c->rows;
    char forms[4][96], msg[128];
    snprintf(forms[0], sizeof forms[0], "terminal too small: %dx%d\nregscope needs %dx%d", W, H,
             SCREEN_MIN_COLS, SCREEN_MIN_ROWS);
    snprintf(forms[1], sizeof forms[1], "too small: %dx%d needs %dx%d", W, H, SCREEN_MIN_COLS,
             SCREEN_MIN_ROWS);
    snprintf(forms[2], sizeof forms[2], "needs %dx%d", SCREEN_MIN_COLS, SCREEN_MIN_ROWS);
    snprintf(forms[3], sizeof forms[3], "%dx%d", SCREEN_MIN_COLS, SCREEN_MIN_ROWS);
    snprintf(msg, sizeof msg, "%s", forms[3]);
    for (int i = 0; i < 4; i++) {
        int lines = wrap_words(forms[i], W, msg, sizeof msg);
        if (lines > 0 && lines <= H)
            break;
        snprintf(msg, sizeof msg, "%s", forms[3]);
    }
    widget_message_draw(c, rect_make(0, 0, W, H), msg, COL_WARNING);
}

/* The lesson has paused where its point is made (its pause epoch, or the
 * early stop): the prompt line then says what is seen there. */
static int lesson_at_its_point(const LiveSnapshot *s, const UiState *ui)
{
    int paused = ui->paused || s->paused;
    return ui->cfg.lesson_point[0] && paused && (s->pause_reached || s->early_stopped);
}

/* Title, status line and controls; returns the rect left for the panels,
 * or a zero rect when the terminal is too small (and says so). */
Rect draw_frame(Canvas *c, const LiveSnapshot *s, UiState *ui)
{
    canvas_clear(c);
    memset(ui->knob_rect, 0, sizeof ui->knob_rect);
    memset(ui->run_rect, 0, sizeof ui->run_rect);
    memset(ui->panel_rect, 0, sizeof ui->panel_rect);
    int W = c->cols, H = c->rows;
    if (W < SCREEN_MIN_COLS || H < SCREEN_MIN_ROWS) {
        draw_too_small(c);
        ui->grid_w = ui->grid_h = 0;
        return rect_make(0, 0, 0, 0);
    }
    draw_title(c, s, ui);
    int low = draw_status(c, rect_make(0, H - 1, W, 1), s, ui); /* rows it takes */
    int column = W >= 110;
    int ctl_w = column ? 22 : W;
    int ctl_rows = column ? 0 : controls_rows(c, ui, W);
    int top = 1; /* --lesson: its prompt under the title, wrapped when narrow */
    if (ui->cfg.lesson_prompt[0]) {
        /* the lesson's line: its point where it pauses there, else the
         * current step (or, for a lesson without steps, its title) */
        char line[1024];
        if (lesson_at_its_point(s, ui))
            snprintf(line, sizeof line, " lesson %s at epoch %ld: %s (space: train on)",
                     ui->cfg.lesson, s->epoch, ui->cfg.lesson_point);
        else if (ui->lesson)
            lesson_ui_line(ui, wu_utf8(c), line, sizeof line);
        else
            snprintf(line, sizeof line, " lesson %s: %s", ui->cfg.lesson, ui->cfg.lesson_prompt);
        int max_lines = H - 1 - low - ctl_rows - PANELS_MIN_ROWS;
        top += draw_wrapped(c, 1, line, W, max_lines < 1 ? 1 : max_lines > 3 ? 3 : max_lines);
    }
    int ctl_h = column ? H - low - top : ctl_rows;
    if (column) {
        Rect box = rect_make(W - ctl_w, top, ctl_w, H - low - top);
        canvas_box(c, box, "controls", COL_DIM, 0);
        explain_note(ui, box, PANEL_CONTROLS);
        Rect in = rect_inset(box, 1);
        if (ui->n_runs > 1) /* the run the keys turn, on its own line(s), uncut */
            in = draw_run_name(c, in, ui->run_name[ui->sel]);
        draw_controls(c, in, ui, 1);
    } else {
        draw_controls(c, rect_make(0, H - low - ctl_h, W, ctl_h), ui, 0);
    }
    return rect_make(0, top, W - (column ? ctl_w : 0), H - low - top - (column ? 0 : ctl_h));
}

void draw_help(Canvas *c, const UiState *ui)
{
    draw_explain(c, ui);
    if (!ui->show_help)
        return;
    HelpRow rows[48];
    HelpView v = {"regscope keys", rows, keys_help_rows(rows, 48), ui->help_first};
    widget_help_draw(c, rect_make(0, 1, c->cols, c->rows - 2), &v);
}
