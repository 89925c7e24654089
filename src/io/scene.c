/* scene: save / load of settings, points, standardizer and weights (scene.h).
 * Here: writing, the problem of a scene and the hooks; reading (the parser)
 * is in scene_read.c. */
#include "scene.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filewrite.h"
#include "knob_table.h"
#include "scene_internal.h"
#include "settings.h"

/* ---- building blocks ------------------------------------------------------ */

/* A copy of n names, or NULL when there are none (or one is missing).
 * Any text is a name: the file quotes what needs it (scene_format). */
static char **copy_names(char *const *names, int n)
{
    if (!names || n <= 0)
        return NULL;
    for (int i = 0; i < n; i++)
        if (!names[i])
            return NULL;
    char **out = calloc((size_t)n, sizeof *out);
    for (int i = 0; out && i < n; i++)
        if (!(out[i] = dup_str(names[i]))) {
            free_names(out, n);
            return NULL;
        }
    return out;
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
        if (grow(&b->buf, &b->cap, b->len + (size_t)w + 1, 1)) {
            b->failed = 1;
            return;
        }
    }
}

/* A name as one token: bare when it has no blank, quote, backslash or
 * control character (and is not empty), else "quoted" with \" \\ \t \n
 * \r and \xHH escapes. Other bytes (UTF-8) go as they are. */
static void put_name(Buf *b, const char *name)
{
    const unsigned char *u = (const unsigned char *)name;
    int bare = *u != '\0';
    for (const unsigned char *q = u; *q && bare; q++)
        bare = *q > ' ' && *q != '"' && *q != '\\' && *q != 0x7f;
    if (bare) {
        put(b, " %s", name);
        return;
    }
    put(b, " \"");
    for (; *u; u++) {
        if (*u == '"' || *u == '\\')
            put(b, "\\%c", *u);
        else if (*u == '\t')
            put(b, "\\t");
        else if (*u == '\n')
            put(b, "\\n");
        else if (*u == '\r')
            put(b, "\\r");
        else if (*u < ' ' || *u == 0x7f)
            put(b, "\\x%02x", *u);
        else
            put(b, "%c", *u);
    }
    put(b, "\"");
}

static void put_names(Buf *b, const char *key, char *const *names, int n)
{
    if (!names || n <= 0)
        return;
    put(b, "%s", key);
    for (int i = 0; i < n; i++)
        put_name(b, names[i]);
    put(b, "\n");
}

/* One "key value" line a setting (settings.h), then the TUI's view state,
 * then one line a run with every run setting. */
static void put_settings(Buf *b, const Config *c)
{
    char text[1100];
    for (int i = 0, n = settings_count(); i < n; i++) {
        Setting st = setting_at(i);
        if (!setting_written(c, &st))
            continue;
        setting_text(c, &st, text, sizeof text);
        put(b, "%s %s\n", st.key, text);
    }
    if (c->start_paused)
        put(b, "paused on\n");
    if (c->lesson[0])
        put(b, "lesson %s\n", c->lesson_src[0] ? c->lesson_src : c->lesson);
    for (int i = 0; i < c->n_runs; i++) {
        put(b, "run %s:", c->runs[i].name);
        const char *sep = "";
        for (int k = 0; k < KNOB_COUNT; k++) {
            if (!knob_info((KnobId)k)->run_key || !knob_hyper_written(&c->runs[i].hyper, (KnobId)k))
                continue;
            knob_write_hyper(&c->runs[i].hyper, (KnobId)k, text, sizeof text);
            put(b, "%s%s=%s", sep, knob_key((KnobId)k), text);
            sep = ",";
        }
        put(b, "\n");
    }
}

char *scene_format(const Scene *s)
{
    Buf b = {malloc(4096), 0, 4096, 0};
    if (!b.buf)
        return NULL;
    b.buf[0] = '\0';
    put(&b, "regscope-scene 1\n");
    put_settings(&b, &s->cfg);
    if (s->X) {
        /* each count before its names: the reader checks names against it */
        put(&b, "classes %d\n", s->n_classes);
        put_names(&b, "class-names", s->class_names, s->n_classes);
        put(&b, "inputs %d\n", s->d);
        put_names(&b, "input-names", s->input_names, s->d);
        put(&b, "points %d\n", s->n);
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

static int all_finite(const double *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(v[i]))
            return 0;
    return 1;
}

/* A line break in a setting would end its line early. */
static int one_line(const char *v) { return !strpbrk(v, "\r\n"); }

/* Whether scene_parse would take s back: the writer refuses what the
 * reader refuses, so a scene written is a scene that loads. */
static int scene_check(const Scene *s, Err *err)
{
    const Config *c = &s->cfg;
    if (!one_line(c->data) || !one_line(c->target) || !one_line(c->features))
        return err_set(err, ERR_INPUT,
                       "cannot save the scene: a data, target or features "
                       "setting holds a line break");
    if (s->X && (!all_finite(s->X, (size_t)s->n * s->d) || !all_finite(s->y, (size_t)s->n)))
        return err_set(err, ERR_INPUT,
                       "cannot save the scene: its data holds a value that is "
                       "not finite");
    if (!all_finite(s->std_mean, (size_t)s->std_d) || !all_finite(s->std_scale, (size_t)s->std_d))
        return err_set(err, ERR_INPUT,
                       "cannot save the scene: its standardizer is not finite "
                       "(the data's values are too large)");
    if (!all_finite(s->params, s->n_params))
        return err_set(err, ERR_INPUT,
                       "cannot save the scene: its weights are not finite "
                       "(training diverged); reset the weights (r) or lower the "
                       "learning rate, then save again");
    if (s->X && (s->d > SCENE_MAX_INPUTS || s->n_classes > SCENE_MAX_CLASSES))
        return err_set(err, ERR_INPUT, "cannot save the scene: at most %d inputs and %d classes",
                       SCENE_MAX_INPUTS, SCENE_MAX_CLASSES);
    return 0;
}

int scene_write(const char *path, const Scene *s, Err *err)
{
    if (scene_check(s, err))
        return -1;
    char *text = scene_format(s);
    if (!text)
        return err_set(err, ERR_INTERNAL, "out of memory");
    size_t len = strlen(text);
    int rc = len > SCENE_MAX_BYTES
                 ? err_set(err, ERR_INPUT,
                           "cannot save the scene: it would take %.1f GB, more than the %.1f GB "
                           "a scene may have",
                           len / 1e9, SCENE_MAX_BYTES / 1e9)
                 : file_write_atomic(path, text, len, FILE_REPLACE, err);
    free(text);
    return rc;
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
    if (features_bind(&p->features, s->d, "the scene's points", err))
        return -1;
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

static int same_data(const Config *a, const Config *b) { return !settings_differ(a, b, USE_DATA); }
static int same_model(const Config *a, const Config *b)
{
    return !settings_differ(a, b, USE_MODEL);
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
