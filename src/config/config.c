#include "config.h"
#include "option_table.h"

#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvload.h"
#include "knob_table.h"
#include "value.h"
#include "scene.h"
#include "lesson.h"

void config_defaults(Config *c)
{
    memset(c, 0, sizeof *c);
    strcpy(c->data, "circle");
    c->task = TASK_AUTO;
    c->samples = 500;
    c->noise = 10;
    c->corr = DATA_CORR_DEFAULT;
    c->direction = DATA_DIRECTION_DEFAULT;
    c->val_ratio = 0.2;
    c->standardize = 1;
    c->n_hidden = 2;
    c->hidden[0] = 8;
    c->hidden[1] = 8;
    c->act = ACT_TANH;
    c->hyper = (Hyper){.lambda = 0,
                       .alpha = 1,
                       .keep = 1,
                       .input_keep = 1,
                       .augment_noise = 0,
                       .lr = 0.03,
                       .l1_method = L1_PROX,
                       .optimizer = OPT_SGD,
                       .batch = 10};
    c->epochs = 100;
    c->seed = 1;
    c->format = FORMAT_JSONL;
    c->every = 1;
    c->size_cols = 120;
    c->size_rows = 40;
    c->path_len = 100;
    c->path_min_ratio = 1e-3;
    c->relax = 0;
    c->relax_gamma = 0;
    c->font_size = 14;
}

/* ---- the option table ----------------------------------------------------- */

#define HANDLER(fn) static int fn(Config *c, const char *opt, const char *v, Err *err)
/* An option without a value that turns field on. */
#define FLAG(fn, field)                                                                            \
    HANDLER(fn)                                                                                    \
    {                                                                                              \
        (void)opt, (void)v, (void)err;                                                             \
        c->field = 1;                                                                              \
        return 0;                                                                                  \
    }

HANDLER(opt_data) { return value_copy(opt, v, c->data, sizeof c->data, err); }
/* --target "" and --features "" mean the default (last column, none): the
 * scene format writes them so. */
HANDLER(opt_target)
{
    if (!v[0]) {
        c->target[0] = '\0';
        return 0;
    }
    return value_copy(opt, v, c->target, sizeof c->target, err);
}
HANDLER(opt_task)
{
    if (strcmp(v, "classify") == 0)
        c->task = TASK_CLASSIFY;
    else if (strcmp(v, "regress") == 0)
        c->task = TASK_REGRESS;
    else
        return err_set(err, ERR_INPUT, "%s: expected classify or regress, got '%s'", opt, v);
    return 0;
}
HANDLER(opt_ignore) { return value_copy(opt, v, c->ignore, sizeof c->ignore, err); }
HANDLER(opt_foldid) { return value_copy(opt, v, c->foldid, sizeof c->foldid, err); }
HANDLER(opt_categorical) { return value_copy(opt, v, c->categorical, sizeof c->categorical, err); }
HANDLER(opt_groups) { return value_copy(opt, v, c->groups, sizeof c->groups, err); }
HANDLER(opt_na_values)
{
    c->na_values_set = 1;
    return value_copy(opt, v, c->na_values, sizeof c->na_values, err);
}
HANDLER(opt_missing)
{
    if (strcmp(v, "drop") == 0)
        c->missing = CSV_MISSING_DROP;
    else if (strcmp(v, "mean") == 0)
        c->missing = CSV_MISSING_MEAN;
    else
        return err_set(err, ERR_INPUT, "%s: expected drop or mean, got '%s'", opt, v);
    return 0;
}
HANDLER(opt_model)
{
    (void)opt;
    return value_model(c, v, err);
}
HANDLER(opt_activation)
{
    if (activation_parse(v, &c->act))
        return err_set(err, ERR_INPUT, "%s: expected tanh, relu, sigmoid or linear, got '%s'", opt,
                       v);
    return 0;
}
HANDLER(opt_features)
{
    FeatureSpec fs;
    if (features_parse(v, &fs, err)) /* check now, for the message */
        return -1;
    if (!v[0]) {
        c->features[0] = '\0';
        return 0;
    }
    return value_copy(opt, v, c->features, sizeof c->features, err);
}
/* --lambda ... --batch: the knob table's run settings */
HANDLER(opt_hyper)
{
    KnobId k = knob_by_option(opt);
    if (k == KNOB_LR)
        c->lr_set = 1; /* a linear model's default lr no longer applies */
    if (k == KNOB_BATCH)
        c->batch_set = 1;
    return knob_read_hyper(&c->hyper, k, opt, v, err);
}
HANDLER(opt_epochs)
{
    long n;
    if (value_int(opt, v, 0, 100000000, &n, err))
        return -1;
    c->epochs = (int)n;
    return 0;
}
HANDLER(opt_samples)
{
    long n;
    if (value_int(opt, v, 2, 10000000, &n, err))
        return -1;
    c->samples = (int)n;
    return 0;
}
HANDLER(opt_noise)
{
    if (value_double(opt, v, &c->noise, err))
        return -1;
    if (!(c->noise >= 0 && c->noise <= 100))
        return err_set(err, ERR_INPUT, "%s must be from 0 to 100 (percent), got '%s'", opt, v);
    return 0;
}
HANDLER(opt_corr)
{
    if (value_double(opt, v, &c->corr, err))
        return -1;
    if (!(fabs(c->corr) <= 0.99))
        return err_set(err, ERR_INPUT, "%s must be from -0.99 to 0.99, got '%s'", opt, v);
    return 0;
}
HANDLER(opt_direction)
{
    if (value_double(opt, v, &c->direction, err))
        return -1;
    if (!(fabs(c->direction) <= 360))
        return err_set(err, ERR_INPUT, "%s must be an angle in degrees, -360 to 360, got '%s'", opt,
                       v);
    return 0;
}
FLAG(opt_geometry, geometry)
HANDLER(opt_val_ratio)
{
    if (value_double(opt, v, &c->val_ratio, err))
        return -1;
    if (!(c->val_ratio >= 0 && c->val_ratio < 1))
        return err_set(err, ERR_INPUT, "%s must be in [0, 1), got '%s'", opt, v);
    return 0;
}
HANDLER(opt_seed)
{
    char *end;
    errno = 0;
    unsigned long long s = strtoull(v, &end, 10);
    if (end == v || *end != '\0' || errno || v[0] == '-')
        return err_set(err, ERR_INPUT, "%s: expected a whole number >= 0, got '%s'", opt, v);
    c->seed = s;
    return 0;
}
HANDLER(opt_early_stop)
{
    long n;
    if (value_int(opt, v, 0, 100000000, &n, err))
        return -1;
    c->early_stop = (int)n;
    return 0;
}
const char *const config_theme_names[CONFIG_THEMES] = {"dark", "light", "mono"};

