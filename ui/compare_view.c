/* compare_view: runs side by side (compare mode): one loss plot with a
 * line per run, then each run's boundary (or bars) over its histogram, all
 * on one weight axis. */
#include "compare_view.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "explain.h"
#include "panels.h"
#include "run_title.h"
#include "widgets.h"

/* ---- compare mode -------------------------------------------------------- */

#define COMPARE_POINTS 240

/* Each run keeps its own history, sampled at its own times: resample every
 * run's validation loss (training data loss without a split) onto one
 * even epoch axis, holding the last value reached by each epoch. */
static double resampled[CONFIG_MAX_RUNS][COMPARE_POINTS];
static long resampled_epochs[COMPARE_POINTS];

static int resample_runs(const LiveSnapshot *const *s, int n)
{
    long last = 0;
    for (int r = 0; r < n; r++)
        if (s[r]->n_hist > 0 && s[r]->hist_epoch[s[r]->n_hist - 1] > last)
            last = s[r]->hist_epoch[s[r]->n_hist - 1];
    int points = last + 1 < COMPARE_POINTS ? (int)last + 1 : COMPARE_POINTS;
    /* Every epoch while they fit; beyond, log-spaced (at least one epoch
     * apart), so the steep start keeps its room on the loss plot's
     * logarithmic epoch axis, as in the single-run view. */
    for (int k = 0; k < points; k++) {
        long e = points > 1 ? lround(pow((double)last, (double)k / (points - 1))) : 0;
        resampled_epochs[k] = k == 0 || points == last + 1 || e < k ? k : e;
    }
    for (int r = 0; r < n; r++) {
        const LiveSnapshot *q = s[r];
        const double *v = q->metrics.has_val ? q->hist_val : q->hist_data;
        int i = -1;
        for (int k = 0; k < points; k++) {
            while (i + 1 < q->n_hist && q->hist_epoch[i + 1] <= resampled_epochs[k])
                i++;
            resampled[r][k] = i >= 0 ? v[i] : NAN;
        }
    }
    return points;
}

static void draw_compare_loss(Canvas *c, Rect r, const LiveSnapshot *const *s, int n,
                              const UiState *ui)
{
    canvas_box(c, r,
               s[0]->metrics.has_val ? "validation loss per run" : "training data loss per run",
               COL_DIM, 0);
    int points = resample_runs(s, n);
    LossView v = {{NULL, NULL, NULL, NULL},
                  points,
                  0,
                  resampled_epochs,
                  ui->log_scale,
                  -1,
                  {NULL},
                  0,
                  {0},
                  {NULL},
                  0};
    for (int i = 0; i < n && i < LOSS_NSERIES; i++) {
        v.series[i] = resampled[i];
        v.names[i] = ui->run_name[i];
    }
    widget_loss_draw(c, rect_inset(r, 1), &v);
}

/* ---- compare layout -------------------------------------------------------- */

/* One run's cell: its boundary (or curve, or bars) over its histogram. A
 * boundary or curve comes first: the histogram keeps its share only while
 * the plot stays usable, then shrinks to its figures row, then goes. Weight
 * bars show the zeros as the histogram does, which keeps its share. */
static int cell_hist_h(int cell_h, int plot_first)
{
    /* BOUNDARY_MIN 7: at 80x24 a lesson's boundaries keep five rows and
     * its histograms their bars (box, figures, bars, axis) */
    enum { BOUNDARY_MIN = 7, HIST_MIN = 5, HIST_FIGURES = 3 };
    int hist_h = cell_h * 2 / 5 < HIST_MIN ? HIST_MIN : cell_h * 2 / 5;
    if (plot_first && cell_h - hist_h < BOUNDARY_MIN)
        hist_h = cell_h - BOUNDARY_MIN;
    if (hist_h < HIST_MIN)
        hist_h = cell_h - HIST_FIGURES >= 6 ? HIST_FIGURES : 0;
    return hist_h;
}

typedef struct {
    int cols, rows, loss_h, cell_w, cell_h, hist_h;
} RunsLayout;

static RunsLayout runs_layout(Rect main, int n, int cols, int plot_first)
{
    RunsLayout L;
    L.cols = cols;
    L.rows = (n + cols - 1) / cols;
    int loss_h = main.h / (L.rows > 1 ? 4 : 3), loss_min = main.h < 20 ? 5 : 6;
    L.loss_h = loss_h < loss_min ? loss_min : loss_h;
    L.cell_w = main.w / cols;
    L.cell_h = (main.h - L.loss_h) / L.rows;
    L.hist_h = cell_hist_h(L.cell_h, plot_first);
    return L;
}

/* How big a square plot (cells ~2:1) each run's boundary gets. */
static int runs_layout_score(RunsLayout L)
{
    int pw = (L.cell_w - 2) / 2, ph = L.cell_h - L.hist_h - 3;
    return pw < ph ? pw : ph;
}

void compare_render(Canvas *c, const LiveSnapshot *const *s, int n, UiState *ui)
{
    Rect main = draw_frame(c, s[ui->sel < n ? ui->sel : 0], ui);
    if (main.w == 0)
        return;
    /* all runs in a row, or in a grid when that gives larger boundaries */
    int plot_first = s[0]->d_raw == 2 || (s[0]->d_raw == 1 && s[0]->curve_n > 0);
    RunsLayout L = runs_layout(main, n, n, plot_first);
    if (n > 2) {
        RunsLayout g = runs_layout(main, n, (n + 1) / 2, plot_first);
        if (runs_layout_score(g) > runs_layout_score(L))
            L = g;
    }
    draw_compare_loss(c, rect_make(main.x, main.y, main.w, L.loss_h), s, n, ui);
    explain_note(ui, rect_make(main.x, main.y, main.w, L.loss_h), PANEL_LOSS);
    fit_weight_axis(ui, s, n); /* one axis for every run's weights */
    int body_y = main.y + L.loss_h;
    const Hyper *hypers[CONFIG_MAX_RUNS]; /* the selected run's are the ones the keys turn */
    for (int j = 0; j < n && j < CONFIG_MAX_RUNS; j++)
        hypers[j] = j == ui->sel ? &ui->cfg.hyper : &ui->run_hyper[j];
    for (int i = 0; i < n; i++) {
        int col = i % L.cols, row = i / L.cols;
        int x = main.x + col * L.cell_w, y = body_y + row * L.cell_h;
        int w = col == L.cols - 1 || i == n - 1 ? main.x + main.w - x : L.cell_w;
        int h = row == L.rows - 1 ? main.y + main.h - y : L.cell_h;
        int hist_h = row == L.rows - 1 ? cell_hist_h(h, plot_first) : L.hist_h;
        char head[48], settings[160], title[sizeof head + sizeof settings];
        snprintf(head, sizeof head, "%s%s", i == ui->sel ? "> " : "", ui->run_name[i]);
        run_title(c, hypers, i, n, w - 6 - canvas_text_width(head), settings, sizeof settings);
        snprintf(title, sizeof title, "%s%s", head, settings);
        ui->run_rect[i] = rect_make(x, y, w, h);
        draw_data_panel(c, rect_make(x, y, w, h - hist_h), s[i], ui, title,
                        i == ui->sel ? ATTR_BOLD : 0);
        if (hist_h > 0) {
            char name[48];
            snprintf(name, sizeof name, "%s weights", ui->run_name[i]);
            Rect hist_r = rect_make(x, y + h - hist_h, w, hist_h);
            draw_hist(c, hist_r, s[i], name, ui->weight_axis.axis);
            explain_note(ui, hist_r, PANEL_HIST);
        }
    }
    draw_help(c, ui);
}
