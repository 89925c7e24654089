/* ui_state: what the UI shows besides the snapshot, and where it put
 * things. Every part of ui/ below app.c reads and changes this, never the
 * App (which owns the training threads). */
#ifndef REGSCOPE_UI_STATE_H
#define REGSCOPE_UI_STATE_H

#include "canvas.h"
#include "config.h"
#include "held_scale.h"
#include "knobs.h"
#include "lesson_file.h"

/* The panels the i key's overlay explains (explain.h). */
typedef enum {
    PANEL_BOUNDARY,
    PANEL_PREDICTION, /* a regression on two inputs */
    PANEL_CURVE,
    PANEL_BARS,
    PANEL_LOSS,
    PANEL_HIST,
    PANEL_CONTROLS,
    PANEL_PATH,
    PANEL_GEOMETRY,
    PANEL_TUNE,
    PANEL_KINDS
} PanelKind;

typedef struct {
    Config cfg; /* the settings as the person set them (shown at once) */
    int focus;  /* KnobId with focus */
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
    struct TuneView *tune; /* 'h': the tuning grid view (tuneview.h); NULL = closed */
    int geometry;          /* 'g': the geometry view (two-weight models) is open */
    /* the |w| axis of the weight histogram and bars, held across frames
     * (held_scale.h); starts over when the problem is rebuilt, or on 'z' */
    HeldScale weight_axis;
    unsigned long weight_axis_problem;
    int loss_whole; /* 'H': the loss plot shows the whole history, not the window since a change */
    int explain;    /* 'i': each panel says what it shows (explain.h) */
    /* a lesson with steps (lesson_ui.h): NULL when none */
    LessonFile *lesson;
    int step, step_holds, show_hint;
    Rect panel_rect[PANEL_KINDS]; /* where the frame drew each kind; w 0 = not drawn */
} UiState;

#endif
