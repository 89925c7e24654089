#include "app.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curses.h>

#include "export.h"
#include "geometry.h"
#include "keys.h"
#include "scene_ui.h"
#include "screen.h"
#include "term.h"
#include "lesson_ui.h"
#include "pathview.h"
#include "tuneview.h"

static volatile sig_atomic_t got_signal;

static void on_signal(int sig) { got_signal = sig; }

/* A session ended by a signal exits 128 + its number, as a shell reports a
 * killed command, so a script tells it from q; the terminal is restored and
 * the command line printed all the same. */
static int signal_status(Err *err)
{
    int sig = got_signal;
    if (!sig)
        return 0;
    const char *name = sig == SIGINT    ? "SIGINT"
                       : sig == SIGTERM ? "SIGTERM"
                       : sig == SIGHUP  ? "SIGHUP"
                                        : "a signal";
    err_set(err, ERR_INTERNAL, "stopped by %s", name);
    return 128 + sig;
}

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

/* The settings run i trains with: the shared ones, with its own hyper in
 * compare mode (the selected run's are the ones being edited in ui.cfg). */
static Config run_config(const App *a, int i)
{
    Config c = a->ui.cfg;
    if (a->ui.n_runs > 1 && i != a->ui.sel)
        c.hyper = a->ui.run_hyper[i];
    c.n_runs = 0;
    return c;
}

/* Hands what the keys changed to the training threads, and takes back the
 * settings really in force (a refused data set reverts them). */
static void sync_control(App *a)
{
    Reaction r = a->pending & REACT_TO_TRAINER;
    int pushed = r != 0;
    int sel = a->ui.n_runs > 1 ? a->ui.sel : 0;
    LiveControl now;
    live_control_read(a->live[sel], &now);
    /* The thread pauses itself (early stop, --pause-at, divergence): unless
     * a key just paused or resumed, a push must not undo that with the
     * state this frame began with. */
    if (!(r & REACT_PAUSE))
        a->ui.paused = now.paused;
    if (!pushed && now.grid_w == a->ui.grid_w && now.grid_h == a->ui.grid_h &&
        now.geometry == a->ui.geometry) {
        /* Nothing new from us: follow the thread (divergence pauses it; a
         * refused rebuild restores the settings in force). */
        a->ui.paused = now.paused;
        if (!now.rebuild) { /* the UI's own settings stay: the thread has no use for them */
            Config mine = a->ui.cfg;
            a->ui.cfg = now.cfg;
            a->ui.cfg.n_runs = mine.n_runs;
            a->ui.cfg.theme = mine.theme;
            a->ui.cfg.font_size = mine.font_size;
        }
        return;
    }
    for (int i = 0; i < a->n_live; i++) {
        LiveControl *c = live_control_lock(a->live[i]);
        c->cfg = run_config(a, i);
        c->paused = a->ui.paused;
        c->rebuild |= (r & REACT_REBUILD) != 0;
        c->reset |= (r & REACT_RESET) != 0;
        c->step_epochs += (r & REACT_STEP) != 0;
        c->clear_history |= (r & REACT_CLEAR) != 0;
        c->grid_w = a->ui.grid_w;
        c->grid_h = a->ui.grid_h;
        c->geometry = a->ui.geometry;
        live_control_unlock(a->live[i]);
    }
    if (a->ui.n_runs > 1)
        a->ui.run_hyper[sel] = a->ui.cfg.hyper;
    a->pending &= ~REACT_TO_TRAINER;
}

/* A short name for a run from its penalty: L1, L2 or EN (elastic net). */
static void name_run(App *a, int i, const Hyper *h)
{
    const char *base = h->alpha >= 1 ? "L1" : h->alpha <= 0 ? "L2" : "EN";
    snprintf(a->ui.run_name[i], sizeof a->ui.run_name[i], "%s", base);
    for (int j = 0; j < i; j++)
        if (strcmp(a->ui.run_name[j], base) == 0)
            snprintf(a->ui.run_name[i], sizeof a->ui.run_name[i], "%s-%d", base, i + 1);
}

/* However the geometry view closed (g, or the path view, the tuning view
 * or compare mode taking its place), the scene it replaced comes back,
 * trained afresh; unless the data was changed away from corr meanwhile. */
