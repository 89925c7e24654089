/* lesson: prepared scenes for a classroom (--lesson NAME, --lesson list).
 *
 * A lesson is a name, a one-line prompt of what to try, and the
 * command-line settings of its data, model and hyperparameters. config_setup
 * applies the lesson before every other option, so flags given on the
 * command line override it (--lesson overfit --lambda 0.01). */
#ifndef REGSCOPE_LESSON_H
#define REGSCOPE_LESSON_H

#include <stdio.h>

#include "config.h"

typedef struct {
    const char *name;
    const char *prompt;   /* one line, shown by the TUI while the lesson runs */
    const char *point;    /* what the class sees where the lesson pauses (pause_epoch) */
    const char *settings; /* options and values, separated by single blanks */
} Lesson;

/* The lessons, in the order --lesson list prints them. */
extern const Lesson lessons[];
extern const int n_lessons;

/* The lesson called name, or NULL. */
const Lesson *lesson_find(const char *name);
/* Puts the lesson's scene into c (on top of what is there: call it on
 * defaults) and records its name and prompt in c->lesson / c->lesson_prompt.
 * An unknown name fails with "unknown lesson 'x' (see --lesson list)". */
int lesson_apply(Config *c, const char *name, Err *err);
/* "NAME  prompt" per line. */
void lesson_print_list(FILE *out);

#endif
