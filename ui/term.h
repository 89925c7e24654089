/* term: the one place that talks to ncurses. Starts and ends the terminal,
 * decides UTF-8 glyphs and colour, blits a Canvas, reads keys and mouse.
 * Only the UI thread calls these. */
#ifndef REGSCOPE_TERM_H
#define REGSCOPE_TERM_H

#include "canvas.h"
#include "err.h"

typedef struct {
    CanvasGlyphs glyphs;
    int colour;
    int cols, rows;
} TermInfo;

/* Glyphs and colour for this environment, without touching the terminal:
 * ASCII when the locale is not UTF-8, TERM is a vt100-like terminal or
 * NO_COLOR is set;
 * monochrome when NO_COLOR is set or TERM is vt100-like or dumb. */
void term_probe(TermInfo *ti);
/* Whether the TUI can run here, before anything starts: stdin and stdout
 * are terminals and TERM names a known terminal that can move the cursor.
 * Returns 0, or -1 with err (ERR_INPUT) saying why. */
int term_check(Err *err);
/* Initialise ncurses (locale must be set; term_check first: unlike
 * initscr, this never exits). Returns 0 or -1. */
int term_start(TermInfo *ti);
/* Restores the terminal (endwin) and frees the screen. */
void term_stop(void);
/* The next blit repaints every cell: after a resize the terminal may hold
 * what ncurses does not know about. */
void term_repaint(void);
/* Copies the canvas to the screen and refreshes (ncurses sends the diff). */
void term_blit(const Canvas *c);
void term_size(int *cols, int *rows);

/* Input events. */
enum { TERM_KEY_NONE = -1 };
typedef enum { MOUSE_NONE, MOUSE_CLICK, MOUSE_RIGHT, MOUSE_WHEEL_UP, MOUSE_WHEEL_DOWN } MouseKind;
typedef struct {
    int key;         /* a character, an ncurses KEY_* code, or TERM_KEY_NONE */
    MouseKind mouse; /* when key == KEY_MOUSE */
    int mx, my;
} TermEvent;

/* Waits up to timeout_ms for input. */
void term_read(TermEvent *ev, int timeout_ms);

#endif
