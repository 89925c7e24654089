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
    KNOB_COUNT
} KnobId;

/* How a --run key's value is read. */
typedef enum { KV_NONE, KV_DOUBLE, KV_L1_METHOD, KV_OPTIMIZER } KnobValue;

typedef struct {
    const char *label;   /* plain ASCII, as SPEC §5: lambda, alpha, keep, lr */
    const char *symbol;  /* UTF-8 only, or NULL */
    int rebuild;         /* a change needs a new problem/model */
    const char *option;  /* "--lambda", or NULL */
    const char *run_key; /* key of --run NAME:key=value, or NULL */
    KnobValue value;     /* how the run key's value is read */
    size_t offset;       /* of the double in Hyper (KV_DOUBLE) */
    double lo, hi;       /* a run key's range; hi DBL_MAX: no upper end */
    int lo_open;         /* lo itself is refused (keep 0, lr 0) */
} KnobInfo;

/* Every row's run key, in the order --help and the unknown-key message list
 * them (tests/unit/test_knobs.c checks it against the table). */
#define RUN_KEY_LIST "lambda alpha keep lr l1-method optimizer input-keep augment-noise"

const KnobInfo *knob_info(KnobId k);
/* 0 for a knob that does nothing with these settings (corr and direction
 * away from --data corr): not drawn, skipped by focus. */
int knob_visible(const Config *c, KnobId k);
/* Move knob k one step up (dir > 0) or down on its ladder. Returns 1 when
 * the value changed. */
int knob_step(Config *c, KnobId k, int dir);
/* The knob's value as shown: "0.001", "prox", "8,8", "full". */
void knob_format(const Config *c, KnobId k, char *buf, size_t n);

/* Next value on a sorted ladder above (dir > 0) or below v; v itself when
 * at the end. Values off the ladder move to the nearest rung that way. */
double ladder_step(const double *ladder, int n, double v, int dir);

#endif
