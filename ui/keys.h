/* keys: one table that is both the key dispatch and the help overlay, so
 * the help cannot go stale. A key's action changes the UI state only and
 * returns what it changed; the loop (app.c) hands that to the training
 * threads. */
#ifndef REGSCOPE_KEYS_H
#define REGSCOPE_KEYS_H

#include "ui_state.h"
#include "widgets.h"

/* What an action changed, as a bit set: the loop applies each bit. */
typedef unsigned Reaction;
enum {
    REACT_NONE = 0,
    REACT_HYPER = 1u << 0,   /* push the hyperparameters (and view flags) */
    REACT_REBUILD = 1u << 1, /* rebuild the problem from ui.cfg */
    REACT_RESET = 1u << 2,   /* restart the weights */
    REACT_PAUSE = 1u << 3,   /* push ui.paused */
    REACT_STEP = 1u << 4,    /* train one epoch */
    REACT_CLEAR = 1u << 5,   /* clear the loss history */
    REACT_EXPORT = 1u << 6,  /* write the frame on screen to files */
    REACT_QUIT = 1u << 7,
    REACT_COMPARE = 1u << 8,       /* open or close compare mode (starts / stops runs) */
    REACT_GEOMETRY = 1u << 9,      /* open or close the geometry view */
    REACT_NEXT_CLASS = 1u << 10,   /* scene_ui: the class a click adds */
    REACT_REMOVE_POINT = 1u << 11, /* scene_ui: remove the point nearest the click */
    REACT_SAVE_SCENE = 1u << 12,   /* scene_ui: save the scene */
    REACT_UNKNOWN = 1u << 13,      /* no binding for the key */
    REACT_EXPORT_CODE = 1u << 14,  /* write the settings as a scikit-learn script */
};

/* The bits the training threads take through the control block. */
#define REACT_TO_TRAINER                                                                           \
    (REACT_HYPER | REACT_REBUILD | REACT_RESET | REACT_PAUSE | REACT_STEP | REACT_CLEAR)

/* Runs the binding for key; REACT_UNKNOWN when there is none. */
Reaction keys_dispatch(UiState *ui, int key);
/* Fills rows (up to max) with the help lines; returns the count. */
int keys_help_rows(HelpRow *rows, int max);

/* Turns knob k one step (dir -1 / +1), also for the mouse wheel. */
Reaction keys_knob(UiState *ui, KnobId k, int dir);
/* Compare mode: makes run the one the keys turn (also a click on it). */
Reaction keys_select_run(UiState *ui, int run);

#endif