static void restore_after_geometry(App *a)
{
    if (a->ui.geometry || !a->geometry_switched)
        return;
    a->geometry_switched = 0;
    if (strcmp(a->ui.cfg.data, "corr") != 0)
        return;
    Config back = a->before_geometry;
    back.n_runs = a->ui.cfg.n_runs; /* the runs on screen now */
    memcpy(back.runs, a->ui.cfg.runs, sizeof back.runs);
    a->ui.cfg = back;
    a->pending |= REACT_REBUILD;
    snprintf(a->ui.notice, sizeof a->ui.notice, "back to --data %.60s (trained afresh)",
             a->ui.cfg.data);
}

/* Compare mode: 'c' opens it from the current settings (a second run with
 * alpha flipped) or closes it. */
static void toggle_compare(App *a)
{
    if (a->ui.n_runs > 1) { /* back to one run: the selected one stays */
        int sel = a->ui.sel;
        for (int i = 0; i < a->n_live; i++)
            if (i != sel)
                live_stop(a->live[i]);
        a->live[0] = a->live[sel];
        a->n_live = 1;
        a->ui.n_runs = 0;
        a->ui.sel = 0;
        return;
    }
    /* A second run with alpha flipped, both restarted from the same
     * initial weights and batch order. */
    a->ui.geometry = 0; /* its plane is one run's */
    restore_after_geometry(a);
    Hyper h = a->ui.cfg.hyper;
    a->ui.run_hyper[0] = h;
    h.alpha = h.alpha >= 0.5 ? 0.0 : 1.0;
    int set_lambda = h.lambda == 0; /* without a penalty both runs would be one */
    if (set_lambda)
        h.lambda = a->ui.run_hyper[0].lambda = 0.01;
    a->ui.cfg.hyper = a->ui.run_hyper[0];
    a->ui.run_hyper[1] = h;
    Config c = a->ui.cfg;
    c.hyper = h;
    Err err = {0};
    Live *lv = live_start(&c, a->ui.paused, &err);
    if (!lv) {
        snprintf(a->ui.notice, sizeof a->ui.notice, "cannot start a second run: %.100s", err.msg);
        return;
    }
    a->live[1] = lv;
    a->n_live = 2;
    a->ui.n_runs = 2;
    a->ui.sel = 0;
    name_run(a, 0, &a->ui.run_hyper[0]);
    name_run(a, 1, &a->ui.run_hyper[1]);
    if (set_lambda) /* said on screen: a change the program made on its own */
        snprintf(a->ui.notice, sizeof a->ui.notice,
                 "lambda was 0: set to 0.01, so the runs differ");
    a->pending |= REACT_RESET;
    a->pending |= REACT_HYPER;
}

/* 'g' opens or closes the geometry view; a model without exactly two
 * weights is switched to --data corr --model linear first (and says so). */
static void toggle_geometry(App *a)
{
    if (a->ui.geometry) {
        a->ui.geometry = 0;
        restore_after_geometry(a);
        return;
    }
    if (a->ui.n_runs > 1) /* one plane, one run: the selected one stays */
        toggle_compare(a);
    if (a->ui.path)
        pathview_app_close(&a->ui);
    tuneview_app_close(&a->ui);
    a->ui.geometry = 1;
    a->pending |= REACT_HYPER; /* the control block carries the flag */
    const LiveSnapshot *s = live_snapshot_lock(a->live[0]);
    int fits = geometry_fits(&s->model);
    live_snapshot_unlock(a->live[0]);
    if (fits)
        return;
    /* Two correlated features and a linear model: the classic picture. */
    char what[160];
    a->before_geometry = a->ui.cfg;
    a->geometry_switched = 1;
    config_two_weight_scene(&a->ui.cfg, what, sizeof what);
    a->pending |= REACT_REBUILD;
    snprintf(a->ui.notice, sizeof a->ui.notice, "geometry needs two weights: now %s", what);
}

