/* problem: one learning problem, prepared once and shared read-only by every
 * trainer that works on it (compare mode runs several on one Problem).
 *
 * raw data -> feature expansion -> seeded split -> standardization with the
 * training split's statistics. The raw 2-D points are kept for plotting, and
 * problem_transform maps any raw input (a boundary grid cell) the same way. */
#ifndef REGSCOPE_PROBLEM_H
#define REGSCOPE_PROBLEM_H

#include <stddef.h>
#include "data.h"
#include "expansion.h"

typedef struct {
    Dataset raw_train, raw_val; /* before expansion: what the user plots */
    Dataset train, val;         /* expanded and standardized: what models see */
    FeatureSpec features;
    Standardizer std;
    Task task;
    int n_classes; /* 0 for regression */
    int d_raw, d;  /* input width before and after expansion */
    /* the group lasso's groups of the d model inputs (colgroups.c):
     * columns group_cols[group_start[g] .. group_start[g+1]) form group g;
     * n_groups 0 until problem_set_groups */
    int n_groups;
    int *group_start, *group_cols;
} Problem;

/* Builds from raw (not consumed). features: NULL/"" or a features spec (only
 * for 2-D raw data). val_ratio in [0, 1). */
int problem_build(Problem *p, const Dataset *raw, const char *features, double val_ratio,
                  int standardize, uint64_t seed, Err *err);
void problem_free(Problem *p);
/* The groups of p's inputs: spec "a,b,c;d,e" (input names or 1-based
 * indices; each column in one group at most; the others groups of one), or
 * for "" the categorical columns' dummies (consecutive inputs named
 * COLUMN=level with one COLUMN). Replaces any groups before. */
int problem_set_groups(Problem *p, const char *spec, Err *err);
/* raw (n x d_raw) -> out (n x d): expansion then standardization. */
void problem_transform(const Problem *p, const double *raw, int n, double *out);

/* The centres of a gw x gh grid over [x0, x1] x [y0, y1], row 0 at y0, as
 * raw 2-D points (gw*gh x 2): where a decision boundary is sampled. */
void grid_points(double x0, double x1, double y0, double y1, int gw, int gh, double *raw);
/* Model outputs (cells x k) to what the boundary draws per cell: the value
 * (the prediction, the probability of class 1, or that of the predicted
 * class) and the predicted class (0 for regression). */
void grid_classes(const double *out, size_t cells, int k, Task task, double *value, int *cls);

#endif
