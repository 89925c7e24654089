/* export: screen files, script files and the headless --snapshot (export.h). */
#include "export.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "ui_state.h"
#include "emit.h"
#include "filewrite.h"
#include "geometry.h"
#include "live.h"
#include "screen.h"

int export_format_of(const char *path, ExportFormat *f)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash) || dot == path || (slash && dot == slash + 1))
        return -1;
    if (strcasecmp(dot, ".txt") == 0)
        *f = EXPORT_TXT;
    else if (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0)
        *f = EXPORT_HTML;
    else if (strcasecmp(dot, ".svg") == 0)
        *f = EXPORT_SVG;
    else
        return -1;
    return 0;
}

char *export_render(const Canvas *c, ExportFormat f)
{
    switch (f) {
    case EXPORT_TXT: return canvas_to_text(c);
    case EXPORT_HTML: {
        /* canvas_to_html is a <pre> fragment: make it a page a browser
         * opens as UTF-8 on the theme's background */
        char head[256];
        snprintf(head, sizeof head,
                 "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                 "<title>regscope</title></head>\n"
                 "<body style=\"margin:0;padding:1em;background:%s\">\n",
                 canvas_page_bg((CanvasTheme)c->theme)->hex);
        static const char tail[] = "</body></html>\n";
        char *pre = canvas_to_html(c);
        if (!pre)
            return NULL;
        size_t n = strlen(pre), h = strlen(head);
        char *page = malloc(h + n + sizeof tail);
        if (page) {
            memcpy(page, head, h);
            memcpy(page + h, pre, n);
            memcpy(page + h + n, tail, sizeof tail);
        }
        free(pre);
        return page;
    }
    case EXPORT_SVG: return canvas_to_svg(c);
    }
    return NULL;
}

/* ---- atomic write --------------------------------------------------------- */

int export_write_atomic(const char *path, const char *data, size_t len, Err *err)
{
    return file_write_atomic(path, data, len, FILE_REPLACE, err);
}

void export_stamp(time_t t, char *buf, size_t size)
{
    struct tm tm;
    localtime_r(&t, &tm);
    char s[32];
    strftime(s, sizeof s, "%Y%m%d-%H%M%S", &tm);
    snprintf(buf, size, "regscope-%s", s);
}

