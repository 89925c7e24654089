/* scene_read: a scene file back into a Scene (scene.h): the format's
 * parser, with "FILE:LINE: what is wrong" errors. */
#include "scene.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lesson.h"
#include "scene_internal.h"
#include "settings.h"

/* The reader allocates a Scene's arrays; this gives them back. */
void scene_free(Scene *s)
{
    free_names(s->class_names, s->n_classes);
    free_names(s->input_names, s->d);
    free(s->X), free(s->y), free(s->split);
    free(s->std_mean), free(s->std_scale);
    free(s->params);
    memset(s, 0, sizeof *s);
}

/* ---- reading ---------------------------------------------------------------- */

typedef struct {
    const char *name; /* file name for messages */
    char *p;          /* next unread character (lines are cut in place) */
    char *end;        /* the text's terminating NUL */
    long line;        /* number of the line last read */
} Reader;

/* Next line without its newline (and any '\r' before it), skipping blank and # lines;
 * NULL at the end. Lines have no length limit but the file's. */
static char *next_line(Reader *r)
{
    while (r->p < r->end) {
        char *s = r->p, *e = memchr(s, '\n', (size_t)(r->end - s));
        if (!e)
            e = r->end;
        *e = '\0';
        r->p = e < r->end ? e + 1 : e;
        r->line++;
        while (e > s && e[-1] == '\r') /* CRLF, or CRs before it: never part of a value */
            *--e = '\0';
        size_t lead = strspn(s, " \t");
        if (s[lead] == '\0' || s[lead] == '#')
            continue;
        return s;
    }
    return NULL;
}

/* The capacity (in rows) a block needs to hold row `row`: cap when it has
 * room, else doubled (at most max). Blocks grow as they are read, so what
 * a count asks to allocate follows what the file really holds. */
static size_t next_cap(size_t cap, size_t row, size_t max)
{
    if (row < cap)
        return cap;
    size_t n = cap ? 2 * cap : 1024;
    return n > max ? max : n;
}

static int resize(void **p, size_t bytes)
{
    void *q = realloc(*p, bytes + 1);
    if (!q)
        return -1;
    *p = q;
    return 0;
}

/* 0, -1 (not a number) or -2 (not finite: inf, nan, overflow). */
static int parse_num(const char *tok, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(tok, &end);
    if (end == tok || *end != '\0')
        return -1;
    if (!isfinite(v))
        return -2;
    *out = v; /* an underflow to a subnormal or 0 is that number */
    return 0;
}

static int parse_count(const char *tok, long max, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(tok, &end, 10);
    if (end == tok || *end != '\0' || errno || v < 0 || v > max)
        return -1;
    *out = v;
    return 0;
}

/* Exactly width numbers from line (blank separated) into out. */
static int line_numbers(Reader *r, char *line, int width, const char *what, double *out, Err *err)
{
    char *p = line;
    for (int j = 0; j < width; j++) {
        p += strspn(p, " \t");
        if (!*p)
            return err_at(err, r->name, r->line, 0, "expected %d numbers on a line of %s, got %d",
                          width, what, j);
        char *tok = p;
        p += strcspn(p, " \t");
        char sep = *p;
        *p = '\0';
        int bad = parse_num(tok, out + j);
        if (bad)
            return err_at(err, r->name, r->line, 0, "expected a %snumber, got '%.40s'",
                          bad == -2 ? "finite " : "", tok);
        *p = sep;
    }
    p += strspn(p, " \t");
    if (*p)
        return err_at(err, r->name, r->line, 0,
                      "expected %d numbers on a line of %s, got more than %d", width, what, width);
    return 0;
}

/* The next data line of a block of count lines (i read so far). */
static char *block_line(Reader *r, const char *what, long count, long i, Err *err)
{
    char *line = next_line(r);
    if (!line)
        err_at(err, r->name, r->line, 0, "expected %ld %s, the file ends after %ld", count, what,
               i);
    return line;
}

