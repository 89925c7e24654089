/* app: the interactive TUI. One loop owns the terminal: read a key (with a
 * timeout), update state, draw the latest snapshot, repeat. */
#ifndef REGSCOPE_APP_H
#define REGSCOPE_APP_H

#include "config.h"
#include "knobs.h"
#include "live.h"
#include "canvas.h"

/* What the UI shows besides the snapshot, and where it put things. */
typedef struct {
    Config cfg;      /* the settings as the person set them (shown at once) */
    int focus;       /* KnobId with focus */
    int paused;
    int diverged; /* the last snapshot's: r then also resumes */
    int show_help, show_val, shade_prob, log_scale;
    char notice[160];
    /* filled by screen_render: where each knob is drawn (for the mouse),
     * and the boundary grid size the plot wants */
    Rect knob_rect[KNOB_COUNT];
    Rect plot_rect;
    int grid_w, grid_h;
} UiState;

typedef struct App {
    Live *live;
    UiState ui;
    int quit;
    int push_hyper, push_rebuild, push_reset, push_pause, push_step;
} App;

/* Runs the TUI until q or a signal; returns the exit status. Prints the
 * command line that reopens the final settings on the way out. */
int app_run(const Config *cfg, Err *err);

/* Knob and key actions (keys.c) change ui state and set push_* flags; the
 * loop hands them to the training thread. */
void app_knob(App *a, KnobId k, int dir);

#endif
