#include "term.h"

#include <curses.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <unistd.h>

static int colour_on;
static short pair_of[COL_COUNT][COL_COUNT]; /* (fg, bg) -> pair, 0 = not yet */
static int next_pair = 1;
static int pairs_theme; /* the CanvasTheme the pairs were made for */

static int vt_like(const char *term)
{
    return !term || !*term || strncmp(term, "vt", 2) == 0 || strcmp(term, "dumb") == 0;
}

void term_probe(TermInfo *ti)
{
    const char *term = getenv("TERM");
    const char *codeset = nl_langinfo(CODESET);
    int utf8 = codeset && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
    const char *nc = getenv("NO_COLOR");
    int no_color = nc && *nc;
    /* SPEC: vt100, a non-UTF-8 locale or NO_COLOR get clean ASCII and
     * monochrome: a screen that must read well on anything. */
    int plain = !utf8 || vt_like(term) || no_color;
    ti->glyphs = plain ? CANVAS_ASCII : CANVAS_UTF8;
    ti->colour = !no_color && !vt_like(term);
}

/* The curses colour number for a semantic colour in theme t, as a
 * foreground or (bg) a background: the default is the theme's page. */
static short curses_colour(int t, int c, int bg)
{
    const CanvasColourInfo *ci = c != COL_DEFAULT
                                     ? canvas_theme_colour((CanvasTheme)t, (CanvasColour)c)
                                 : bg ? canvas_page_bg((CanvasTheme)t)
                                      : canvas_page_fg((CanvasTheme)t);
    if (COLORS >= 256 && ci->xterm256 >= 0)
        return (short)ci->xterm256;
    if (ci->ansi < 0)
        return -1;
    return (short)(ci->ansi + (ci->bright && COLORS >= 16 ? 8 : 0));
}

/* Pairs are made on first use: 8-colour terminals have few of them. A new
 * theme makes them again. */
static short pair_for(int theme, int fg, int bg)
{
    if (!colour_on)
        return 0;
    if (theme != pairs_theme) {
        memset(pair_of, 0, sizeof pair_of);
        next_pair = 1;
        pairs_theme = theme;
    }
    if (pair_of[fg][bg])
        return pair_of[fg][bg];
    if (next_pair >= COLOR_PAIRS)
        return 0;
    short p = (short)next_pair++;
    short f = curses_colour(theme, fg, 0), b = curses_colour(theme, bg, 1);
    /* With few colours a class tint falls back to the class colour itself:
     * keep the glyph readable in the terminal's default colour instead. */
    init_pair(p, f == b && b >= 0 ? -1 : f, b);
    pair_of[fg][bg] = p;
    return p;
}

/* Home and End as terminals really send them: tmux and screen send
 * \e[1~ / \e[4~ whatever TERM says, xterm \e[H / \e[F or \eOH / \eOF;
 * a terminfo entry knows one pair. define_key ignores sequences it knows. */
static void define_home_end(void)
{
    static const char *const home[] = {"\033[1~", "\033[7~", "\033[H", "\033OH"};
    static const char *const end[] = {"\033[4~", "\033[8~", "\033[F", "\033OF"};
    for (int i = 0; i < 4; i++) {
        if (key_defined(home[i]) == 0)
            define_key(home[i], KEY_HOME);
        if (key_defined(end[i]) == 0)
            define_key(end[i], KEY_END);
    }
}

int term_check(Err *err)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
        return err_set(
            err, ERR_INPUT,
            "the TUI needs a terminal on stdin and stdout (use --headless to train without one)");
    const char *term = getenv("TERM");
    if (!term || !*term)
        return err_set(err, ERR_INPUT, "TERM is not set (set TERM, or use --headless)");
    /* setupterm with an error slot reports instead of exiting, as
     * initscr would ("Error opening terminal"). */
    int status = 0;
    if (setupterm(NULL, STDOUT_FILENO, &status) != OK) {
        if (status == 1)
            return err_set(err, ERR_INPUT,
                           "terminal type '%.64s' cannot move the cursor (use --headless)", term);
        if (status == 0)
            return err_set(err, ERR_INPUT,
                           "unknown terminal type '%.64s' (set TERM, or use --headless)", term);
        return err_set(err, ERR_INPUT, "no terminfo database found for '%.64s' (use --headless)",
                       term);
    }
    del_curterm(cur_term);
    return 0;
}

