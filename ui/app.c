#include "app.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <curses.h>

#include "keys.h"
#include "screen.h"
#include "term.h"

static volatile sig_atomic_t got_signal;

static void on_signal(int sig) { got_signal = sig; }

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

void app_knob(App *a, KnobId k, int dir)
{
    if (!knob_step(&a->ui.cfg, k, dir))
        return;
    a->ui.focus = (int)k;
    if (knob_info(k)->rebuild)
        a->push_rebuild = 1;
    else
        a->push_hyper = 1;
}

/* Hands what the keys changed to the training thread, and takes back the
 * settings really in force (a refused data set reverts them). */
static void sync_control(App *a)
{
    int pushed = a->push_hyper || a->push_rebuild || a->push_reset || a->push_pause ||
                 a->push_step;
    LiveControl now;
    live_control_read(a->live, &now);
    if (!pushed && now.grid_w == a->ui.grid_w && now.grid_h == a->ui.grid_h) {
        /* Nothing new from us: follow the thread (divergence pauses it; a
         * refused rebuild restores the settings in force). */
        a->ui.paused = now.paused;
        if (!now.rebuild)
            a->ui.cfg = now.cfg;
        return;
    }
    LiveControl *c = live_control_lock(a->live);
    c->cfg = a->ui.cfg;
    c->paused = a->ui.paused;
    c->rebuild |= a->push_rebuild;
    c->reset |= a->push_reset;
    c->step_epochs += a->push_step;
    c->grid_w = a->ui.grid_w;
    c->grid_h = a->ui.grid_h;
    a->push_hyper = a->push_rebuild = a->push_reset = a->push_pause = a->push_step = 0;
    live_control_unlock(a->live);
}

static void handle_mouse(App *a, const TermEvent *ev)
{
    for (int k = 0; k < KNOB_COUNT; k++) {
        Rect r = a->ui.knob_rect[k];
        if (r.w > 0 && ev->mx >= r.x && ev->mx < r.x + r.w && ev->my == r.y) {
            a->ui.focus = k;
            if (ev->mouse == MOUSE_WHEEL_UP)
                app_knob(a, (KnobId)k, +1);
            else if (ev->mouse == MOUSE_WHEEL_DOWN)
                app_knob(a, (KnobId)k, -1);
            return;
        }
    }
    /* the wheel anywhere else turns the focused control */
    if (ev->mouse == MOUSE_WHEEL_UP || ev->mouse == MOUSE_WHEEL_DOWN)
        app_knob(a, (KnobId)a->ui.focus, ev->mouse == MOUSE_WHEEL_UP ? +1 : -1);
}

static void handle_event(App *a, const TermEvent *ev)
{
    if (ev->key == TERM_KEY_NONE || ev->key == KEY_RESIZE)
        return;
    a->ui.notice[0] = '\0';
    if (a->ui.show_help && ev->key != KEY_MOUSE) {
        a->ui.show_help = 0; /* any key closes help, and only closes it */
        return;
    }
    if (ev->key == KEY_MOUSE) {
        handle_mouse(a, ev);
        return;
    }
    if (!keys_dispatch(a, ev->key) && ev->key != 27)
        snprintf(a->ui.notice, sizeof a->ui.notice, "unknown key: press ? for help");
}

static void loop(App *a, TermInfo *ti, Canvas *canvas)
{
    unsigned long drawn_version = 0;
    int dirty = 1;
    while (!a->quit && !got_signal) {
        int cols, rows;
        term_size(&cols, &rows);
        if (cols != canvas->cols || rows != canvas->rows) {
            canvas_resize(canvas, cols, rows);
            dirty = 1;
        }
        const LiveSnapshot *s = live_snapshot_lock(a->live);
        a->ui.diverged = s->diverged;
        if (dirty || s->version != drawn_version) {
            screen_render(canvas, s, &a->ui);
            drawn_version = s->version;
        }
        live_snapshot_unlock(a->live);
        if (dirty || drawn_version) {
            term_blit(canvas);
            dirty = 0;
        }
        sync_control(a);
        /* Poll fast while training (a frame every ~33 ms); when paused,
         * wait longer: nothing changes until a key arrives. */
        TermEvent ev;
        term_read(&ev, a->ui.paused ? 250 : 33);
        if (ev.key != TERM_KEY_NONE) {
            handle_event(a, &ev);
            sync_control(a);
            dirty = 1;
        }
    }
    (void)ti;
}

int app_run(const Config *cfg, Err *err)
{
    setlocale(LC_ALL, "");
    TermInfo ti;
    term_probe(&ti);
    App a;
    memset(&a, 0, sizeof a);
    a.ui.cfg = *cfg;
    a.ui.show_val = 1;
    a.ui.shade_prob = 1;
    a.live = live_start(cfg, 0, err);
    if (!a.live)
        return err->kind == ERR_INTERNAL ? 1 : 2;
    if (term_start(&ti)) {
        live_stop(a.live);
        err_set(err, ERR_INTERNAL, "cannot start the terminal (is TERM set?)");
        return 1;
    }
    install_signals();
    Canvas *canvas = canvas_new(ti.cols, ti.rows, ti.glyphs, ti.colour);
    if (canvas)
        loop(&a, &ti, canvas);
    term_stop();
    live_stop(a.live);
    canvas_free(canvas);
    if (!canvas) {
        err_set(err, ERR_INTERNAL, "out of memory");
        return 1;
    }
    char line[2048];
    config_command_line(&a.ui.cfg, line, sizeof line);
    printf("%s\n", line);
    return 0;
}
