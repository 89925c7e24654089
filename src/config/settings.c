/* settings: the table of a scene's settings (settings.h). */
#include "settings.h"

#include <stdio.h>
#include <string.h>

#include "csvload.h"
#include "value.h"

typedef struct {
    const char *key, *option;
    void (*text)(const Config *c, char *buf, size_t n);
    int (*written)(const Config *c); /* NULL: always */
    unsigned use;
} Row;

#define TEXT(name, ...)                                                                            \
    static void name(const Config *c, char *b, size_t n) { snprintf(b, n, __VA_ARGS__); }

TEXT(text_data, "%s", c->data)
TEXT(text_target, "%s", c->target)
TEXT(text_task, "%s",
     c->task == TASK_CLASSIFY  ? "classify"
     : c->task == TASK_REGRESS ? "regress"
                               : "auto")
TEXT(text_ignore, "%s", c->ignore)
TEXT(text_foldid, "%s", c->foldid)
TEXT(text_categorical, "%s", c->categorical)
TEXT(text_groups, "%s", c->groups)
TEXT(text_na_values, "%s", c->na_values)
TEXT(text_missing, "%s",
     c->missing == CSV_MISSING_DROP   ? "drop"
     : c->missing == CSV_MISSING_MEAN ? "mean"
                                      : "refuse")
TEXT(text_features, "%s", c->features)
TEXT(text_activation, "%s", activation_name(c->act))
TEXT(text_samples, "%d", c->samples)
TEXT(text_seed, "%llu", (unsigned long long)c->seed)
TEXT(text_standardize, "%s", c->standardize ? "on" : "off")
TEXT(text_pause_at, "%ld", c->pause_epoch)
TEXT(text_path_len, "%d", c->path_len)
TEXT(text_cv, "%d", c->cv_folds)
TEXT(text_font_size, "%d", c->font_size)

static void text_model(const Config *c, char *b, size_t n) { config_model_string(c, b, (int)n); }
static void text_noise(const Config *c, char *b, size_t n) { value_format_double(c->noise, b, n); }
static void text_val_ratio(const Config *c, char *b, size_t n)
{
    value_format_double(c->val_ratio, b, n);
}
static void text_corr(const Config *c, char *b, size_t n) { value_format_double(c->corr, b, n); }
static void text_direction(const Config *c, char *b, size_t n)
{
    value_format_double(c->direction, b, n);
}
static void text_speed(const Config *c, char *b, size_t n)
{
    if (c->speed > 0)
        value_format_double(c->speed, b, n);
    else
        snprintf(b, n, "max");
}
static void text_theme(const Config *c, char *b, size_t n)
{
    snprintf(b, n, "%s", config_theme_names[c->theme]);
}
static void text_relax(const Config *c, char *b, size_t n)
{
    if (c->relax)
        value_format_double(c->relax_gamma, b, n);
    else
        snprintf(b, n, "off");
}
static void text_min_ratio(const Config *c, char *b, size_t n)
{
    value_format_double(c->path_min_ratio, b, n);
}

static int task_set(const Config *c) { return c->task != TASK_AUTO; }
static int ignore_set(const Config *c) { return c->ignore[0] != '\0'; }
static int foldid_set(const Config *c) { return c->foldid[0] != '\0'; }
static int categorical_set(const Config *c) { return c->categorical[0] != '\0'; }
static int groups_set(const Config *c) { return c->groups[0] != '\0'; }
static int na_values_set(const Config *c) { return c->na_values_set; }
static int missing_set(const Config *c) { return c->missing != CSV_MISSING_REFUSE; }
static int corr_data(const Config *c) { return strcmp(c->data, "corr") == 0; }
static int speed_set(const Config *c) { return c->speed > 0; }
static int pause_set(const Config *c) { return c->pause_epoch > 0; }
static int cv_set(const Config *c) { return c->cv_folds > 0; }
static int relax_set(const Config *c) { return c->relax; }
static int theme_set(const Config *c) { return c->theme != 0; }
static int font_size_set(const Config *c) { return c->font_size != 14; }

#define DATA_PATH (USE_DATA | USE_PATH)

/* The rows before the run settings (which the knob table gives), then the
 * rows after them. */