HANDLER(opt_theme)
{
    for (int t = 0; t < CONFIG_THEMES; t++)
        if (strcmp(v, config_theme_names[t]) == 0) {
            c->theme = t;
            return 0;
        }
    return err_set(err, ERR_INPUT, "%s: expected dark, light or mono, got '%s'", opt, v);
}
HANDLER(opt_record) { return value_copy(opt, v, c->record, sizeof c->record, err); }
HANDLER(opt_keys) { return value_copy(opt, v, c->keys, sizeof c->keys, err); }
HANDLER(opt_font_size)
{
    long n;
    if (value_int(opt, v, 6, 72, &n, err))
        return -1;
    c->font_size = (int)n;
    return 0;
}
/* "max" (no limit, 0) or epochs per second, as the < and > keys set it */
HANDLER(opt_speed)
{
    if (strcmp(v, "max") == 0) {
        c->speed = 0;
        return 0;
    }
    double x;
    if (value_double(opt, v, &x, err))
        return -1;
    if (!(x > 0 && x <= 1e9))
        return err_set(err, ERR_INPUT, "%s: expected max or epochs per second > 0, got '%s'", opt,
                       v);
    c->speed = x;
    return 0;
}
HANDLER(opt_pause_at)
{
    long n;
    if (value_int(opt, v, 0, 100000000, &n, err))
        return -1;
    c->pause_epoch = n;
    return 0;
}
HANDLER(opt_standardize)
{
    if (strcmp(v, "on") == 0)
        c->standardize = 1;
    else if (strcmp(v, "off") == 0)
        c->standardize = 0;
    else
        return err_set(err, ERR_INPUT, "%s: expected on or off, got '%s'", opt, v);
    return 0;
}
HANDLER(opt_format)
{
    if (strcmp(v, "jsonl") == 0)
        c->format = FORMAT_JSONL;
    else if (strcmp(v, "csv") == 0)
        c->format = FORMAT_CSV;
    else
        return err_set(err, ERR_INPUT, "%s: expected jsonl or csv, got '%s'", opt, v);
    return 0;
}
HANDLER(opt_every)
{
    long n;
    if (value_int(opt, v, 1, 100000000, &n, err))
        return -1;
    c->every = (int)n;
    return 0;
}
HANDLER(opt_threads)
{
    long n;
    if (value_int(opt, v, 0, 4, &n, err))
        return -1;
    c->threads = (int)n;
    return 0;
}
FLAG(opt_path, path)
HANDLER(opt_path_len)
{
    long n;
    if (value_int(opt, v, 2, 10000, &n, err))
        return -1;
    c->path_len = (int)n;
    return 0;
}
HANDLER(opt_path_min_ratio)
{
    if (value_double(opt, v, &c->path_min_ratio, err))
        return -1;
    if (!(c->path_min_ratio > 0 && c->path_min_ratio < 1))
        return err_set(err, ERR_INPUT, "%s must be in (0, 1), got '%s'", opt, v);
    return 0;
}
FLAG(opt_relax, relax)
/* G turns the relaxed path on with that blend; off turns it off (how a
 * scene writes a path without it). */
