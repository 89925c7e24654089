/* lesson_ui: a lesson's steps in the TUI. The current step's prompt shows
 * under the title as "step 2/5: ..."; its check is evaluated on every
 * snapshot drawn and, once it holds, the line says so (a tick, "done" in
 * ASCII too); n or Enter goes to the next step (only then, when the step
 * has a check), N back, h shows the hint. A step's settings and pause
 * epoch apply when it begins. */
#ifndef REGSCOPE_LESSON_UI_H
#define REGSCOPE_LESSON_UI_H

#include "keys.h"
#include "live.h"
#include "ui_state.h"

/* Opens the lesson of ui->cfg (lesson_src) when it has steps; 0, or -1
 * with err filled (the file changed since it was read). */
int lesson_ui_open(UiState *ui, Err *err);
void lesson_ui_close(UiState *ui);
/* The current step's check against snapshot s (view: "main", "geometry",
 * "path"). */
void lesson_ui_check(UiState *ui, const LiveSnapshot *s, const char *view);
/* n / Enter, N: to the next / the step before; what the step's settings
 * changed. */
Reaction lesson_ui_step(UiState *ui, int dir);
/* The line under the lesson's: "step 2/5: prompt" and whether it is done. */
void lesson_ui_line(const UiState *ui, int utf8, char *buf, size_t size);

#endif
