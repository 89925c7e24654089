#include "keys.h"

#include <curses.h>
#include <stdio.h>
#include <time.h>

#include "lesson_ui.h"
#include "pathview.h"
#include "tuneview.h"

typedef struct {
    int key;
    const char *label; /* NULL: listed with the binding above */
    const char *help;
    Reaction (*run)(UiState *ui, int arg);
    int arg;
} KeyBinding;

Reaction keys_knob(UiState *ui, KnobId k, int dir)
{
    if (!knob_visible(&ui->cfg, k)) {
        knob_hidden_reason(k, ui->notice, sizeof ui->notice);
        return REACT_NONE;
    }
    if (!knob_step(&ui->cfg, k, dir))
        return REACT_NONE;
    ui->focus = (int)k;
    return knob_info(k)->affects & KA_REBUILD ? REACT_REBUILD : REACT_HYPER;
}

static Reaction knob_down(UiState *ui, int k) { return keys_knob(ui, (KnobId)k, -1); }
static Reaction knob_up(UiState *ui, int k) { return keys_knob(ui, (KnobId)k, +1); }
static Reaction focus_move(UiState *ui, int dir)
{
    do /* skip the knobs not shown (knob_visible) */
        ui->focus = (ui->focus + dir + KNOB_COUNT) % KNOB_COUNT;
    while (!knob_visible(&ui->cfg, (KnobId)ui->focus));
    return REACT_NONE;
}
static Reaction focused_change(UiState *ui, int dir)
{
    return keys_knob(ui, (KnobId)ui->focus, dir);
}
Reaction keys_select_run(UiState *ui, int run)
{
    if (ui->n_runs < 2 || run < 0 || run >= ui->n_runs || run == ui->sel)
        return REACT_NONE;
    ui->run_hyper[ui->sel] = ui->cfg.hyper;
    ui->sel = run;
    ui->cfg.hyper = ui->run_hyper[run];
    snprintf(ui->notice, sizeof ui->notice, "keys now turn run %s", ui->run_name[run]);
    return REACT_NONE;
}
static Reaction tab_key(UiState *ui, int dir)
{
    if (ui->n_runs > 1) /* compare mode: Tab picks the run the keys turn */
        return keys_select_run(ui, (ui->sel + dir + ui->n_runs) % ui->n_runs);
    return focus_move(ui, dir);
}
static Reaction toggle_pause(UiState *ui, int arg)
{
    (void)arg;
    ui->paused = !ui->paused;
    return REACT_PAUSE;
}
static Reaction step_epoch(UiState *ui, int arg)
{
    (void)arg;
    Reaction r = REACT_STEP;
    if (!ui->paused) {
        ui->paused = 1;
        r |= REACT_PAUSE;
    }
    return r;
}
static Reaction reset_weights(UiState *ui, int arg)
{
    (void)arg;
    if (!ui->diverged)
        return REACT_RESET;
    ui->paused = 0; /* recovering from divergence: train again */
    return REACT_RESET | REACT_PAUSE;
}
static Reaction new_seed(UiState *ui, int arg)
{
    (void)arg;
    /* a fresh seed from the clock: new data, split and initial weights */
    ui->cfg.seed = (uint64_t)time(NULL) % 100000 + 2;
    return REACT_REBUILD;
}
static Reaction toggle(UiState *ui, int which)
{
    int *flags[] = {&ui->show_help, &ui->show_val, &ui->shade_prob, &ui->log_scale, &ui->explain};
    *flags[which] = !*flags[which];
    return REACT_NONE;
}
static Reaction fit_weight_axes(UiState *ui, int arg)
{
    (void)arg;
    held_scale_reset(&ui->weight_axis);
    return REACT_NONE;
}
static Reaction loss_whole_history(UiState *ui, int arg)
{
    (void)arg;
    ui->loss_whole = !ui->loss_whole;
    return REACT_NONE;
}
static Reaction path_view(UiState *ui, int arg)
{
    (void)arg;
    ui->geometry = 0;
    tuneview_app_close(ui);
    pathview_toggle(ui); /* pathview.c */
    return REACT_NONE;
}
/* Actions whose work is the loop's (they start or stop runs, or talk to the
 * training thread): arg is the reaction. */
static Reaction react(UiState *ui, int arg)
{
    (void)ui;
    return (Reaction)arg;
}

/* T: the next theme (dark, light, mono), for the room's projector. */
static Reaction next_theme(UiState *ui, int arg)
{
    (void)arg;
    ui->cfg.theme = (ui->cfg.theme + 1) % CONFIG_THEMES;
    snprintf(ui->notice, sizeof ui->notice, "theme %s (T: the next one)",
             config_theme_names[ui->cfg.theme]);
    return REACT_NONE;
}