HANDLER(opt_relax_gamma)
{
    if (strcmp(v, "off") == 0) {
        c->relax = 0;
        return 0;
    }
    double g;
    if (value_double(opt, v, &g, err))
        return -1;
    if (!(g >= 0 && g <= 1))
        return err_set(err, ERR_INPUT, "%s must be in [0, 1] (or off), got '%s'", opt, v);
    c->relax = 1, c->relax_gamma = g;
    return 0;
}
HANDLER(opt_cv)
{
    long n;
    if (value_int(opt, v, 2, 100, &n, err))
        return -1;
    c->cv_folds = (int)n;
    return 0;
}
HANDLER(opt_tune)
{
    const char *eq = strchr(v, '=');
    if (!eq || eq == v || !eq[1])
        return err_set(err, ERR_INPUT, "%s: expected KNOB=V1,V2,... (like alpha=0,0.5,1), got '%s'",
                       opt, v);
    for (int i = 0; i < c->n_tune; i++)
        if (strncmp(c->tune[i], v, (size_t)(eq - v) + 1) == 0)
            return err_set(err, ERR_INPUT, "%s: %.*s is already on the grid", opt, (int)(eq - v),
                           v);
    if (c->n_tune == CONFIG_MAX_TUNE)
        return err_set(err, ERR_INPUT, "%s: a grid has at most %d knobs", opt, CONFIG_MAX_TUNE);
    if (value_copy(opt, v, c->tune[c->n_tune], sizeof c->tune[0], err))
        return -1;
    c->n_tune++;
    return 0;
}
HANDLER(opt_snapshot) { return value_copy(opt, v, c->snapshot, sizeof c->snapshot, err); }
HANDLER(opt_size)
{
    int cols, rows;
    char tail;
    if (sscanf(v, "%dx%d%c", &cols, &rows, &tail) != 2 || cols < 20 || rows < 8 || cols > 1000 ||
        rows > 500)
        return err_set(err, ERR_INPUT,
                       "%s: expected COLSxROWS like 120x40 (20x8 to 1000x500), got '%s'", opt, v);
    c->size_cols = cols;
    c->size_rows = rows;
    return 0;
}
HANDLER(opt_save) { return value_copy(opt, v, c->save, sizeof c->save, err); }
/* Recorded only: config_setup reads the scene at this option's place. */
HANDLER(opt_load)
{
    (void)opt;
    if (strlen(v) >= sizeof c->load)
        return err_set(err, ERR_INPUT, "--load: file name too long");
    snprintf(c->load, sizeof c->load, "%s", v);
    return 0;
}
HANDLER(opt_emit)
{
    if (strcmp(v, "sklearn") != 0 && strcmp(v, "keras") != 0 && strcmp(v, "pytorch") != 0)
        return err_set(err, ERR_INPUT, "%s: expected sklearn, keras or pytorch, got '%s'", opt, v);
    return value_copy(opt, v, c->emit, sizeof c->emit, err);
}
HANDLER(opt_run)
{
    if (c->lesson_runs) { /* runs on the command line replace the lesson's */
        c->n_runs = 0;
        c->lesson_runs = 0;
    }
    if (c->n_runs == CONFIG_MAX_RUNS)
        return err_set(err, ERR_INPUT, "%s: at most %d runs", opt, CONFIG_MAX_RUNS);
    const char *colon = strchr(v, ':');
    size_t nlen = colon ? (size_t)(colon - v) : strlen(v);
    RunSpec *r = &c->runs[c->n_runs];
    if (nlen == 0 || nlen >= sizeof r->name ||
        strspn(v, "abcdefghijklmnopqrstuvwxyz"
                  "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.") < nlen)
        return err_set(err, ERR_INPUT,
                       "%s: expected NAME:key=value,... with a short name of letters, digits, _, - "
                       "or ., got '%s'",
                       opt, v);
    for (int i = 0; i < c->n_runs; i++)
        if (strlen(c->runs[i].name) == nlen && strncmp(c->runs[i].name, v, nlen) == 0)
            return err_set(err, ERR_INPUT, "%s: the name '%.*s' is used twice", opt, (int)nlen, v);
    memcpy(r->name, v, nlen);
    r->name[nlen] = '\0';
    r->spec[0] = '\0'; /* "--run NAME" alone: the base settings */
    if (colon && colon[1] && value_copy(opt, colon + 1, r->spec, sizeof r->spec, err))
        return -1;
    Hyper probe; /* check the keys now, for a message that names them */
    if (config_run_hyper(&c->hyper, r->name, r->spec, &probe, err))
        return -1;
    c->n_runs++;
    return 0;
}
FLAG(opt_headless, headless)
FLAG(opt_help, want_help)
FLAG(opt_version, want_version)
/* Recorded by config_read_args; config_setup applies it before every other
 * option. */
