/* config: every command-line setting and its parser. --lesson and --load
 * are only recorded here; src/run/setup.c applies them under the flags and
 * turns a Config into a Problem and a TrainerConfig (config_check.c refuses
 * contradictory combinations).
 *
 * The parser is table-driven (one row an option: name, argument, handler,
 * help) so that the options still to come slot in as rows. */
#ifndef REGSCOPE_CONFIG_H
#define REGSCOPE_CONFIG_H

#include <stdint.h>
#include <stdio.h>

#include "err.h"
#include "problem.h"
#include "trainer.h"

#define CONFIG_MAX_RUNS 4
#define CONFIG_MAX_TUNE 2
/* Which options the command line itself gave: bit i for the option table's
 * row i (a struct so that it copies whole). */
typedef struct {
    uint64_t bits[2];
} ConfigGiven;

typedef enum { FORMAT_JSONL, FORMAT_CSV } OutputFormat;

/* One run of compare mode: a name and its own hyperparameters (the others'
 * settings, data and initial weights are shared). */
typedef struct {
    char name[32];
    char spec[256]; /* "key=value,..." as given to --run, applied after parsing */
    Hyper hyper;
} RunSpec;

typedef struct {
    /* data */
    char data[1024];        /* generator name, dataset name or CSV path */
    char target[256];       /* CSV target column name or 1-based index; "" = last */
    Task task;              /* TASK_AUTO = inferred */
    char ignore[1024];      /* CSV columns to drop: names or 1-based indices, "" = none */
    char foldid[256];       /* CSV column of fold numbers for --cv / --tune, "" = none */
    char categorical[1024]; /* CSV columns read as categories, "" = none */
    char groups[1024];      /* --groups "a,b;c,d": the group lasso's groups, "" = default */
    char na_values[1024];   /* the missing-value tokens, when na_values_set */
    int na_values_set;
    int missing;        /* a CsvMissing: refuse, drop or mean */
    char features[256]; /* "" = none */
    int samples;
    double noise;     /* percent */
    double corr;      /* --data corr: correlation of the two features */
    double direction; /* --data corr: the true weights' direction, degrees */
    double val_ratio;
    int standardize;
    /* model */
    int hidden[MODEL_MAX_LAYERS - 1];
    int n_hidden; /* 0 = linear */
    Activation act;
    /* training */
    Hyper hyper;
    int epochs;
    uint64_t seed;
    int early_stop;    /* patience; 0 = off */
    int threads;       /* 0 = chosen by problem size */
    double speed;      /* TUI: at most this many epochs per second; 0 = as fast as it goes */
    int theme;         /* TUI and exports: 0 dark, 1 light, 2 mono (config_theme_names) */
    int font_size;     /* SVG / HTML exports: px of the monospace font (default 14) */
    char record[1024]; /* TUI: --record FILE.cast, "" = none */
    char keys[1024];   /* TUI: --keys FILE of timed presses, "" = none */
    long pause_epoch;  /* TUI: pause once on reaching this epoch (0 = never), --pause-at */
    int start_paused;  /* TUI: open paused (a scene saved while paused) */
    /* compare mode: --run NAME:key=value,... (2 to 4 of them); 0 = one run */
    int n_runs;
    RunSpec runs[CONFIG_MAX_RUNS];
    /* regularization path (headless --path) */
    int path;              /* 1: solve along a lambda grid instead of training */
    int path_len;          /* lambdas on the grid (default 100) */
    double path_min_ratio; /* smallest lambda / lambda_max (default 1e-3) */
    int cv_folds;          /* --cv K: K-fold cross-validation along the path; 0 = off */
    int relax;             /* --relax: also the relaxed lasso along the path (path_relax) */
    double relax_gamma;    /* --relax-gamma G: its blend, G lasso + (1 - G) refit (default 0) */
    /* --tune KNOB=V1,V2,... (headless, src/path/tune.c): the grid, as given */
    int n_tune;
    char tune[CONFIG_MAX_TUNE][512];
    /* export */
    char snapshot[1024];      /* --snapshot FILE.svg|html|txt: render the TUI layout headless */
    int size_cols, size_rows; /* --size COLSxROWS for --snapshot (default 120x40) */
    char emit[16];            /* --emit sklearn|keras|pytorch: print equivalent code */
    /* scenes (src/io/scene.h): --load FILE reopens one, --save FILE / TUI key S writes one */
    char load[1024]; /* "" = none */
    char save[1024]; /* "" = none (S writes regscope-DATE-TIME.scene) */
    /* --lesson NAME|FILE (src/config/lesson.c): applied before the other flags */
    char lesson[32];         /* "" = none */
    char lesson_prompt[160]; /* what to try, shown by the TUI */
    char lesson_point[160];  /* what the class sees by pause_epoch, shown when it pauses */
    char lesson_src[1024];   /* --lesson as given (a name or a file): lesson_open reopens it */
    const char *lesson_arg;  /* --lesson NAME as given, until config_setup applies it */
    int lesson_runs;         /* runs[] came from the lesson: an explicit --run replaces them */
    int geometry;            /* --geometry: open the TUI (or --snapshot) in the geometry view */
    /* output */
    int headless;
    OutputFormat format;
    int every;
    int batch_set, lr_set; /* given on the command line (else model defaults) */
    ConfigGiven given;     /* on the command line itself (not from --lesson or a --load
                            * scene's lines) */
    /* set when --help / --version was given: main prints and exits 0 */
    int want_help, want_version, want_lesson_list;
    const char *argv0;
} Config;