static void handle_mouse(App *a, const TermEvent *ev)
{
    for (int i = 0; i < a->ui.n_runs && ev->mouse == MOUSE_CLICK; i++) {
        Rect r = a->ui.run_rect[i];
        if (ev->mx >= r.x && ev->mx < r.x + r.w && ev->my >= r.y && ev->my < r.y + r.h) {
            keys_select_run(&a->ui, i);
            return;
        }
    }
    if (scene_ui_mouse(&(SceneRuns){&a->ui, a->live, a->n_live},
                       ev)) /* a click on the data panel adds a point */
        return;
    for (int k = 0; k < KNOB_COUNT; k++) {
        Rect r = a->ui.knob_rect[k];
        if (r.w > 0 && ev->mx >= r.x && ev->mx < r.x + r.w && ev->my == r.y) {
            a->ui.focus = k;
            if (ev->mouse == MOUSE_WHEEL_UP)
                a->pending |= keys_knob(&a->ui, (KnobId)k, +1);
            else if (ev->mouse == MOUSE_WHEEL_DOWN)
                a->pending |= keys_knob(&a->ui, (KnobId)k, -1);
            return;
        }
    }
    /* the wheel anywhere else turns the focused control */
    if (ev->mouse == MOUSE_WHEEL_UP || ev->mouse == MOUSE_WHEEL_DOWN)
        a->pending |= keys_knob(&a->ui, (KnobId)a->ui.focus, ev->mouse == MOUSE_WHEEL_UP ? +1 : -1);
}

/* Does the part of a key's action that needs the runs; the trainer's bits
 * wait in pending for sync_control, the export for the loop. */
static void apply_reaction(App *a, Reaction r)
{
    a->pending |= r & (REACT_TO_TRAINER | REACT_EXPORT);
    if (r & REACT_COMPARE)
        toggle_compare(a);
    if (r & REACT_GEOMETRY)
        toggle_geometry(a);
    restore_after_geometry(a); /* p and h close the geometry view on their own */
    if (r & REACT_NEXT_CLASS)
        scene_ui_next_class(&(SceneRuns){&a->ui, a->live, a->n_live});
    if (r & REACT_REMOVE_POINT)
        scene_ui_remove(&(SceneRuns){&a->ui, a->live, a->n_live});
    if (r & REACT_SAVE_SCENE)
        scene_ui_save(&(SceneRuns){&a->ui, a->live, a->n_live});
    if (r & REACT_EXPORT_CODE)
        export_code(&a->ui.cfg, NULL, time(NULL), a->ui.notice, sizeof a->ui.notice);
    if (r & REACT_QUIT)
        a->quit = 1;
}

static void handle_event(App *a, const TermEvent *ev)
{
    if (ev->key == TERM_KEY_NONE || ev->key == KEY_RESIZE)
        return;
    a->ui.notice[0] = '\0';
    if (a->ui.show_help && ev->key != KEY_MOUSE) {
        /* arrows and pages scroll help; any other key closes it, and only closes it */
        int step = ev->key == KEY_DOWN    ? 1
                   : ev->key == KEY_UP    ? -1
                   : ev->key == KEY_NPAGE ? 10
                   : ev->key == KEY_PPAGE ? -10
                                          : 0;
        if (step) {
            HelpRow rows[64];
            int n = keys_help_rows(rows, 64);
            a->ui.help_first += step;
            a->ui.help_first = a->ui.help_first < 0       ? 0
                               : a->ui.help_first > n - 1 ? n - 1
                                                          : a->ui.help_first;
        } else {
            a->ui.show_help = 0;
            a->ui.help_first = 0;
        }
        return;
    }
    if (ev->key == KEY_MOUSE) {
        handle_mouse(a, ev);
        return;
    }
    int tune_key = tuneview_app_key(&a->ui, ev->key); /* tuning view open: arrows, Enter, Esc */
    if (tune_key == TUNEVIEW_KEY_APPLIED)
        a->pending |= REACT_HYPER;
    if (tune_key)
        return;
    int path_key = pathview_app_key(&a->ui, ev->key); /* path view open: arrows, Enter, Esc */
    if (path_key == PATHVIEW_KEY_APPLIED)
        a->pending |= REACT_HYPER;
    if (path_key)
        return;
    Reaction r = keys_dispatch(&a->ui, ev->key);
    if (r & REACT_UNKNOWN && ev->key != 27)
        snprintf(a->ui.notice, sizeof a->ui.notice, "unknown key: press ? for help");
    apply_reaction(a, r & ~REACT_UNKNOWN);
}

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static const char *view_name(const UiState *ui, int n)
{
    ViewKind v = screen_view(ui, n);
    return v == VIEW_PATH       ? "path"
           : v == VIEW_GEOMETRY ? "geometry"
           : v == VIEW_TUNE     ? "tune"
                                : "main";
}