HANDLER(opt_lesson)
{
    (void)opt, (void)err;
    if (strcmp(v, "list") == 0)
        c->want_lesson_list = 1;
    else
        c->lesson_arg = v;
    return 0;
}

const OptionSpec config_options[] = {
    {"--data", "NAME|FILE.csv", opt_data,
     "circle xor gauss spiral moons line sparse groups corr, a name from datasets/, or a CSV file"},
    {"--target", "COL", opt_target,
     "CSV target column: header name or 1-based index (default: last)"},
    {"--task", "classify|regress", opt_task, "override the inferred task"},
    {"--ignore", "COL[,COL...]", opt_ignore,
     "CSV columns to drop: header names or 1-based indices"},
    {"--foldid", "COL", opt_foldid,
     "CSV column of fold numbers (not a feature) that --cv and --tune use as their folds"},
    {"--categorical", "COL[,COL...]", opt_categorical,
     "CSV columns read as categories (one-hot), even numeric ones"},
    {"--na-values", "LIST", opt_na_values,
     "comma-separated missing-value tokens (default: NA,NaN,nan,N/A,NULL,null,?)"},
    {"--missing", "drop|mean", opt_missing,
     "missing CSV values: drop their rows, or fill with the training mean"},
    {"--model", "linear|H1,H2,...", opt_model,
     "linear model, or hidden layer widths (default 8,8)"},
    {"--activation", "tanh|relu|sigmoid|linear", opt_activation,
     "hidden activation (default tanh)"},
    {"--features", "LIST|poly:D", opt_features,
     "expand 2-D inputs: x1,x2,x1^2,x2^2,x1x2,sin1,sin2 or poly:D"},
    {"--lambda", "X", opt_hyper, "penalty strength, >= 0 (default 0)"},
    {"--alpha", "X", opt_hyper, "L1 share of the penalty: 1 lasso, 0 ridge (default 1)"},
    {"--keep-prob", "P", opt_hyper, "dropout keep probability on hidden units, 1 = off"},
    {"--input-keep-prob", "P", opt_hyper, "dropout keep probability on inputs, 1 = off"},
    {"--augment-noise", "SIGMA", opt_hyper,
     "data augmentation: Gaussian input jitter per mini-batch (standardized units)"},
    {"--l1-method", "prox|subgradient", opt_hyper, "prox: exact zeros; subgradient: jitter"},
    {"--optimizer", "sgd|momentum|adam", opt_hyper, "default sgd"},
    {"--lr", "X", opt_hyper, "learning rate (default 0.03; linear: 0.1)"},
    {"--batch", "N", opt_hyper, "mini-batch size, 0 = full batch (default 10; linear: 0)"},
    {"--penalty", "enet|group|mcp|scad", opt_hyper,
     "penalty family: elastic net, group lasso, MCP or SCAD (default enet)"},
    {"--groups", "A,B,C;D,E", opt_groups,
     "--penalty group: groups of inputs (names or indices; default: categorical dummies)"},
    {"--gamma", "G", opt_hyper, "MCP/SCAD concavity: mcp > 1 (default 3), scad > 2 (default 3.7)"},
    {"--epochs", "N", opt_epochs, "epochs to train headless (default 100)"},
    {"--samples", "N", opt_samples, "points generated (default 500)"},
    {"--noise", "PCT", opt_noise, "noise in percent, 0..100 (default 10)"},
    {"--corr", "RHO", opt_corr, "--data corr: correlation of its two features (default 0.5)"},
    {"--direction", "DEG", opt_direction,
     "--data corr: direction of the true weights (default 10)"},
    {"--val-ratio", "R", opt_val_ratio, "validation share, 0 = train on all (default 0.2)"},
    {"--seed", "N", opt_seed, "seed for data, split, weights, batches, dropout (default 1)"},
    {"--early-stop", "PATIENCE", opt_early_stop,
     "stop after PATIENCE epochs without a better val loss"},
    {"--speed", "N|max", opt_speed, "TUI: at most N epochs per second (the < > keys; default max)"},
    {"--pause-at", "EPOCH", opt_pause_at, "TUI: pause once on reaching EPOCH (space trains on)"},
    {"--theme", "dark|light|mono", opt_theme,
     "TUI and exports: light is black on white, for projectors (key T; default dark)"},
    {"--font-size", "PX", opt_font_size, "font size of the SVG / HTML exports (default 14)"},
    {"--record", "FILE.cast", opt_record,
     "TUI: write the session as an asciicast v2 recording (asciinema play FILE.cast)"},
    {"--keys", "FILE", opt_keys, "TUI: play the timed key presses in FILE (SECONDS KEY a line)"},
    {"--standardize", "on|off", opt_standardize,
     "z-score features with the training split (default on)"},
    {"--format", "jsonl|csv", opt_format, "headless output format (default jsonl)"},
    {"--every", "N", opt_every, "report every N epochs (default 1)"},
    {"--threads", "N", opt_threads,
     "threads sharing each mini-batch, 0 = by problem size (--tune: the grid's, 0 = all cores)"},
    {"--path", NULL, opt_path, "headless: the regularization path, glmnet-style (linear models)"},
    {"--path-len", "K", opt_path_len, "lambdas on the path (default 100)"},
    {"--path-min-ratio", "R", opt_path_min_ratio, "smallest lambda / lambda_max (default 1e-3)"},
    {"--relax", NULL, opt_relax,
     "path: also glmnet's relaxed lasso (each active set refitted without penalty)"},
    {"--relax-gamma", "G|off", opt_relax_gamma,
     "relaxed path: G * lasso + (1 - G) * refit, G in [0, 1] (implies --relax; default 0)"},
    {"--cv", "K", opt_cv, "K-fold cross-validation along the path (lambda_min, lambda_1se)"},
    {"--tune", "KNOB=V1,V2,...", opt_tune,
     "a grid (JSON with --headless or into a pipe; at a terminal the TUI's h view); linear: alpha "
     "x the path's lambdas, "
     "cross-validated; hidden layers: one or two of lambda alpha keep input-keep lr "
     "augment-noise on the validation split"},
    {"--geometry", NULL, opt_geometry,
     "open the geometry view (two weights: loss contours, penalty shape)"},
    {"--snapshot", "FILE", opt_snapshot,
     "train --epochs, write the TUI screen to FILE.svg|html|txt"},
    {"--size", "COLSxROWS", opt_size, "screen size for --snapshot (default 120x40)"},
    {"--emit", "sklearn|keras|pytorch", opt_emit,
     "print a script that trains the same model there"},
    {"--save", "FILE", opt_save,
     "write the scene (settings, points, weights): headless after training, TUI on S"},
    {"--load", "FILE", opt_load,
     "reopen a saved scene exactly (options after it override its settings)"},
    {"--lesson", "NAME|FILE|list", opt_lesson,
     "a lesson: its scene (flags given override it) and steps; list: the lessons"},
    {"--run", "NAME:key=value,...", opt_run, "compare mode, 2-4 times: " RUN_KEY_LIST},
    {"--headless", NULL, opt_headless, "train without a terminal and print metrics"},
    {"--help", NULL, opt_help, "show this help"},
    {"--version", NULL, opt_version, "show the version"},
};
const int config_n_options = (int)(sizeof config_options / sizeof config_options[0]);

const OptionRoles config_option_roles = {
    .lesson = opt_lesson, .load = opt_load, .empty_ok = {opt_target, opt_features}};

_Static_assert(sizeof config_options / sizeof config_options[0] <= 8 * sizeof(ConfigGiven),
               "Config.given has one bit an option");

int config_finish(Config *c, Err *err)
{
    config_apply_model_defaults(c);
    if (hyper_check(&c->hyper, err))
        return -1;
    if (c->n_runs == 1)
        return err_set(err, ERR_INPUT, "--run: compare mode needs 2 to %d runs (got 1)",
                       CONFIG_MAX_RUNS);
    /* runs start from the final base settings, whatever the flag order */
    for (int i = 0; i < c->n_runs; i++)
        if (config_run_hyper(&c->hyper, c->runs[i].name, c->runs[i].spec, &c->runs[i].hyper, err))
            return -1;
    return 0;
}
