/* lesson_ui: a lesson's steps in the TUI (lesson_ui.h). */
#include "lesson_ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lesson.h"
#include "settings.h"

int lesson_ui_open(UiState *ui, Err *err)
{
    ui->lesson = NULL;
    if (!ui->cfg.lesson_src[0])
        return 0;
    LessonFile *lf = malloc(sizeof *lf);
    if (!lf)
        return err_set(err, ERR_INTERNAL, "out of memory");
    if (lesson_open(ui->cfg.lesson_src, lf, err)) {
        free(lf);
        return -1;
    }
    if (lf->n_steps == 0) {
        free(lf);
        return 0;
    }
    ui->lesson = lf;
    ui->step = 0;
    ui->step_holds = 0;
    ui->show_hint = 0;
    return 0;
}

void lesson_ui_close(UiState *ui)
{
    free(ui->lesson);
    ui->lesson = NULL;
}

void lesson_ui_check(UiState *ui, const LiveSnapshot *s, const char *view)
{
    if (!ui->lesson)
        return;
    LessonState st;
    lesson_state_from(&s->metrics, &ui->cfg.hyper, view, &st);
    ui->step_holds = lesson_check_holds(&ui->lesson->steps[ui->step].check, &st);
}

/* The step's settings and pause epoch, on top of the settings in force. */
static Reaction begin_step(UiState *ui)
{
    const LessonStep *st = &ui->lesson->steps[ui->step];
    Config before = ui->cfg;
    Err err = {0};
    if (st->settings[0] && lesson_apply_settings(&ui->cfg, st->settings, &err)) {
        ui->cfg = before; /* checked when the file was read: not expected */
        snprintf(ui->notice, sizeof ui->notice, "step %d: %.150s", ui->step + 1, err.msg);
        return REACT_NONE;
    }
    if (st->pause_at > 0)
        ui->cfg.pause_epoch = st->pause_at;
    ui->step_holds = 0;
    ui->show_hint = 0;
    if (settings_differ(&before, &ui->cfg, USE_DATA | USE_MODEL))
        return REACT_REBUILD;
    return REACT_HYPER;
}

Reaction lesson_ui_step(UiState *ui, int dir)
{
    const LessonFile *lf = ui->lesson;
    const LessonStep *st = &lf->steps[ui->step];
    if (dir < 0) {
        if (ui->step == 0)
            return REACT_NONE;
        ui->step--;
        ui->step_holds = 0;
        ui->show_hint = 0;
        return REACT_NONE;
    }
    if (st->check.n_terms > 0 && !ui->step_holds) {
        snprintf(ui->notice, sizeof ui->notice, "step %d: not yet: %.120s%s", ui->step + 1,
                 st->check.text, st->hint[0] ? " (h: a hint)" : "");
        return REACT_NONE;
    }
    if (ui->step + 1 >= lf->n_steps) {
        snprintf(ui->notice, sizeof ui->notice, "the last step is done: the lesson is over");
        return REACT_NONE;
    }
    ui->step++;
    return begin_step(ui);
}

void lesson_ui_line(const UiState *ui, int utf8, char *buf, size_t size)
{
    const LessonFile *lf = ui->lesson;
    const LessonStep *st = &lf->steps[ui->step];
    char prompt[sizeof st->prompt];
    snprintf(prompt, sizeof prompt, "%s", st->prompt);
    for (char *p = prompt; *p; p++)
        if (*p == '\n')
            *p = ' ';
    const char *state = "";
    if (st->check.n_terms > 0 && ui->step_holds)
        state = utf8 ? " \xe2\x9c\x93 done (n: next)" : " [done] (n: next)";
    else if (st->check.n_terms == 0 && ui->step + 1 < lf->n_steps)
        state = " (n: next)";
    snprintf(buf, size, " lesson %s step %d/%d: %s%s%s%s", ui->cfg.lesson, ui->step + 1,
             lf->n_steps, prompt, state, ui->show_hint && st->hint[0] ? " -- hint: " : "",
             ui->show_hint ? st->hint : "");
}
