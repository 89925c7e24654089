/* scene: save / load of settings, points, standardizer and weights (scene.h). */
#include "scene.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- building blocks ------------------------------------------------------ */

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

static void free_names(char **names, int n)
{
    if (!names)
        return;
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* A copy of n names, or NULL when there are none or one is unusable in the
 * file (empty, or with white space). */
static char **copy_names(char *const *names, int n)
{
    if (!names || n <= 0)
        return NULL;
    for (int i = 0; i < n; i++)
        if (!names[i] || !names[i][0] || strpbrk(names[i], " \t\r\n"))
            return NULL;
    char **out = calloc((size_t)n, sizeof *out);
    for (int i = 0; out && i < n; i++)
        if (!(out[i] = dup_str(names[i]))) {
            free_names(out, n);
            return NULL;
        }
    return out;
}

void scene_free(Scene *s)
{
    free_names(s->class_names, s->n_classes);
    free_names(s->input_names, s->d);
    free(s->X), free(s->y), free(s->split);
    free(s->std_mean), free(s->std_scale);
    free(s->params);
    memset(s, 0, sizeof *s);
}

int scene_from_problem(Scene *s, const Config *c, const Problem *p, const Model *m, Err *err)
{
    memset(s, 0, sizeof *s);
    s->cfg = *c;
    s->cfg.task = p->task;
    s->task = p->task;
    s->n_classes = p->task == TASK_CLASSIFY ? p->n_classes : 0;
    s->d = p->d_raw;
    s->n = p->raw_train.n + p->raw_val.n;
    size_t n = (size_t)s->n, d = (size_t)s->d;
    s->X = malloc(sizeof(double) * (n * d + 1));
    s->y = malloc(sizeof(double) * (n + 1));
    s->split = malloc(n + 1);
    s->std_d = p->std.d;
    s->std_mean = malloc(sizeof(double) * ((size_t)s->std_d + 1));
    s->std_scale = malloc(sizeof(double) * ((size_t)s->std_d + 1));
    s->n_params = m ? m->n_params : 0;
    s->params = malloc(sizeof(double) * (s->n_params + 1));
    if (!s->X || !s->y || !s->split || !s->std_mean || !s->std_scale || !s->params) {
        scene_free(s);
        return err_set(err, ERR_INTERNAL, "out of memory");
    }
    const Dataset *sets[2] = {&p->raw_train, &p->raw_val};
    size_t k = 0;
    for (int v = 0; v < 2; v++)
        for (int i = 0; i < sets[v]->n; i++, k++) {
            memcpy(s->X + k * d, sets[v]->X + (size_t)i * d, sizeof(double) * d);
            s->y[k] = sets[v]->y[i];
            s->split[k] = (unsigned char)v;
        }
    if (s->std_d) {
        memcpy(s->std_mean, p->std.mean, sizeof(double) * (size_t)s->std_d);
        memcpy(s->std_scale, p->std.scale, sizeof(double) * (size_t)s->std_d);
    }
    if (m)
        memcpy(s->params, m->params, sizeof(double) * s->n_params);
    s->class_names = copy_names(p->raw_train.class_names, s->n_classes);
    s->input_names = copy_names(p->raw_train.feature_names, s->d);
    return 0;
}

/* ---- writing ---------------------------------------------------------------- */

typedef struct {
    char *buf;
    size_t len, cap;
    int failed;
} Buf;

static void put(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(Buf *b, const char *fmt, ...)
{
    if (b->failed)
        return;
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int w = vsnprintf(b->buf + b->len, b->cap - b->len, fmt, ap);
        va_end(ap);
        if (w < 0) {
            b->failed = 1;
            return;
        }
        if ((size_t)w < b->cap - b->len) {
            b->len += (size_t)w;
            return;
        }
        size_t cap = b->cap * 2 + (size_t)w + 64;
        char *q = realloc(b->buf, cap);
        if (!q) {
            b->failed = 1;
            return;
        }
        b->buf = q;
        b->cap = cap;
    }
}

char *scene_format(const Scene *s)
{
    Buf b = {malloc(4096), 0, 4096, 0};
    if (!b.buf)
        return NULL;
    b.buf[0] = '\0';
    const Config *c = &s->cfg;
    const Hyper *h = &c->hyper;
    char model[128];
    config_model_string(c, model, sizeof model);
    put(&b, "regscope-scene 1\n");
    put(&b, "data %s\ntarget %s\n", c->data, c->target);
    if (c->task != TASK_AUTO)
        put(&b, "task %s\n", c->task == TASK_CLASSIFY ? "classify" : "regress");
    put(&b, "features %s\nmodel %s\nactivation %s\n", c->features, model, activation_name(c->act));
    put(&b, "lambda %.17g\nalpha %.17g\nkeep %.17g\ninput-keep %.17g\naugment-noise %.17g\n",
        h->lambda, h->alpha, h->keep, h->input_keep, h->augment_noise);
    put(&b, "lr %.17g\nl1-method %s\noptimizer %s\nbatch %d\n", h->lr, l1_method_name(h->l1_method),
        optimizer_name(h->optimizer), h->batch);
    put(&b, "samples %d\nnoise %.17g\nval-ratio %.17g\nseed %llu\nstandardize %s\n", c->samples,
        c->noise, c->val_ratio, (unsigned long long)c->seed, c->standardize ? "on" : "off");
    if (strcmp(c->data, "corr") == 0)
        put(&b, "corr %.17g\ndirection %.17g\n", c->corr, c->direction);
    for (int i = 0; i < c->n_runs; i++) {
        const Hyper *r = &c->runs[i].hyper;
        put(&b,
            "run %s:lambda=%.17g,alpha=%.17g,keep=%.17g,input-keep=%.17g,augment-noise=%.17g,"
            "lr=%.17g,l1-method=%s,optimizer=%s\n",
            c->runs[i].name, r->lambda, r->alpha, r->keep, r->input_keep, r->augment_noise, r->lr,
            l1_method_name(r->l1_method), optimizer_name(r->optimizer));
    }
    if (s->X) {
        put(&b, "classes %d\n", s->n_classes);
        if (s->class_names) {
            put(&b, "class-names");
            for (int k = 0; k < s->n_classes; k++)
                put(&b, " %s", s->class_names[k]);
            put(&b, "\n");
        }
        if (s->input_names) {
            put(&b, "input-names");
            for (int j = 0; j < s->d; j++)
                put(&b, " %s", s->input_names[j]);
            put(&b, "\n");
        }
        put(&b, "inputs %d\npoints %d\n", s->d, s->n);
        for (int i = 0; i < s->n; i++) {
            for (int j = 0; j < s->d; j++)
                put(&b, "%.17g ", s->X[(size_t)i * s->d + j]);
            if (s->n_classes > 0)
                put(&b, "%d %d\n", (int)s->y[i], s->split[i]);
            else
                put(&b, "%.17g %d\n", s->y[i], s->split[i]);
        }
    }
    if (s->std_d > 0) {
        put(&b, "standardizer %d\n", s->std_d);
        for (int j = 0; j < s->std_d; j++)
            put(&b, "%.17g %.17g\n", s->std_mean[j], s->std_scale[j]);
    }
    if (s->n_params > 0) {
        put(&b, "weights %zu\n", s->n_params);
        for (size_t i = 0; i < s->n_params; i++)
            put(&b, "%.17g\n", s->params[i]);
    }
    if (b.failed) {
        free(b.buf);
        return NULL;
    }
    return b.buf;
}

static int write_all(int fd, const char *p, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

int scene_write(const char *path, const Scene *s, Err *err)
{
    char *text = scene_format(s);
    if (!text)
        return err_set(err, ERR_INTERNAL, "out of memory");
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 16);
    if (!tmp) {
        free(text);
        return err_set(err, ERR_INTERNAL, "out of memory");
    }
    snprintf(tmp, plen + 16, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        err_set(err, ERR_INTERNAL, "cannot write %s: %s", path, strerror(errno));
        free(text), free(tmp);
        return -1;
    }
    mode_t um = umask(0);
    umask(um);
    int rc = fchmod(fd, 0666 & ~um);
    if (rc == 0)
        rc = write_all(fd, text, strlen(text));
    if (rc == 0)
        rc = fsync(fd);
    int saved = errno;
    if (close(fd) && rc == 0) {
        rc = -1;
        saved = errno;
    }
    if (rc == 0 && rename(tmp, path)) {
        rc = -1;
        saved = errno;
    }
    if (rc) {
        unlink(tmp);
        err_set(err, ERR_INTERNAL, "cannot write %s: %s", path, strerror(saved));
    }
    free(text), free(tmp);
    return rc ? -1 : 0;
}

int scene_save(const char *path, const Config *c, const Problem *p, const Model *m, Err *err)
{
    Scene s;
    if (scene_from_problem(&s, c, p, m, err))
        return -1;
    int rc = scene_write(path, &s, err);
    scene_free(&s);
    return rc;
}

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

/* ---- the problem of a scene ---------------------------------------------- */

static char **dup_names(char **names, int n, int *ok)
{
    if (!names)
        return NULL;
    char **out = copy_names(names, n);
    if (!out)
        *ok = 0;
    return out;
}

int scene_build_problem(const Scene *s, Problem *p, Err *err)
{
    memset(p, 0, sizeof *p);
    if (!s->X || s->n < 1)
        return err_set(err, ERR_INPUT, "the scene has no points");
    if (features_parse(s->cfg.features, &p->features, err))
        return -1;
    if (p->features.n && s->d != 2)
        return err_set(err, ERR_INPUT, "--features needs 2-D data; the scene's points have %d inputs",
                       s->d);
    int n_val = 0;
    for (int i = 0; i < s->n; i++)
        n_val += s->split[i] != 0;
    Dataset *sets[2] = {&p->raw_train, &p->raw_val};
    int counts[2] = {s->n - n_val, n_val};
    for (int v = 0; v < 2; v++) {
        Dataset *ds = sets[v];
        if (dataset_alloc(ds, counts[v], s->d, err))
            goto fail;
        int ok = 1;
        ds->task = s->task;
        ds->n_classes = s->n_classes;
        ds->class_names = dup_names(s->class_names, s->n_classes, &ok);
        ds->feature_names = dup_names(s->input_names, s->d, &ok);
        ds->name = dup_str(s->cfg.data);
        if (!ok || !ds->name) {
            err_set(err, ERR_INTERNAL, "out of memory");
            goto fail;
        }
    }
    int k[2] = {0, 0};
    for (int i = 0; i < s->n; i++) {
        int v = s->split[i] != 0;
        Dataset *ds = sets[v];
        memcpy(ds->X + (size_t)k[v] * s->d, s->X + (size_t)i * s->d, sizeof(double) * (size_t)s->d);
        ds->y[k[v]++] = s->y[i];
    }
    if (dataset_copy(&p->train, &p->raw_train, err) || dataset_copy(&p->val, &p->raw_val, err) ||
        features_apply(&p->features, &p->train, err) || features_apply(&p->features, &p->val, err))
        goto fail;
    if (s->std_d > 0) {
        if (s->std_d != p->train.d) {
            err_set(err, ERR_INPUT, "the scene's standardizer has %d columns, its model inputs %d",
                    s->std_d, p->train.d);
            goto fail;
        }
        if (standardizer_identity(&p->std, p->train.d, err))
            goto fail;
        memcpy(p->std.mean, s->std_mean, sizeof(double) * (size_t)s->std_d);
        memcpy(p->std.scale, s->std_scale, sizeof(double) * (size_t)s->std_d);
    } else if (s->cfg.standardize ? standardizer_fit(&p->std, &p->train, err)
                                  : standardizer_identity(&p->std, p->train.d, err)) {
        goto fail;
    }
    standardizer_apply(&p->std, p->train.X, p->train.n);
    standardizer_apply(&p->std, p->val.X, p->val.n);
    p->task = s->task;
    p->n_classes = s->n_classes;
    p->d_raw = s->d;
    p->d = p->train.d;
    return 0;
fail:
    problem_free(p);
    return -1;
}

/* ---- hooks ------------------------------------------------------------------ */

int scene_load_settings(const char *path, Config *c, Err *err)
{
    Scene s;
    if (strlen(path) >= sizeof c->load)
        return err_set(err, ERR_INPUT, "--load: file name too long");
    if (scene_read(path, c, &s, err))
        return -1;
    const char *argv0 = c->argv0;
    *c = s.cfg;
    c->argv0 = argv0;
    c->batch_set = c->lr_set = 1; /* the scene's, whatever the model */
    snprintf(c->load, sizeof c->load, "%s", path);
    scene_free(&s);
    return 0;
}

static int same_data(const Config *a, const Config *b)
{
    return strcmp(a->data, b->data) == 0 && strcmp(a->target, b->target) == 0 &&
           strcmp(a->features, b->features) == 0 && a->task == b->task &&
           a->samples == b->samples && a->noise == b->noise && a->val_ratio == b->val_ratio &&
           a->corr == b->corr && a->direction == b->direction && a->seed == b->seed && a->standardize == b->standardize;
}

static int same_model(const Config *a, const Config *b)
{
    if (a->n_hidden != b->n_hidden || a->act != b->act)
        return 0;
    for (int i = 0; i < a->n_hidden; i++)
        if (a->hidden[i] != b->hidden[i])
            return 0;
    return 1;
}

int scene_problem(const Config *c, Problem *p, Err *err)
{
    if (!c->load[0])
        return 0;
    Scene s;
    if (scene_read(c->load, NULL, &s, NULL))
        return 0; /* gone since --load read it: build as usual */
    int rc = 0;
    if (s.X && same_data(&s.cfg, c))
        rc = scene_build_problem(&s, p, err) ? -1 : 1;
    scene_free(&s);
    return rc;
}

void scene_initial_weights(const Config *c, Trainer *t)
{
    if (!c->load[0])
        return;
    Scene s;
    if (scene_read(c->load, NULL, &s, NULL))
        return;
    if (s.X && s.params && same_data(&s.cfg, c) && same_model(&s.cfg, c) &&
        s.n_params == trainer_model(t)->n_params)
        trainer_set_params(t, s.params);
    scene_free(&s);
}