void config_defaults(Config *c);
/* First look at argv (after config_defaults): every argument must be a known
 * option with its value; --lesson NAME is only recorded (c->lesson_arg,
 * applied by config_setup), --lesson list sets want_lesson_list. */
int config_read_args(Config *c, int argc, char **argv, Err *err);
/* Applies the options from argv[*i] on, in order, to c; --lesson is skipped
 * (config_read_args took it). Stops after a --load FILE, which it records in
 * c->load only: returns 1 there with *i past it (the caller reads the scene
 * and calls again), 0 at the end, -1 on a bad value. */
int config_apply_options(Config *c, int argc, char **argv, int *i, Err *err);
/* After the options: the model's defaults for batch and lr, the hyper-
 * parameter ranges, and every run's hyperparameters from the final base. */
int config_finish(Config *c, Err *err);
/* config_apply_options over all of argv (a --load only recorded), then
 * config_finish: a scene's setting lines go through here. */
int config_apply_settings(Config *c, int argc, char **argv, Err *err);
/* Whether the option called name (as "--lambda") was on the command line
 * itself (c->given). */
int config_was_given(const Config *c, const char *name);
void config_print_help(FILE *out);
/* A linear model trains full batch at lr 0.1 unless --batch / --lr say
 * otherwise: that is exact proximal gradient descent, so the lasso's zeros
 * are the optimum's, not mini-batch noise. Hidden-layer models keep
 * Playground's batch 10 and lr 0.03. Call after any model change. */
void config_apply_model_defaults(Config *c);
/* The geometry view's scene for settings without two weights: --data corr
 * --model linear (full batch, lr 0.1, no expansion), lambda 0.3 when it
 * was 0. Writes what changed, for a notice, into what (may be NULL). */
void config_two_weight_scene(Config *c, char *what, size_t size);
/* The model string as the user writes it: "linear" or "8,8". */
void config_model_string(const Config *c, char *buf, int size);
/* The --theme names, in the order of Config.theme (ui/canvas.h's
 * CanvasTheme follows it). */
#define CONFIG_THEMES 3
extern const char *const config_theme_names[CONFIG_THEMES];
/* 1 when option opt (one that takes a value) accepts val. */
int config_option_accepts(const char *opt, const char *val);
/* Command line that reopens these settings (printed by the TUI on quit):
 * every setting that differs from what its --lesson / --load would give,
 * each word quoted for a POSIX shell where it needs it. */
void config_command_line(const Config *c, char *buf, int size);
/* Appends word to buf (NUL-terminated, size bytes), in single quotes when it
 * holds anything a POSIX shell would expand or split (' as '\''). */
void config_shell_quote(char *buf, size_t size, const char *word);
/* printf onto the end of the string in buf (size bytes), cut at its end. */
void config_append(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Settings that contradict each other, or a flag that the rest makes
 * meaningless (--path with --run, --early-stop with --val-ratio 0,
 * --keep-prob on a linear model, ...): refused, naming both. Only
 * combinations the command line itself asked for count (c->given): a
 * lesson's or a scene's own settings never trip it. Call after config_parse. */
int config_check(const Config *c, Err *err);

/* Applies run name's "key=value,..." (keys: lambda alpha keep lr l1-method
 * optimizer input-keep augment-noise, each at most once) on top of base
 * into out; messages name "--run NAME:key". */
int config_run_hyper(const Hyper *base, const char *name, const char *spec, Hyper *out, Err *err);

/* The steps from settings to a run (config_setup, config_parse,
 * config_build_problem, ...) are src/run/setup.c's. */

#endif
