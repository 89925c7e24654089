/* scene_read: a scene file back into a Scene (scene.h): the format's
 * parser, with "FILE:LINE: what is wrong" errors. */
#include "scene.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scene_internal.h"

/* ---- reading ---------------------------------------------------------------- */

/* Setting keys and the options that parse them. */
static const struct {
    const char *key, *option;
} settings[] = {
    {"data", "--data"},           {"target", "--target"},
    {"task", "--task"},           {"features", "--features"},
    {"model", "--model"},         {"activation", "--activation"},
    {"lambda", "--lambda"},       {"alpha", "--alpha"},
    {"keep", "--keep-prob"},      {"input-keep", "--input-keep-prob"},
    {"augment-noise", "--augment-noise"}, {"lr", "--lr"},
    {"l1-method", "--l1-method"}, {"optimizer", "--optimizer"},
    {"batch", "--batch"},         {"samples", "--samples"},
    {"noise", "--noise"},         {"val-ratio", "--val-ratio"},
    {"corr", "--corr"},           {"direction", "--direction"},
    {"seed", "--seed"},           {"standardize", "--standardize"},
};
#define N_SETTINGS (int)(sizeof settings / sizeof settings[0])

typedef struct {
    const char *name; /* file name for messages */
    const char *p;    /* next unread character */
    long line;        /* number of the line last read */
    char buf[65536];
} Reader;

/* Next line without its newline (and '\r'), skipping blank and # lines;
 * NULL at the end. Over-long lines are an error (*too_long). */
static char *next_line(Reader *r, int *too_long)
{
    *too_long = 0;
    while (*r->p) {
        const char *e = strchr(r->p, '\n');
        size_t n = e ? (size_t)(e - r->p) : strlen(r->p);
        r->line++;
        if (n >= sizeof r->buf) {
            *too_long = 1;
            return NULL;
        }
        memcpy(r->buf, r->p, n);
        r->buf[n] = '\0';
        r->p += n + (e ? 1 : 0);
        if (n > 0 && r->buf[n - 1] == '\r')
            r->buf[--n] = '\0';
        size_t lead = strspn(r->buf, " \t");
        if (r->buf[lead] == '\0' || r->buf[lead] == '#')
            continue;
        return r->buf;
    }
    return NULL;
}