/* Reads count lines of width numbers each into *out (row-major, malloc'd
 * as they come). */
static int read_rows(Reader *r, const char *what, long count, int width, double **out, Err *err)
{
    size_t cap = 0, w = (size_t)width;
    void *buf = NULL;
    int rc = 0;
    for (long i = 0; i < count && !rc; i++) {
        char *line = block_line(r, what, count, i, err);
        size_t ncap = next_cap(cap, (size_t)i, (size_t)count);
        if (!line)
            rc = -1;
        else if (ncap != cap && resize(&buf, sizeof(double) * w * (cap = ncap)))
            rc = err_set(err, ERR_INTERNAL, "out of memory for %ld %s", count, what);
        else
            rc = line_numbers(r, line, width, what, (double *)buf + (size_t)i * w, err);
    }
    *out = buf;
    return rc;
}

/* ---- names ------------------------------------------------------------------ */

/* The names on a class-names / input-names line; checked against their
 * count (check_names) once both are known, whichever came first. */
static int read_names(Reader *r, const char *key, char *rest, Names *nm, Err *err)
{
    if (nm->line)
        return err_at(err, r->name, r->line, 0, "%s given twice", key);
    nm->line = r->line;
    size_t cap = 0;
    const char *why = NULL;
    for (char *name; (name = scene_next_name(&rest, &why));) {
        if (grow(&nm->v, &cap, (size_t)nm->n + 1, sizeof *nm->v))
            return err_set(err, ERR_INTERNAL, "out of memory");
        if (!(nm->v[nm->n] = dup_str(name)))
            return err_set(err, ERR_INTERNAL, "out of memory");
        nm->n++;
    }
    if (why)
        return err_at(err, r->name, r->line, 0, "%s: %s", key, why);
    return 0;
}

/* ---- the model a weights block must fit --------------------------------------- */

/* Inputs of the scene's model (its features expansion of the points, else
 * the points' inputs) and its parameter count: what the standardizer and
 * the weights of the scene must hold. */
static size_t model_shape(const Scene *s, int *n_in)
{
    FeatureSpec fs;
    *n_in = features_parse(s->cfg.features, &fs, NULL) == 0 &&
                    features_bind(&fs, s->d, NULL, NULL) == 0 && fs.n
                ? fs.n
                : s->d;
    int out = s->n_classes > 2 ? s->n_classes : 1, prev = *n_in;
    size_t total = 0;
    for (int i = 0; i < s->cfg.n_hidden; i++) {
        total += (size_t)prev * (size_t)s->cfg.hidden[i] + (size_t)s->cfg.hidden[i];
        prev = s->cfg.hidden[i];
    }
    return total + (size_t)prev * (size_t)out + (size_t)out;
}

/* "paused on" and "lesson NAME": how the TUI showed the scene. The lesson
 * brings back its name and prompt, not its settings (the scene has its
 * own). */
static int read_view_state(Reader *r, Config *cfg, const char *key, const char *value, Err *err)
{
    if (strcmp(key, "paused") == 0) {
        if (strcmp(value, "on") != 0 && strcmp(value, "off") != 0)
            return err_at(err, r->name, r->line, 0, "paused: expected on or off, got '%.40s'",
                          value);
        cfg->start_paused = strcmp(value, "on") == 0;
        return 0;
    }
    LessonFile *lf = malloc(sizeof *lf);
    if (!lf)
        return err_set(err, ERR_INTERNAL, "out of memory");
    Err e = {0};
    if (lesson_open(value, lf, &e)) {
        free(lf);
        return err_at(err, r->name, r->line, 0, "%s", e.msg);
    }
    snprintf(cfg->lesson_src, sizeof cfg->lesson_src, "%s", value);
    lesson_short_name(value, cfg->lesson, sizeof cfg->lesson);
    snprintf(cfg->lesson_prompt, sizeof cfg->lesson_prompt, "%s", lf->title);
    snprintf(cfg->lesson_point, sizeof cfg->lesson_point, "%s", lf->point);
    free(lf);
    return 0;
}

