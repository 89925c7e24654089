/* screen: one full frame of the TUI drawn into a Canvas from a snapshot and
 * the UI state. No ncurses: the same frame is blitted to the terminal,
 * exported, or compared as text in tests. */
#ifndef REGSCOPE_SCREEN_H
#define REGSCOPE_SCREEN_H

#include "ui_state.h"
#include "canvas.h"
#include "live.h"
#include "panels.h" /* SCREEN_MIN_COLS, SCREEN_MIN_ROWS */

/* Which layout a frame of n runs gets: the one place that chooses. */
typedef enum { VIEW_LIVE, VIEW_COMPARE, VIEW_PATH, VIEW_GEOMETRY, VIEW_TUNE } ViewKind;
ViewKind screen_view(const UiState *ui, int n);

/* Lays out and draws every panel; records knob and plot rects in ui. */
void screen_render(Canvas *c, const LiveSnapshot *s, UiState *ui);
/* Compare mode (n >= 2, ui->n_runs == n): one shared loss plot with a line
 * per run, then each run's boundary and histogram side by side. n == 1 is
 * screen_render. */
void screen_render_runs(Canvas *c, const LiveSnapshot *const *s, int n, UiState *ui);

#endif