static int parse_num(const char *tok, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(tok, &end);
    if (end == tok || *end != '\0' || (errno == ERANGE && (v > 1 || v < -1)) || v != v)
        return -1;
    *out = v;
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

/* Splits line into at most max tokens at spaces / tabs; returns the count
 * (max + 1 when there are more). */
static int tokens(char *line, char **tok, int max)
{
    int n = 0;
    for (char *save = NULL, *t = strtok_r(line, " \t", &save); t; t = strtok_r(NULL, " \t", &save)) {
        if (n == max)
            return max + 1;
        tok[n++] = t;
    }
    return n;
}

/* Reads `count` lines of `width` numbers each into out (row-major). */
static int read_rows(Reader *r, const char *what, long count, int width, double *out, Err *err)
{
    char *tok[66];
    for (long i = 0; i < count; i++) {
        int too_long;
        char *line = next_line(r, &too_long);
        if (too_long)
            return err_at(err, r->name, r->line, 0, "line too long");
        if (!line)
            return err_at(err, r->name, r->line, 0, "expected %ld %s, the file ends after %ld",
                          count, what, i);
        int n = tokens(line, tok, width);
        if (n != width)
            return err_at(err, r->name, r->line, 0, "expected %d numbers on a line of %s, got %s%d",
                          width, what, n > width ? "more than " : "", n > width ? width : n);
        for (int j = 0; j < width; j++)
            if (parse_num(tok[j], out + (size_t)i * width + j))
                return err_at(err, r->name, r->line, 0, "expected a number, got '%s'", tok[j]);
    }
    return 0;
}

static int read_names(Reader *r, char *rest, int n, char ***out, Err *err)
{
    if (n <= 0)
        return err_at(err, r->name, r->line, 0, "names before their count (classes / inputs)");
    char *tok[65];
    int k = tokens(rest, tok, n);
    if (k != n)
        return err_at(err, r->name, r->line, 0, "expected %d names, got %s%d", n,
                      k > n ? "more than " : "", k > n ? n : k);
    char **names = calloc((size_t)n, sizeof *names);
    for (int i = 0; names && i < n; i++)
        if (!(names[i] = dup_str(tok[i]))) {
            free_names(names, n);
            names = NULL;
        }
    if (!names)
        return err_set(err, ERR_INTERNAL, "out of memory");
    free_names(*out, n);
    *out = names;
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
    int rc = config_parse(cfg, 3, argv, &e);
    cfg->n_runs = n_runs;
    cfg->argv0 = argv0;
    if (rc)
        return err_at(err, r->name, r->line, 0, "%s", e.msg);
    return 0;
}

int scene_parse(const char *text, const char *name, const Config *base, Scene *s, Err *err)
{
    memset(s, 0, sizeof *s);
    if (base)
        s->cfg = *base;
    else
        config_defaults(&s->cfg);
    s->cfg.n_runs = 0; /* the scene's runs replace any before it */
    Reader *r = malloc(sizeof *r);
    if (!r)
        return err_set(err, ERR_INTERNAL, "out of memory");
    r->name = name;
    r->p = text;
    r->line = 0;
    char *run_spec[CONFIG_MAX_RUNS + 1];
    int n_run_lines = 0;
    long first_run_line = 0;
    int have_classes = 0, seen_points = 0, seen_std = 0, seen_weights = 0;
    int rc = -1, too_long;
    char *line = next_line(r, &too_long);
    if (!line || strcmp(line, "regscope-scene 1") != 0) {
        if (line && strncmp(line, "regscope-scene ", 15) == 0)
            err_at(err, name, r->line, 0, "unsupported scene version '%s' (this regscope reads 1)",
                   line + 15);
        else
            err_at(err, name, r->line ? r->line : 1, 0,
                   "not a regscope scene (the first line must be 'regscope-scene 1')");
        goto out;
    }
    while ((line = next_line(r, &too_long))) {
        char *key = line + strspn(line, " \t");
        char *sp = key + strcspn(key, " \t");
        char *value = sp;
        if (*sp) {
            *sp = '\0';
            value = sp + 1;
        }
        int k;
        for (k = 0; k < N_SETTINGS; k++)
            if (strcmp(key, settings[k].key) == 0)
                break;
        if (k < N_SETTINGS) {
            if (seen_points || seen_std || seen_weights) {
                err_at(err, name, r->line, 0, "setting '%s' after the data (settings come first)", key);
                goto out;
            }
            if (apply_setting(r, &s->cfg, settings[k].option, value, err))
                goto out;
        } else if (strcmp(key, "run") == 0) {
            if (n_run_lines == CONFIG_MAX_RUNS) {
                err_at(err, name, r->line, 0, "at most %d runs", CONFIG_MAX_RUNS);
                goto out;
            }
            if (!first_run_line)
                first_run_line = r->line;
            if (!(run_spec[n_run_lines++] = dup_str(value))) {
                err_set(err, ERR_INTERNAL, "out of memory");
                goto out;
            }
        } else if (strcmp(key, "classes") == 0) {
            long n;
            if (parse_count(value, 64, &n) || n == 1) {
                err_at(err, name, r->line, 0, "classes: expected 0 (regression) or 2 to 64, got '%s'",
                       value);
                goto out;
            }
            if (have_classes || seen_points) {
                err_at(err, name, r->line, 0, "classes given twice or after the points");
                goto out;
            }
            s->n_classes = (int)n;
            have_classes = 1;
        } else if (strcmp(key, "class-names") == 0) {
            if (read_names(r, value, s->n_classes, &s->class_names, err))
                goto out;
        } else if (strcmp(key, "inputs") == 0) {
            long n;
            if (parse_count(value, 64, &n) || n < 1) {
                err_at(err, name, r->line, 0, "inputs: expected 1 to 64, got '%s'", value);
                goto out;
            }
            if (s->d || seen_points) {
                err_at(err, name, r->line, 0, "inputs given twice or after the points");
                goto out;
            }
            s->d = (int)n;
        } else if (strcmp(key, "input-names") == 0) {
            if (read_names(r, value, s->d, &s->input_names, err))
                goto out;
        } else if (strcmp(key, "points") == 0) {
            long n;
            if (seen_points) {
                err_at(err, name, r->line, 0, "points given twice");
                goto out;
            }
            if (!s->d || !have_classes) {
                err_at(err, name, r->line, 0, "points need 'classes' and 'inputs' lines before them");
                goto out;
            }
            if (parse_count(value, 100000000, &n) || n < 1) {
                err_at(err, name, r->line, 0, "points: expected a count >= 1, got '%s'", value);
                goto out;
            }
            seen_points = 1;
            int w = s->d + 2;
            double *rows = malloc(sizeof(double) * ((size_t)n * w + 1));
            s->X = malloc(sizeof(double) * ((size_t)n * s->d + 1));
            s->y = malloc(sizeof(double) * ((size_t)n + 1));
            s->split = malloc((size_t)n + 1);
            if (!rows || !s->X || !s->y || !s->split) {
                free(rows);
                err_set(err, ERR_INTERNAL, "out of memory for %ld points", n);
                goto out;
            }
            long start = r->line;
            if (read_rows(r, "points", n, w, rows, err)) {
                free(rows);
                goto out;
            }
            /* check each row (the line number assumes no comments among them) */
            long n_train = 0;
            for (long i = 0; i < n; i++) {
                const double *row = rows + (size_t)i * w;
                double t = row[s->d], sp2 = row[s->d + 1];
                const char *bad = NULL;
                if (sp2 != 0 && sp2 != 1)
                    bad = "split must be 0 (train) or 1 (validation)";
                else if (s->n_classes > 0 && (t != (int)t || t < 0 || t >= s->n_classes))
                    bad = "class must be a whole number from 0 to classes - 1";
                if (bad) {
                    free(rows);
                    err_at(err, name, start + 1 + i, 0, "%s", bad);
                    goto out;
                }
                memcpy(s->X + (size_t)i * s->d, row, sizeof(double) * (size_t)s->d);
                s->y[i] = t;
                s->split[i] = (unsigned char)sp2;
                n_train += sp2 == 0;
            }
            free(rows);
            s->n = (int)n;
            if (n_train == 0) {
                err_at(err, name, r->line, 0, "no training points (split 0)");
                goto out;
            }
        } else if (strcmp(key, "standardizer") == 0) {
            long n;
            if (seen_std || parse_count(value, 100000, &n) || n < 1) {
                err_at(err, name, r->line, 0, "standardizer: expected one count >= 1, got '%s'", value);
                goto out;
            }
            seen_std = 1;
            double *rows = malloc(sizeof(double) * (2 * (size_t)n + 1));
            s->std_mean = malloc(sizeof(double) * ((size_t)n + 1));
            s->std_scale = malloc(sizeof(double) * ((size_t)n + 1));
            if (!rows || !s->std_mean || !s->std_scale) {
                free(rows);
                err_set(err, ERR_INTERNAL, "out of memory");
                goto out;
            }
            long start = r->line;
            if (read_rows(r, "standardizer rows", n, 2, rows, err)) {
                free(rows);
                goto out;
            }
            for (long j = 0; j < n; j++) {
                s->std_mean[j] = rows[2 * j];
                s->std_scale[j] = rows[2 * j + 1];
                if (!(s->std_scale[j] != 0)) {
                    free(rows);
                    err_at(err, name, start + 1 + j, 0, "a standardizer scale must not be 0");
                    goto out;
                }
            }
            free(rows);
            s->std_d = (int)n;
        } else if (strcmp(key, "weights") == 0) {
            long n;
            if (seen_weights || parse_count(value, 100000000, &n) || n < 1) {
                err_at(err, name, r->line, 0, "weights: expected one count >= 1, got '%s'", value);
                goto out;
            }
            seen_weights = 1;
            s->params = malloc(sizeof(double) * ((size_t)n + 1));
            if (!s->params) {
                err_set(err, ERR_INTERNAL, "out of memory for %ld weights", n);
                goto out;
            }
            if (read_rows(r, "weights", n, 1, s->params, err))
                goto out;
            s->n_params = (size_t)n;
        } else {
            err_at(err, name, r->line, 0, "unknown key '%s'", key);
            goto out;
        }
    }
    if (too_long) {
        err_at(err, name, r->line, 0, "line too long");
        goto out;
    }
    if (n_run_lines) {
        char *argv[2 * CONFIG_MAX_RUNS + 1];
        argv[0] = "regscope";
        for (int i = 0; i < n_run_lines; i++) {
            argv[1 + 2 * i] = "--run";
            argv[2 + 2 * i] = run_spec[i];
        }
        const char *argv0 = s->cfg.argv0;
        Err e = {0};
        if (config_parse(&s->cfg, 1 + 2 * n_run_lines, argv, &e)) {
            err_at(err, name, first_run_line, 0, "%s", e.msg);
            goto out;
        }
        s->cfg.argv0 = argv0;
    }
    if (seen_points) {
        if (s->cfg.task == TASK_AUTO)
            s->cfg.task = s->n_classes > 0 ? TASK_CLASSIFY : TASK_REGRESS;
        if ((s->cfg.task == TASK_CLASSIFY) != (s->n_classes > 0)) {
            err_at(err, name, r->line, 0, "task %s does not fit 'classes %d'",
                   s->cfg.task == TASK_CLASSIFY ? "classify" : "regress", s->n_classes);
            goto out;
        }
    }
    s->task = s->cfg.task;
    rc = 0;
out:
    for (int i = 0; i < n_run_lines; i++)
        free(run_spec[i]);
    free(r);
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

int scene_read(const char *path, const Config *base, Scene *s, Err *err)
{
    memset(s, 0, sizeof *s);
    FILE *f = fopen(path, "rb");
    if (!f)
        return err_set(err, ERR_INPUT, "%s: cannot open: %s", path, strerror(errno));
    size_t cap = 65536, len = 0;
    char *text = malloc(cap);
    for (;;) {
        if (!text) {
            fclose(f);
            return err_set(err, ERR_INTERNAL, "out of memory reading %s", path);
        }
        len += fread(text + len, 1, cap - len - 1, f);
        if (len < cap - 1)
            break;
        cap *= 2;
        char *q = realloc(text, cap);
        if (!q)
            free(text);
        text = q;
    }
    int bad = ferror(f);
    fclose(f);
    text[len] = '\0';
    if (bad) {
        free(text);
        return err_set(err, ERR_INPUT, "%s: cannot read", path);
    }
    if (memchr(text, '\0', len)) {
        free(text);
        return err_at(err, path, 0, 0, "not a regscope scene (binary data)");
    }
    int rc = scene_parse(text, path, base, s, err);
    free(text);
    return rc;
}
