/* data: a dataset in memory, the built-in generators, the train/validation
 * split and standardization.
 *
 * X is n x d, row-major (row i is sample i). y holds, per sample, the class
 * id 0..n_classes-1 (stored as a double) for classification, or the target
 * value for regression. A Dataset owns every pointer in it. */
#ifndef REGSCOPE_DATA_H
#define REGSCOPE_DATA_H

#include <stdint.h>

#include "err.h"

typedef enum { TASK_AUTO = 0, TASK_CLASSIFY, TASK_REGRESS } Task;

typedef struct {
    int n, d;
    double *X;            /* n x d */
    double *y;            /* n */
    Task task;            /* TASK_CLASSIFY or TASK_REGRESS once loaded */
    int n_classes;        /* >= 2 for classification, 0 for regression */
    char **class_names;   /* n_classes names, or NULL (then "0", "1", ...) */
    char **feature_names; /* d names, or NULL (then "x1", "x2", ...) */
    char *name;           /* generator name or file path, for display */
    char notice[256];     /* what loading did that the user should know, or "" */
    int *fold;            /* n fold numbers (a CSV's --foldid column, as given), or NULL */
} Dataset;

/* Allocate X (n*d) and y (n), zeroed; names left NULL. Returns 0 or -1. */
int dataset_alloc(Dataset *ds, int n, int d, Err *err);
void dataset_free(Dataset *ds);
/* Deep copy of src into dst (dst must be empty). */
int dataset_copy(Dataset *dst, const Dataset *src, Err *err);
/* Deep copy of rows idx[0..m-1] of src, keeping names, classes and fold
 * numbers. */
int dataset_take_rows(Dataset *dst, const Dataset *src, const int *idx, int m, Err *err);

/* ---- built-in generators ---------------------------------------------- */

/* Names of the generators, NULL-terminated: circle xor gauss spiral moons
 * line sparse groups corr. */
extern const char *const data_generator_names[];
int data_is_generator(const char *name);
/* The column groups a generator builds its data from, as --groups writes
 * them ("A1,A2,A3,A4;B1,..." for groups), or "" when it has none. */
const char *data_generator_groups(const char *name);
/* Generate `samples` points of the named data set with noise in percent
 * (0..100, as TensorFlow Playground's slider) from seed. */
int data_generate(const char *name, int samples, double noise_pct, uint64_t seed, Dataset *out,
                  Err *err);
/* "corr" with its shape: two standard normal features with correlation rho
 * (-1 < rho < 1), y = cos(t) x1 + sin(t) x2 + Gaussian noise (sd
 * 2 * noise_pct / 100), t the true weights' direction in degrees. A
 * regression. data_generate("corr") uses the defaults below. */
#define DATA_CORR_DEFAULT 0.5
#define DATA_DIRECTION_DEFAULT 10.0
int data_generate_corr(int samples, double noise_pct, double rho, double direction_deg,
                       uint64_t seed, Dataset *out, Err *err);

/* The weights a generator drew y with, in its raw inputs' units, for the
 * generators that have them: sparse (5 of 30 nonzero), groups (each
 * factor's weight shared by its 4 columns, as least squares shares it),
 * corr (cos t, sin t for the direction t in degrees). Fills w[0..d) and
 * returns 1 when name has true weights for d inputs; else 0. */
int data_true_weights(const char *name, double direction_deg, double *w, int d);

/* ---- split and standardization ---------------------------------------- */

/* Seeded shuffle and split: a fraction val_ratio goes to validation,
 * stratified by class for classification. val_ratio 0 puts every row in
 * train and leaves val empty (n = 0). */
int data_split(const Dataset *all, double val_ratio, uint64_t seed, Dataset *train, Dataset *val,
               Err *err);

/* Column means and population standard deviations (ddof 0) of X. A column
 * whose sd is 0 gets scale 1: it is centred, not scaled. */
typedef struct {
    int d;
    double *mean;  /* d */
    double *scale; /* d, never 0 */
} Standardizer;

int standardizer_fit(Standardizer *st, const Dataset *ds, Err *err);
/* x (n x d, row-major) := (x - mean) / scale, in place. */
void standardizer_apply(const Standardizer *st, double *x, int n);
/* The identity transform (mean 0, scale 1), for --standardize off. */
int standardizer_identity(Standardizer *st, int d, Err *err);
void standardizer_free(Standardizer *st);

#endif