/* --record: a marker where the lesson makes its point (its pause epoch or
 * the early stop), once. */
static void mark_lesson_point(App *a, const LiveSnapshot *s, double t)
{
    if (!a->rec || a->marked || !a->ui.cfg.lesson_point[0] ||
        !(s->pause_reached || s->early_stopped))
        return;
    char label[256];
    snprintf(label, sizeof label, "lesson %s: %s", a->ui.cfg.lesson, a->ui.cfg.lesson_point);
    record_marker(a->rec, t, label);
    a->marked = 1;
}

static void loop(App *a, TermInfo *ti, Canvas *canvas)
{
    unsigned long drawn_version = 0;
    int dirty = 1;
    double t0 = seconds_now();
    while (!a->quit && !got_signal) {
        if (a->pending & REACT_EXPORT) { /* 'w': the frame on screen when the key came, then a
                                            redraw with the notice */
            a->pending &= ~REACT_EXPORT;
            export_screen(canvas, NULL, time(NULL), a->ui.notice, sizeof a->ui.notice);
            dirty = 1;
        }
        if (canvas->theme != a->ui.cfg.theme || canvas->font_px != a->ui.cfg.font_size) {
            canvas_set_theme(canvas, (CanvasTheme)a->ui.cfg.theme, ti->colour);
            canvas->font_px = a->ui.cfg.font_size;
            term_repaint(); /* the pairs are made anew: every cell changes colour */
            dirty = 1;
        }
        int cols, rows;
        term_size(&cols, &rows);
        if (cols != canvas->cols || rows != canvas->rows) {
            canvas_resize(canvas, cols, rows);
            term_repaint();
            dirty = 1;
        }
        const LiveSnapshot *s[CONFIG_MAX_RUNS];
        unsigned long version = 0;
        a->ui.diverged = 0;
        live_snapshots_lock(a->live, a->n_live, s);
        for (int i = 0; i < a->n_live; i++) {
            version += s[i]->version;
            a->ui.diverged |= s[i]->diverged;
        }
        int rendered = dirty || version != drawn_version;
        if (rendered) {
            screen_render_runs(canvas, s, a->n_live, &a->ui);
            drawn_version = version;
        }
        mark_lesson_point(a, s[0], seconds_now() - t0);
        lesson_ui_check(&a->ui, s[a->ui.n_runs > 1 ? a->ui.sel : 0], view_name(&a->ui, a->n_live));
        if (a->ui.lesson && a->ui.step != a->marked_step) { /* --record: a marker a step */
            char label[600];
            snprintf(label, sizeof label, "step %d/%d: %s", a->ui.step + 1, a->ui.lesson->n_steps,
                     a->ui.lesson->steps[a->ui.step].prompt);
            record_marker(a->rec, seconds_now() - t0, label);
            a->marked_step = a->ui.step;
        }
        live_snapshots_unlock(a->live, a->n_live);
        if (rendered) { /* ncurses diffs, but copying 12000 cells still costs ~1-2 ms */
            term_blit(canvas);
            record_frame(a->rec, canvas, seconds_now() - t0);
            dirty = 0;
        }
        sync_control(a);
        if (pathview_app_tick(
                &a->ui)) /* path progress / result / recompute: redraw even when paused */
            dirty = 1;
        if (tuneview_app_tick(&a->ui)) /* cells filling in, restarts */
            dirty = 1;
        /* Poll fast while training (a frame every ~33 ms); when paused,
         * wait longer: nothing changes until a key arrives. */
        TermEvent ev;
        term_read(&ev, a->ui.paused && !a->keys.n ? 250 : 33);
        int played = keyscript_due(&a->keys, seconds_now() - t0);
        if (ev.key == TERM_KEY_NONE && played >= 0) {
            ev.key = played; /* --keys: as if pressed */
            ev.mouse = MOUSE_NONE;
        } else if (played >= 0) {
            a->keys.next--; /* a real key first; the played one on the next turn */
        }
        if (ev.key != TERM_KEY_NONE) {
            handle_event(a, &ev);
            sync_control(a);
            dirty = 1;
        }
    }
    (void)ti;
}

static void stop_runs(App *a)
{
    for (int i = 0; i < a->n_live; i++)
        live_stop(a->live[i]);
    a->n_live = 0;
}

