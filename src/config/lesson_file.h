/* lesson_file: the NAME.lesson format a teacher writes (regscope(1), LESSON
 * FILES). One key a line, then its value; # starts a comment line:
 *
 *   title    one line shown under the title bar
 *   point    what the class sees where the scene pauses (optional)
 *   scene    --data circle --model linear ...   (command-line settings; may repeat)
 *   step                                        (starts a step; steps in order)
 *   prompt   a line of what to do (repeat the key for more lines)
 *   set      --lambda 0.1                       (applied when the step begins)
 *   pause-at 1000                               (pause once on reaching this epoch)
 *   hint     one line shown on request
 *   check    zeros >= 50% and lambda >= 0.01    (what the class is asked to reach)
 *
 * Settings go through the option parser (so a bad one is refused at once,
 * naming the file, line and column). A check is terms joined by `and`, each
 * METRIC OP VALUE with OP one of < <= > >= == != (see lesson_metric_names).
 * The parse fills a caller-owned LessonFile: fixed arrays, nothing to free. */
#ifndef REGSCOPE_LESSON_FILE_H
#define REGSCOPE_LESSON_FILE_H

#include "config.h"
#include "trainer.h"

#define LESSON_MAX_STEPS 32
#define LESSON_MAX_TERMS 8
#define LESSON_SETTINGS 1024

typedef enum {
    LM_ZEROS, /* fraction of the weights exactly 0; a value may say 50% */
    LM_TRAIN_LOSS,
    LM_VAL_LOSS,
    LM_DATA_LOSS,
    LM_PENALTY,
    LM_TRAIN_ACC,
    LM_VAL_ACC,
    LM_EPOCH,
    LM_LAMBDA,
    LM_ALPHA,
    LM_KEEP,
    LM_INPUT_KEEP,
    LM_AUGMENT_NOISE,
    LM_LR,
    LM_VIEW, /* a word: main, geometry or path */
    LM_COUNT
} LessonMetric;

typedef enum { LO_LT, LO_LE, LO_GT, LO_GE, LO_EQ, LO_NE } LessonOp;

typedef struct {
    LessonMetric metric;
    LessonOp op;
    double value;  /* numbers (a percentage as a fraction) */
    char word[16]; /* LM_VIEW */
} LessonTerm;

typedef struct {
    int n_terms; /* 0: no check (the step moves on when asked) */
    LessonTerm terms[LESSON_MAX_TERMS];
    char text[256]; /* as written, for display and reports */
} LessonCheck;

typedef struct {
    char prompt[512];               /* lines joined by '\n' */
    char settings[LESSON_SETTINGS]; /* `set` lines joined by blanks, "" = none */
    long pause_at;                  /* 0 = none */
    char hint[256];
    LessonCheck check;
    int line; /* of its `step` */
} LessonStep;

typedef struct {
    char title[160];
    char point[160];
    char scene[2 * LESSON_SETTINGS]; /* `scene` lines joined by blanks */
    int n_steps;
    LessonStep steps[LESSON_MAX_STEPS];
} LessonFile;

/* What a check looks at: the live snapshot's metrics and knobs. */
typedef struct {
    long epoch;
    double zeros; /* fraction exactly 0 */
    double train_loss, val_loss, data_loss, penalty, train_acc, val_acc;
    Hyper hyper;
    const char *view; /* "main", "geometry" or "path" */
} LessonState;

/* Parses text (the file's contents; name is used in messages) into out.
 * Every setting is tried on the option parser: the scene on the defaults,
 * each step's on the scene and the steps before it. Errors are
 * "NAME:LINE:COL: what is wrong" (ERR_INPUT). */
int lesson_file_parse(const char *text, const char *name, LessonFile *out, Err *err);
/* Reads path and parses it. */
int lesson_file_load(const char *path, LessonFile *out, Err *err);
/* Applies settings (options separated by blanks) to c on top of what is
 * there; they are not the command line's (c->given stays). */
int lesson_apply_settings(Config *c, const char *settings, Err *err);
/* The state a check sees, from a run's metrics, its hyperparameters and the
 * view on screen (NULL = "main"). */
void lesson_state_from(const Metrics *m, const Hyper *h, const char *view, LessonState *out);
/* 1 when every term holds (a step without a check holds too). A metric that
 * is not a number (no validation split: val_loss) never holds. */
int lesson_check_holds(const LessonCheck *chk, const LessonState *s);
/* Parses a check ("zeros >= 50% and lambda >= 0.01") into out; on a
 * mistake returns -1 with the offset of the bad word in *bad_col and what
 * is wrong in why (n bytes). */
int lesson_check_parse(const char *text, LessonCheck *out, int *bad_col, char *why, size_t n);
/* The name of metric m as written in a check. */
const char *lesson_metric_name(LessonMetric m);

#endif
