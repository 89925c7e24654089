/* panels: the pieces of a frame the layouts share (see panels.c). */
#ifndef REGSCOPE_PANELS_H
#define REGSCOPE_PANELS_H

#include "canvas.h"
#include "live.h"
#include "ui_state.h"

/* Below this size the frame says it is too small. */
#define SCREEN_MIN_COLS 60
#define SCREEN_MIN_ROWS 18

/* Title, lesson prompt, controls and status line; returns the rect left for
 * the panels, or a zero rect when the terminal is too small (and says so). */
Rect draw_frame(Canvas *c, const LiveSnapshot *s, UiState *ui);
/* The data panel: boundary, fitted curve or weight bars, titled. */
void draw_data_panel(Canvas *c, Rect r, const LiveSnapshot *s, UiState *ui, const char *title,
                     int title_attr);
/* The loss plot with its change marks and window. */
void draw_loss(Canvas *c, Rect r, const LiveSnapshot *s, const UiState *ui);
/* The weight histogram on the held axis (with the gradient in its lesson). */
void draw_hist(Canvas *c, Rect r, const LiveSnapshot *s, const char *title, double axis);
/* The held |w| axis of the runs on screen, widened to fit them. */
double fit_weight_axis(UiState *ui, const LiveSnapshot *const *s, int n);
/* The help overlay, when open. */
void draw_help(Canvas *c, const UiState *ui);

#endif