/* n: in a lesson the next step, else the class the next click adds. */
static Reaction next_key(UiState *ui, int arg)
{
    (void)arg;
    return ui->lesson ? lesson_ui_step(ui, +1) : REACT_NEXT_CLASS;
}
static Reaction lesson_key(UiState *ui, int dir)
{
    return ui->lesson ? lesson_ui_step(ui, dir) : REACT_UNKNOWN;
}
/* h: in a lesson with steps the step's hint, else the tuning view. */
static Reaction lesson_hint(UiState *ui, int arg)
{
    (void)arg;
    if (!ui->lesson) {
        ui->geometry = 0;
        pathview_app_close(ui);
        tuneview_toggle(ui); /* tuneview.c */
        return REACT_HYPER;  /* the control block carries the geometry flag */
    }
    const LessonStep *st = &ui->lesson->steps[ui->step];
    if (!st->hint[0])
        snprintf(ui->notice, sizeof ui->notice, "step %d has no hint", ui->step + 1);
    ui->show_hint = !ui->show_hint;
    return REACT_NONE;
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
    {'{', "{ / }", "--data corr: direction of the true weights down / up", knob_down,
     KNOB_DIRECTION},
    {'}', NULL, NULL, knob_up, KNOB_DIRECTION},
    {'u', "u", "L1 method: prox (exact zeros) / subgradient", knob_up, KNOB_L1_METHOD},
    {'v', "v / V", "penalty family: enet / group / mcp / scad", knob_up, KNOB_PENALTY},
    {'V', NULL, NULL, knob_down, KNOB_PENALTY},
    {'(', "( / )", "mcp, scad: gamma (concavity) down / up", knob_down, KNOB_GAMMA},
    {')', NULL, NULL, knob_up, KNOB_GAMMA},
    {KEY_UP, "up / down, Tab", "move focus between controls", focus_move, -1},
    {KEY_DOWN, NULL, NULL, focus_move, +1},
    {'\t', NULL, NULL, tab_key, +1},
    {KEY_BTAB, NULL, NULL, tab_key, -1},
    {'c', "c", "compare: a second run with alpha flipped, side by side (again: back)", react,
     REACT_COMPARE},
    {'1', "1-4, Tab", "in compare mode: the run the keys turn", keys_select_run, 0},
    {'2', NULL, NULL, keys_select_run, 1},
    {'3', NULL, NULL, keys_select_run, 2},
    {'4', NULL, NULL, keys_select_run, 3},
    {KEY_LEFT, "left / right", "change the focused control (or mouse wheel)", focused_change, -1},
    {KEY_RIGHT, NULL, NULL, focused_change, +1},
    {' ', "space", "pause / resume", toggle_pause, 0},
    {'s', "s", "one epoch (pauses)", step_epoch, 0},
    {'r', "r", "reset weights (recovers from divergence)", reset_weights, 0},
    {'R', "R", "new random seed: data, split, weights", new_seed, 0},
    {'t', "t", "show / hide validation points", toggle, 1},
    {'b', "b", "shade: class / probability", toggle, 2},
    {'i', "i", "explain: what each panel shows and how to read it (i again: off)", toggle, 4},
    {'T', "T", "theme: dark / light (black on white, for projectors) / mono", next_theme, 0},
    {'o', "o", "loss plot: linear / log scale", toggle, 3},
    {'H', "H", "loss plot: the whole history / the epochs since the last change",
     loss_whole_history, 0},
    {'C', "C", "clear the loss history and its change marks (training goes on)", react,
     REACT_CLEAR},
    {'z', "z", "weight axes: fit them to the weights now (else they hold, widening when needed)",
     fit_weight_axes, 0},
    {'?', "?", "this help (any key closes it)", toggle, 0},
    {KEY_F(1), NULL, NULL, toggle, 0},
    {'w', "w", "write the screen to regscope-DATE-TIME.{txt,html,svg}", react, REACT_EXPORT},
    {'y', "y", "write the settings as a scikit-learn script (.py)", react, REACT_EXPORT_CODE},
    {'n', "click / n", "data panel: left click adds a point (n: next class), right click class 1",
     next_key, 0},
    {'N', "n / N, Enter", "lesson: the next step (once its check holds) / the step before",
     lesson_key, -1},
    {'\n', NULL, NULL, lesson_key, +1},
    {KEY_ENTER, NULL, NULL, lesson_key, +1},
    {'h', "h",
     "tuning grid, alpha x lambda by CV (in a lesson: the step's hint): arrows move, Enter "
     "apply, h/Esc close",
     lesson_hint, 0},
    {'x', "x", "remove the training point nearest the last click", react, REACT_REMOVE_POINT},
    {'S', "S", "save the scene (settings, points, weights) to --save FILE or a .scene", react,
     REACT_SAVE_SCENE},
    {'p', "p",
     "regularization path (linear): <-/-> PgUp/PgDn Home/End move, Enter apply, p/Esc close",
     path_view, 0},
    {'g', "g",
     "geometry: loss contours over (w1, w2), the penalty's shape, the solution (again: back)",
     react, REACT_GEOMETRY},
    {'q', "q", "quit (prints the command line to reopen)", react, REACT_QUIT},
};
#define N_BINDINGS (int)(sizeof bindings / sizeof bindings[0])

Reaction keys_dispatch(UiState *ui, int key)
{
    for (int i = 0; i < N_BINDINGS; i++)
        if (bindings[i].key == key)
            return bindings[i].run(ui, bindings[i].arg);
    return REACT_UNKNOWN;
}

int keys_help_rows(HelpRow *rows, int max)
{
    int n = 0;
    for (int i = 0; i < N_BINDINGS && n < max; i++)
        if (bindings[i].label)
            rows[n++] = (HelpRow){bindings[i].label, bindings[i].help};
    return n;
}
