/* keyscript: --keys FILE, a timed list of key presses played into the live
 * TUI, for a demo that runs by itself (with --record, a recording without a
 * person). One press a line: SECONDS KEY, SECONDS from the start (a number
 * >= 0, not below the line before) and KEY a printable character or one of
 * space enter tab backtab esc up down left right pgup pgdn home end; blank
 * lines and lines starting with # are skipped. */
#ifndef REGSCOPE_KEYSCRIPT_H
#define REGSCOPE_KEYSCRIPT_H

#include "err.h"

typedef struct {
    double t;
    int key; /* a curses key code */
} KeyPress;

typedef struct {
    KeyPress *press;
    int n, next;
} KeyScript;

/* Reads path; errors "FILE:LINE:COLUMN: what" (ERR_INPUT). */
int keyscript_read(const char *path, KeyScript *ks, Err *err);
/* Parses text (name for messages). */
int keyscript_parse(const char *text, const char *name, KeyScript *ks, Err *err);
/* The next press due by t seconds, or -1 (none due yet, or none left). */
int keyscript_due(KeyScript *ks, double t);
void keyscript_free(KeyScript *ks);

#endif
