/* settings: every setting a scene holds, in one table, in the order a scene
 * writes them: its key, the option that reads it back, its exact text and
 * when it is written, and what depends on it. The run settings come from the
 * knob table (knob_table.h): a new hyperparameter is a row there, and scenes,
 * the printed command line and the path view's restart follow.
 *
 * The text of a setting reads back exactly through its option: two Configs
 * agree on a setting when its texts are equal. */
#ifndef REGSCOPE_SETTINGS_H
#define REGSCOPE_SETTINGS_H

#include <stddef.h>

#include "config.h"
#include "knob_table.h"

/* What depends on a setting (Setting.use). */
enum {
    USE_DATA = 1,  /* the points: a scene's saved points stand for these */
    USE_MODEL = 2, /* the model's shape: a scene's saved weights fit it */
    USE_PATH = 4,  /* the path view's solutions */
};

typedef struct {
    const char *key;    /* in a scene: "data", "lambda", "val-ratio" */
    const char *option; /* the option that reads the text back */
    KnobId knob;        /* a run setting (knob_is_hyper), or KNOB_COUNT */
    unsigned use;       /* USE_* bits */
} Setting;

int settings_count(void);
/* Row i, 0 <= i < settings_count(). */
Setting setting_at(int i);
/* The row whose key is key; 0 if there is none. */
int setting_find(const char *key, Setting *out);
/* The setting's value in c as its option takes it. */
void setting_text(const Config *c, const Setting *s, char *buf, size_t n);
/* 0 when a scene leaves the setting out: at its default and not expressible
 * (task auto, no --missing), or not meaningful (corr away from --data corr). */
int setting_written(const Config *c, const Setting *s);
/* 1 when a and b differ in a setting with one of the use bits. */
int settings_differ(const Config *a, const Config *b, unsigned use);

#endif