/* One setting line onto cfg through the command-line parser, so values
 * are checked exactly as options are. */
static int apply_setting(Reader *r, Config *cfg, const char *option, const char *value, Err *err)
{
    char *argv[3] = {"regscope", (char *)option, (char *)value};
    int n_runs = cfg->n_runs;
    const char *argv0 = cfg->argv0;
    cfg->n_runs = 0;
    Err e = {0};
    int rc = config_apply_settings(cfg, 3, argv, &e);
    cfg->n_runs = n_runs;
    cfg->argv0 = argv0;
    if (rc)
        return err_at(err, r->name, r->line, 0, "%s", e.msg);
    return 0;
}

typedef struct {
    Reader r;
    Scene *s;
    Names class_names, input_names;
    int have_classes, seen_points, seen_std, seen_weights;
    char *run_spec[CONFIG_MAX_RUNS]; /* the run lines, applied after the settings */
    int n_runs;
    long first_run_line;
} Parse;

static int read_points(Parse *ps, const char *value, Err *err)
{
    Reader *r = &ps->r;
    Scene *s = ps->s;
    long n;
    if (ps->seen_points)
        return err_at(err, r->name, r->line, 0, "points given twice");
    if (!s->d || !ps->have_classes)
        return err_at(err, r->name, r->line, 0,
                      "points need 'classes' and 'inputs' lines before them");
    if (parse_count(value, 100000000, &n) || n < 1)
        return err_at(err, r->name, r->line, 0, "points: expected a count >= 1, got '%s'", value);
    if (scene_check_names(r->name, &ps->class_names, "class-names", s->n_classes, err) ||
        scene_check_names(r->name, &ps->input_names, "input-names", s->d, err))
        return -1;
    FeatureSpec fs;
    Err fe = {0};
    if (features_parse(s->cfg.features, &fs, NULL) == 0 && features_bind(&fs, s->d, NULL, &fe))
        return err_at(err, r->name, r->line, 0, "%s (the points have %d inputs)", fe.msg, s->d);
    int w = s->d + 2;
    ps->seen_points = 1;
    double *row = malloc(sizeof(double) * (size_t)w);
    if (!row)
        return err_set(err, ERR_INTERNAL, "out of memory");
    size_t cap = 0, d = (size_t)s->d;
    void *X = NULL, *y = NULL, *split_of = NULL;
    long n_train = 0;
    for (long i = 0; i < n; i++) {
        char *line = block_line(r, "points", n, i, err);
        if (!line || line_numbers(r, line, w, "points", row, err)) {
            free(row);
            return -1;
        }
        size_t ncap = next_cap(cap, (size_t)i, (size_t)n);
        if (ncap != cap) {
            cap = ncap;
            int fail = resize(&X, sizeof(double) * d * cap) || resize(&y, sizeof(double) * cap) ||
                       resize(&split_of, cap);
            s->X = X, s->y = y, s->split = split_of;
            if (fail) {
                free(row);
                return err_set(err, ERR_INTERNAL, "out of memory for %ld points", n);
            }
        }
        double t = row[s->d], split = row[s->d + 1];
        const char *bad = NULL;
        if (split != 0 && split != 1)
            bad = "split must be 0 (train) or 1 (validation)";
        /* range first: a class like 1e11 is no int to cast */
        else if (s->n_classes > 0 && !(t >= 0 && t < s->n_classes && t == (double)(int)t))
            bad = "class must be a whole number from 0 to classes - 1";
        if (bad) {
            free(row);
            return err_at(err, r->name, r->line, 0, "%s", bad);
        }
        memcpy(s->X + (size_t)i * s->d, row, sizeof(double) * (size_t)s->d);
        s->y[i] = t;
        s->split[i] = (unsigned char)split;
        n_train += split == 0;
    }
    free(row);
    s->n = (int)n;
    if (n_train == 0)
        return err_at(err, r->name, r->line, 0, "no training points (split 0)");
    return 0;
}

