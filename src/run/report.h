/* report: headless output. One record per reported epoch as JSON Lines or
 * CSV, then (JSONL only) the final record with every layer's weights. */
#ifndef REGSCOPE_REPORT_H
#define REGSCOPE_REPORT_H

#include <stdio.h>

#include "config.h"
#include "trainer.h"

/* CSV header naming the fields that apply (val_* with a split, *_acc for
 * classification). */
void report_csv_header(FILE *out, const Metrics *m, int with_run);
/* run: the compare-mode run's name (a "run" field / column), or NULL. */
void report_epoch(FILE *out, OutputFormat fmt, const Metrics *m, const char *run);
/* {"final":true,"epochs":E,"best_epoch":B,"features":[..],"layers":[{"W":[[..]..],"b":[..]}..]}
 * (with "run":NAME first in compare mode). names: the model's inputs, as in
 * report_features. */
void report_final(FILE *out, long epochs, long best_epoch, const Model *model, const char *run,
                  char *const *names);

/* JSON pieces shared by every headless record: a number (null when not
 * finite) in fmt, an array of numbers with %.17g, and one layer
 * {"W":[[..] x rows],"b":[..]} of a row-major rows x cols W. */
void report_json_number(FILE *out, double v, const char *fmt);
void report_json_array(FILE *out, const double *v, int n);
void report_layer(FILE *out, const double *W, const double *b, int rows, int cols);
/* A JSON string literal of the NUL-terminated s (invalid UTF-8 -> U+FFFD). */
void report_json_string(FILE *out, const char *s);
/* ,"features":["..",..]: the names of the d input columns, in the order of
 * W's columns (names NULL, or one of them NULL: "xJ", 1-based, as the UI). */
void report_features(FILE *out, char *const *names, int d);

#endif
