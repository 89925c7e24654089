/* app: the interactive TUI. One loop owns the terminal: read a key (with a
 * timeout), update state, draw the latest snapshot, repeat. */
#ifndef REGSCOPE_APP_H
#define REGSCOPE_APP_H

#include "config.h"
#include "keys.h"
#include "keyscript.h"
#include "record.h"
#include "live.h"
#include "ui_state.h"

typedef struct App {
    Live *live[CONFIG_MAX_RUNS]; /* live[0] alone, or one per compare run */
    int n_live;
    UiState ui;
    Reaction pending; /* what the keys changed, not yet handed to the training threads */
    int quit;
    int geometry_switched;  /* 'g' replaced the scene by a two-weight one... */
    Config before_geometry; /* ...and this one comes back when 'g' closes the view */
    KeyScript keys;         /* --keys: presses played in, on time */
    Recorder *rec;          /* --record: the session as an asciicast, or NULL */
    int marked;             /* --record: the lesson's point is marked */
    int marked_step;        /* --record: the lesson step last marked (-1: none yet) */
} App;

/* Runs the TUI until q or a signal; returns the exit status. Prints the
 * command line that reopens the final settings on the way out. */
int app_run(const Config *cfg, Err *err);

#endif