static int read_standardizer(Parse *ps, const char *value, Err *err)
{
    Reader *r = &ps->r;
    Scene *s = ps->s;
    long n;
    int n_in;
    model_shape(s, &n_in);
    if (ps->seen_std || parse_count(value, SCENE_MAX_INPUTS, &n) || n < 1)
        return err_at(err, r->name, r->line, 0, "standardizer: expected one count >= 1, got '%s'",
                      value);
    if (!ps->seen_points)
        return err_at(err, r->name, r->line, 0, "the standardizer comes after the points");
    if (n != n_in)
        return err_at(err, r->name, r->line, 0,
                      "standardizer: expected %d rows (one per model input), got %ld", n_in, n);
    ps->seen_std = 1;
    double *rows = malloc(sizeof(double) * (2 * (size_t)n + 1));
    s->std_mean = malloc(sizeof(double) * ((size_t)n + 1));
    s->std_scale = malloc(sizeof(double) * ((size_t)n + 1));
    if (!rows || !s->std_mean || !s->std_scale) {
        free(rows);
        return err_set(err, ERR_INTERNAL, "out of memory");
    }
    for (long j = 0; j < n; j++) {
        char *line = block_line(r, "standardizer rows", n, j, err);
        if (!line || line_numbers(r, line, 2, "standardizer rows", rows + 2 * j, err)) {
            free(rows);
            return -1;
        }
        s->std_mean[j] = rows[2 * j];
        s->std_scale[j] = rows[2 * j + 1];
        if (s->std_scale[j] == 0) {
            free(rows);
            return err_at(err, r->name, r->line, 0, "a standardizer scale must not be 0");
        }
    }
    free(rows);
    s->std_d = (int)n;
    return 0;
}

static int read_weights(Parse *ps, const char *value, Err *err)
{
    Reader *r = &ps->r;
    Scene *s = ps->s;
    long n;
    if (ps->seen_weights || parse_count(value, LONG_MAX, &n) || n < 1)
        return err_at(err, r->name, r->line, 0, "weights: expected one count >= 1, got '%s'",
                      value);
    if (!ps->seen_points)
        return err_at(err, r->name, r->line, 0, "the weights come after the points");
    int n_in;
    size_t want = model_shape(s, &n_in);
    if ((size_t)n != want) {
        char model[128];
        config_model_string(&s->cfg, model, sizeof model);
        return err_at(err, r->name, r->line, 0,
                      "weights: model %s on %d inputs has %zu parameters, got %ld", model, n_in,
                      want, n);
    }
    ps->seen_weights = 1;
    if (read_rows(r, "weights", n, 1, &s->params, err))
        return -1;
    s->n_params = (size_t)n;
    return 0;
}

/* classes / inputs: a count, once, before the points. */
static int read_counts(Parse *ps, const char *key, const char *value, Err *err)
{
    Reader *r = &ps->r;
    Scene *s = ps->s;
    long n;
    if (strcmp(key, "classes") == 0) {
        if (parse_count(value, SCENE_MAX_CLASSES, &n) || n == 1)
            return err_at(err, r->name, r->line, 0,
                          "classes: expected 0 (regression) or 2 to %d, got '%s'",
                          SCENE_MAX_CLASSES, value);
        if (ps->have_classes || ps->seen_points)
            return err_at(err, r->name, r->line, 0, "classes given twice or after the points");
        s->n_classes = (int)n;
        ps->have_classes = 1;
        return 0;
    }
    if (parse_count(value, SCENE_MAX_INPUTS, &n) || n < 1)
        return err_at(err, r->name, r->line, 0, "inputs: expected 1 to %d, got '%s'",
                      SCENE_MAX_INPUTS, value);
    if (s->d || ps->seen_points)
        return err_at(err, r->name, r->line, 0, "inputs given twice or after the points");
    s->d = (int)n;
    return 0;
}