/* One live trainer, or one per --run (all from the same seed). */
static int start_runs(App *a, const Config *cfg, Err *err)
{
    int n = cfg->n_runs > 1 ? cfg->n_runs : 1;
    a->ui.n_runs = cfg->n_runs > 1 ? cfg->n_runs : 0;
    for (int i = 0; i < n; i++) {
        Config c = *cfg;
        c.n_runs = 0;
        if (a->ui.n_runs) {
            c.hyper = cfg->runs[i].hyper;
            a->ui.run_hyper[i] = c.hyper;
            snprintf(a->ui.run_name[i], sizeof a->ui.run_name[i], "%s", cfg->runs[i].name);
        }
        a->live[i] = live_start(&c, cfg->start_paused, err);
        if (!a->live[i]) {
            stop_runs(a);
            return -1;
        }
        a->n_live = i + 1;
    }
    if (a->ui.n_runs)
        a->ui.cfg.hyper = a->ui.run_hyper[0];
    return 0;
}

int app_run(const Config *cfg, Err *err)
{
    setlocale(LC_ALL, "");
    TermInfo ti;
    term_probe(&ti);
    App a;
    memset(&a, 0, sizeof a);
    a.ui.cfg = *cfg;
    a.ui.paused = cfg->start_paused;
    a.ui.show_val = 1;
    a.ui.shade_prob = 1;
    if (start_runs(&a, cfg, err)) /* bad data first: it is what to fix */
        return err->kind == ERR_INTERNAL ? 1 : 2;
    if (cfg->n_tune && tunejob_check(cfg, err)) { /* --tune in the TUI: the grid opens on it */
        stop_runs(&a);
        return 2;
    }
    a.marked_step = -1;
    if (lesson_ui_open(&a.ui, err)) {
        stop_runs(&a);
        return err->kind == ERR_INTERNAL ? 1 : 2;
    }
    if (cfg->keys[0] && keyscript_read(cfg->keys, &a.keys, err)) {
        stop_runs(&a);
        return 2;
    }
    if (term_check(err)) { /* before initscr, which would exit on its own */
        stop_runs(&a);
        keyscript_free(&a.keys);
        return 2;
    }
    if (cfg->geometry) /* as the key does: switches a model without two weights, and says so */
        toggle_geometry(&a);
    else if (cfg->n_tune && cfg->n_runs < 2)
        tuneview_toggle(&a.ui);
    if (term_start(&ti)) {
        stop_runs(&a);
        keyscript_free(&a.keys);
        err_set(err, ERR_INTERNAL, "cannot start the terminal '%.64s'", getenv("TERM"));
        return 1;
    }
    char line[2048];
    if (cfg->record[0]) {
        config_command_line(cfg, line, sizeof line);
        if (!(a.rec = record_open(cfg->record, ti.cols, ti.rows, line, err))) {
            term_stop();
            stop_runs(&a);
            keyscript_free(&a.keys);
            return err->kind == ERR_INTERNAL ? 1 : 2;
        }
    }
    install_signals();
    Canvas *canvas = canvas_new(ti.cols, ti.rows, ti.glyphs, ti.colour);
    if (canvas)
        loop(&a, &ti, canvas);
    term_stop();
    pathview_app_close(&a.ui);
    tuneview_app_close(&a.ui);
    stop_runs(&a);
    canvas_free(canvas);
    keyscript_free(&a.keys);
    lesson_ui_close(&a.ui);
    Err rec_err = {0};
    if (record_close(a.rec, &rec_err))
        fprintf(stderr, "regscope: %s\n", rec_err.msg);
    if (!canvas) {
        err_set(err, ERR_INTERNAL, "out of memory");
        return 1;
    }
    Config final = a.ui.cfg;
    final.n_runs = a.ui.n_runs;
    final.geometry = a.ui.geometry;
    for (int i = 0; i < a.ui.n_runs; i++) {
        snprintf(final.runs[i].name, sizeof final.runs[i].name, "%s", a.ui.run_name[i]);
        final.runs[i].hyper = i == a.ui.sel ? a.ui.cfg.hyper : a.ui.run_hyper[i];
    }
    config_command_line(&final, line, sizeof line);
    printf("%s\n", line);
    return signal_status(err);
}
