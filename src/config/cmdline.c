/* The command line printed on quit: the flags that rebuild this Config from
 * its --lesson / --load (when they still reach it) and the defaults. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "knob_table.h"
#include "lesson.h"
#include "scene.h"
#include "settings.h"

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

/* " --opt value" with the value quoted for the shell. */
static void put_opt(char *buf, size_t size, const char *opt, const char *value)
{
    config_append(buf, size, " %s", opt);
    if (value) {
        config_append(buf, size, " ");
        config_shell_quote(buf, size, value);
    }
}

static void put_int(char *buf, size_t size, const char *opt, long long v)
{
    char num[32];
    snprintf(num, sizeof num, "%lld", v);
    put_opt(buf, size, opt, num);
}

/* "NAME:lambda=..,alpha=..,..." with every run key, so the run does not
 * depend on the base settings it is applied to. keep is left out on a
 * linear model (it has no hidden units: --keep-prob there is refused). */
static void run_word(const RunSpec *r, int linear, char *word, size_t size)
{
    snprintf(word, size, "%s:", r->name);
    const char *sep = "";
    for (int k = 0; k < KNOB_COUNT; k++) {
        if (!knob_info((KnobId)k)->run_key || (linear && k == KNOB_KEEP) ||
            !knob_hyper_written(&r->hyper, (KnobId)k))
            continue;
        char v[64];
        knob_write_hyper(&r->hyper, (KnobId)k, v, sizeof v);
        config_append(word, size, "%s%s=%s", sep, knob_key((KnobId)k), v);
        sep = ",";
    }
}

/* What the command line's --lesson / --load give before its other flags;
 * 0 if c cannot be reached from there (a flag the prefix sets that c has
 * off, or the prefix's runs that c no longer has). */
static int prefix_base(const Config *c, int use_lesson, int use_load, Config *base)
{
    config_defaults(base);
    if (use_lesson && lesson_apply(base, c->lesson_src, NULL))
        return 0;
    if (use_load && scene_load_settings(c->load, base, NULL))
        return 0;
    if ((base->geometry && !c->geometry) || (base->path && !c->path) ||
        (base->headless && !c->headless) || (base->n_runs > 0 && c->n_runs == 0))
        return 0;
    return 1;
}

/* The data, the model and every run setting: written whatever the prefix
 * gives, since a linear model's defaults (lr, batch) differ from a net's;
 * a quiet run setting (the penalty's family, gamma) only where it differs. */
static int always_written(const Setting *s)
{
    if (s->knob != KNOB_COUNT)
        return !knob_info(s->knob)->quiet;
    return strcmp(s->key, "data") == 0 || strcmp(s->key, "model") == 0;
}

/* Every other setting of c that differs from where the prefix left it
 * (base), then the runs. */
static void put_differing(const Config *c, const Config *base_cfg, char *buf, size_t n)
{
    const Config base = *base_cfg;
    int linear = c->n_hidden == 0;
    char text[1100], base_text[1100];
    for (int i = 0, count = settings_count(); i < count; i++) {
        Setting st = setting_at(i);
        if (always_written(&st))
            continue;
        setting_text(c, &st, text, sizeof text);
        setting_text(&base, &st, base_text, sizeof base_text);
        /* (task auto, say, has no text the option takes: left to the prefix) */
        if (strcmp(text, base_text) != 0 && config_option_accepts(st.option, text))
            put_opt(buf, n, st.option, text);
    }
    if (c->epochs != base.epochs)
        put_int(buf, n, "--epochs", c->epochs);
    if (c->early_stop != base.early_stop)
        put_int(buf, n, "--early-stop", c->early_stop);
    if (c->threads != base.threads)
        put_int(buf, n, "--threads", c->threads);
    if (c->geometry && !base.geometry)
        put_opt(buf, n, "--geometry", NULL);
    if (c->path && !base.path)
        put_opt(buf, n, "--path", NULL);
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
    snprintf(buf, n, "regscope");
    if (lesson)
        put_opt(buf, n, "--lesson", c->lesson_src);
    if (load)
        put_opt(buf, n, "--load", c->load);
    /* the settings a reader looks for first, always */
    char text[1100];
    for (int i = 0, count = settings_count(); i < count; i++) {
        Setting st = setting_at(i);
        if (!always_written(&st) || (c->n_hidden == 0 && st.knob == KNOB_KEEP))
            continue;
        setting_text(c, &st, text, sizeof text);
        put_opt(buf, n, st.option, text);
    }
    put_differing(c, &base, buf, n);
}
