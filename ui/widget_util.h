/* widget_util: small helpers shared by the widget files (not public API). */
#ifndef REGSCOPE_WIDGET_UTIL_H
#define REGSCOPE_WIDGET_UTIL_H

#include "canvas.h"

/* Fancy glyphs only when the canvas can show them. */
static inline int wu_utf8(const Canvas *c) { return c->glyphs == CANVAS_UTF8; }

/* Clip to r within the current clip (widgets nest inside panels); returns
 * the clip to restore with canvas_set_clip. */
static inline Rect wu_push_clip(Canvas *c, Rect r)
{
    Rect old = c->clip;
    canvas_set_clip(c, rect_intersect(r, old));
    return old;
}

/* Class k's strong colour and light background tint (k clamped to 0..3). */
int wu_class_fg(int k);
int wu_class_bg(int k);

/* Glyph of a data point of class k, training or validation; see widgets.h. */
uint32_t wu_point_glyph(const Canvas *c, int k, int is_val);

/* Write s right-aligned so it ends just before column xend; returns its
 * starting column. */
int wu_text_right(Canvas *c, int xend, int y, const char *s, int fg, int bg, int attr);

/* How many bytes of p fill at most w columns, cut at the last space that
 * fits (a word wider than w is cut at w). ASCII text: prompts, help. */
int wu_wrap_cut(const char *p, int w);

/* Eighth-block glyph for a bar of e eighths in one cell (1..8) rising from
 * the bottom: ▁ ... █. */
static inline uint32_t wu_vblock(int e) { return e >= 8 ? 0x2588 : 0x2580 + (uint32_t)e; }

#endif
