/* live: a trainer running in its own thread, steered by a control block and
 * watched through a published snapshot. No ncurses here: the UI thread (or
 * a test) is the other side.
 *
 * Control block: the UI edits it under the mutex (live_control_*), each edit
 * bumps a version; the training thread picks changes up between two
 * mini-batches. Snapshot: the training thread fills a back buffer with no
 * lock held, then swaps it with the front one under the mutex about every
 * 30 ms; the UI reads the front one between live_snapshot_lock/unlock.
 * When paused, the training thread sleeps on a condition variable. */
#ifndef REGSCOPE_LIVE_H
#define REGSCOPE_LIVE_H

#include <pthread.h>

#include "config.h"
#include "geometry.h"
#include "pointedit.h"

typedef struct {
    Config cfg; /* dataset, model, hyperparameters (cfg.hyper) */
    int paused;
    int step_epochs;    /* epochs to run while paused ('s') */
    int reset;          /* re-initialize weights with cfg.seed ('r') */
    int rebuild;        /* dataset, model or seed changed: rebuild problem and trainer */
    int clear_history;  /* forget the loss history and its marks; training goes on */
    int grid_w, grid_h; /* boundary grid the UI wants (cells) */
    int geometry;       /* the geometry view is open: keep snapshot.geo current */
    int quit;
    /* points from the mouse (2-D classification): applied in order between
     * mini-batches, then the queue empties (a full queue drops new ones) */
    int n_edits;
    PointEdit edits[POINT_EDITS_MAX];
    /* 'S': write the scene to save_path when save_req moves past the
     * snapshot's save_done (scene.h) */
    unsigned long save_req;
    char save_path[1024];
    int save_n_runs;                    /* compare mode: every run's settings, */
    RunSpec save_runs[CONFIG_MAX_RUNS]; /* saved with the scene (0: one run) */
    unsigned long version;
} LiveControl;

/* History of evaluated epochs (one entry per publish or per epoch when
 * epochs are slow), decimated by two when full so it never grows past
 * LIVE_HISTORY_MAX. */
#define LIVE_HISTORY_MAX 4096
/* Knob changes kept with the history (the oldest drop out first). */
#define LIVE_MARKS_MAX 32
#define LIVE_MARK_LABEL 40

typedef struct {
    unsigned long version;         /* bumps on every publish */
    unsigned long problem_version; /* bumps when data/model were rebuilt */
    /* status */
    long epoch;
    double epochs_per_sec;
    int paused, diverged;
    int early_stopped;       /* early stopping has restored the best weights */
    int pause_reached;       /* training paused at cfg.pause_epoch (space trains on) */
    char message[512];       /* last error or notice, "" if none */
    unsigned long save_done; /* the last save_req handled, and how it went */
    char save_msg[256];
    int n_train;     /* training points */
    Config cfg;      /* the settings this snapshot was trained with */
    Metrics metrics; /* of the last evaluation */
    /* history */
    int n_hist;
    long hist_epoch[LIVE_HISTORY_MAX];
    double hist_train[LIVE_HISTORY_MAX], hist_val[LIVE_HISTORY_MAX];
    double hist_data[LIVE_HISTORY_MAX], hist_penalty[LIVE_HISTORY_MAX];
    /* the two weights at each history entry (NaN unless geometry_fits):
     * the geometry view's trajectory */
    double hist_w1[LIVE_HISTORY_MAX], hist_w2[LIVE_HISTORY_MAX];
    long best_epoch; /* epoch of the lowest validation loss, -1 if none */
    /* knob changes since the history began, oldest first: the epoch each took
     * effect at and what changed, "lambda 0.03" (several at one epoch merge) */
    int n_marks;
    long mark_epoch[LIVE_MARKS_MAX];
    char mark_label[LIVE_MARKS_MAX][LIVE_MARK_LABEL];
    /* model */
    Model model; /* copy: layer shapes and params (params owned) */
    size_t params_cap;
    /* data, for plotting: raw inputs (d_raw <= 2 only), class or target */
    Task task;
    int n_classes, d_raw, d;
    char class_names[8][24];
    int n_points, points_cap;
    double *px, *py;     /* x1 and x2 (or x and y for 1-D regression) */
    int *pclass;         /* class id, or -1 for regression */
    unsigned char *pval; /* 1 for validation points */
    int n_feat_names, feat_cap;
    char (*feat_names)[24];
    /* generated data with known true weights (data_true_weights), a linear
     * model on its raw inputs: those weights on the model's input scale
     * (standardized when the inputs are), n_feat_names of them */
    int has_truth;
    double *truth;
    size_t truth_cap;
    /* boundary grid over [x0,x1] x [y0,y1], row 0 at the bottom (y0): for a
     * classifier the probability of class 1 (binary) or the class id plus
     * its probability (k classes), for regression the predicted value. */
    int grid_w, grid_h;
    double x0, x1, y0, y1;
    double *grid_value; /* grid_w*grid_h: p(class 1), value, or top probability */
    int *grid_class;    /* grid_w*grid_h: predicted class (classify) */
    size_t grid_cap;
    /* 1-D regression: fitted curve at curve_n points over [x0, x1] */
    int curve_n;
    double curve_x[256], curve_y[256];
    /* geometry view (control.geometry set): geo.ok when the model has two
     * weights; the zero count (geo.has_rates) for --data corr only */
    GeoView geo;
} LiveSnapshot;

typedef struct Live Live;

/* Builds the problem and trainer from cfg (errors reported before the
 * thread starts) and starts training, paused if start_paused. */
Live *live_start(const Config *cfg, int start_paused, Err *err);
/* Asks the thread to quit, joins it and frees everything. */
void live_stop(Live *lv);

/* Control block access: lock, edit, unlock (which bumps the version and
 * wakes a sleeping trainer). */
LiveControl *live_control_lock(Live *lv);
void live_control_unlock(Live *lv);

/* A copy of the control block as it stands, without counting as an edit
 * (the training thread is not woken). */
void live_control_read(Live *lv, LiveControl *out);

/* The front snapshot, valid until live_snapshot_unlock. */
const LiveSnapshot *live_snapshot_lock(Live *lv);
void live_snapshot_unlock(Live *lv);
/* Every run's front snapshot into s[0..n-1], locked in index order (a
 * training thread never takes another run's lock, so this cannot
 * deadlock); live_snapshots_unlock gives them back in reverse. */
void live_snapshots_lock(Live *const *lv, int n, const LiveSnapshot **s);
void live_snapshots_unlock(Live *const *lv, int n);

#endif
