/* lesson: lessons for a classroom (--lesson NAME|FILE, --lesson list).
 *
 * A lesson is a NAME.lesson file (lesson_file.h): a title, the scene's
 * command-line settings and ordered steps with prompts and checks. The
 * built-in ones are compiled in from the files in lessons/ (lesson_builtin.c);
 * a teacher's own are opened by path or found by name in the user's lesson
 * folder. config_setup applies the scene before every other option, so
 * flags given on the command line override it (--lesson overfit --lambda
 * 0.01). */
#ifndef REGSCOPE_LESSON_H
#define REGSCOPE_LESSON_H

#include <stddef.h>
#include <stdio.h>

#include "config.h"
#include "lesson_file.h"

typedef struct {
    const char *name;
    const char *text; /* the lesson file, as lessons/NAME.lesson holds it */
} Lesson;

/* The built-in lessons, in the order --lesson list prints them. */
extern const Lesson lessons[];
extern const int n_lessons;

/* The built-in lesson called name, or NULL. */
const Lesson *lesson_find(const char *name);
/* $XDG_DATA_HOME/regscope/lessons, or ~/.local/share/regscope/lessons;
 * -1 when neither variable is set (or the path does not fit). */
int lesson_user_dir(char *buf, size_t size);
/* Parses the lesson name names into out: a path (it holds a '/' or ends
 * in .lesson), else a built-in lesson, else NAME.lesson in the user's
 * folder. An unknown name fails with "unknown lesson 'x' (see --lesson
 * list)"; a bad file with "FILE:LINE:COL: what is wrong". */
int lesson_open(const char *name, LessonFile *out, Err *err);
/* Puts the lesson's scene into c (on top of what is there: call it on
 * defaults) and records it: c->lesson (its short name), c->lesson_src (name
 * as given, for lesson_open), c->lesson_prompt (its title), c->lesson_point. */
int lesson_apply(Config *c, const char *name, Err *err);
/* The lesson's short name into buf: "overfit" of "overfit",
 * "dir/overfit.lesson" or "overfit.lesson". */
void lesson_short_name(const char *name, char *buf, size_t size);
/* "NAME  title" per line: the built-in lessons, then those in the user's
 * folder. */
void lesson_print_list(FILE *out);

#endif
