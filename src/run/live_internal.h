/* live_internal: the Live object behind live.h's opaque handle, shared by
 * live.c (the training thread, the control block, the history, the UI's
 * side) and live_snapshot.c (filling the back snapshot). Private to the live
 * module, not part of the public API: include it from live*.c only. */
#ifndef REGSCOPE_LIVE_INTERNAL_H
#define REGSCOPE_LIVE_INTERNAL_H

#include <stdatomic.h>
#include <stdlib.h>

#include "live.h"

struct Live {
    pthread_mutex_t mu;
    pthread_cond_t wake;
    pthread_t thread;
    int started;
    LiveControl ctl;          /* guarded by mu */
    atomic_ulong ctl_version; /* ctl.version, readable without the lock */
    LiveSnapshot snap[2];
    LiveSnapshot *front, *back; /* front guarded by mu; back owned by the trainer thread */
    /* ---- owned by the training thread ---- */
    Config cfg;
    Problem problem;
    Trainer *trainer;
    unsigned long seen_version, problem_version;
    int paused, diverged;
    char message[512];
    long best_epoch;
    int n_hist;
    long hist_epoch[LIVE_HISTORY_MAX];
    double hist_train[LIVE_HISTORY_MAX], hist_val[LIVE_HISTORY_MAX];
    double hist_data[LIVE_HISTORY_MAX], hist_penalty[LIVE_HISTORY_MAX];
    double hist_w1[LIVE_HISTORY_MAX], hist_w2[LIVE_HISTORY_MAX];
    double best_val;
    int n_marks; /* knob changes (live.h), with the Hyper before each */
    long mark_epoch[LIVE_MARKS_MAX];
    char mark_label[LIVE_MARKS_MAX][LIVE_MARK_LABEL];
    Hyper mark_before[LIVE_MARKS_MAX];
    double *best_params; /* --early-stop: the weights at best_epoch */
    size_t best_cap;
    int early_stopped;                       /* stopped once for this history: train on if asked */
    int pause_reached;                       /* paused once at cfg.pause_epoch for this history */
    double x0, x1, y0, y1;                   /* plot range of the raw data */
    double *grid_raw, *grid_feat, *grid_out; /* grid scratch */
    size_t grid_cap_raw, grid_cap_feat, grid_cap_out;
    int grid_w, grid_h;
    double eps_rate;             /* smoothed epochs per second */
    double rate_t0, rate_epochs; /* its window: start (0 = none) and epochs since */
    double speed;                /* epochs/s limit, 0 = none */
    double next_step_at;         /* with a limit: when the next mini-batch may run */
    Metrics metrics;
    unsigned long save_done; /* the last scene save handled ('S') */
    char save_msg[256];
    /* geometry view: computed only while the UI asks, each part when stale */
    int want_geo;
    int geo_landscape_stale, geo_rates_stale;
    GeoView geo;
};

/* Grows *p to hold want elements of size elem; *cap counts elements. */
static inline int grow(void *pp, size_t *cap, size_t want, size_t elem)
{
    void **p = pp;
    if (want <= *cap)
        return 0;
    void *q = realloc(*p, want * elem);
    if (!q)
        return -1;
    *p = q;
    *cap = want;
    return 0;
}

/* ---- live_snapshot.c ----------------------------------------------------- */

/* Fills lv->back from the training thread's state. Training thread only (or
 * before it starts), no lock held: the back buffer is that thread's until
 * publish (live.c) swaps it to the front under the mutex. */
void live_fill_back(Live *lv);
/* Frees what a snapshot owns (the struct itself is part of Live). */
void live_snapshot_free(LiveSnapshot *s);

#endif
