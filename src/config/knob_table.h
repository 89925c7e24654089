/* The knobs: every setting a person turns in the TUI, in one table. A row
 * says what the knob is called (label, symbol, command-line option, --run
 * key), where its value lives, the range a --run value must be in and
 * whether a change needs a new problem/model. knob_step moves a knob along
 * its ladder (lambda 0, 1e-4, 3e-4, ...; alpha by 0.1; keep by 0.05; lr on a
 * 1-3-10 ladder); knob_format prints it as the controls panel shows it. */
#ifndef REGSCOPE_KNOB_TABLE_H
#define REGSCOPE_KNOB_TABLE_H

#include <stddef.h>

#include "config.h"

typedef enum {
    KNOB_LAMBDA,
    KNOB_ALPHA,
    KNOB_KEEP,
    KNOB_LR,
    KNOB_INPUT_KEEP,
    KNOB_AUGMENT,
    KNOB_L1_METHOD,
    KNOB_OPTIMIZER,
    KNOB_BATCH,
    KNOB_DATA,
    KNOB_MODEL,
    KNOB_FEATURES,
    KNOB_SPEED,
    KNOB_CORR,      /* --data corr only: the features' correlation */
    KNOB_DIRECTION, /* --data corr only: the true weights' direction */
    KNOB_PENALTY,   /* the penalty's family: enet group mcp scad */
    KNOB_GAMMA,     /* MCP's and SCAD's concavity (shown for those two) */
    KNOB_COUNT      /* also "no knob" */
} KnobId;

/* How a --run key's value is read. */
typedef enum { KV_NONE, KV_DOUBLE, KV_L1_METHOD, KV_OPTIMIZER, KV_PENALTY } KnobValue;

/* How a knob's value is shown, in the controls panel and the run titles. */
typedef enum {
    KF_OTHER,     /* a Config setting, not a Hyper one: knob_format only */
    KF_LADDER,    /* "0", "1e-04", "0.003": two digits at most */
    KF_FRACTION,  /* "0", "0.5", "0.95" */
    KF_L1_METHOD, /* "prox", "subgrad" */
    KF_OPTIMIZER, /* "sgd", "adam" */
    KF_BATCH,     /* "full", "32" */
    KF_PENALTY,   /* "enet", "mcp" */
} KnobFormat;

/* When a run's title names the setting although every run has the same. */
typedef enum {
    KT_NONE,    /* not a run setting: never in a run title */
    KT_DIFFERS, /* only when the runs differ in it */
    KT_ALWAYS,  /* always */
    KT_ON,      /* when it is away from its off value (jitter > 0) */
} KnobTitle;

/* What a change of the knob invalidates (KnobInfo.affects). */
enum {
    KA_REBUILD = 1, /* the problem or the model: they are built again */
    KA_PATH = 2,    /* the path view's solutions: its job starts again */
};

typedef struct {
    const char *label;   /* plain ASCII, as SPEC §5: lambda, alpha, keep, lr */
    const char *symbol;  /* UTF-8 only, or NULL */
    unsigned affects;    /* KA_* bits */
    const char *option;  /* "--lambda", or NULL */
    const char *run_key; /* key of --run NAME:key=value, or NULL */
    KnobValue value;     /* how the run key's value is read */
    size_t offset;       /* of the double in Hyper (KV_DOUBLE) */
    double lo, hi;       /* a run key's range; hi DBL_MAX: no upper end */
    int lo_open;         /* lo itself is refused (keep 0, lr 0) */
    KnobFormat format;
    KnobTitle title;
    double off;                           /* KT_ON: the value that means "off" */
    const char *title_utf8, *title_ascii; /* short name in a crowded run title, or NULL */
    int quiet; /* scenes, command lines and run words name it only away from off */
} KnobInfo;

/* Every row's run key, in the order --help and the unknown-key message list
 * them (tests/unit/test_knobs.c checks it against the table). */
#define RUN_KEY_LIST                                                                               \
    "lambda alpha keep lr l1-method optimizer input-keep augment-noise penalty gamma"

const KnobInfo *knob_info(KnobId k);
/* 0 for a knob that does nothing with these settings (corr and direction
 * away from --data corr): not drawn, skipped by focus. */
int knob_visible(const Config *c, KnobId k);
/* 0 for a run setting that does nothing with these (gamma away from mcp
 * and scad): left out of run titles too. */
int knob_applies(const Hyper *h, KnobId k);
/* Why a knob is not shown, for the notice when its key is pressed. */
void knob_hidden_reason(KnobId k, char *buf, size_t n);
/* Move knob k one step up (dir > 0) or down on its ladder. Returns 1 when
 * the value changed. */
int knob_step(Config *c, KnobId k, int dir);
/* The knob's value as shown: "0.001", "prox", "8,8", "full". */
void knob_format(const Config *c, KnobId k, char *buf, size_t n);

/* Run setting k of h as shown ("0.01", "subgrad", "full"); k's format is
 * not KF_OTHER. */
void knob_format_hyper(const Hyper *h, KnobId k, char *buf, size_t n);
/* Run setting k of h as a number (the enum's value for l1 / optimizer). */
double knob_hyper_value(const Hyper *h, KnobId k);

/* A Hyper knob (a run setting, its format not KF_OTHER): these are the
 * --lambda ... --batch options, the scene's hyperparameter lines and the
 * keys of its run lines. */
int knob_is_hyper(KnobId k);
/* Whether Hyper knob k of h is written (in scenes, command lines and run
 * words): always, but a quiet knob only away from its off value. */
int knob_hyper_written(const Hyper *h, KnobId k);
/* Its key in scenes and --run: the run key, else the label (batch). */
const char *knob_key(KnobId k);
/* Hyper knob k of h as text that reads back exactly ("0.03", "subgradient",
 * "10"): what scenes and the printed command line write. */
void knob_write_hyper(const Hyper *h, KnobId k, char *buf, size_t n);
/* Text v into Hyper knob k of h, as option opt (named in messages); the
 * range is checked later (hyper_check, or the run key's range). */
int knob_read_hyper(Hyper *h, KnobId k, const char *opt, const char *v, Err *err);
/* The Hyper knob whose command-line option is opt, or KNOB_COUNT. */
KnobId knob_by_option(const char *opt);

/* Next value on a sorted ladder above (dir > 0) or below v; v itself when
 * at the end. Values off the ladder move to the nearest rung that way. */
double ladder_step(const double *ladder, int n, double v, int dir);

#endif
