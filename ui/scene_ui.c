#include "scene_ui.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "export.h"
#include "filewrite.h"

int scene_ui_cell_to_data(Rect r, double x0, double x1, double y0, double y1, int cx, int cy,
                          double *x, double *y)
{
    if (r.h >= 4)
        r.h--; /* the legend row (widget_boundary_draw) */
    if (r.w < 1 || r.h < 1 || cx < r.x || cx >= r.x + r.w || cy < r.y || cy >= r.y + r.h)
        return -1;
    *x = x0 + (x1 - x0) * (cx - r.x + 0.5) / r.w;
    *y = y0 + (y1 - y0) * (r.y + r.h - 1 - cy + 0.5) / r.h;
    return 0;
}

/* The snapshot facts a click needs. */
typedef struct {
    int d_raw, n_classes;
    Task task;
    double x0, x1, y0, y1;
} PanelInfo;

static PanelInfo panel_info(const SceneRuns *a)
{
    const LiveSnapshot *s = live_snapshot_lock(a->live[0]);
    PanelInfo pi = {s->d_raw, s->n_classes, s->task, s->x0, s->x1, s->y0, s->y1};
    live_snapshot_unlock(a->live[0]);
    return pi;
}

/* Queues one edit; 0, or -1 when the queue is full. */
static int push_edit(const SceneRuns *a, PointEdit e)
{
    LiveControl *c = live_control_lock(a->live[0]);
    int ok = c->n_edits < POINT_EDITS_MAX;
    if (ok)
        c->edits[c->n_edits++] = e;
    live_control_unlock(a->live[0]);
    return ok ? 0 : -1;
}

/* Why points cannot be edited here, or NULL when they can. */
static const char *refusal(const SceneRuns *a, const PanelInfo *pi)
{
    if (a->n_live != 1)
        return "points: one run only (c leaves compare mode)";
    if (pi->d_raw != 2)
        return "points need 2-D data";
    if (pi->task != TASK_CLASSIFY)
        return "points: classification data only (regression targets cannot be clicked)";
    return NULL;
}

int scene_ui_mouse(const SceneRuns *a, const TermEvent *ev)
{
    if (ev->mouse != MOUSE_CLICK && ev->mouse != MOUSE_RIGHT)
        return 0;
    Rect r = a->ui->plot_rect;
    if (a->n_live < 1 || r.w < 1 || ev->mx < r.x || ev->mx >= r.x + r.w || ev->my < r.y ||
        ev->my >= r.y + r.h)
        return 0;
    PanelInfo pi = panel_info(a);
    const char *no = refusal(a, &pi);
    if (no) {
        snprintf(a->ui->notice, sizeof a->ui->notice, "%s", no);
        return 1;
    }
    double x, y;
    if (scene_ui_cell_to_data(r, pi.x0, pi.x1, pi.y0, pi.y1, ev->mx, ev->my, &x, &y))
        return 1; /* the legend row */
    int cls = ev->mouse == MOUSE_RIGHT ? 1 : a->ui->add_class % pi.n_classes;
    a->ui->click_x = x, a->ui->click_y = y, a->ui->has_click = 1;
    if (push_edit(a, (PointEdit){x, y, cls, 0}))
        snprintf(a->ui->notice, sizeof a->ui->notice, "too many clicks at once: try again");
    else
        snprintf(a->ui->notice, sizeof a->ui->notice, "added class %d at (%.3g, %.3g)", cls, x, y);
    return 1;
}

void scene_ui_next_class(const SceneRuns *a)
{
    PanelInfo pi = panel_info(a);
    const char *no = refusal(a, &pi);
    if (no) {
        snprintf(a->ui->notice, sizeof a->ui->notice, "%s", no);
        return;
    }
    a->ui->add_class = (a->ui->add_class + 1) % pi.n_classes;
    snprintf(a->ui->notice, sizeof a->ui->notice, "left click adds class %d", a->ui->add_class);
}

void scene_ui_remove(const SceneRuns *a)
{
    PanelInfo pi = panel_info(a);
    const char *no = refusal(a, &pi);
    if (no)
        snprintf(a->ui->notice, sizeof a->ui->notice, "%s", no);
    else if (!a->ui->has_click)
        snprintf(a->ui->notice, sizeof a->ui->notice, "click on the data first");
    else if (push_edit(a, (PointEdit){a->ui->click_x, a->ui->click_y, 0, 1}))
        snprintf(a->ui->notice, sizeof a->ui->notice, "too many edits at once: try again");
    else
        snprintf(a->ui->notice, sizeof a->ui->notice, "removed the point nearest (%.3g, %.3g)",
                 a->ui->click_x, a->ui->click_y);
}

/* Sleeps ms milliseconds. */
static void nap(int ms)
{
    struct timespec ts = {0, ms * 1000000L};
    nanosleep(&ts, NULL);
}

/* The file S writes: --save FILE, else regscope-DATE-TIME.scene, with -2,
 * -3, ... when that exists (S twice in a second keeps both). */
static int save_path(const SceneRuns *a, char *path, size_t size)
{
    if (a->ui->cfg.save[0])
        return snprintf(path, size, "%s", a->ui->cfg.save) < (int)size ? 0 : -1;
    static const char *const ext[] = {".scene"};
    char stamp[64], stem[1000];
    export_stamp(time(NULL), stamp, sizeof stamp);
    if (file_fresh_stem(stamp, ext, 1, stem, sizeof stem))
        return -1;
    return snprintf(path, size, "%s%s", stem, ext[0]) < (int)size ? 0 : -1;
}

/* Compare mode: every run's name and settings go with the scene, so
 * --load reopens all of them (the selected run's are in ui.cfg). */
static void save_runs(const SceneRuns *a, LiveControl *c)
{
    c->save_n_runs = a->ui->n_runs > 1 ? a->ui->n_runs : 0;
    for (int i = 0; i < c->save_n_runs; i++) {
        RunSpec *r = &c->save_runs[i];
        memset(r, 0, sizeof *r);
        snprintf(r->name, sizeof r->name, "%s", a->ui->run_name[i]);
        r->hyper = i == a->ui->sel ? a->ui->cfg.hyper : a->ui->run_hyper[i];
    }
}

void scene_ui_save(const SceneRuns *a)
{
    char path[1024];
    if (save_path(a, path, sizeof path)) {
        snprintf(a->ui->notice, sizeof a->ui->notice, "scene not saved: no free file name");
        return;
    }
    Live *lv = a->live[a->ui->n_runs > 1 && a->ui->sel < a->n_live ? a->ui->sel : 0];
    /* The training thread owns the data: ask it, and wait (briefly) for
     * its answer in the snapshot. */
    LiveControl *c = live_control_lock(lv);
    unsigned long req = ++c->save_req;
    snprintf(c->save_path, sizeof c->save_path, "%s", path);
    save_runs(a, c);
    c->cfg.theme = a->ui->cfg.theme; /* how the screen looks goes with the scene */
    c->cfg.font_size = a->ui->cfg.font_size;
    live_control_unlock(lv);
    for (int i = 0; i < 300; i++) {
        const LiveSnapshot *s = live_snapshot_lock(lv);
        int done = s->save_done >= req;
        if (done)
            snprintf(a->ui->notice, sizeof a->ui->notice, "%.150s", s->save_msg);
        live_snapshot_unlock(lv);
        if (done)
            return;
        nap(10);
    }
    snprintf(a->ui->notice, sizeof a->ui->notice, "saving %.100s: no answer from training yet",
             path);
}
