/* scene: a scene's settings, data points, standardizer and weights in a
 * small line-based text file (--save FILE, --load FILE, TUI key S), so a
 * class can reopen a scene exactly. Every double is written with %.17g (a
 * setting's as the shortest text that reads back the same), so a save /
 * load round trip is bit-exact.
 *
 *   regscope-scene 1
 *   data circle                 one "key value" line per setting, the keys
 *   target                      of settings.h's table (data target task
 *   task classify               ignore categorical na-values missing
 *   features                    features model activation, the run settings
 *   model 8,8                   lambda alpha keep lr input-keep augment-noise
 *   ...                         l1-method optimizer batch, then samples noise
 *                               val-ratio seed standardize corr direction
 *                               speed pause-at path-len path-min-ratio cv);
 *                               an empty value is allowed
 *   run NAME key=value,...      compare-mode runs, one line each (optional)
 *   classes 2                   0 for regression, else 2 to SCENE_MAX_CLASSES
 *   class-names a "b c"         optional, after classes: one name each
 *   inputs 2                    1 to SCENE_MAX_INPUTS
 *   input-names x1 x2           optional, after inputs: one name each
 *   points N                    then N lines: x1 .. xD target split
 *   0.5 -0.25 1 0               (target: class id or value; split 0 train, 1 val)
 *   standardizer D              then D lines: mean scale (of the model's inputs)
 *   weights N                   then N lines: one parameter each (model order)
 *
 * A name is one token: bare, or "quoted" (with \" \\ \t \n \r \xHH
 * escapes) when it is empty or holds a blank, a quote, a backslash or a
 * control character. Every number is finite. The standardizer and the
 * weights come after the points; the standardizer has one row per model
 * input and the weights are exactly the model's parameters (its settings
 * on the scene's inputs and classes). A scene file is a regular file of at
 * most SCENE_MAX_BYTES without NUL bytes; the writer refuses to write what
 * the reader would refuse (weights that diverged among it).
 *
 * Lines starting with # and blank lines are ignored. Errors read
 * "FILE:LINE: what is wrong" (ERR_INPUT, exit status 2). */
#ifndef REGSCOPE_SCENE_H
#define REGSCOPE_SCENE_H

#include "config.h"
#include "csvload.h"
#include "model.h"
#include "problem.h"
#include "trainer.h"

/* The largest scene: the CSV loader's limits (csvload.h) on columns and
 * classes, and room for its 1e8 cells written with %.17g (at most 25 bytes
 * a number) beside a model's weights. */
#define SCENE_MAX_INPUTS 100000000 /* CSV_MAX_CELLS: a table of one row */
#define SCENE_MAX_CLASSES CSV_MAX_CLASSES
#define SCENE_MAX_BYTES (4ULL << 30)

typedef struct {
    Config cfg; /* the settings (on top of the base given to scene_parse) */
    Task task;
    int n_classes;
    char **class_names;   /* n_classes, or NULL */
    char **input_names;   /* d, or NULL */
    int d, n;             /* inputs per point, points */
    double *X;            /* n x d raw inputs */
    double *y;            /* n targets */
    unsigned char *split; /* n: 0 train, 1 validation */
    int std_d;            /* 0 = no standardizer saved */
    double *std_mean, *std_scale;
    size_t n_params; /* 0 = no weights saved */
    double *params;
} Scene;

/* A scene of the problem's points (train rows, then validation rows, each
 * in order), its standardizer and the model's parameters (m may be NULL). */
int scene_from_problem(Scene *s, const Config *c, const Problem *p, const Model *m, Err *err);
void scene_free(Scene *s);

/* The scene as text (malloc'd, NUL-terminated), or NULL when out of memory. */
char *scene_format(const Scene *s);
/* Parses text (name: the file name for messages); settings apply on top of
 * base (config_defaults when NULL). */
int scene_parse(const char *text, const char *name, const Config *base, Scene *s, Err *err);
int scene_read(const char *path, const Config *base, Scene *s, Err *err);
/* Writes atomically (file_write_atomic, filewrite.h); refuses a scene the
 * reader would refuse (weights not finite, too large) with a message. */
int scene_write(const char *path, const Scene *s, Err *err);
/* scene_from_problem + scene_write. */
int scene_save(const char *path, const Config *c, const Problem *p, const Model *m, Err *err);

/* The Problem of the scene's points with their saved split (and saved
 * standardizer, else one fitted on the training rows). */
int scene_build_problem(const Scene *s, Problem *p, Err *err);

/* ---- hooks ------------------------------------------------------------- */

/* --load FILE: reads FILE and applies its settings to c (later options
 * override them); remembers FILE in c->load. */
int scene_load_settings(const char *path, Config *c, Err *err);
/* While c->load names a scene whose data settings (data target task
 * features samples noise val-ratio seed standardize) are the ones in c:
 * builds p from its points and returns 1. Else 0 (build as usual), -1 on
 * error. */
int scene_problem(const Config *c, Problem *p, Err *err);
/* Likewise, with the model settings too: sets t's weights to the scene's. */
void scene_initial_weights(const Config *c, Trainer *t);

#endif
