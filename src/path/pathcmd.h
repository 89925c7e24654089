/* pathcmd: `regscope --headless --path`: the regularization path of a
 * linear model as JSON Lines (one record per lambda, largest first, then a
 * summary record), optionally cross-validated (--cv K, or the folds of
 * --foldid). */
#ifndef REGSCOPE_PATHCMD_H
#define REGSCOPE_PATHCMD_H

#include <stdio.h>

#include "config.h"
#include "path.h"
#include "problem.h"

/* Returns the exit status (0, 1 internal, 2 bad usage/input) with the
 * message in err, as headless_run. */
int path_headless_run(const Config *c, FILE *out, Err *err);

/* The folds cross-validation on train uses: with --foldid, the number of
 * distinct fold numbers of train's rows (which --cv, when given, must
 * equal); else --cv K, or want when --cv is not given. -1 with err when
 * --foldid cannot be used. */
int path_cv_folds_for(const Config *c, const Dataset *train, int want, Err *err);

/* The path options of c's penalty (family, gamma) on p, with p's groups
 * viewed in *groups (which must live as long as opt's use). */
void path_options_for(const Config *c, const Problem *p, PenaltyGroups *groups, PathOptions *opt);

#endif