static void join(char *out, size_t size, const char *dir, const char *name)
{
    if (!dir || !*dir || strcmp(dir, ".") == 0)
        snprintf(out, size, "%s", name);
    else
        snprintf(out, size, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", name);
}

/* ---- TUI keys --------------------------------------------------------------- */

int export_screen(const Canvas *c, const char *dir, time_t t, char *msg, size_t msg_size)
{
    static const struct {
        ExportFormat f;
        const char *ext;
    } fmts[] = {{EXPORT_TXT, ".txt"}, {EXPORT_HTML, ".html"}, {EXPORT_SVG, ".svg"}};
    static const char *const exts[] = {".txt", ".html", ".svg"};
    char stamp[64], at[4096], stem[4096], path[4200];
    export_stamp(t, stamp, sizeof stamp);
    join(at, sizeof at, dir, stamp);
    /* w twice within a second: a fresh name, never the files just written */
    if (file_fresh_stem(at, exts, 3, stem, sizeof stem)) {
        snprintf(msg, msg_size, "export failed: no free name like %s.txt", at);
        return -1;
    }
    for (size_t i = 0; i < sizeof fmts / sizeof fmts[0]; i++) {
        snprintf(path, sizeof path, "%s%s", stem, fmts[i].ext);
        char *s = export_render(c, fmts[i].f);
        Err err = {0};
        if (!s) {
            snprintf(msg, msg_size, "export failed: %s: out of memory", path);
            return -1;
        }
        int rc = file_write_atomic(path, s, strlen(s), FILE_NEW, &err);
        free(s);
        if (rc) {
            snprintf(msg, msg_size, "export failed: %s", err.msg);
            return -1;
        }
    }
    snprintf(msg, msg_size, "wrote %s.{txt,html,svg}", stem);
    return 0;
}

int export_code(const Config *cfg, const char *dir, time_t t, char *msg, size_t msg_size)
{
    static const char *const ext[] = {"-sklearn.py"};
    char stamp[64], at[4096], stem[4096], path[4200];
    export_stamp(t, stamp, sizeof stamp);
    join(at, sizeof at, dir, stamp);
    if (file_fresh_stem(at, ext, 1, stem, sizeof stem)) {
        snprintf(msg, msg_size, "script not written: no free name like %s%s", at, ext[0]);
        return -1;
    }
    snprintf(path, sizeof path, "%s%s", stem, ext[0]);
    Err err = {0};
    char *s = emit_script_string(cfg, EMIT_SKLEARN, &err);
    if (!s) {
        snprintf(msg, msg_size, "script not written: %s", err.msg);
        return -1;
    }
    int rc = file_write_atomic(path, s, strlen(s), FILE_NEW, &err);
    free(s);
    if (rc) {
        snprintf(msg, msg_size, "script not written: %s", err.msg);
        return -1;
    }
    snprintf(msg, msg_size, "wrote %s", path);
    return 0;
}

/* ---- headless snapshot ---------------------------------------------------------- */

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static int locale_is_utf8(void)
{
    setlocale(LC_CTYPE, "");
    const char *cs = nl_langinfo(CODESET);
    return cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

static int snapshot_has_two_weights(Live *lv)
{
    const LiveSnapshot *s = live_snapshot_lock(lv);
    int fits = geometry_fits(&s->model);
    live_snapshot_unlock(lv);
    return fits;
}

/* One trainer per run (compare mode, as the TUI starts them: the same seed,
 * each with its run's settings), all paused; ui names the runs. Returns how
 * many started, 0 on failure (err set). */
static int snapshot_start(const Config *cfg, Live **lv, UiState *ui, Err *err)
{
    int n = cfg->n_runs > 1 ? cfg->n_runs : 1;
    ui->n_runs = cfg->n_runs > 1 ? cfg->n_runs : 0;
    for (int i = 0; i < n; i++) {
        Config one = *cfg;
        one.n_runs = 0;
        if (ui->n_runs) {
            one.hyper = cfg->runs[i].hyper;
            ui->run_hyper[i] = one.hyper;
            snprintf(ui->run_name[i], sizeof ui->run_name[i], "%s", cfg->runs[i].name);
        }
        if (!(lv[i] = live_start(&one, 1, err))) {
            while (i-- > 0)
                live_stop(lv[i]);
            return 0;
        }
    }
    if (ui->n_runs)
        ui->cfg.hyper = ui->run_hyper[0];
    return n;
}

/* Lock every run's snapshot (in index order, as the TUI does). */
/* A snapshot taken after the request, at the last epoch (or diverged or
 * early-stopped: the frame then shows why), on the grid asked for. */
static int snapshot_done(const LiveSnapshot *s, unsigned long v0, const UiState *ui, int epochs)
{
    int grid_ok = s->d_raw != 2 || ui->grid_w < 1 || ui->grid_h < 1 ||
                  (s->grid_w == ui->grid_w && s->grid_h == ui->grid_h);
    return s->version != v0 && (s->epoch >= epochs || s->diverged || s->early_stopped) && grid_ok;
}

/* Trains every run --epochs and draws the frame the TUI would show. */
static void snapshot_frame(Canvas *c, Live **lv, int n, UiState *ui, int epochs)
{
    const LiveSnapshot *s[CONFIG_MAX_RUNS];
    unsigned long v0[CONFIG_MAX_RUNS];
    /* First pass: learn the boundary grid the layout wants. */
    live_snapshots_lock(lv, n, s);
    for (int i = 0; i < n; i++)
        v0[i] = s[i]->version;
    screen_render_runs(c, s, n, ui);
    live_snapshots_unlock(lv, n);
    for (int i = 0; i < n; i++) {
        LiveControl *ctl = live_control_lock(lv[i]);
        ctl->grid_w = ui->grid_w;
        ctl->grid_h = ui->grid_h;
        ctl->geometry = ui->geometry;
        ctl->paused = 1;
        ctl->step_epochs = epochs;
        live_control_unlock(lv[i]);
    }
    for (int i = 0; i < n; i++)
        for (;;) {
            const LiveSnapshot *one = live_snapshot_lock(lv[i]);
            int done = snapshot_done(one, v0[i], ui, epochs);
            live_snapshot_unlock(lv[i]);
            if (done)
                break;
            sleep_ms(5);
        }
    live_snapshots_lock(lv, n, s);
    screen_render_runs(c, s, n, ui);
    live_snapshots_unlock(lv, n);
}

int export_snapshot(const Config *cfg, Err *err)
{
    ExportFormat fmt;
    if (export_format_of(cfg->snapshot, &fmt)) {
        err_set(err, ERR_INPUT, "--snapshot %s: the file name must end in .svg, .html or .txt",
                cfg->snapshot);
        return 2;
    }
    /* SVG / HTML are UTF-8 documents in colour; text follows the locale.
     * Colour stays on for text too, so the three show the same frame. */
    CanvasGlyphs glyphs = fmt != EXPORT_TXT || locale_is_utf8() ? CANVAS_UTF8 : CANVAS_ASCII;
    Canvas *c = canvas_new(cfg->size_cols, cfg->size_rows, glyphs, 1);
    if (!c) {
        err_set(err, ERR_INTERNAL, "out of memory");
        return 1;
    }
    canvas_set_theme(c, (CanvasTheme)cfg->theme, 1);
    c->font_px = cfg->font_size;
    Config two = *cfg;
    if (cfg->geometry && cfg->n_runs < 2) {
        Live *probe = live_start(cfg, 1, err);
        if (probe && !snapshot_has_two_weights(probe)) {
            /* as 'g' does in the TUI: the view needs two weights */
            char what[160];
            config_two_weight_scene(&two, what, sizeof what);
            fprintf(stderr, "regscope: --geometry needs a model with two weights: drawing %s\n",
                    what);
            cfg = &two;
        }
        if (probe)
            live_stop(probe);
    }
    UiState ui;
    memset(&ui, 0, sizeof ui);
    ui.cfg = *cfg;
    ui.paused = 1;
    ui.show_val = 1;
    ui.shade_prob = 1;
    ui.geometry =
        cfg->geometry && cfg->n_runs < 2; /* compare mode has no plane, as 'c' closes it */
    Live *lv[CONFIG_MAX_RUNS];
    int n = snapshot_start(cfg, lv, &ui, err);
    if (!n) {
        canvas_free(c);
        return err->kind == ERR_INTERNAL ? 1 : 2;
    }
    snapshot_frame(c, lv, n, &ui, cfg->epochs);
    for (int i = 0; i < n; i++)
        live_stop(lv[i]);

    char *doc = export_render(c, fmt);
    canvas_free(c);
    if (!doc) {
        err_set(err, ERR_INTERNAL, "out of memory");
        return 1;
    }
    int rc = export_write_atomic(cfg->snapshot, doc, strlen(doc), err);
    int e = errno;
    free(doc);
    if (rc) {
        /* a missing or forbidden directory is the user's input; a full disk is not */
        int input = e == ENOENT || e == ENOTDIR || e == EACCES || e == EROFS || e == EISDIR ||
                    e == EINVAL || e == ELOOP || e == ENAMETOOLONG;
        err->kind = input ? ERR_INPUT : ERR_INTERNAL;
        return input ? 2 : 1;
    }
    return 0;
}