/* A run line, kept until the settings are all read. */
static int keep_run(Parse *ps, const char *value, Err *err)
{
    if (ps->n_runs == CONFIG_MAX_RUNS)
        return err_at(err, ps->r.name, ps->r.line, 0, "at most %d runs", CONFIG_MAX_RUNS);
    if (!ps->first_run_line)
        ps->first_run_line = ps->r.line;
    if (!(ps->run_spec[ps->n_runs] = dup_str(value)))
        return err_set(err, ERR_INTERNAL, "out of memory");
    ps->n_runs++;
    return 0;
}

/* The scene's runs, as --run options on top of its settings. */
static int apply_runs(Parse *ps, Err *err)
{
    int n = ps->n_runs;
    char **spec = ps->run_spec;
    long first_line = ps->first_run_line;
    if (!n)
        return 0;
    char *argv[2 * CONFIG_MAX_RUNS + 1];
    argv[0] = "regscope";
    for (int i = 0; i < n; i++) {
        argv[1 + 2 * i] = "--run";
        argv[2 + 2 * i] = spec[i];
    }
    Config *cfg = &ps->s->cfg;
    const char *argv0 = cfg->argv0;
    Err e = {0};
    int rc = config_apply_settings(cfg, 1 + 2 * n, argv, &e);
    cfg->argv0 = argv0;
    if (rc)
        return err_at(err, ps->r.name, first_line, 0, "%s", e.msg);
    return 0;
}

/* Names given without their count, or not matching it. */
static int finish_names(Parse *ps, Err *err)
{
    Scene *s = ps->s;
    const char *file = ps->r.name;
    if (ps->class_names.line && !ps->have_classes)
        return err_at(err, file, ps->class_names.line, 0, "class-names need a 'classes' line");
    if (ps->input_names.line && !s->d)
        return err_at(err, file, ps->input_names.line, 0, "input-names need an 'inputs' line");
    if (scene_check_names(file, &ps->class_names, "class-names", s->n_classes, err) ||
        scene_check_names(file, &ps->input_names, "input-names", s->d, err))
        return -1;
    if (ps->class_names.line && s->n_classes > 0) {
        s->class_names = ps->class_names.v;
        memset(&ps->class_names, 0, sizeof ps->class_names);
    }
    if (ps->input_names.line) {
        s->input_names = ps->input_names.v;
        memset(&ps->input_names, 0, sizeof ps->input_names);
    }
    return 0;
}

/* One line after the first, its key and value cut apart. */
static int read_line(Parse *ps, const char *key, char *value, Err *err)
{
    Reader *r = &ps->r;
    Scene *s = ps->s;
    int after_data = ps->seen_points || ps->seen_std || ps->seen_weights;
    Setting setting;
    if (setting_find(key, &setting))
        return after_data ? err_at(err, r->name, r->line, 0,
                                   "setting '%s' after the data (settings come first)", key)
                          : apply_setting(r, &s->cfg, setting.option, value, err);
    if (strcmp(key, "paused") == 0 || strcmp(key, "lesson") == 0)
        return after_data ? err_at(err, r->name, r->line, 0, "setting '%s' after the data", key)
                          : read_view_state(r, &s->cfg, key, value, err);
    if (strcmp(key, "run") == 0)
        return keep_run(ps, value, err);
    if (strcmp(key, "classes") == 0 || strcmp(key, "inputs") == 0)
        return read_counts(ps, key, value, err);
    if (strcmp(key, "class-names") == 0 || strcmp(key, "input-names") == 0) {
        if (ps->seen_points)
            return err_at(err, r->name, r->line, 0, "%s after the points", key);
        return read_names(r, key, value, key[0] == 'c' ? &ps->class_names : &ps->input_names, err);
    }
    if (strcmp(key, "points") == 0)
        return read_points(ps, value, err);
    if (strcmp(key, "standardizer") == 0)
        return read_standardizer(ps, value, err);
    if (strcmp(key, "weights") == 0)
        return read_weights(ps, value, err);
    return err_at(err, r->name, r->line, 0, "unknown key '%.60s'", key);
}

