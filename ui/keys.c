#include "keys.h"

#include <curses.h>
#include <stdio.h>
#include <time.h>

#include "export.h"
#include "scene_ui.h"
#include "pathview.h"

typedef struct {
    int key;
    const char *label; /* NULL: listed with the binding above */
    const char *help;
    void (*run)(App *a, int arg);
    int arg;
} KeyBinding;

static void knob_down(App *a, int k) { app_knob(a, (KnobId)k, -1); }
static void knob_up(App *a, int k) { app_knob(a, (KnobId)k, +1); }
static void focus_move(App *a, int dir)
{
    do /* skip the knobs not shown (knob_visible) */
        a->ui.focus = (a->ui.focus + dir + KNOB_COUNT) % KNOB_COUNT;
    while (!knob_visible(&a->ui.cfg, (KnobId)a->ui.focus));
}
static void focused_change(App *a, int dir) { app_knob(a, (KnobId)a->ui.focus, dir); }
static void tab_key(App *a, int dir)
{
    if (a->ui.n_runs > 1) /* compare mode: Tab picks the run the keys turn */
        app_select_run(a, (a->ui.sel + dir + a->ui.n_runs) % a->ui.n_runs);
    else
        focus_move(a, dir);
}
static void select_run(App *a, int run) { app_select_run(a, run); }
static void compare(App *a, int arg)
{
    (void)arg;
    app_toggle_compare(a);
}
static void toggle_pause(App *a, int arg)
{
    (void)arg;
    a->ui.paused = !a->ui.paused;
    a->push_pause = 1;
}
static void step_epoch(App *a, int arg)
{
    (void)arg;
    if (!a->ui.paused) {
        a->ui.paused = 1;
        a->push_pause = 1;
    }
    a->push_step = 1;
}
static void reset_weights(App *a, int arg)
{
    (void)arg;
    a->push_reset = 1;
    if (a->ui.diverged) { /* recovering from divergence: train again */
        a->ui.paused = 0;
        a->push_pause = 1;
    }
}
static void new_seed(App *a, int arg)
{
    (void)arg;
    /* a fresh seed from the clock: new data, split and initial weights */
    a->ui.cfg.seed = (uint64_t)time(NULL) % 100000 + 2;
    a->push_rebuild = 1;
}
static void toggle(App *a, int which)
{
    int *flags[] = {&a->ui.show_help, &a->ui.show_val, &a->ui.shade_prob, &a->ui.log_scale};
    *flags[which] = !*flags[which];
}
static void fit_weight_axes(App *a, int arg)
{
    (void)arg;
    held_scale_reset(&a->ui.weight_axis);
}
static void loss_whole_history(App *a, int arg)
{
    (void)arg;
    a->ui.loss_whole = !a->ui.loss_whole;
}
static void clear_history(App *a, int arg)
{
    (void)arg;
    a->push_clear = 1;
}
static void export_frame(App *a, int arg)
{
    (void)arg;
    a->want_export = 1; /* the loop writes the frame on screen */
}
static void export_script(App *a, int arg)
{
    (void)arg;
    export_code(&a->ui.cfg, NULL, time(NULL), a->ui.notice, sizeof a->ui.notice);
}
static void path_view(App *a, int arg)
{
    (void)arg;
    a->ui.geometry = 0;
    pathview_toggle(&a->ui); /* pathview.c */
}
static void geometry_view(App *a, int arg)
{
    (void)arg;
    app_toggle_geometry(a);
}
static void quit(App *a, int arg)
{
    (void)arg;
    a->quit = 1;
}