static SCREEN *screen;

int term_start(TermInfo *ti)
{
    screen = newterm(NULL, stdout, stdin);
    if (!screen)
        return -1;
    set_term(screen);
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    define_home_end();
    curs_set(0);
    set_escdelay(100); /* long enough for arrow keys over a slow ssh link */
    mousemask(BUTTON1_PRESSED | BUTTON3_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    mouseinterval(0);
    colour_on = ti->colour && has_colors();
    if (colour_on) {
        start_color();
        use_default_colors();
        memset(pair_of, 0, sizeof pair_of);
        next_pair = 1;
    }
    ti->colour = colour_on;
    getmaxyx(stdscr, ti->rows, ti->cols);
    return 0;
}

void term_stop(void)
{
    endwin();
    if (screen)
        delscreen(screen);
    screen = NULL;
}

void term_repaint(void) { clearok(curscr, TRUE); }

void term_size(int *cols, int *rows) { getmaxyx(stdscr, *rows, *cols); }

static attr_t curses_attr(const Canvas *c, const Cell *cell)
{
    attr_t a = A_NORMAL;
    if (cell->attr & ATTR_BOLD)
        a |= A_BOLD;
    if (cell->attr & ATTR_REVERSE)
        a |= A_REVERSE;
    if (cell->attr & ATTR_DIM)
        a |= A_DIM;
    if (cell->attr & ATTR_UNDERLINE)
        a |= A_UNDERLINE;
    if (colour_on) {
        const CanvasColourInfo *ci =
            canvas_theme_colour((CanvasTheme)c->theme, (CanvasColour)cell->fg);
        if (ci->bright && COLORS < 16 && COLORS < 256)
            a |= A_BOLD; /* 8-colour terminals show bright as bold */
    }
    return a;
}

void term_blit(const Canvas *c)
{
    int rows, cols;
    getmaxyx(stdscr, rows, cols);
    for (int y = 0; y < c->rows && y < rows; y++)
        for (int x = 0; x < c->cols && x < cols; x++) {
            /* The last cell too: ncurses draws it without scrolling, and a
             * cell never written keeps what the old size left there. */
            const Cell *cell = canvas_cell(c, x, y);
            attr_t a = curses_attr(c, cell);
            short pair = c->colour ? pair_for(c->theme, cell->fg, cell->bg) : 0;
            if (c->glyphs == CANVAS_ASCII || cell->cp < 128) {
                char ch = cell->cp < 128 ? (char)cell->cp : canvas_ascii_fallback(cell->cp);
                mvaddch(y, x, (chtype)(unsigned char)ch | a | COLOR_PAIR(pair));
            } else {
                wchar_t w[2] = {(wchar_t)cell->cp, 0};
                cchar_t cc;
                setcchar(&cc, w, a, pair, NULL);
                mvadd_wch(y, x, &cc);
            }
        }
    refresh();
}

void term_read(TermEvent *ev, int timeout_ms)
{
    ev->mouse = MOUSE_NONE;
    timeout(timeout_ms);
    int k = getch();
    ev->key = k == ERR ? TERM_KEY_NONE : k;
    if (k != KEY_MOUSE)
        return;
    MEVENT me;
    if (getmouse(&me) != OK)
        return;
    ev->mx = me.x;
    ev->my = me.y;
    if (me.bstate & BUTTON1_PRESSED)
        ev->mouse = MOUSE_CLICK;
    else if (me.bstate & BUTTON3_PRESSED)
        ev->mouse = MOUSE_RIGHT;
    else if (me.bstate & BUTTON4_PRESSED)
        ev->mouse = MOUSE_WHEEL_UP;
#ifdef BUTTON5_PRESSED
    else if (me.bstate & BUTTON5_PRESSED)
        ev->mouse = MOUSE_WHEEL_DOWN;
#endif
}