/* The first line: the format and its version. */
static int read_magic(Reader *r, Err *err)
{
    char *line = next_line(r);
    if (line && strcmp(line, "regscope-scene 1") == 0)
        return 0;
    if (line && strncmp(line, "regscope-scene ", 15) == 0)
        return err_at(err, r->name, r->line, 0,
                      "unsupported scene version '%.40s' (this regscope reads 1)", line + 15);
    return err_at(err, r->name, r->line ? r->line : 1, 0,
                  "not a regscope scene (the first line must be 'regscope-scene 1')");
}

/* After the last line: the task the points imply. */
static int settle_task(Parse *ps, Err *err)
{
    Scene *s = ps->s;
    if (ps->seen_points) {
        if (s->cfg.task == TASK_AUTO)
            s->cfg.task = s->n_classes > 0 ? TASK_CLASSIFY : TASK_REGRESS;
        if ((s->cfg.task == TASK_CLASSIFY) != (s->n_classes > 0))
            return err_at(err, ps->r.name, ps->r.line, 0, "task %s does not fit 'classes %d'",
                          s->cfg.task == TASK_CLASSIFY ? "classify" : "regress", s->n_classes);
    }
    s->task = s->cfg.task;
    return 0;
}

/* Parses text (NUL-terminated at end, cut into lines in place). */
static int parse_text(char *text, char *end, const char *name, const Config *base, Scene *s,
                      Err *err)
{
    memset(s, 0, sizeof *s);
    if (base)
        s->cfg = *base;
    else
        config_defaults(&s->cfg);
    s->cfg.n_runs = 0; /* the scene's runs replace any before it */
    Parse ps = {.r = {name, text, end, 0}, .s = s};
    int rc = read_magic(&ps.r, err);
    for (char *line; !rc && (line = next_line(&ps.r));) {
        char *key = line + strspn(line, " \t");
        char *sp = key + strcspn(key, " \t");
        char *value = sp;
        if (*sp) {
            *sp = '\0';
            value = sp + 1;
        }
        rc = read_line(&ps, key, value, err);
    }
    if (!rc)
        rc = apply_runs(&ps, err) || finish_names(&ps, err) || settle_task(&ps, err) ? -1 : 0;
    for (int i = 0; i < ps.n_runs; i++)
        free(ps.run_spec[i]);
    scene_names_free(&ps.class_names);
    scene_names_free(&ps.input_names);
    if (rc) {
        ErrKind kind = err ? err->kind : ERR_INPUT;
        Config keep = s->cfg;
        scene_free(s);
        s->cfg = keep;
        if (err)
            err->kind = kind;
    }
    return rc;
}

int scene_parse(const char *text, const char *name, const Config *base, Scene *s, Err *err)
{
    memset(s, 0, sizeof *s);
    size_t len = strlen(text);
    char *copy = malloc(len + 1);
    if (!copy)
        return err_set(err, ERR_INTERNAL, "out of memory");
    memcpy(copy, text, len + 1);
    int rc = parse_text(copy, copy + len, name, base, s, err);
    free(copy);
    return rc;
}

int scene_read(const char *path, const Config *base, Scene *s, Err *err)
{
    memset(s, 0, sizeof *s);
    char *text = NULL;
    size_t len = 0;
    if (scene_read_file(path, &text, &len, err))
        return -1;
    int rc = parse_text(text, text + len, path, base, s, err);
    free(text);
    return rc;
}
