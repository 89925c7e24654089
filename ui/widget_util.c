/* widget_util: helpers shared by the widgets. */
#include "widget_util.h"

#include <string.h>

static int clamp_class(int k)
{
    return k < 0 ? 0 : k >= CANVAS_MAX_CLASSES ? CANVAS_MAX_CLASSES - 1 : k;
}

int wu_class_fg(int k) { return COL_CLASS0 + clamp_class(k); }

int wu_class_bg(int k) { return COL_CLASS0_BG + clamp_class(k); }

uint32_t wu_point_glyph(const Canvas *c, int k, int is_val)
{
    /* Shape says the class, filled vs hollow (lower vs upper case) says
     * training vs validation: readable without colour. */
    static const uint32_t utf8_train[4] = {0x25cf, 0x25b2, 0x25a0, 0x25c6}; /* ● ▲ ■ ◆ */
    static const uint32_t utf8_val[4] = {0x25cb, 0x25b3, 0x25a1, 0x25c7};   /* ○ △ □ ◇ */
    static const char ascii_train[4] = {'o', 'x', 'v', 's'};
    static const char ascii_val[4] = {'O', 'X', 'V', 'S'};
    k = clamp_class(k);
    if (wu_utf8(c))
        return is_val ? utf8_val[k] : utf8_train[k];
    return (uint32_t)(is_val ? ascii_val[k] : ascii_train[k]);
}

int wu_text_right(Canvas *c, int xend, int y, const char *s, int fg, int bg, int attr)
{
    int x = xend - canvas_text_width(s);
    canvas_text(c, x, y, s, fg, bg, attr);
    return x;
}

int wu_wrap_cut(const char *p, int w)
{
    int len = (int)strlen(p);
    if (len <= w)
        return len;
    int cut = 0;
    for (int k = 0; k <= w && k < len; k++)
        if (p[k] == ' ')
            cut = k;
    return cut > 0 ? cut : w;
}