static const KeyBinding bindings[] = {
    {'l', "l / L", "lambda down / up", knob_down, KNOB_LAMBDA},
    {'L', NULL, NULL, knob_up, KNOB_LAMBDA},
    {'a', "a / A", "alpha down / up (1 = L1, 0 = L2)", knob_down, KNOB_ALPHA},
    {'A', NULL, NULL, knob_up, KNOB_ALPHA},
    {'k', "k / K", "dropout keep probability down / up", knob_down, KNOB_KEEP},
    {'K', NULL, NULL, knob_up, KNOB_KEEP},
    {'j', "j / J", "input jitter (data augmentation) down / up", knob_down, KNOB_AUGMENT},
    {'J', NULL, NULL, knob_up, KNOB_AUGMENT},
    {'e', "e / E", "learning rate down / up", knob_down, KNOB_LR},
    {'E', NULL, NULL, knob_up, KNOB_LR},
    {'d', "d / D", "next / previous dataset", knob_up, KNOB_DATA},
    {'D', NULL, NULL, knob_down, KNOB_DATA},
    {'m', "m / M", "next / previous model", knob_up, KNOB_MODEL},
    {'M', NULL, NULL, knob_down, KNOB_MODEL},
    {'f', "f / F", "next / previous feature expansion", knob_up, KNOB_FEATURES},
    {'F', NULL, NULL, knob_down, KNOB_FEATURES},
    {'<', "< / >", "slower / faster (epochs per second, max)", knob_down, KNOB_SPEED},
    {'>', NULL, NULL, knob_up, KNOB_SPEED},
    {'[', "[ / ]", "--data corr: correlation of the two features down / up", knob_down, KNOB_CORR},
    {']', NULL, NULL, knob_up, KNOB_CORR},
    {'{', "{ / }", "--data corr: direction of the true weights down / up", knob_down, KNOB_DIRECTION},
    {'}', NULL, NULL, knob_up, KNOB_DIRECTION},
    {'u', "u", "L1 method: prox (exact zeros) / subgradient", knob_up, KNOB_L1_METHOD},
    {KEY_UP, "up / down, Tab", "move focus between controls", focus_move, -1},
    {KEY_DOWN, NULL, NULL, focus_move, +1},
    {'\t', NULL, NULL, tab_key, +1},
    {KEY_BTAB, NULL, NULL, tab_key, -1},
    {'c', "c", "compare: a second run with alpha flipped, side by side (again: back)", compare, 0},
    {'1', "1-4, Tab", "in compare mode: the run the keys turn", select_run, 0},
    {'2', NULL, NULL, select_run, 1},
    {'3', NULL, NULL, select_run, 2},
    {'4', NULL, NULL, select_run, 3},
    {KEY_LEFT, "left / right", "change the focused control (or mouse wheel)", focused_change, -1},
    {KEY_RIGHT, NULL, NULL, focused_change, +1},
    {' ', "space", "pause / resume", toggle_pause, 0},
    {'s', "s", "one epoch (pauses)", step_epoch, 0},
    {'r', "r", "reset weights (recovers from divergence)", reset_weights, 0},
    {'R', "R", "new random seed: data, split, weights", new_seed, 0},
    {'t', "t", "show / hide validation points", toggle, 1},
    {'b', "b", "shade: class / probability", toggle, 2},
    {'o', "o", "loss plot: linear / log scale", toggle, 3},
    {'H', "H", "loss plot: the whole history / the epochs since the last change", loss_whole_history, 0},
    {'C', "C", "clear the loss history and its change marks (training goes on)", clear_history, 0},
    {'z', "z", "weight axes: fit them to the weights now (else they hold, widening when needed)",
     fit_weight_axes, 0},
    {'?', "?", "this help (any key closes it)", toggle, 0},
    {KEY_F(1), NULL, NULL, toggle, 0},
    {'w', "w", "write the screen to regscope-DATE-TIME.{txt,html,svg}", export_frame, 0},
    {'y', "y", "write the settings as a scikit-learn script (.py)", export_script, 0},
    {'n', "click / n", "data panel: left click adds a point (n: next class), right click class 1",
     scene_ui_next_class, 0},
    {'x', "x", "remove the training point nearest the last click", scene_ui_remove, 0},
    {'S', "S", "save the scene (settings, points, weights) to --save FILE or a .scene", scene_ui_save, 0},
    {'p', "p", "regularization path (linear): <-/-> PgUp/PgDn Home/End move, Enter apply, p/Esc close", path_view, 0},
    {'g', "g", "geometry: loss contours over (w1, w2), the penalty's shape, the solution (again: back)",
     geometry_view, 0},
    {'q', "q", "quit (prints the command line to reopen)", quit, 0},
};
#define N_BINDINGS (int)(sizeof bindings / sizeof bindings[0])

int keys_dispatch(App *a, int key)
{
    for (int i = 0; i < N_BINDINGS; i++)
        if (bindings[i].key == key) {
            bindings[i].run(a, bindings[i].arg);
            return 1;
        }
    return 0;
}

int keys_help_rows(HelpRow *rows, int max)
{
    int n = 0;
    for (int i = 0; i < N_BINDINGS && n < max; i++)
        if (bindings[i].label)
            rows[n++] = (HelpRow){bindings[i].label, bindings[i].help};
    return n;
}
