/* expansion: expansions of 2-D inputs (x1, x2) into richer features, so a
 * linear/logistic model can draw curved boundaries, and overfit; and of a
 * 1-D input x1 into its powers (--data line: the degree-9 polynomial that
 * overfits, tamed by L2).
 *
 * Spec strings: a comma list of x1,x2,x1^2,x2^2,x1x2,sin1,sin2 (any subset,
 * in any order), or poly:D (every monomial x1^i x2^j with 1 <= i+j <= D;
 * on 1-D input x1, x1^2, ..., x1^D). */
#ifndef REGSCOPE_EXPANSION_H
#define REGSCOPE_EXPANSION_H

#include "data.h"

#define FEATURES_MAX 64

typedef enum {
    FEAT_X1,
    FEAT_X2,
    FEAT_X1SQ,
    FEAT_X2SQ,
    FEAT_X1X2,
    FEAT_SIN1,
    FEAT_SIN2,
    FEAT_MONO
} FeatKind;

typedef struct {
    FeatKind kind;
    int p1, p2; /* powers of x1 and x2, for FEAT_MONO */
} Feature;

typedef struct {
    int n;    /* number of output features; 0 = identity (no expansion) */
    int d_in; /* inputs it expands: 2, or 1 once bound to 1-D data */
    Feature f[FEATURES_MAX];
} FeatureSpec;

/* Parse spec (NULL or "" = identity). Error message names the bad token. */
int features_parse(const char *spec, FeatureSpec *fs, Err *err);
/* Output width for an input of width d_in. */
int features_dim(const FeatureSpec *fs, int d_in);
/* Binds fs to inputs of width d_in: 2 keeps it; 1 keeps the features of x1
 * alone (poly:D becomes x1..x1^D; a named feature of x2 is an error); any
 * other width with an expansion is an error. Binding twice is harmless. */
int features_bind(FeatureSpec *fs, int d_in, const char *data_name, Err *err);
/* Expand n rows of input x (n x fs->d_in) into out (n x features_dim). */
void features_expand(const FeatureSpec *fs, const double *x, int n, double *out);
/* Binds fs to ds's width, then replaces ds->X by its expansion. */
int features_apply(FeatureSpec *fs, Dataset *ds, Err *err);
/* Human name of feature i ("x1^2", "x1^3x2^2"), written into buf. */
void features_name(const FeatureSpec *fs, int i, char *buf, int size);

#endif