static const Row head[] = {
    {"data", "--data", text_data, NULL, DATA_PATH},
    {"target", "--target", text_target, NULL, DATA_PATH},
    {"task", "--task", text_task, task_set, DATA_PATH},
    {"ignore", "--ignore", text_ignore, ignore_set, DATA_PATH},
    {"foldid", "--foldid", text_foldid, foldid_set, DATA_PATH},
    {"categorical", "--categorical", text_categorical, categorical_set, DATA_PATH},
    {"na-values", "--na-values", text_na_values, na_values_set, DATA_PATH},
    {"missing", "--missing", text_missing, missing_set, DATA_PATH},
    {"features", "--features", text_features, NULL, DATA_PATH},
    {"model", "--model", text_model, NULL, USE_MODEL | USE_PATH},
    {"activation", "--activation", text_activation, NULL, USE_MODEL},
};
static const Row tail[] = {
    {"samples", "--samples", text_samples, NULL, DATA_PATH},
    {"noise", "--noise", text_noise, NULL, DATA_PATH},
    {"val-ratio", "--val-ratio", text_val_ratio, NULL, DATA_PATH},
    {"seed", "--seed", text_seed, NULL, DATA_PATH},
    {"standardize", "--standardize", text_standardize, NULL, DATA_PATH},
    {"corr", "--corr", text_corr, corr_data, DATA_PATH},
    {"direction", "--direction", text_direction, corr_data, DATA_PATH},
    {"speed", "--speed", text_speed, speed_set, 0},
    {"pause-at", "--pause-at", text_pause_at, pause_set, 0},
    {"theme", "--theme", text_theme, theme_set, 0},
    {"font-size", "--font-size", text_font_size, font_size_set, 0},
    {"path-len", "--path-len", text_path_len, NULL, USE_PATH},
    {"path-min-ratio", "--path-min-ratio", text_min_ratio, NULL, USE_PATH},
    {"cv", "--cv", text_cv, cv_set, USE_PATH},
    {"relax-gamma", "--relax-gamma", text_relax, relax_set, USE_PATH},
    {"groups", "--groups", text_groups, groups_set, USE_PATH},
};
#define N_HEAD (int)(sizeof head / sizeof head[0])
#define N_TAIL (int)(sizeof tail / sizeof tail[0])

static int n_hyper(void)
{
    int n = 0;
    for (int k = 0; k < KNOB_COUNT; k++)
        n += knob_is_hyper((KnobId)k);
    return n;
}

static KnobId hyper_at(int i)
{
    for (int k = 0; k < KNOB_COUNT; k++)
        if (knob_is_hyper((KnobId)k) && i-- == 0)
            return (KnobId)k;
    return KNOB_COUNT;
}

int settings_count(void) { return N_HEAD + n_hyper() + N_TAIL; }

static const Row *config_row(const Setting *s)
{
    for (int i = 0; i < N_HEAD; i++)
        if (strcmp(head[i].key, s->key) == 0)
            return &head[i];
    for (int i = 0; i < N_TAIL; i++)
        if (strcmp(tail[i].key, s->key) == 0)
            return &tail[i];
    return NULL;
}

Setting setting_at(int i)
{
    int h = n_hyper();
    if (i >= N_HEAD && i < N_HEAD + h) {
        KnobId k = hyper_at(i - N_HEAD);
        const KnobInfo *info = knob_info(k);
        return (Setting){knob_key(k), info->option, k, info->affects & KA_PATH ? USE_PATH : 0};
    }
    const Row *r = i < N_HEAD ? &head[i] : &tail[i - N_HEAD - h];
    return (Setting){r->key, r->option, KNOB_COUNT, r->use};
}

int setting_find(const char *key, Setting *out)
{
    for (int i = 0, n = settings_count(); i < n; i++) {
        Setting s = setting_at(i);
        if (strcmp(s.key, key) == 0) {
            *out = s;
            return 1;
        }
    }
    return 0;
}

void setting_text(const Config *c, const Setting *s, char *buf, size_t n)
{
    if (s->knob != KNOB_COUNT) {
        knob_write_hyper(&c->hyper, s->knob, buf, n);
        return;
    }
    config_row(s)->text(c, buf, n);
}

int setting_written(const Config *c, const Setting *s)
{
    if (s->knob != KNOB_COUNT)
        return knob_hyper_written(&c->hyper, s->knob);
    const Row *r = config_row(s);
    return !r->written || r->written(c);
}

int settings_differ(const Config *a, const Config *b, unsigned use)
{
    char ta[1100], tb[1100];
    for (int i = 0, n = settings_count(); i < n; i++) {
        Setting s = setting_at(i);
        if (!(s.use & use))
            continue;
        setting_text(a, &s, ta, sizeof ta);
        setting_text(b, &s, tb, sizeof tb);
        if (strcmp(ta, tb) != 0)
            return 1;
    }
    return 0;
}
