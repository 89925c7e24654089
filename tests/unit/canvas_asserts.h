/* canvas_asserts: reading a canvas back as text in the widget tests (shared
 * by test_widgets.c and test_widget_loss.c). */
#ifndef REGSCOPE_CANVAS_ASSERTS_H
#define REGSCOPE_CANVAS_ASSERTS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "canvas.h"

#define U_FULL 0x2588u /* █ */

static inline char *text_of(const Canvas *c)
{
    char *s = canvas_to_text(c);
    assert_non_null(s);
    return s;
}

static inline void assert_contains(const Canvas *c, const char *needle)
{
    char *s = text_of(c);
    if (!strstr(s, needle))
        fail_msg("\"%s\" not found in:\n%s", needle, s);
    free(s);
}

/* Row y as UTF-8 text (trailing spaces kept off). */
static inline void row_text(const Canvas *c, int y, char *buf, size_t n)
{
    size_t len = 0;
    for (int x = 0; x < c->cols; x++) {
        char u[4];
        int k = canvas_utf8_encode(canvas_cell(c, x, y)->cp, u);
        for (int i = 0; i < k && len + 1 < n; i++)
            buf[len++] = u[i];
    }
    while (len > 0 && buf[len - 1] == ' ')
        len--;
    buf[len] = '\0';
}

/* Row of the first cell whose text contains s, or -1. */
static inline int find_row(const Canvas *c, const char *s)
{
    char buf[1024];
    for (int y = 0; y < c->rows; y++) {
        row_text(c, y, buf, sizeof buf);
        if (strstr(buf, s))
            return y;
    }
    return -1;
}

/* Column of code point cp in row y, or -1. */
static inline int find_col(const Canvas *c, int y, uint32_t cp)
{
    for (int x = 0; x < c->cols; x++)
        if (canvas_cell(c, x, y)->cp == cp)
            return x;
    return -1;
}

static inline int count_cp_in_column(const Canvas *c, int x, int y0, int y1, uint32_t cp)
{
    int n = 0;
    for (int y = y0; y < y1; y++)
        n += canvas_cell(c, x, y)->cp == cp;
    return n;
}

#endif
