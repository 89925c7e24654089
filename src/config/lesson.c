/* lesson: finding a lesson by name or path and applying its scene; the
 * built-in lessons' text is in lesson_builtin.c. */
#include "lesson.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const Lesson *lesson_find(const char *name)
{
    for (int i = 0; i < n_lessons; i++)
        if (strcmp(lessons[i].name, name) == 0)
            return &lessons[i];
    return NULL;
}

int lesson_user_dir(char *buf, size_t size)
{
    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    int n;
    if (xdg && xdg[0] == '/') /* the XDG spec: a relative value is ignored */
        n = snprintf(buf, size, "%s/regscope/lessons", xdg);
    else if (home && home[0])
        n = snprintf(buf, size, "%s/.local/share/regscope/lessons", home);
    else
        return -1;
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

static int is_path(const char *name)
{
    size_t n = strlen(name);
    return strchr(name, '/') || (n > 7 && strcmp(name + n - 7, ".lesson") == 0);
}

int lesson_open(const char *name, LessonFile *out, Err *err)
{
    if (is_path(name))
        return lesson_file_load(name, out, err);
    const Lesson *l = lesson_find(name);
    if (l) {
        char where[64];
        snprintf(where, sizeof where, "%s.lesson", l->name);
        return lesson_file_parse(l->text, where, out, err);
    }
    char dir[1024], path[1100];
    if (name[0] && strlen(name) < 256 && lesson_user_dir(dir, sizeof dir) == 0) {
        snprintf(path, sizeof path, "%s/%s.lesson", dir, name);
        FILE *f = fopen(path, "r");
        if (f) {
            fclose(f);
            return lesson_file_load(path, out, err);
        }
    }
    return err_set(err, ERR_INPUT, "unknown lesson '%s' (see --lesson list)", name);
}

void lesson_short_name(const char *name, char *buf, size_t size)
{
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    size_t n = strlen(base);
    if (n > 7 && strcmp(base + n - 7, ".lesson") == 0)
        n -= 7;
    snprintf(buf, size, "%.*s", (int)(n < size ? n : size - 1), base);
}

int lesson_apply(Config *c, const char *name, Err *err)
{
    LessonFile *lf = malloc(sizeof *lf);
    if (!lf)
        return err_set(err, ERR_INTERNAL, "out of memory");
    int rc = lesson_open(name, lf, err);
    if (rc == 0) {
        c->n_runs = 0;
        rc = lesson_apply_settings(c, lf->scene, err);
    }
    if (rc == 0) {
        c->lesson_runs = c->n_runs > 0;
        lesson_short_name(name, c->lesson, sizeof c->lesson);
        snprintf(c->lesson_src, sizeof c->lesson_src, "%s", name);
        snprintf(c->lesson_prompt, sizeof c->lesson_prompt, "%s", lf->title);
        snprintf(c->lesson_point, sizeof c->lesson_point, "%s", lf->point);
    }
    free(lf);
    return rc;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The user's lessons, sorted by name: NAME and title, or what is wrong. */
static void print_user_lessons(FILE *out, LessonFile *lf)
{
    char dir[1024];
    DIR *d = lesson_user_dir(dir, sizeof dir) == 0 ? opendir(dir) : NULL;
    if (!d)
        return;
    char *names[256];
    int n = 0;
    for (struct dirent *e; n < 256 && (e = readdir(d)) != NULL;) {
        size_t len = strlen(e->d_name);
        if (len > 7 && e->d_name[0] != '.' && strcmp(e->d_name + len - 7, ".lesson") == 0)
            if ((names[n] = strdup(e->d_name)) != NULL)
                n++;
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0], by_name);
    for (int i = 0; i < n; i++) {
        char path[1400], shortn[256];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        lesson_short_name(names[i], shortn, sizeof shortn);
        Err err = {0};
        if (lesson_file_load(path, lf, &err) == 0)
            fprintf(out, "%-12s %s (%s)\n", shortn, lf->title, path);
        else
            fprintf(out, "%-12s cannot be used: %s\n", shortn, err.msg);
        free(names[i]);
    }
}

void lesson_print_list(FILE *out)
{
    LessonFile *lf = malloc(sizeof *lf);
    if (!lf)
        return;
    for (int i = 0; i < n_lessons; i++) {
        Err err = {0};
        if (lesson_file_parse(lessons[i].text, lessons[i].name, lf, &err) == 0)
            fprintf(out, "%-12s %s\n", lessons[i].name, lf->title);
    }
    print_user_lessons(out, lf);
    free(lf);
}
