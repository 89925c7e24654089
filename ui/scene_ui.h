/* scene_ui: the TUI's side of points with the mouse and of scenes.
 *
 * On the 2-D data panel a left click adds a training point of the current
 * class (n cycles it; class 0 at first), a right click one of class 1, and
 * x removes the training point nearest the last click. The edits go to the
 * training thread through the control block (live.h), which trains on with
 * the new data (standardizer unchanged). S writes the scene (scene.h) to
 * --save FILE or regscope-DATE-TIME.scene (-2, -3, ... when taken), with
 * every run's settings in compare mode. */
#ifndef REGSCOPE_SCENE_UI_H
#define REGSCOPE_SCENE_UI_H

#include "live.h"
#include "term.h"
#include "ui_state.h"

/* What the scene keys act on: the UI state and the runs' trainers. */
typedef struct {
    UiState *ui;
    Live *const *live;
    int n_live;
} SceneRuns;

/* A click inside ui.plot_rect (one run only): queues a point and returns 1;
 * 0 when the event is not for the data panel. */
int scene_ui_mouse(const SceneRuns *a, const TermEvent *ev);
/* Keys (the loop, on keys.c's reactions): n next class, x remove nearest,
 * S save the scene. */
void scene_ui_next_class(const SceneRuns *a);
void scene_ui_remove(const SceneRuns *a);
void scene_ui_save(const SceneRuns *a);

/* Cell (cx, cy) of the boundary panel's inner rect r -> data coordinates
 * over [x0,x1] x [y0,y1] (row 0 of the data at the bottom; the legend
 * row, when r has >= 4 rows, is not part of the plot). 0, or -1 when the
 * cell is outside the plot. */
int scene_ui_cell_to_data(Rect r, double x0, double x1, double y0, double y1, int cx, int cy,
                          double *x, double *y);

#endif
