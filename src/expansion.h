/* expansion: expansions of 2-D inputs (x1, x2) into richer features, so a
 * linear/logistic model can draw curved boundaries, and overfit.
 *
 * Spec strings: a comma list of x1,x2,x1^2,x2^2,x1x2,sin1,sin2 (any subset,
 * in any order), or poly:D (every monomial x1^i x2^j with 1 <= i+j <= D). */
#ifndef REGSCOPE_EXPANSION_H
#define REGSCOPE_EXPANSION_H

#include "data.h"

#define FEATURES_MAX 64

typedef enum { FEAT_X1, FEAT_X2, FEAT_X1SQ, FEAT_X2SQ, FEAT_X1X2, FEAT_SIN1, FEAT_SIN2, FEAT_MONO } FeatKind;

typedef struct {
    FeatKind kind;
    int p1, p2; /* powers of x1 and x2, for FEAT_MONO */
} Feature;

typedef struct {
    int n;             /* number of output features; 0 = identity (no expansion) */
    Feature f[FEATURES_MAX];
} FeatureSpec;

/* Parse spec (NULL or "" = identity). Error message names the bad token. */
int features_parse(const char *spec, FeatureSpec *fs, Err *err);
/* Output width for an input of width d_in. */
int features_dim(const FeatureSpec *fs, int d_in);
/* Expand n rows of 2-D input x (n x 2) into out (n x features_dim). */
void features_expand(const FeatureSpec *fs, const double *x, int n, double *out);
/* Replace ds->X by its expansion (ds must have d == 2 unless identity). */
int features_apply(const FeatureSpec *fs, Dataset *ds, Err *err);
/* Human name of feature i ("x1^2", "x1^3x2^2"), written into buf. */
void features_name(const FeatureSpec *fs, int i, char *buf, int size);

#endif
