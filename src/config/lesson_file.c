/* lesson_file: reads the NAME.lesson format (lesson_file.h) line by line;
 * settings are tried on the option parser as they come, checks are parsed
 * into terms here (lesson_check.c evaluates them). */
#include "lesson_file.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define LESSON_SCENE_LINES 32

/* A `scene` line: where its settings are in LessonFile.scene, its line and
 * its value's column. */
typedef struct {
    int at, len, line, col;
} SceneLine;

/* Where the parse is: the file's name, the line and the scene/steps so far. */
typedef struct {
    const char *name;
    int line;
    LessonFile *lf;
    LessonStep *step; /* NULL before the first `step` */
    Config cfg;       /* the defaults, the scene, and the steps' settings so far */
    int have_title, have_point, have_pause, have_hint, have_check;
    int n_scene_lines;
    SceneLine scene_lines[LESSON_SCENE_LINES];
    int scene_done; /* the scene as a whole has been through config_finish */
} Parse;

static int fail_at(const Parse *p, int col, Err *err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int fail_at(const Parse *p, int col, Err *err, const char *fmt, ...)
{
    char what[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return err_set(err, ERR_INPUT, "%s:%d:%d: %s", p->name, p->line, col, what);
}

/* settings through the option parser onto c, then (finish) config_finish. */
static int apply_words(Config *c, const char *settings, int finish, Err *err)
{
    char buf[2 * LESSON_SETTINGS + 2];
    char *argv[130] = {"regscope"};
    int argc = 1;
    if (strlen(settings) >= sizeof buf)
        return err_set(err, ERR_INPUT, "settings too long (at most %d characters)",
                       (int)sizeof buf - 1);
    snprintf(buf, sizeof buf, "%s", settings);
    for (char *save = NULL, *w = strtok_r(buf, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
        if (argc == (int)(sizeof argv / sizeof argv[0]))
            return err_set(err, ERR_INPUT, "too many settings (at most %d words)", argc - 1);
        argv[argc++] = w;
    }
    ConfigGiven given = c->given;
    const char *argv0 = c->argv0;
    int i = 1;
    int rc = config_apply_options(c, argc, argv, &i, err);
    if (rc == 1) /* a --load, refused by take_settings before it gets here */
        rc = err_set(err, ERR_INPUT, "--load has no place in a lesson");
    if (rc == 0 && finish)
        rc = config_finish(c, err);
    c->given = given;
    c->argv0 = argv0;
    return rc;
}

int lesson_apply_settings(Config *c, const char *settings, Err *err)
{
    return apply_words(c, settings, 1, err);
}

/* Whether config_finish on (a copy of) c fails with message msg. */
static int finish_fails_with(const Config *c, const char *msg)
{
    Config copy = *c;
    Err why = {0};
    return config_finish(&copy, &why) != 0 && strcmp(why.msg, msg) == 0;
}

/* The column (1-based, in the line) of the first option of value whose
 * settings, applied one option at a time on top of base, fail: to parse,
 * or (msg) the whole's config_finish with msg. */
static int failing_column(const Config *base, const char *value, int col, const char *msg)
{
    Config c = *base;
    const char *s = value;
    while (*s) {
        const char *start = s;
        /* one option and its values: up to the next word starting with -- */
        do {
            while (*s && *s != ' ' && *s != '\t')
                s++;
            while (*s == ' ' || *s == '\t')
                s++;
        } while (*s && strncmp(s, "--", 2) != 0);
        char one[2 * LESSON_SETTINGS];
        snprintf(one, sizeof one, "%.*s", (int)(s - start), start);
        if (apply_words(&c, one, 0, NULL) || (msg && finish_fails_with(&c, msg)))
            return col + (int)(start - value);
    }
    return col;
}

/* The scene, whole (its lines may split compare mode's runs), through
 * config_finish. A mistake is placed at the first scene line (and option)
 * from which on config_finish fails with the whole's message. */
static int finish_scene(Parse *p, Err *err)
{
    Err why = {0};
    if (p->scene_done)
        return 0;
    p->scene_done = 1;
    Config whole = p->cfg;
    if (config_finish(&whole, &why) == 0)
        return 0;
    Config c;
    config_defaults(&c);
    for (int k = 0; k < p->n_scene_lines; k++) {
        const SceneLine *l = &p->scene_lines[k];
        char text[2 * LESSON_SETTINGS];
        snprintf(text, sizeof text, "%.*s", l->len, p->lf->scene + l->at);
        Config before = c;
        apply_words(&c, text, 0, NULL);
        if (finish_fails_with(&c, why.msg)) {
            p->line = l->line;
            return fail_at(p, failing_column(&before, text, l->col, why.msg), err, "%s", why.msg);
        }
    }
    p->line = p->n_scene_lines ? p->scene_lines[p->n_scene_lines - 1].line : 1;
    return fail_at(p, p->n_scene_lines ? p->scene_lines[p->n_scene_lines - 1].col : 1, err, "%s",
                   why.msg);
}

/* Settings of a scene or a step, tried on p->cfg (which keeps them), then
 * appended to into (size bytes). */
static int take_settings(Parse *p, const char *value, int col, char *into, size_t size, int finish,
                         Err *err)
{
    for (const char *w = value; (w = strstr(w, "--")) != NULL; w += 2)
        if ((w == value || w[-1] == ' ' || w[-1] == '\t') &&
            (strncmp(w, "--lesson", 8) == 0 || strncmp(w, "--load", 6) == 0 ||
             strncmp(w, "--help", 6) == 0 || strncmp(w, "--version", 9) == 0)) {
            size_t n = strcspn(w, " \t=");
            return fail_at(p, col + (int)(w - value), err, "%.*s has no place in a lesson", (int)n,
                           w);
        }
    if (strlen(into) + strlen(value) + 2 > size)
        return fail_at(p, col, err, "settings too long (at most %d characters)", (int)size - 1);
    Config before = p->cfg;
    Err why = {0};
    if (apply_words(&p->cfg, value, 0, &why))
        return fail_at(p, failing_column(&before, value, col, NULL), err, "%s", why.msg);
    if (finish && config_finish(&p->cfg, &why))
        return fail_at(p, failing_column(&before, value, col, why.msg), err, "%s", why.msg);
    if (into[0])
        strcat(into, " ");
    strcat(into, value);
    return 0;
}

static int copy_text(Parse *p, int col, char *dst, size_t size, const char *value, const char *sep,
                     Err *err)
{
    size_t have = strlen(dst), need = strlen(value) + (have ? strlen(sep) : 0);
    if (have + need >= size)
        return fail_at(p, col, err, "too long (at most %d characters)", (int)size - 1);
    if (have)
        strcat(dst, sep);
    strcat(dst, value);
    return 0;
}

static int parse_pause(Parse *p, const char *value, int col, Err *err)
{
    char *end;
    errno = 0;
    long v = strtol(value, &end, 10);
    if (end == value || *end || errno || v < 1)
        return fail_at(p, col, err, "bad value '%s' for pause-at (a whole number of epochs >= 1)",
                       value);
    p->step->pause_at = v;
    return 0;
}

static int parse_check(Parse *p, const char *value, int col, Err *err)
{
    char why[300];
    int bad = 0;
    if (lesson_check_parse(value, &p->step->check, &bad, why, sizeof why))
        return fail_at(p, col + bad, err, "%s", why);
    return 0;
}

/* Keys only a step has: `prompt set pause-at hint check`. */
static int step_key(Parse *p, const char *key, const char *value, int col, int vcol, Err *err)
{
    LessonStep *s = p->step;
    if (!s)
        return fail_at(p, col, err, "'%s' belongs in a step: put a 'step' line before it", key);
    int *once = strcmp(key, "pause-at") == 0 ? &p->have_pause
                : strcmp(key, "hint") == 0   ? &p->have_hint
                : strcmp(key, "check") == 0  ? &p->have_check
                                             : NULL;
    if (once && *once)
        return fail_at(p, col, err, "a second '%s' in this step", key);
    if (once)
        *once = 1;
    if (strcmp(key, "prompt") == 0)
        return copy_text(p, vcol, s->prompt, sizeof s->prompt, value, "\n", err);
    if (strcmp(key, "set") == 0)
        return take_settings(p, value, vcol, s->settings, sizeof s->settings, 1, err);
    if (strcmp(key, "pause-at") == 0)
        return parse_pause(p, value, vcol, err);
    if (strcmp(key, "hint") == 0)
        return copy_text(p, vcol, s->hint, sizeof s->hint, value, " ", err);
    return parse_check(p, value, vcol, err);
}

static int new_step(Parse *p, int col, Err *err)
{
    int line = p->line;
    if (finish_scene(p, err))
        return -1;
    p->line = line;
    if (p->lf->n_steps == LESSON_MAX_STEPS)
        return fail_at(p, col, err, "too many steps (at most %d)", LESSON_MAX_STEPS);
    p->step = &p->lf->steps[p->lf->n_steps++];
    memset(p->step, 0, sizeof *p->step);
    p->step->line = p->line;
    p->have_pause = p->have_hint = p->have_check = 0;
    return 0;
}

static int one_line(Parse *p, const char *key, const char *value, int col, int vcol, Err *err)
{
    LessonFile *lf = p->lf;
    int is_step = strcmp(key, "step") == 0;
    if (!is_step && !value[0])
        return fail_at(p, vcol, err, "'%s' needs a value", key);
    if (is_step)
        return value[0] ? fail_at(p, vcol, err, "'step' takes no value (put it on a 'prompt' line)")
                        : new_step(p, col, err);
    if (strcmp(key, "title") == 0 || strcmp(key, "point") == 0 || strcmp(key, "scene") == 0) {
        if (p->step)
            return fail_at(p, col, err, "'%s' belongs before the first step", key);
        if (key[0] == 's') {
            if (p->n_scene_lines == LESSON_SCENE_LINES)
                return fail_at(p, col, err, "too many scene lines (at most %d)",
                               LESSON_SCENE_LINES);
            size_t at = strlen(lf->scene) + (lf->scene[0] != '\0');
            if (take_settings(p, value, vcol, lf->scene, sizeof lf->scene, 0, err))
                return -1;
            p->scene_lines[p->n_scene_lines++] =
                (SceneLine){(int)at, (int)strlen(value), p->line, vcol};
            return 0;
        }
        int *once = key[0] == 't' ? &p->have_title : &p->have_point;
        if (*once)
            return fail_at(p, col, err, "a second '%s'", key);
        *once = 1;
        return key[0] == 't' ? copy_text(p, vcol, lf->title, sizeof lf->title, value, "", err)
                             : copy_text(p, vcol, lf->point, sizeof lf->point, value, "", err);
    }
    static const char *const step_keys[] = {"prompt", "set", "pause-at", "hint", "check"};
    for (size_t i = 0; i < sizeof step_keys / sizeof step_keys[0]; i++)
        if (strcmp(key, step_keys[i]) == 0)
            return step_key(p, key, value, col, vcol, err);
    return fail_at(p, col, err,
                   "unknown key '%s' (title, point, scene, step, prompt, set, pause-at, hint, "
                   "check)",
                   key);
}

/* Splits line (its text, NUL-terminated, trailing blanks gone) into key and
 * value and hands them on. */
static int split_line(Parse *p, char *line, Err *err)
{
    char *k = line;
    while (*k == ' ' || *k == '\t')
        k++;
    if (!*k || *k == '#')
        return 0;
    char *v = k;
    while (*v && *v != ' ' && *v != '\t')
        v++;
    char *key_end = v;
    while (*v == ' ' || *v == '\t')
        v++;
    char key[32];
    snprintf(key, sizeof key, "%.*s", (int)(key_end - k), k);
    for (const char *c = k; c < key_end; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            return fail_at(p, (int)(c - line) + 1, err, "a control character in the key");
    return one_line(p, key, v, (int)(k - line) + 1, (int)(v - line) + 1, err);
}

int lesson_file_parse(const char *text, const char *name, LessonFile *out, Err *err)
{
    Parse *p = calloc(1, sizeof *p);
    if (!p)
        return err_set(err, ERR_INTERNAL, "out of memory");
    p->name = name;
    p->lf = out;
    memset(out, 0, sizeof *out);
    config_defaults(&p->cfg);
    int rc = 0;
    char line[4096];
    for (const char *s = text; *s && rc == 0;) {
        size_t n = strcspn(s, "\n");
        p->line++;
        if (n >= sizeof line)
            rc = fail_at(p, (int)sizeof line, err, "line too long (at most %d characters)",
                         (int)sizeof line - 1);
        else {
            memcpy(line, s, n);
            line[n] = '\0';
            for (size_t end = n; end > 0 && isspace((unsigned char)line[end - 1]);)
                line[--end] = '\0';
            rc = split_line(p, line, err);
        }
        s += n + (s[n] == '\n');
    }
    if (rc == 0)
        rc = finish_scene(p, err);
    if (rc == 0 && !p->have_title) {
        p->line = 1;
        rc = fail_at(p, 1, err, "no title: a lesson starts with a 'title' line");
    }
    free(p);
    return rc ? -1 : 0;
}

int lesson_file_load(const char *path, LessonFile *out, Err *err)
{
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) /* a FIFO would block the open */
        return err_set(err, ERR_INPUT, "lesson '%s' is not a regular file", path);
    FILE *f = fopen(path, "rb");
    if (!f)
        return err_set(err, ERR_INPUT, "cannot open lesson '%s': %s", path, strerror(errno));
    enum { MAX = 1 << 20 };
    char *text = malloc(MAX + 1);
    if (!text) {
        fclose(f);
        return err_set(err, ERR_INTERNAL, "out of memory");
    }
    size_t n = fread(text, 1, MAX + 1, f);
    int bad = ferror(f);
    fclose(f);
    int rc;
    if (bad)
        rc = err_set(err, ERR_INPUT, "cannot read lesson '%s'", path);
    else if (n > MAX)
        rc = err_set(err, ERR_INPUT, "%s: too large for a lesson (more than 1 MiB)", path);
    else if (memchr(text, '\0', n))
        rc = err_set(err, ERR_INPUT, "%s: not a text file (a NUL byte)", path);
    else {
        text[n] = '\0';
        rc = lesson_file_parse(text, path, out, err);
    }
    free(text);
    return rc;
}
