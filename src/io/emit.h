/* emit: the equivalent scikit-learn / Keras / PyTorch script for a Config
 * (--emit, and the TUI's `y` key). No ncurses.
 *
 * The script trains the same model with the same settings in that library,
 * with regscope's (lambda, alpha) converted by the README's table, and
 * prints regscope's objective (data loss + penalty on the training split,
 * evaluation mode) as its last line: "objective 0.123456".
 *
 * Data: a CSV file (a path or a name from datasets/) is read from its
 * absolute path with the same target column, encoded as the loader does
 * (emit_table.c) and split into regscope's training and validation rows; a
 * built-in generator is regenerated in numpy: the same kind of data, not
 * the same numbers. */
#ifndef REGSCOPE_EMIT_H
#define REGSCOPE_EMIT_H

#include <stddef.h>
#include <stdio.h>

#include "config.h"

typedef enum { EMIT_SKLEARN, EMIT_KERAS, EMIT_PYTORCH } EmitLib;

/* "sklearn", "keras", "pytorch" (also "torch", "scikit-learn"). 0 or -1. */
int emit_lib_parse(const char *s, EmitLib *lib);
const char *emit_lib_name(EmitLib lib);

/* ---- the conversions (README's table) --------------------------------------- */

/* LogisticRegression(C): lambda = 1/(C n), so C = 1/(lambda n), n the
 * training rows. lambda 0: no penalty (returns INFINITY). */
double emit_sklearn_logistic_C(double lambda, int n_train);
/* Ridge(alpha) penalizes the sum of squares: a = lambda * n. */
double emit_sklearn_ridge_alpha(double lambda, int n_train);
/* ElasticNet(alpha=a, l1_ratio=r) is regscope's objective exactly:
 * a = lambda, r = alpha. */
void emit_sklearn_elasticnet(double lambda, double alpha, double *en_alpha, double *l1_ratio);
/* MLPClassifier / MLPRegressor(alpha): loss + alpha/(2 n_batch) ||W||^2, so
 * the L2 part of regscope's penalty is alpha = lambda * (1 - alpha) * n_batch
 * (the L1 part has no equivalent). */
double emit_sklearn_mlp_alpha(double lambda, double alpha, int batch_rows);
/* Keras kernel_regularizer: l1 = lambda*alpha, l2 = lambda*(1-alpha)/2,
 * written as "l2(0.01)", "l1(0.05)", "l1_l2(l1=..., l2=...)" or "None". */
void emit_keras_regularizer(double lambda, double alpha, char *buf, size_t size);
/* Shortest decimal that reads back as v (Python float literal). */
void emit_fmt_double(double v, char *buf, size_t size);

/* ---- the script -------------------------------------------------------------- */

/* What the script needs to know about the data, found by building the
 * problem exactly as regscope does. */
typedef struct {
    int generator;       /* 1: built-in generator (c->data names it) */
    char csv_path[4096]; /* absolute path of the CSV file, else "" */
    Task task;
    int n_classes; /* 0 for regression */
    int n_train, n_val;
    int d_raw, d; /* inputs before / after the feature expansion */
    /* A CSV file's d_raw input names after the encoding (COLUMN=LEVEL,
     * COLUMN:missing), malloc'd; NULL for a generator. */
    char **columns;
} EmitData;

/* Loads / generates the data and splits it as regscope would. 0 or -1
 * (then nothing stays allocated); emit_data_free frees dd after 0. */
int emit_describe(const Config *c, EmitData *dd, Err *err);
void emit_data_free(EmitData *dd);
/* Writes the script for c and dd. 0, or -1 on an output error. */
int emit_write(FILE *out, const Config *c, const EmitData *dd, EmitLib lib);
/* emit_describe + emit_write into a malloc'd string (the caller frees it). */
char *emit_script_string(const Config *c, EmitLib lib, Err *err);
/* --emit: prints the script for c->emit to out. Returns an exit status
 * (0, or err's kind with err set). */
int emit_run(const Config *c, FILE *out, Err *err);

#endif
