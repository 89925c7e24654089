/* Redraw cost of one full TUI frame, no terminal: a Live on the default
 * scene (circle, model 8,8), paused, its boundary grid sized to the plot
 * area screen_render asks for at COLSxROWS (default 200x60), 50 epochs
 * stepped; then screen_render of the whole frame into a UTF-8 colour
 * Canvas, REPS times (default 200), each timed.
 * Prints "MEDIAN_MS MIN_MS P90_MS GRID_W GRID_H"; with BENCH_REDRAW_DUMP
 * set, also the frame as text on stderr.
 * With OUT: blit mode, to be run in a terminal (bench_redraw.sh uses a
 * tmux pane of COLSxROWS): two frames (after 50 and 100 epochs) are
 * rendered, ncurses is started as the TUI does (term_start), and
 * term_blit (copy into curses + refresh, which writes the diff to the
 * terminal) is timed REPS times alternating the two frames; the figures
 * "MEDIAN_MS MIN_MS P90_MS TERM_COLS TERM_ROWS GLYPHS" go to the file OUT.
 * usage: bench_redraw [COLS ROWS [REPS [OUT]]]   (built by bench_redraw.sh) */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "screen.h"
#include "term.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Steps the paused trainer until it has done `epochs` epochs and published
 * the boundary grid the UI asked for. */
static int step_to(Live *lv, const UiState *ui, long epochs)
{
    const LiveSnapshot *s = live_snapshot_lock(lv);
    long have = s->epoch;
    live_snapshot_unlock(lv);
    LiveControl *ctl = live_control_lock(lv);
    ctl->grid_w = ui->grid_w;
    ctl->grid_h = ui->grid_h;
    ctl->step_epochs = epochs > have ? (int)(epochs - have) : 0;
    live_control_unlock(lv);
    for (int i = 0; i < 1000; i++) {
        s = live_snapshot_lock(lv);
        int ready = s->epoch >= epochs && s->grid_w == ui->grid_w && s->grid_h == ui->grid_h;
        live_snapshot_unlock(lv);
        if (ready)
            return 0;
        sleep_ms(10);
    }
    fprintf(stderr, "bench_redraw: the trainer did not reach epoch %ld in 10 s\n", epochs);
    return -1;
}

static void render(Live *lv, Canvas *c, UiState *ui)
{
    const LiveSnapshot *s = live_snapshot_lock(lv);
    screen_render(c, s, ui);
    live_snapshot_unlock(lv);
}

int main(int argc, char **argv)
{
    int cols = argc > 2 ? atoi(argv[1]) : 200, rows = argc > 2 ? atoi(argv[2]) : 60;
    int reps = argc > 3 ? atoi(argv[3]) : 200;
    const char *blit_out = argc > 4 ? argv[4] : NULL;
    if (cols <= 0 || rows <= 0 || reps <= 0) {
        fprintf(stderr, "usage: bench_redraw [COLS ROWS [REPS [OUT]]]\n");
        return 2;
    }
    Config cfg;
    config_defaults(&cfg);
    strcpy(cfg.data, "circle");
    cfg.n_hidden = 2;
    cfg.hidden[0] = cfg.hidden[1] = 8;
    config_apply_model_defaults(&cfg);
    Err err = {0};
    Live *lv = live_start(&cfg, 1, &err);
    if (!lv) {
        fprintf(stderr, "bench_redraw: live_start: %s\n", err.msg);
        return 1;
    }
    UiState ui;
    memset(&ui, 0, sizeof ui);
    ui.cfg = cfg;
    ui.paused = 1;
    ui.show_val = ui.shade_prob = 1;
    Canvas *c = canvas_new(cols, rows, CANVAS_UTF8, 1);
    Canvas *c2 = canvas_new(cols, rows, CANVAS_UTF8, 1);
    double *t = malloc((size_t)reps * sizeof *t);
    if (!c || !c2 || !t) {
        fprintf(stderr, "bench_redraw: out of memory\n");
        return 1;
    }
    render(lv, c, &ui); /* first pass: learns the plot (grid) size */
    if (step_to(lv, &ui, 50)) /* enough for a shaded boundary */
        return 1;
    FILE *out = stdout;
    if (!blit_out) {
        const LiveSnapshot *s = live_snapshot_lock(lv); /* paused: nobody else wants it */
        screen_render(c, s, &ui);                       /* warm-up */
        for (int i = 0; i < reps; i++) {
            double t0 = now();
            screen_render(c, s, &ui);
            t[i] = (now() - t0) * 1e3;
        }
        if (getenv("BENCH_REDRAW_DUMP")) { /* the frame timed, as text, for a look */
            char *text = canvas_to_text(c);
            if (text)
                fputs(text, stderr);
            free(text);
        }
        live_snapshot_unlock(lv);
        qsort(t, (size_t)reps, sizeof *t, cmp_double);
        fprintf(out, "%.4f %.4f %.4f %d %d\n", t[reps / 2], t[0], t[(reps * 9) / 10], ui.grid_w,
                ui.grid_h);
    } else {
        render(lv, c, &ui);
        if (step_to(lv, &ui, 100))
            return 1;
        render(lv, c2, &ui);
        setlocale(LC_ALL, "");
        TermInfo ti;
        term_probe(&ti);
        if (term_start(&ti)) {
            fprintf(stderr, "bench_redraw: cannot start the terminal\n");
            return 1;
        }
        term_blit(c2); /* warm-up: the first frame goes out whole */
        for (int i = 0; i < reps; i++) {
            double t0 = now();
            term_blit(i % 2 ? c2 : c);
            t[i] = (now() - t0) * 1e3;
        }
        term_stop();
        qsort(t, (size_t)reps, sizeof *t, cmp_double);
        out = fopen(blit_out, "w");
        if (!out) {
            perror(blit_out);
            return 1;
        }
        fprintf(out, "%.4f %.4f %.4f %d %d %s\n", t[reps / 2], t[0], t[(reps * 9) / 10], ti.cols,
                ti.rows, ti.glyphs == CANVAS_UTF8 ? "utf8" : "ascii");
        fclose(out);
    }
    free(t);
    canvas_free(c2);
    canvas_free(c);
    live_stop(lv);
    return 0;
}
