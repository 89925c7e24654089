/* The command line printed on quit: the flags that rebuild this Config from
 * its --lesson / --load (when they still reach it) and the defaults. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lesson.h"
#include "scene.h"

/* Appends to the string in buf (size bytes), cut at the end of buf. */
void config_append(char *buf, size_t size, const char *fmt, ...)
{
    size_t used = strnlen(buf, size);
    if (used + 1 >= size)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + used, size - used, fmt, ap);
    va_end(ap);
}

void config_shell_quote(char *buf, size_t size, const char *word)
{
    static const char safe[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                               "0123456789_@%+=:,./-";
    if (word[0] && strspn(word, safe) == strlen(word) && word[0] != '=') {
        config_append(buf, size, "%s", word);
        return;
    }
    config_append(buf, size, "'");
    for (const char *p = word; *p; p++) {
        if (*p == '\'')
            config_append(buf, size, "'\\''");
        else
            config_append(buf, size, "%c", *p);
    }
    config_append(buf, size, "'");
}

/* The shortest %g that reads back as exactly v. */
static void fmt_double(char *buf, size_t size, double v)
{
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

/* " --opt value" with the value quoted for the shell. */
static void put_opt(char *buf, size_t size, const char *opt, const char *value)
{
    config_append(buf, size, " %s", opt);
    if (value) {
        config_append(buf, size, " ");
        config_shell_quote(buf, size, value);
    }
}

static void put_num(char *buf, size_t size, const char *opt, double v)
{
    char num[32];
    fmt_double(num, sizeof num, v);
    put_opt(buf, size, opt, num);
}

static void put_int(char *buf, size_t size, const char *opt, long long v)
{
    char num[32];
    snprintf(num, sizeof num, "%lld", v);
    put_opt(buf, size, opt, num);
}

/* "NAME:lambda=..,alpha=..,..." with every key, so the run does not depend
 * on the base settings it is applied to. keep is left out on a linear model
 * (it has no hidden units: --keep-prob there is refused). */
static void run_word(const RunSpec *r, int linear, char *word, size_t size)
{
    const Hyper *h = &r->hyper;
    char v[8][32];
    fmt_double(v[0], sizeof v[0], h->lambda);
    fmt_double(v[1], sizeof v[1], h->alpha);
    fmt_double(v[2], sizeof v[2], h->keep);
    fmt_double(v[3], sizeof v[3], h->lr);
    fmt_double(v[4], sizeof v[4], h->input_keep);
    fmt_double(v[5], sizeof v[5], h->augment_noise);
    snprintf(word, size,
             "%s:lambda=%s,alpha=%s%s%s,lr=%s,l1-method=%s,optimizer=%s,input-keep=%s,"
             "augment-noise=%s",
             r->name, v[0], v[1], linear ? "" : ",keep=", linear ? "" : v[2], v[3],
             l1_method_name(h->l1_method), optimizer_name(h->optimizer), v[4], v[5]);
}

/* What the command line's --lesson / --load give before its other flags;
 * 0 if c cannot be reached from there (a flag the prefix sets that c has
 * off, or the prefix's runs that c no longer has). */
static int prefix_base(const Config *c, int use_lesson, int use_load, Config *base)
{
    config_defaults(base);
    if (use_lesson && lesson_apply(base, c->lesson, NULL))
        return 0;
    if (use_load && scene_load_settings(c->load, base, NULL))
        return 0;
    if ((base->geometry && !c->geometry) || (base->path && !c->path) ||
        (base->headless && !c->headless) || (base->n_runs > 0 && c->n_runs == 0))
        return 0;
    return 1;
}

/* Every other setting of c that differs from where the prefix left it
 * (base), then the runs. */
static void put_differing(const Config *c, const Config *base_cfg, char *buf, size_t n)
{
    const Config base = *base_cfg;
    const Hyper *h = &c->hyper, *bh = &base.hyper;
    int linear = c->n_hidden == 0;
    if (strcmp(c->target, base.target) != 0)
        put_opt(buf, n, "--target", c->target);
    if (c->task != base.task && c->task != TASK_AUTO)
        put_opt(buf, n, "--task", c->task == TASK_CLASSIFY ? "classify" : "regress");
    if (strcmp(c->features, base.features) != 0)
        put_opt(buf, n, "--features", c->features);
    if (strcmp(c->data, "corr") == 0 || c->corr != base.corr || c->direction != base.direction) {
        put_num(buf, n, "--corr", c->corr);
        put_num(buf, n, "--direction", c->direction);
    }
    if (h->input_keep != bh->input_keep)
        put_num(buf, n, "--input-keep-prob", h->input_keep);
    if (h->augment_noise != bh->augment_noise)
        put_num(buf, n, "--augment-noise", h->augment_noise);
    if (c->val_ratio != base.val_ratio)
        put_num(buf, n, "--val-ratio", c->val_ratio);
    if (c->standardize != base.standardize)
        put_opt(buf, n, "--standardize", c->standardize ? "on" : "off");
    if (c->epochs != base.epochs)
        put_int(buf, n, "--epochs", c->epochs);
    if (c->early_stop != base.early_stop)
        put_int(buf, n, "--early-stop", c->early_stop);
    if (c->threads != base.threads)
        put_int(buf, n, "--threads", c->threads);
    if (c->speed != base.speed) {
        if (c->speed > 0)
            put_num(buf, n, "--speed", c->speed);
        else
            put_opt(buf, n, "--speed", "max");
    }
    if (c->pause_epoch != base.pause_epoch)
        put_int(buf, n, "--pause-at", c->pause_epoch);
    if (c->geometry && !base.geometry)
        put_opt(buf, n, "--geometry", NULL);
    if (c->path && !base.path)
        put_opt(buf, n, "--path", NULL);
    if (c->cv_folds != base.cv_folds && c->cv_folds > 0) /* the path view's settings */
        put_int(buf, n, "--cv", c->cv_folds);
    if (c->path_len != base.path_len)
        put_int(buf, n, "--path-len", c->path_len);
    if (c->path_min_ratio != base.path_min_ratio)
        put_num(buf, n, "--path-min-ratio", c->path_min_ratio);
    if (c->headless && !base.headless)
        put_opt(buf, n, "--headless", NULL);
    if (c->format != base.format)
        put_opt(buf, n, "--format", c->format == FORMAT_CSV ? "csv" : "jsonl");
    if (c->every != base.every)
        put_int(buf, n, "--every", c->every);
    if (strcmp(c->snapshot, base.snapshot) != 0 && c->snapshot[0])
        put_opt(buf, n, "--snapshot", c->snapshot);
    if (c->size_cols != base.size_cols || c->size_rows != base.size_rows) {
        char size_word[32];
        snprintf(size_word, sizeof size_word, "%dx%d", c->size_cols, c->size_rows);
        put_opt(buf, n, "--size", size_word);
    }
    if (strcmp(c->emit, base.emit) != 0 && c->emit[0])
        put_opt(buf, n, "--emit", c->emit);
    if (strcmp(c->save, base.save) != 0 && c->save[0])
        put_opt(buf, n, "--save", c->save);
    for (int i = 0; i < c->n_runs; i++) {
        char word[512];
        run_word(&c->runs[i], linear, word, sizeof word);
        put_opt(buf, n, "--run", word);
    }
}

void config_command_line(const Config *c, char *buf, int size)
{
    size_t n = (size_t)size;
    Config base;
    int lesson = c->lesson[0] != '\0', load = c->load[0] != '\0';
    /* fall back to fewer prefix flags until c is reachable from them */
    while (!prefix_base(c, lesson, load, &base)) {
        if (load)
            load = 0;
        else if (lesson)
            lesson = 0;
        else
            break;
    }
    const Hyper *h = &c->hyper;
    int linear = c->n_hidden == 0;
    char model[128];
    config_model_string(c, model, sizeof model);
    snprintf(buf, n, "regscope");
    if (lesson)
        put_opt(buf, n, "--lesson", c->lesson);
    if (load)
        put_opt(buf, n, "--load", c->load);
    /* the settings a reader looks for first, always */
    put_opt(buf, n, "--data", c->data);
    put_opt(buf, n, "--model", model);
    put_opt(buf, n, "--activation", activation_name(c->act));
    put_num(buf, n, "--lambda", h->lambda);
    put_num(buf, n, "--alpha", h->alpha);
    if (!linear)
        put_num(buf, n, "--keep-prob", h->keep);
    put_num(buf, n, "--lr", h->lr);
    put_opt(buf, n, "--l1-method", l1_method_name(h->l1_method));
    put_opt(buf, n, "--optimizer", optimizer_name(h->optimizer));
    put_int(buf, n, "--batch", h->batch);
    put_int(buf, n, "--samples", c->samples);
    put_num(buf, n, "--noise", c->noise);
    put_opt(buf, n, "--seed", NULL);
    config_append(buf, n, " %llu", (unsigned long long)c->seed);
    put_differing(c, &base, buf, n);
}
