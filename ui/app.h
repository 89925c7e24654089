/* app: the interactive TUI. One loop owns the terminal: read a key (with a
 * timeout), update state, draw the latest snapshot, repeat. */
#ifndef REGSCOPE_APP_H
#define REGSCOPE_APP_H

#include "config.h"
#include "knobs.h"
#include "live.h"
#include "canvas.h"
#include "held_scale.h"

/* What the UI shows besides the snapshot, and where it put things. */
typedef struct {
    Config cfg;      /* the settings as the person set them (shown at once) */
    int focus;       /* KnobId with focus */
    int paused;
    int diverged; /* the last snapshot's: r then also resumes */
    int show_help, show_val, shade_prob, log_scale;
    int help_first; /* help scrolled to this row (up / down / PgUp / PgDn) */
    char notice[224];
    /* points with the mouse (scene_ui.c): the class a left click adds ('n'
     * cycles it) and the last click on the data panel, in data units */
    int add_class;
    int has_click;
    double click_x, click_y;
    /* filled by screen_render: where each knob is drawn (for the mouse),
     * and the boundary grid size the plot wants */
    Rect knob_rect[KNOB_COUNT];
    Rect plot_rect;
    int grid_w, grid_h;
    /* compare mode: 2-4 runs side by side; cfg.hyper is the selected run's */
    int n_runs; /* 0 = one run */
    int sel;
    char run_name[CONFIG_MAX_RUNS][32];
    Hyper run_hyper[CONFIG_MAX_RUNS];
    Rect run_rect[CONFIG_MAX_RUNS]; /* filled by the compare layout, for the mouse */
    struct PathView *path; /* 'p': the regularization path view (pathview.h); NULL = closed */
    int geometry;          /* 'g': the geometry view (two-weight models) is open */
    /* the |w| axis of the weight histogram and bars, held across frames
     * (held_scale.h); starts over when the problem is rebuilt, or on 'z' */
    HeldScale weight_axis;
    unsigned long weight_axis_problem;
    int loss_whole; /* 'H': the loss plot shows the whole history, not the window since a change */
} UiState;

typedef struct App {
    Live *live[CONFIG_MAX_RUNS]; /* live[0] alone, or one per compare run */
    int n_live;
    UiState ui;
    int quit;
    int push_hyper, push_rebuild, push_reset, push_pause, push_step;
    int push_clear; /* 'C': clear the loss history (and its change marks) */
    int want_export; /* 'w': the loop writes the frame on screen to files (export.h) */
    int geometry_switched;   /* 'g' replaced the scene by a two-weight one... */
    Config before_geometry;  /* ...and this one comes back when 'g' closes the view */
} App;

/* Runs the TUI until q or a signal; returns the exit status. Prints the
 * command line that reopens the final settings on the way out. */
int app_run(const Config *cfg, Err *err);

/* Knob and key actions (keys.c) change ui state and set push_* flags; the
 * loop hands them to the training thread. */
void app_knob(App *a, KnobId k, int dir);
/* Compare mode: 'c' opens it from the current settings (a second run with
 * alpha flipped) or closes it; Tab / 1-4 pick the run the keys turn. */
void app_toggle_compare(App *a);
void app_select_run(App *a, int run);
/* 'g' opens or closes the geometry view; a model without exactly two
 * weights is switched to --data corr --model linear first (and says so). */
void app_toggle_geometry(App *a);

#endif
