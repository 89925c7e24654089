/* compare_view: the compare-mode layout (see compare_view.c). */
#ifndef REGSCOPE_COMPARE_VIEW_H
#define REGSCOPE_COMPARE_VIEW_H

#include "canvas.h"
#include "live.h"
#include "ui_state.h"

/* n >= 2 runs' snapshots side by side; records rects in ui. */
void compare_render(Canvas *c, const LiveSnapshot *const *s, int n, UiState *ui);

#endif
